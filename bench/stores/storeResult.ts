// What the store benchmark records: per store, each drop of the store on the
// app (with the sqlite3 listing timed just before and after it), the probe
// page's measurements (run-list queries, opening runs), and the sqlite3
// answer checked against the app's first page.
import type { CpuUse } from '../browser/benchBrowser.ts';
import type { StoreFacts } from '../generate-stores.ts';
import type { Stat } from '../stats.ts';

/** A store the benchmark drops: generated, or the producer's own file. */
export interface BenchStore {
  readonly name: string;
  readonly note: string;
  readonly path: string;
  readonly fileBytes: number;
  /** What a generated store holds; null for the producer's file. */
  readonly facts: StoreFacts | null;
  /** Runs opened from the store and from their own JSON files: [execution id, steps, layout, JSON file]. */
  readonly openRuns: ReadonlyArray<readonly [string, number, string, string]>;
}

/** One drop of a store on the app, in a fresh browser. */
export interface DropResult {
  ok: boolean;
  error: string | null;
  loadAverage: { before: number[]; after: number[] };
  /** How long the opened app took to settle before the store was given. */
  settleMs: number;
  /** From the file input's change event: the run browser shown (index built), the first run row in the grid. */
  browserShownMs: number | null;
  firstRowMs: number | null;
  /** The run browser's count once the first page is shown ("10,002 of 10,002 runs"). */
  countText: string | null;
  cpu: CpuUse | null;
  memory: {
    /** The renderer's resident memory once the app settled, before the store was given (VmRSS). */
    rendererRssBeforeBytes: number;
    /** The renderer's peak resident memory (VmHWM) once the first page is shown: page, workers, SQLite's heap. */
    rendererPeakRssBytes: number;
    /** Peak JS heap, page + workers in one sample (CDP; a busy worker answers late, see bench/README.md). */
    peakJsHeapBytes: number;
    samples: number;
  } | null;
  notes: string[];
}

export interface DropRepeat {
  readonly drop: DropResult;
  /** The sqlite3 listing just before and just after this drop. */
  readonly cliMs: readonly [number, number];
  /** Drop to first row / the mean of the two sqlite3 listings. */
  readonly ratio: number | null;
}

export interface OpenRunResult {
  readonly executionId: string;
  readonly layout: string;
  readonly steps: number | null;
  readonly jsonBytes: number;
  /** In turns: store, file, store, file... (the first of each is the cold one). */
  readonly fromStoreMs: number[];
  readonly fromJsonMs: number[];
  /** First open from the store / first load of the file. */
  readonly coldRatio: number | null;
  /** Median of the later opens / median of the later loads. */
  readonly warmRatio: number | null;
  /** The renderer's peak resident memory once this run was opened and loaded (VmHWM). */
  readonly rendererPeakRssBytes: number;
  readonly error?: string;
}

export interface ProbeResult {
  ok: boolean;
  error: string | null;
  /** On the probe page (no UI), from the change event: openStore answered, first query answered, rows in the DOM. */
  openMs: number | null;
  queryMs: number | null;
  firstRowMs: number | null;
  queries: Array<{ name: string; total: number | null; stat: Stat | null }>;
  facets: Stat | null;
  openRuns: OpenRunResult[];
  notes: string[];
}

export interface StoreResult {
  readonly name: string;
  readonly note: string;
  readonly fileBytes: number;
  readonly facts: StoreFacts | null;
  readonly runs: number | null;
  readonly cli: {
    readonly version: string;
    /** Every listing timed for this store (before and after each drop). */
    readonly listingMs: number[];
    /** The producer's query_histories, before the drops. */
    readonly producerMs: number[];
    /** sqlite3's listing against the app's first page (probe page): same runs, order and fields. */
    readonly sameAsApp: { readonly same: boolean; readonly detail: string } | null;
  };
  readonly drops: DropRepeat[];
  /** The drop with the median ratio. */
  readonly median: DropRepeat | null;
  readonly probe: ProbeResult | null;
}
