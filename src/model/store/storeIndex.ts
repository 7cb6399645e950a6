// Builds the run index of an SQLite store: one pass over each record table
// reading only the small fields of each row (json_extract in SQL, the steps'
// JSON is never read), then one row per run in a temporary table
// (RUN_INDEX) that the run browser's filters and sorts query, plus the
// rowids of each execution's step rows, so opening a run reads just those.
// The small fields come from the start of each row's text (rowPrefix.ts);
// SQLite's json_extract answers for the rows that reader is not sure of.
//
// A row whose `data` is not JSON becomes a 'broken' run naming its table and
// row. A page SQLite cannot read ("database disk image is malformed") ends
// the scan of that table there; the scan goes on past it where it can, and
// what was lost is reported, so every readable run stays listed.
import type { Database, PreparedStatement } from '@sqlite.org/sqlite-wasm';
import { parseJsonText } from '../decode.ts';
import { LoadError } from '../errors.ts';
import { errorReason } from './loadStoreRun.ts';
import { type RowFields, readRowPrefix } from './rowPrefix.ts';
import { FIELD_PATHS, RunGrouper, rowFieldsOf, type StepRowRef } from './runGrouping.ts';
import { RUN_INDEX } from './runQuerySql.ts';
import { quoteIdent } from './storeTables.ts';
import type { StoreRun, StoreTable } from './storeTypes.ts';

/** How many characters of `data` the prefix reader gets (the small fields come first). */
const PREFIX_CHARS = 1024;

/** Rows read per batch. */
const SCAN_BATCH = 2000;

/** Per row: its rowid and id, the start of its data, and its metadata when that is JSON. */
const ROW_COLUMNS = `rowid, id, substr(data, 1, ${PREFIX_CHARS}),
  CASE WHEN metadata IS NULL OR json_valid(metadata) THEN metadata END,
  metadata IS NOT NULL AND NOT json_valid(metadata)`;

/** The next rows one at a time (the slow path, past unreadable pages). */
function scanSql(table: string): string {
  return `SELECT ${ROW_COLUMNS} FROM ${quoteIdent(table)} WHERE rowid > ? ORDER BY rowid LIMIT ?`;
}

/**
 * The next rows as one JSON text: a row handed to JavaScript costs a few
 * microseconds per column, a batch one JSON.parse.
 */
function batchSql(table: string): string {
  return `SELECT json_group_array(json_array(${ROW_COLUMNS.replaceAll('rowid, id,', 'r, id,')}))
    FROM (SELECT rowid AS r, id, data, metadata FROM ${quoteIdent(table)} WHERE rowid > ? ORDER BY rowid LIMIT ?)`;
}

/** SQLite's own reading of a row's small fields, for rows the prefix reader is not sure of. */
const SLOW_FIELDS = `json_type(data, '$.history_data'), json_type(data, '$.step_data'),
  json_extract(data, ${FIELD_PATHS.map((p) => `'${p}'`).join(', ')})`;

export function slowFields(db: Database, table: string, rowId: number): RowFields | 'not-json' {
  const r = db.selectArray(
    `SELECT json_valid(data), CASE WHEN json_valid(data) THEN json_array(${SLOW_FIELDS}) END FROM ${quoteIdent(table)} WHERE rowid = ?`,
    [rowId],
  ) as unknown[] | undefined;
  if (r?.[0] !== 1 || typeof r[1] !== 'string') return 'not-json';
  // json_array keeps the multi-path json_extract's array as an array (it carries JSON's subtype).
  const [historyType, stepType, multi] = JSON.parse(r[1]) as [string | null, string | null, unknown];
  const isKind = (t: string | null) => t === 'object' || t === 'text';
  const kind = isKind(historyType) ? 'history' : isKind(stepType) ? 'step' : null;
  return rowFieldsOf(kind, Array.isArray(multi) ? multi : []);
}

export interface BuiltIndex {
  readonly tables: readonly StoreTable[];
  readonly runs: number;
  readonly problems: readonly string[];
  /** Each execution's step rows, in scan order. */
  readonly stepRows: ReadonlyMap<string, readonly StepRowRef[]>;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Why a row's data is not JSON, with line and column, from the explorer's own parser. */
function jsonProblem(db: Database, table: string, rowId: number, id: string, fileName: string): string {
  const where = `table ${table} row ${rowId} (id ${id})`;
  try {
    const raw = db.selectValue(`SELECT CAST(data AS TEXT) FROM ${quoteIdent(table)} WHERE rowid = ?`, [
      rowId,
    ]);
    if (typeof raw !== 'string') return `${where}: data is not JSON text`;
    parseJsonText(raw, fileName, `${where}: data`);
    return `${where}: data is not JSON SQLite can read`;
  } catch (err) {
    if (err instanceof LoadError) return err.message.slice(fileName.length + 2);
    return `${where}: data could not be read (${errorReason(err)})`;
  }
}

/**
 * Scans every record table, shapes the runs (runGrouping.ts) and writes them
 * into RUN_INDEX. Never throws for bad rows or pages: they become problems
 * and broken runs.
 */
export function buildStoreIndex(db: Database, tables: readonly string[], fileName: string): BuiltIndex {
  const grouper = new RunGrouper();
  for (const table of tables) {
    grouper.table(table);
    let stmt: PreparedStatement;
    let batch: PreparedStatement;
    try {
      stmt = db.prepare(scanSql(table));
      batch = db.prepare(batchSql(table));
    } catch (err) {
      grouper.problem(`table ${table}: could not be read (${errorReason(err)})`);
      continue;
    }
    const onRow = (r: unknown[]): void => {
      const head = {
        rowId: r[0] as number,
        id: String(r[1]),
        metadata: text(r[3]),
        metadataInvalid: r[4] === 1,
      };
      const prefix = typeof r[2] === 'string' ? readRowPrefix(r[2]) : null;
      const f = prefix ?? slowFields(db, table, head.rowId);
      grouper.add(
        head,
        f === 'not-json' ? { problem: jsonProblem(db, table, head.rowId, head.id, fileName) } : f,
      );
    };
    const state = { last: 0 };
    // An unreadable stretch: from the last row read before it, and why.
    let lost: { after: number; why: string } | null = null;
    const noteLost = (upTo: number | null): void => {
      if (lost === null) return;
      const range =
        upTo === null ? `rows after rowid ${lost.after}` : `rows ${lost.after + 1} to ${upTo - 1}`;
      grouper.problem(
        `table ${table}: ${range} could not be read (${lost.why}); the runs in them may be missing or incomplete`,
      );
      lost = null;
    };
    const readRow = (r: unknown[]): void => {
      noteLost(r[0] as number);
      onRow(r);
    };
    /** One batch row by row from `after`, stepping past unreadable pages; the last rowid read, or null at the end. */
    const slowBatch = (after: number): number | null => {
      let at = after;
      let count = 0;
      for (let attempt = 0; attempt < 40; attempt++) {
        try {
          stmt.reset();
          stmt.bind([at, SCAN_BATCH - count]);
          while (stmt.step()) {
            const r = stmt.get([]) as unknown[];
            state.last = r[0] as number;
            count++;
            readRow(r);
          }
          return count > 0 ? state.last : null;
        } catch (err) {
          // Past an unreadable page: try further and further on (rowids are dense in the producer's tables).
          lost ??= { after: state.last, why: errorReason(err) };
          at = Math.max(at, state.last) + 2 ** attempt;
        }
      }
      return null;
    };
    let after: number | null = 0;
    while (after !== null) {
      let rows: unknown[][] | null = null;
      try {
        batch.reset();
        batch.bind([after, SCAN_BATCH]);
        if (batch.step()) rows = JSON.parse(String(batch.get(0))) as unknown[][];
      } catch {
        rows = null;
      }
      if (rows === null) {
        after = slowBatch(after);
        continue;
      }
      if (rows.length === 0) break;
      for (const r of rows) {
        state.last = r[0] as number;
        readRow(r);
      }
      after = state.last;
    }
    noteLost(null);
    stmt.finalize();
    batch.finalize();
  }
  const index = grouper.finish();
  writeIndex(db, index.runs);
  return {
    tables: index.tables,
    runs: index.runs.length,
    problems: index.problems,
    stepRows: index.stepRows,
  };
}

/** The index's columns, in the order of its CREATE TABLE. */
const INDEX_COLUMNS = [
  'key INTEGER PRIMARY KEY',
  'kind TEXT',
  'table_name TEXT',
  'row_id INTEGER',
  'id TEXT',
  'execution_id TEXT',
  'fsm_name TEXT',
  'status TEXT',
  'data_mode TEXT',
  'start_time REAL',
  'end_time REAL',
  'duration REAL',
  'steps INTEGER',
  'failed INTEGER',
  'skipped INTEGER',
  'step_rows INTEGER',
  'compressed INTEGER',
  'metadata TEXT',
  'problem TEXT',
];

/** Rows per INSERT: each goes in as one bound JSON text, split by json_each (one bind, not 19 per row). */
const INSERT_BATCH = 2000;

function writeIndex(db: Database, rows: readonly StoreRun[]): void {
  db.exec(`DROP TABLE IF EXISTS ${RUN_INDEX}; CREATE TABLE ${RUN_INDEX} (${INDEX_COLUMNS.join(', ')});`);
  const picks = INDEX_COLUMNS.map((_, i) => `value ->> ${i}`).join(', ');
  const ins = db.prepare(`INSERT INTO ${RUN_INDEX} SELECT ${picks} FROM json_each(?)`);
  db.exec('BEGIN');
  try {
    for (let from = 0; from < rows.length; from += INSERT_BATCH) {
      const batch = rows
        .slice(from, from + INSERT_BATCH)
        .map((r) => [
          r.key,
          r.kind,
          r.table,
          r.rowId,
          r.id,
          r.executionId,
          r.fsmName,
          r.status,
          r.dataMode,
          r.startTime,
          r.endTime,
          r.duration,
          r.steps,
          r.failed,
          r.skipped,
          r.stepRows,
          r.compressed ? 1 : 0,
          r.metadata,
          r.problem,
        ]);
      ins.bind([JSON.stringify(batch)]).stepReset();
    }
    ins.finalize();
    // The run browser opens newest first: an index in exactly that order (orderClause's
    // terms) gives the first page without sorting every run.
    db.exec(
      `CREATE INDEX ${RUN_INDEX}_newest ON ${RUN_INDEX.slice(RUN_INDEX.indexOf('.') + 1)} (start_time IS NULL, start_time DESC, key DESC)`,
    );
    db.exec('COMMIT');
  } catch (err) {
    ins.finalize();
    db.exec('ROLLBACK');
    throw err;
  }
}
