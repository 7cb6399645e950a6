// What the JSON benchmark records for one size (one load in a fresh browser),
// and which of several repeated runs it reports.
import type { CpuUse } from '../browser/benchBrowser.ts';
import type { Stat } from '../stats.ts';
import { medianBy } from '../stats.ts';

export interface SizeResult {
  name: string;
  shape: string;
  steps: number;
  fileBytes: number;
  loadAverage: { before: number[]; after: number[] };
  load: { ok: boolean; ms: number | null; signal: string; message?: string };
  /** Where the load time went: until the worker's last message (the result) arrived, its deserialisation, then the main thread until drawn. */
  loadPhases: { workerResultMs: number; deserializeMs: number; mainThreadMs: number } | null;
  jsonParse: {
    ok: boolean;
    ms: number | null;
    decodeMs?: number;
    parseMs?: number;
    readMs?: number;
    error?: string;
  };
  loadVsJsonParse: number | null;
  /** How long the opened page took to settle (waitForSettled) before the file was given. */
  settleMs?: number;
  /**
   * CPU time the browser used from handing it the file to the tree drawn (all
   * its processes, every thread: workers, V8's background threads, reading the
   * file), by process type, and how many cores that kept busy on average.
   * Read from /proc at 10 ms resolution.
   */
  loadCpu?: CpuUse | null;
  /**
   * The load (which reads the File) against reading the same File whole
   * (file.arrayBuffer()) and then TextDecoder + JSON.parse: both from the same
   * starting point. loadVsJsonParse leaves the read out of the baseline only.
   */
  loadVsReadAndParse?: number | null;
  /** With --repeat: every run's load, JSON.parse and ratio (this result is the median run). */
  repeats?: Array<{
    loadMs: number | null;
    jsonParseMs: number | null;
    readMs: number | null;
    ratio: number | null;
  }>;
  heap: {
    peakMainBytes: number;
    peakWorkerBytes: number;
    peakTotalBytes: number;
    samples: number;
    mainAfterLoadBytes: number;
    peakTotalVsFile: number;
    rendererPeakRssBytes: number;
  } | null;
  filter: { apply: Stat | null; clear: Stat | null; text: string } | null;
  select: Stat | null;
  frames: {
    frames: number;
    p95WorkMs: number | null;
    maxWorkMs: number | null;
    p95DeltaMs: number | null;
    over16ms: number;
  } | null;
  notes: string[];
}

/** The run with the median load ratio (the median load time where no ratio could be made). */
export function medianRun(runs: readonly SizeResult[]): SizeResult {
  return medianBy(runs, (r) => r.loadVsJsonParse ?? r.load.ms ?? Number.POSITIVE_INFINITY)!;
}
