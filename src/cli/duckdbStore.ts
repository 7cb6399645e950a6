// A DuckDB store (dataknobs_data's AsyncDuckDBDatabase file) for the CLI,
// with the surface of SqliteStore the `summary` command uses: info, runs(),
// runFileName(), loadRun(), close(). The file is opened READ_ONLY through
// @duckdb/node-api, with file system access from SQL turned off (a store
// cannot make us read other files). Record tables are found by their five
// columns, whatever they are called; each is scanned once for the small
// fields of each row (json_type / json_extract on `data`, never the steps),
// shaped into runs by runGrouping.ts (the same rules as the SQLite index).
// Loading a run reads its rows again: a history row's history_data as JSON
// text to the streaming loader, step rows to stepRowsRun, through
// loadStoreRun as SqliteStore does. Values are always bound parameters; table names come
// from DuckDB's catalog and are quoted. DuckDB's JSON may hold Python's bare
// NaN (it accepts it on insert); the explorer's parser does too.
import { statSync } from 'node:fs';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { parseJsonText } from '../model/decode.ts';
import { LoadError, loadError } from '../model/errors.ts';
import {
  type LoadRunOptions,
  loadStoreRun,
  type RunRows,
  storeRunFileName,
} from '../model/store/loadStoreRun.ts';
import { FIELD_PATHS, RunGrouper, rowFieldsOf, type StepRowRef } from '../model/store/runGrouping.ts';
import type { StepRowInput } from '../model/store/stepRowsRun.ts';
import { noRecordTables, RECORD_COLUMNS } from '../model/store/storeTables.ts';
import type { StoreInfo, StoreRun } from '../model/store/storeTypes.ts';
import type { FileLoadResult } from '../model/types.ts';

/** A quoted DuckDB identifier (names come from the catalog, never from the user). */
function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const pathList = (paths: readonly string[]): string => `[${paths.map((p) => `'${p}'`).join(', ')}]`;

/** One scan per table: every JSON read is guarded by json_valid so one bad row cannot stop it. */
function scanSql(table: string): string {
  return `SELECT rowid, CAST(id AS VARCHAR), ok,
      CASE WHEN ok THEN json_type(data, ['$.history_data', '$.step_data']) END,
      CASE WHEN ok THEN json_extract(data, ${pathList(FIELD_PATHS)}) END,
      CASE WHEN NOT ok THEN CAST(data AS VARCHAR) END,
      CASE WHEN metadata IS NULL OR json_valid(metadata) THEN CAST(metadata AS VARCHAR) END,
      metadata IS NOT NULL AND NOT json_valid(metadata)
    FROM (SELECT rowid, id, data, metadata, coalesce(json_valid(data), false) AS ok FROM ${table})
    ORDER BY rowid`;
}

/** A scalar's JSON text (as json_extract gives it) as a JS value; objects and arrays are not wanted here. */
function scalar(jsonText: unknown): unknown {
  if (typeof jsonText !== 'string') return null;
  const c = jsonText.charCodeAt(0);
  if (c === 0x7b || c === 0x5b) return null;
  try {
    return parseJsonText(jsonText, '').value;
  } catch {
    return null;
  }
}

/** Which of history_data / step_data the row has, from DuckDB's json_type of each (OBJECT, or VARCHAR: a JSON string). */
function rowKind(types: readonly unknown[]): 'history' | 'step' | null {
  const isKind = (t: unknown) => t === 'OBJECT' || t === 'VARCHAR';
  return isKind(types[0]) ? 'history' : isKind(types[1]) ? 'step' : null;
}

interface RecordTable {
  /** As shown in messages: the table name, schema-qualified outside `main`. */
  readonly name: string;
  /** As written in SQL. */
  readonly sql: string;
}

export class DuckdbStore implements RunRows {
  private readonly byName: ReadonlyMap<string, RecordTable>;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly info: StoreInfo,
    private readonly runList: readonly StoreRun[],
    private readonly stepRowRefs: ReadonlyMap<string, readonly StepRowRef[]>,
    tables: readonly RecordTable[],
  ) {
    this.byName = new Map(tables.map((t) => [t.name, t]));
  }

  /**
   * Opens the DuckDB file at `path` read-only and lists its runs. Throws
   * LoadError naming `fileName` when it cannot be opened or has no table of the record shape.
   */
  static async open(path: string, fileName: string): Promise<DuckdbStore> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, {
        access_mode: 'READ_ONLY',
        enable_external_access: 'false',
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
      });
    } catch (err) {
      throw loadError('invalid', fileName, `could not be opened as a DuckDB database (${reason(err)})`);
    }
    let conn: DuckDBConnection | null = null;
    try {
      conn = await instance.connect();
      let found: { record: RecordTable[]; other: string[] };
      try {
        found = await findRecordTables(conn);
      } catch (err) {
        throw loadError('invalid', fileName, `is not a readable DuckDB database (${reason(err)})`);
      }
      if (found.record.length === 0) throw noRecordTables(fileName, found.other);
      const builder = new RunGrouper();
      for (const table of found.record) await scanTable(conn, table, builder, fileName);
      const index = builder.finish();
      let size = 0;
      try {
        size = statSync(path).size;
      } catch {
        // the size is informative only
      }
      const info: StoreInfo = {
        fileName,
        engine: 'duckdb',
        size,
        tables: index.tables,
        otherTables: found.other,
        runs: index.runs.length,
        problems: index.problems,
      };
      return new DuckdbStore(instance, conn, info, index.runs, index.stepRows, found.record);
    } catch (err) {
      conn?.closeSync();
      instance.closeSync();
      throw err;
    }
  }

  /** Runs by key, or all of them in key order. */
  runs(keys?: readonly number[]): StoreRun[] {
    if (keys === undefined) return [...this.runList];
    const out: StoreRun[] = [];
    for (const key of keys) {
      const run = this.runList[key - 1];
      if (run) out.push(run);
    }
    return out;
  }

  /** The name a run opened from this store carries: `store.duckdb › table › id`. */
  runFileName(run: StoreRun): string {
    return storeRunFileName(this.info.fileName, run);
  }

  /** Loads one run with the explorer's loaders. Never throws: failures name the store, table and row. */
  loadRun(key: number, opts: LoadRunOptions = {}): Promise<FileLoadResult> {
    return loadStoreRun(this.info.fileName, key, this.runs([key])[0], this, opts);
  }

  private table(name: string): RecordTable {
    const t = this.byName.get(name);
    if (!t) throw new Error(`no record table ${name}`);
    return t;
  }

  /** history_data as JSON bytes: an object as DuckDB renders it, a JSON string's text as it is. */
  async historyBytes(run: StoreRun): Promise<Uint8Array | null> {
    const rows = (
      await this.conn.runAndReadAll(
        `SELECT CASE WHEN json_type(data, '$.history_data') = 'VARCHAR'
            THEN json_extract_string(data, '$.history_data')
            ELSE CAST(json_extract(data, '$.history_data') AS VARCHAR) END
          FROM ${this.table(run.table).sql} WHERE rowid = $1`,
        [BigInt(run.rowId)],
      )
    ).getRowsJS();
    const text = rows[0]?.[0];
    return typeof text === 'string' ? new TextEncoder().encode(text) : null;
  }

  /** The run's step rows as listed (rows saved after the listing are not taken). */
  async stepRows(run: StoreRun): Promise<StepRowInput[]> {
    const exec = run.executionId ?? run.id;
    const refs = this.stepRowRefs.get(exec) ?? [];
    const wanted = new Map<string, Set<number>>();
    for (const ref of refs) {
      let set = wanted.get(ref.table);
      if (!set) {
        set = new Set();
        wanted.set(ref.table, set);
      }
      set.add(ref.rowId);
    }
    const rows: StepRowInput[] = [];
    for (const [table, rowIds] of wanted) {
      const result = (
        await this.conn.runAndReadAll(
          `SELECT rowid, CAST(id AS VARCHAR), CAST(data AS VARCHAR) FROM ${this.table(table).sql}
           WHERE CASE WHEN json_valid(data) THEN json_extract_string(data, '$.execution_id') END = $1`,
          [exec],
        )
      ).getRowsJS();
      for (const r of result) {
        const rowId = Number(r[0]);
        if (rowIds.has(rowId)) rows.push({ table, rowId, id: String(r[1]), data: String(r[2]) });
      }
    }
    return rows;
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

async function findRecordTables(conn: DuckDBConnection): Promise<{ record: RecordTable[]; other: string[] }> {
  const tables = (
    await conn.runAndReadAll(
      `SELECT table_oid, schema_name, table_name FROM duckdb_tables()
       WHERE database_name = current_database() AND NOT internal AND NOT temporary
       ORDER BY table_oid`,
    )
  ).getRowsJS();
  const columns = (
    await conn.runAndReadAll(
      `SELECT table_oid, lower(column_name) FROM duckdb_columns()
       WHERE database_name = current_database() AND NOT internal`,
    )
  ).getRowsJS();
  const byTable = new Map<string, Set<string>>();
  for (const [oid, col] of columns) {
    const key = String(oid);
    let set = byTable.get(key);
    if (!set) {
      set = new Set();
      byTable.set(key, set);
    }
    set.add(String(col));
  }
  const record: RecordTable[] = [];
  const other: string[] = [];
  for (const [oid, schema, table] of tables) {
    const name = schema === 'main' ? String(table) : `${String(schema)}.${String(table)}`;
    const cols = byTable.get(String(oid)) ?? new Set<string>();
    if (RECORD_COLUMNS.every((c) => cols.has(c))) {
      record.push({ name, sql: `${quoteIdent(String(schema))}.${quoteIdent(String(table))}` });
    } else other.push(name);
  }
  return { record, other };
}

/** Why a row's data is not JSON, with line and column, from the explorer's own parser. */
function jsonProblem(raw: unknown, where: string, fileName: string): string {
  if (typeof raw !== 'string') return `${where}: data is not JSON text`;
  try {
    parseJsonText(raw, fileName, `${where}: data`);
    return `${where}: data is not JSON DuckDB can read`;
  } catch (err) {
    if (err instanceof LoadError) return err.message.slice(fileName.length + 2);
    return `${where}: data could not be read (${reason(err)})`;
  }
}

async function scanTable(
  conn: DuckDBConnection,
  table: RecordTable,
  builder: RunGrouper,
  fileName: string,
): Promise<void> {
  builder.table(table.name);
  let last: number | null = null;
  try {
    const result = await conn.stream(scanSql(table.sql));
    for await (const rows of result.yieldRowsJs()) {
      for (const r of rows) {
        const rowId = Number(r[0]);
        const id = String(r[1]);
        last = rowId;
        const ok = r[2] === true;
        const head = {
          rowId,
          id,
          metadata: typeof r[6] === 'string' ? r[6] : null,
          metadataInvalid: r[7] === true,
        };
        if (!ok) {
          builder.add(head, {
            problem: jsonProblem(r[5], `table ${table.name} row ${rowId} (id ${id})`, fileName),
          });
          continue;
        }
        const types = Array.isArray(r[3]) ? r[3] : [];
        builder.add(head, rowFieldsOf(rowKind(types), Array.isArray(r[4]) ? r[4].map(scalar) : []));
      }
    }
  } catch (err) {
    builder.problem(
      last === null
        ? `table ${table.name}: could not be read (${reason(err)})`
        : `table ${table.name}: rows after rowid ${last} could not be read (${reason(err)}); the runs read so far are listed`,
    );
  }
}
