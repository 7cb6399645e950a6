// `summary` on a store file (an SQLite or DuckDB database written by
// dataknobs_fsm's UnifiedDatabaseStorage), told apart from history files by
// its first bytes, not its name. The store is opened read-only (SQLite
// through SqliteStore over the file read on demand, DuckDB through
// DuckdbStore), its runs are listed and each is loaded with the explorer's
// loaders and handed to the sink one at a time, as the command reports JSON
// files: same facts, same layout. Each run is named `store.db › table › id`
// (SqliteStore.runFileName). A run that fails to load, and a part of the
// store that cannot be read, are errors naming the store, table and row; the
// other runs are still reported.
import { basename } from 'node:path';
import { isSqliteHeader, SqliteStore } from '../model/store/sqliteStore.ts';
import type { StoreInfo, StoreRun } from '../model/store/storeTypes.ts';
import type { FileLoadResult, Run } from '../model/types.ts';
import { FileByteSource, readHead } from './fileByteSource.ts';
import { describeLoadError } from './readHistory.ts';
import { clean } from './summaryText.ts';

export type StoreKind = 'sqlite' | 'duckdb';

/** What the file holds, by its first 16 bytes: an SQLite or DuckDB database, or null (anything else, or unreadable). */
export function storeKind(path: string): StoreKind | null {
  const head = readHead(path, 16);
  if (head === null) return null;
  if (isSqliteHeader(head)) return 'sqlite';
  if (isDuckdbHeader(head)) return 'duckdb';
  return null;
}

/** DuckDB's file header: an 8-byte checksum, then the magic "DUCK". */
export function isDuckdbHeader(head: Uint8Array): boolean {
  return head.byteLength >= 12 && String.fromCharCode(...head.subarray(8, 12)) === 'DUCK';
}

/** What the command needs of a store; SqliteStore and DuckdbStore both have it. */
export interface CliStore {
  readonly info: StoreInfo;
  runs(): StoreRun[];
  runFileName(run: StoreRun): string;
  loadRun(key: number): Promise<FileLoadResult>;
  close(): void;
}

/** One loaded run of a store. */
export interface StoreEntry {
  /** `path › table › id`: the run's name in text output and in its warnings. */
  readonly name: string;
  /** `base name › table › id`: its key in the JSON document. */
  readonly key: string;
  readonly runs: readonly Run[];
}

export interface StoreSink {
  /** The store is open: `listed` runs in it, `selected` of them to be reported. */
  opened(info: StoreInfo, heading: string, listed: number, selected: number): void;
  run(entry: StoreEntry): void;
  /** A run, or a part of the store, that could not be read (exit code 2). */
  error(message: string): void;
  /** Something skipped that does not lose a run (a row of another kind, bad metadata). */
  note(message: string): void;
}

export interface StoreSummary {
  /** False when the store could not be opened at all (reported through sink.error). */
  readonly opened: boolean;
  /** The --run ids that matched a run of this store. */
  readonly matched: ReadonlySet<string>;
}

const ENGINE_NAMES: Record<StoreInfo['engine'], string> = {
  sqlite: 'SQLite',
  duckdb: 'DuckDB',
  postgres: 'PostgreSQL',
  files: 'loaded files',
};

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** `store.db: SQLite store, 6 runs (table records)`; with --run (or `by`), how many were selected. */
export function storeHeading(path: string, info: StoreInfo, selected: number | null, by = '--run'): string {
  const runs = info.runs === 0 ? 'no runs' : plural(info.runs, 'run');
  const chosen = selected === null ? '' : `, ${selected.toLocaleString('en-US')} selected by ${by}`;
  const names = info.tables.map((t) => clean(t.name)).join(', ');
  const tables = `${info.tables.length === 1 ? 'table' : 'tables'} ${names}`;
  const rowCount = info.tables.reduce((n, t) => n + t.rows, 0);
  const rows = info.runs === 0 ? `, ${plural(rowCount, 'row')}` : '';
  return `${clean(path)}: ${ENGINE_NAMES[info.engine]} store, ${runs}${chosen} (${tables}${rows})`;
}

/** Listing problems that mean rows were lost (an unreadable table or page), as opposed to rows skipped on purpose. */
export function isReadFailure(problem: string): boolean {
  return /could not be read/.test(problem);
}

async function openStore(
  path: string,
  kind: StoreKind,
): Promise<{ store: CliStore; source?: FileByteSource }> {
  if (kind === 'duckdb') {
    const { DuckdbStore } = await import('./duckdbStore.ts');
    return { store: await DuckdbStore.open(path, path) };
  }
  const source = new FileByteSource(path);
  try {
    return { store: await SqliteStore.open(source, path), source };
  } catch (err) {
    source.close();
    throw err;
  }
}

function openFailure(path: string, err: unknown): string {
  const info = (err as { info?: unknown } | null)?.info;
  if (info && typeof info === 'object' && 'message' in info) {
    return describeLoadError(path, info as Parameters<typeof describeLoadError>[1]);
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return `${path}: no such file`;
  if (code === 'EACCES') return `${path}: permission denied`;
  return `${path}: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * Reports every run of the store at `path` (only those whose execution id or
 * id column is in `wanted`, when it is not empty) to `sink`. Never throws.
 */
export async function summarizeStore(
  path: string,
  kind: StoreKind,
  wanted: ReadonlySet<string>,
  sink: StoreSink,
): Promise<StoreSummary> {
  const matched = new Set<string>();
  let opened: { store: CliStore; source?: FileByteSource };
  try {
    opened = await openStore(path, kind);
  } catch (err) {
    sink.error(openFailure(path, err));
    return { opened: false, matched };
  }
  const { store, source } = opened;
  try {
    const all = store.runs();
    const selected =
      wanted.size === 0
        ? all
        : all.filter((run) => {
            const ids = [run.executionId, run.id].filter((id): id is string => id !== null && wanted.has(id));
            for (const id of ids) matched.add(id);
            return ids.length > 0;
          });
    const heading = storeHeading(path, store.info, wanted.size === 0 ? null : selected.length);
    sink.opened(store.info, heading, all.length, selected.length);
    for (const problem of store.info.problems) {
      if (isReadFailure(problem)) sink.error(`${path}: ${problem}`);
      else sink.note(`${path}: ${problem}`);
    }
    const base = basename(path);
    for (const run of selected) {
      const result = await store.loadRun(run.key);
      if (!result.ok) {
        sink.error(describeLoadError(path, result.error));
        continue;
      }
      sink.run({
        name: store.runFileName(run),
        key: `${base} › ${run.table} › ${run.id}`,
        runs: result.runs,
      });
    }
    return { opened: true, matched };
  } finally {
    store.close();
    source?.close();
  }
}
