// One open SQLite store: what the store worker and the CLI hold while a user
// browses it. open() finds the record tables and builds the run index (no
// step is read); query() and facets() are SQL over that index; loadRun()
// reads one run's rows and hands them to the explorer's loaders: a history
// row's history_data to the streaming loader (as a history file), step rows
// to stepRowsRun. The file is opened read-only through sqliteEngine's VFS.
import type { Database } from '@sqlite.org/sqlite-wasm';
import { loadError } from '../errors.ts';
import type { FileLoadResult } from '../types.ts';
import type { SyncByteSource } from './byteSource.ts';
import {
  errorReason,
  type LoadRunOptions,
  loadStoreRun,
  type RunRows,
  storeRunFileName,
} from './loadStoreRun.ts';
import { readRowPrefix } from './rowPrefix.ts';
import type { StepRowRef } from './runGrouping.ts';
import { orderClause, RUN_INDEX, type SqlParam, whereClause } from './runQuerySql.ts';
import { sqliteEngine } from './sqliteEngine.ts';
import type { StepRowInput } from './stepRowsRun.ts';
import { buildStoreIndex } from './storeIndex.ts';
import { findRecordTables, noRecordTables, quoteIdent } from './storeTables.ts';
import type { RunPage, RunQuery, StoreFacets, StoreInfo, StoreRun, ValueCount } from './storeTypes.ts';

/** The first 16 bytes of every SQLite database file. */
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export function isSqliteHeader(head: Uint8Array): boolean {
  if (head.byteLength < 16) return false;
  for (let i = 0; i < 16; i++) if (head[i] !== SQLITE_MAGIC.charCodeAt(i)) return false;
  return true;
}

const COLUMNS =
  'key, kind, table_name, row_id, id, execution_id, fsm_name, status, data_mode, start_time, end_time, duration, steps, failed, skipped, step_rows, compressed, metadata, problem';

function toRun(r: unknown[]): StoreRun {
  const n = (v: unknown) => (typeof v === 'number' ? v : null);
  const s = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    key: r[0] as number,
    kind: r[1] as StoreRun['kind'],
    table: String(r[2]),
    rowId: r[3] as number,
    id: String(r[4]),
    executionId: s(r[5]),
    fsmName: s(r[6]),
    status: s(r[7]),
    dataMode: s(r[8]),
    startTime: n(r[9]),
    endTime: n(r[10]),
    duration: n(r[11]),
    steps: n(r[12]),
    failed: n(r[13]),
    skipped: n(r[14]),
    stepRows: n(r[15]) ?? 0,
    compressed: r[16] === 1,
    metadata: s(r[17]),
    problem: s(r[18]),
  };
}

const TAIL = /,\s*"created_at"\s*:\s*-?[\d.eE+-]+\s*,\s*"updated_at"\s*:\s*-?[\d.eE+-]+\s*\}\s*$/;

/** The bytes of a history row's history_data object, when the row has the producer's layout; else null. */
export function historySlice(data: Uint8Array): Uint8Array | null {
  const head = new TextDecoder().decode(data.subarray(0, 1024));
  const f = readRowPrefix(head);
  if (f?.kind !== 'history' || f.valueAt === null) return null;
  // Character and byte offsets agree only while the text is ASCII (json.dumps writes ensure_ascii).
  for (let i = 0; i < f.valueAt; i++) if (head.charCodeAt(i) > 0x7f) return null;
  const tailFrom = Math.max(f.valueAt, data.byteLength - 256);
  const tail = new TextDecoder().decode(data.subarray(tailFrom));
  const m = TAIL.exec(tail);
  if (!m) return null;
  let end = tailFrom + m.index;
  while (end > f.valueAt && isSpace(data[end - 1]!)) end--;
  if (data[f.valueAt] !== 0x7b || data[end - 1] !== 0x7d) return null;
  return data.subarray(f.valueAt, end);
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** SQLite's json_tree path (`$."tenant_id"`, `$.user.id`) as the dotted key the filter takes. */
export function dottedKey(fullkey: string): string {
  const parts: string[] = [];
  for (const m of fullkey.slice(1).matchAll(/\."([^"]*)"|\.([^."[]+)/g)) parts.push(m[1] ?? m[2] ?? '');
  return parts.join('.');
}

export type { LoadRunOptions } from './loadStoreRun.ts';

export class SqliteStore implements RunRows {
  private constructor(
    private readonly db: Database,
    readonly info: StoreInfo,
    private readonly stepRowRefs: ReadonlyMap<string, readonly StepRowRef[]>,
  ) {}

  /**
   * Opens a store and lists its runs. Throws LoadError naming the file when it
   * is not an SQLite database or has no table of the record shape.
   */
  static async open(source: SyncByteSource, fileName: string): Promise<SqliteStore> {
    const engine = await sqliteEngine();
    let db: Database;
    try {
      db = engine.open(source);
    } catch (err) {
      throw loadError('invalid', fileName, `could not be opened as an SQLite database (${errorReason(err)})`);
    }
    try {
      let found: ReturnType<typeof findRecordTables>;
      try {
        found = findRecordTables(db);
      } catch (err) {
        throw loadError('invalid', fileName, `is not a readable SQLite database (${errorReason(err)})`);
      }
      if (found.record.length === 0) throw noRecordTables(fileName, found.other);
      const built = buildStoreIndex(db, found.record, fileName);
      const info: StoreInfo = {
        fileName,
        engine: 'sqlite',
        size: source.size,
        tables: built.tables,
        otherTables: found.other,
        runs: built.runs,
        problems: built.problems,
      };
      return new SqliteStore(db, info, built.stepRows);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** One page of the runs matching `q`. Throws QueryError for a query that cannot be run. */
  query(q: RunQuery, offset: number, limit: number): RunPage {
    const where = whereClause(q);
    const params: SqlParam[] = [
      ...where.params,
      Math.max(0, Math.floor(limit)),
      Math.max(0, Math.floor(offset)),
    ];
    const rows = this.db.selectArrays(
      `SELECT ${COLUMNS} FROM ${RUN_INDEX} ${where.sql} ${orderClause(q)} LIMIT ? OFFSET ?`,
      params,
    ) as unknown[][];
    const countSql = `SELECT count(*) FROM ${RUN_INDEX} ${where.sql}`;
    const total = (
      where.params.length > 0 ? this.db.selectValue(countSql, where.params) : this.db.selectValue(countSql)
    ) as number;
    return { total, offset, rows: rows.map(toRun) };
  }

  /** Runs by key (for the CLI's --run and for opening). */
  runs(keys?: readonly number[]): StoreRun[] {
    if (keys === undefined) {
      return (this.db.selectArrays(`SELECT ${COLUMNS} FROM ${RUN_INDEX} ORDER BY key`) as unknown[][]).map(
        toRun,
      );
    }
    const out: StoreRun[] = [];
    for (const key of keys) {
      const r = this.db.selectArray(`SELECT ${COLUMNS} FROM ${RUN_INDEX} WHERE key = ?`, [key]) as
        | unknown[]
        | undefined;
      if (r) out.push(toRun(r));
    }
    return out;
  }

  facets(): StoreFacets {
    const counts = (sql: string): ValueCount[] =>
      (this.db.selectArrays(sql) as unknown[][]).map((r) => ({ value: String(r[0]), count: r[1] as number }));
    return {
      fsmNames: counts(
        `SELECT fsm_name, count(*) FROM ${RUN_INDEX} WHERE fsm_name IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 500`,
      ),
      statuses: counts(
        `SELECT status, count(*) FROM ${RUN_INDEX} WHERE status IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1`,
      ),
      metadataKeys: counts(
        `SELECT j.fullkey, count(DISTINCT r.key) FROM ${RUN_INDEX} r, json_tree(r.metadata) j
         WHERE r.metadata IS NOT NULL AND j.type NOT IN ('object', 'array') AND j.fullkey NOT LIKE '%]%'
         GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200`,
      )
        .map((c) => ({ value: dottedKey(c.value), count: c.count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
    };
  }

  /** The name a run opened from this store carries: `store.db › table › id`. */
  runFileName(run: StoreRun): string {
    return storeRunFileName(this.info.fileName, run);
  }

  /** Loads one run with the explorer's loaders. Never throws: failures name the store, table and row. */
  loadRun(key: number, opts: LoadRunOptions = {}): Promise<FileLoadResult> {
    return loadStoreRun(this.info.fileName, key, this.runs([key])[0], this, opts);
  }

  /**
   * history_data as JSON bytes. The producer writes it as the last member but
   * created_at and updated_at, so it is cut out of the row's own bytes where
   * they have that shape (no JSON parsed in SQLite, no copy rendered: a
   * 100,000-step run is a few hundred MB); otherwise SQLite's json_extract
   * renders it (an object) or gives its text (a JSON string).
   */
  historyBytes(run: StoreRun): Uint8Array | null {
    const raw = this.db.selectValue(
      `SELECT CAST(data AS BLOB) FROM ${quoteIdent(run.table)} WHERE rowid = ?`,
      [run.rowId],
    );
    if (raw instanceof Uint8Array) {
      const cut = historySlice(raw);
      if (cut !== null) return cut;
    }
    const r = this.db.selectValue(
      `SELECT CAST(json_extract(data, '$.history_data') AS BLOB) FROM ${quoteIdent(run.table)} WHERE rowid = ?`,
      [run.rowId],
    );
    return r instanceof Uint8Array ? r : null;
  }

  /** The run's step rows as listed (rows saved after the listing are not taken). */
  stepRows(run: StoreRun): StepRowInput[] {
    const refs = this.stepRowRefs.get(run.executionId ?? run.id) ?? [];
    const rows: StepRowInput[] = [];
    for (const { table, rowId } of refs) {
      const r = this.db.selectArray(
        `SELECT id, CAST(data AS TEXT) FROM ${quoteIdent(table)} WHERE rowid = ?`,
        [rowId],
      ) as unknown[] | undefined;
      if (r) rows.push({ table, rowId, id: String(r[0]), data: String(r[1]) });
    }
    return rows;
  }

  close(): void {
    this.db.close();
  }
}
