// Opening one run of a store, for every backend: a history row's
// history_data goes to the streaming loader as if it were a history file,
// step rows go to stepRowsRun. The backend only reads rows (its RunRows);
// what the run is called and every failure message (naming the store, table
// and row) are decided here, once. Never throws.
import { loadHistoryStream, type StreamInput } from '../stream/loadHistoryStream.ts';
import type { FileLoadResult, LoadProgress } from '../types.ts';
import { QueryError } from './runQuerySql.ts';
import { type StepRowInput, stepRowsRun } from './stepRowsRun.ts';
import { rowPlace, type StoreRun } from './storeTypes.ts';

export interface LoadRunOptions {
  readonly onProgress?: (p: LoadProgress) => void;
  readonly signal?: AbortSignal;
  /** Loads history_data's bytes under the run's name; default the streaming loader here (the page passes its load worker). */
  readonly loadHistory?: (input: StreamInput, fileName: string) => Promise<FileLoadResult>;
}

/** How a backend reads the rows of one run. */
export interface RunRows {
  /** history_data as JSON bytes (or a Blob of them), or null when the row has none. */
  historyBytes(run: StoreRun): StreamInput | null | Promise<StreamInput | null>;
  /** The run's step rows as listed when the store was opened. */
  stepRows(run: StoreRun): StepRowInput[] | Promise<StepRowInput[]>;
}

/** The name a run opened from a store carries: `store.db › table › id`. */
export function storeRunFileName(storeName: string, run: StoreRun): string {
  return `${storeName} › ${run.table} › ${run.id}`;
}

/** An engine's error message without its prefixes: why, for a message naming the row. */
export function errorReason(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  // "SQLITE_CORRUPT: sqlite3 result code 11: database disk image is malformed" -> the last part.
  const i = m.lastIndexOf(': ');
  return i >= 0 ? m.slice(i + 2) : m;
}

/** Loads `run` (undefined: no run of that key) of the store named `storeName`. */
export async function loadStoreRun(
  storeName: string,
  key: number,
  run: StoreRun | undefined,
  rows: RunRows,
  opts: LoadRunOptions = {},
): Promise<FileLoadResult> {
  if (!run) {
    const message = `${storeName}: no run ${key} in this store`;
    return { ok: false, fileName: storeName, error: { fileName: storeName, kind: 'invalid', message } };
  }
  const name = storeRunFileName(storeName, run);
  const where = rowPlace(run.table, run.rowId, run.id);
  const fail = (message: string): FileLoadResult => ({
    ok: false,
    fileName: name,
    error: { fileName: name, kind: 'invalid', message: `${storeName}: ${where}: ${message}` },
  });
  if (run.kind === 'broken') return fail(run.problem ?? 'the row cannot be read');
  try {
    const result = await readRun(name, run, rows, opts);
    return result === null ? fail('history_data is missing') : withMetadata(result, run.metadata);
  } catch (err) {
    if (err instanceof QueryError) return fail(err.message);
    return fail(`could not be read (${errorReason(err)})`);
  }
}

/** The run read by the explorer's loaders; null when a history row has no history_data. */
async function readRun(
  name: string,
  run: StoreRun,
  rows: RunRows,
  opts: LoadRunOptions,
): Promise<FileLoadResult | null> {
  if (run.kind === 'history') {
    const bytes = await rows.historyBytes(run);
    if (bytes === null) return null;
    if (opts.loadHistory) return opts.loadHistory(bytes, name);
    return loadHistoryStream(bytes, name, {
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  }
  return stepRowsRun(await rows.stepRows(run), {
    fileName: name,
    indexInFile: 0,
    executionId: run.executionId ?? run.id,
    fsmName: run.fsmName,
  });
}

/** The run carries its row's metadata column, as a FileStorage run carries its record's. */
function withMetadata(result: FileLoadResult, metadata: string | null): FileLoadResult {
  if (!result.ok || metadata === null) return result;
  return { ...result, runs: result.runs.map((r) => ({ ...r, metadata })) };
}
