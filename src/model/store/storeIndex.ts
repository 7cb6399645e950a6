// Builds the run index of an SQLite store: one pass over each record table
// reading only the small fields of each row (json_extract in SQL, the steps'
// JSON is never read), then one row per run in a temporary table
// (RUN_INDEX) that the run browser's filters and sorts query, plus the
// rowids of each step-rows run (STEP_ROWS) so opening it reads just those.
//
// A row whose `data` is not JSON becomes a 'broken' run naming its table and
// row. A page SQLite cannot read ("database disk image is malformed") ends
// the scan of that table there; the scan goes on past it where it can, and
// what was lost is reported, so every readable run stays listed.
import type { Database, PreparedStatement } from '@sqlite.org/sqlite-wasm';
import { parseJsonText } from '../decode.ts';
import { LoadError } from '../errors.ts';
import { RUN_INDEX } from './runQuerySql.ts';
import { quoteIdent } from './storeTables.ts';
import type { StoreRunKind, StoreTable } from './storeTypes.ts';

export const STEP_ROWS = 'temp.fsm_explorer_step_rows';

const OPEN = new Set(['pending', 'in_progress']);

/** Columns read per row: every JSON read is guarded by json_valid so one bad row cannot stop the scan. */
const FIELDS = [
  "json_type(data, '$.history_data')",
  "json_type(data, '$.step_data')",
  "json_extract(data, '$.execution_id')",
  "json_extract(data, '$.fsm_name')",
  "json_extract(data, '$.status')",
  "json_extract(data, '$.data_mode')",
  "json_extract(data, '$.start_time')",
  "json_extract(data, '$.end_time')",
  "json_extract(data, '$.total_steps')",
  "json_extract(data, '$.failed_steps')",
  "json_extract(data, '$.skipped_steps')",
  "json_extract(data, '$.history_data.compressed')",
  "json_extract(data, '$.step_data.step_id')",
  "json_extract(data, '$.step_data.timestamp')",
  "json_extract(data, '$.step_data.end_time')",
  "json_extract(data, '$.step_data.data_mode')",
];

function scanSql(table: string): string {
  const guarded = FIELDS.map((f) => `CASE WHEN ok THEN ${f} END`).join(', ');
  return `SELECT rowid, id, ok, ${guarded}, CASE WHEN metadata IS NULL OR json_valid(metadata) THEN metadata END, metadata IS NOT NULL AND NOT json_valid(metadata)
    FROM (SELECT rowid, id, data, metadata, json_valid(data) AS ok FROM ${quoteIdent(table)} WHERE rowid > ? ORDER BY rowid)`;
}

interface IndexRow {
  kind: StoreRunKind;
  table: string;
  rowId: number;
  id: string;
  executionId: string | null;
  fsmName: string | null;
  status: string | null;
  dataMode: string | null;
  startTime: number | null;
  endTime: number | null;
  steps: number | null;
  failed: number | null;
  skipped: number | null;
  stepRows: number;
  compressed: boolean;
  metadata: string | null;
  problem: string | null;
}

interface StepGroup {
  readonly table: string;
  readonly rowId: number;
  readonly id: string;
  readonly metadata: string | null;
  rows: Array<[string, number]>;
  /** step_id -> the status of its last row (the latest save) */
  readonly last: Map<string, string | null>;
  start: number | null;
  end: number | null;
  dataMode: string | null;
}

export interface BuiltIndex {
  readonly tables: StoreTable[];
  readonly runs: number;
  readonly problems: string[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function sqliteReason(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  // "SQLITE_CORRUPT: sqlite3 result code 11: database disk image is malformed" -> the last part.
  const i = m.lastIndexOf(': ');
  return i >= 0 ? m.slice(i + 2) : m;
}

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
    return `${where}: data could not be read (${sqliteReason(err)})`;
  }
}

/** Scans one table from rowid `after`; returns the last rowid read. Throws on an unreadable page. */
function scanFrom(
  stmt: PreparedStatement,
  after: number,
  onRow: (r: unknown[]) => void,
  state: { last: number },
): void {
  stmt.reset();
  stmt.bind([after]);
  while (stmt.step()) {
    const r = stmt.get([]) as unknown[];
    state.last = r[0] as number;
    onRow(r);
  }
}

export function buildStoreIndex(db: Database, tables: readonly string[], fileName: string): BuiltIndex {
  const problems: string[] = [];
  const histories: IndexRow[] = [];
  const broken: IndexRow[] = [];
  const groups = new Map<string, StepGroup>();
  const tableFacts: StoreTable[] = [];

  for (const table of tables) {
    const facts = { name: table, rows: 0, historyRows: 0, stepRows: 0 };
    let stmt: PreparedStatement;
    try {
      stmt = db.prepare(scanSql(table));
    } catch (err) {
      problems.push(`table ${table}: could not be read (${sqliteReason(err)})`);
      tableFacts.push(facts);
      continue;
    }
    const onRow = (r: unknown[]): void => {
      facts.rows++;
      const rowId = r[0] as number;
      const id = String(r[1]);
      const ok = r[2] === 1;
      const metadata = text(r[19]);
      if (r[20] === 1)
        problems.push(`table ${table} row ${rowId} (id ${id}): metadata is not valid JSON; ignored`);
      if (!ok) {
        broken.push(brokenRow(table, rowId, id, metadata, jsonProblem(db, table, rowId, id, fileName)));
        return;
      }
      const historyType = r[3];
      const stepType = r[4];
      if (historyType === 'object' || historyType === 'text') {
        facts.historyRows++;
        const start = num(r[9]);
        const end = num(r[10]);
        histories.push({
          kind: 'history',
          table,
          rowId,
          id,
          executionId: text(r[5]) ?? id,
          fsmName: text(r[6]),
          status: text(r[7]),
          dataMode: text(r[8]),
          startTime: start,
          endTime: end,
          steps: num(r[11]),
          failed: num(r[12]),
          skipped: num(r[13]),
          stepRows: 0,
          compressed: r[14] === 1,
          metadata,
          problem: null,
        });
      } else if (stepType === 'object' || stepType === 'text') {
        facts.stepRows++;
        const exec = text(r[5]);
        if (exec === null) {
          problems.push(`table ${table} row ${rowId} (id ${id}): step row without an execution_id; skipped`);
          return;
        }
        let g = groups.get(exec);
        if (!g) {
          g = {
            table,
            rowId,
            id: exec,
            metadata,
            rows: [],
            last: new Map(),
            start: null,
            end: null,
            dataMode: null,
          };
          groups.set(exec, g);
        }
        g.rows.push([table, rowId]);
        const stepId = text(r[15]) ?? `row ${rowId}`;
        g.last.set(stepId, text(r[7]));
        const ts = num(r[16]);
        if (ts !== null && (g.start === null || ts < g.start)) g.start = ts;
        const end = num(r[17]);
        if (end !== null && (g.end === null || end > g.end)) g.end = end;
        g.dataMode ??= text(r[18]);
      } else {
        problems.push(
          `table ${table} row ${rowId} (id ${id}): neither a history (history_data) nor a step (step_data); skipped`,
        );
      }
    };
    const state = { last: 0 };
    // An unreadable stretch: from the last row read before it, and why.
    let lost: { after: number; why: string } | null = null;
    const noteLost = (upTo: number | null): void => {
      if (lost === null) return;
      const range =
        upTo === null ? `rows after rowid ${lost.after}` : `rows ${lost.after + 1} to ${upTo - 1}`;
      problems.push(
        `table ${table}: ${range} could not be read (${lost.why}); the runs in them may be missing or incomplete`,
      );
      lost = null;
    };
    const readRow = (r: unknown[]): void => {
      noteLost(r[0] as number);
      onRow(r);
    };
    let after = 0;
    for (let attempt = 0; attempt < 40; attempt++) {
      try {
        scanFrom(stmt, after, readRow, state);
        break;
      } catch (err) {
        // Past an unreadable page: try further and further on (rowids are dense in the producer's tables).
        lost ??= { after: state.last, why: sqliteReason(err) };
        after = Math.max(after, state.last) + 2 ** attempt;
      }
    }
    noteLost(null);
    stmt.finalize();
    tableFacts.push(facts);
  }

  const all: IndexRow[] = [];
  const withHistory = new Set<string>();
  for (const h of histories) {
    const exec = h.executionId ?? h.id;
    const g = groups.get(exec);
    if (g) h.stepRows = g.rows.length;
    withHistory.add(exec);
    all.push(h);
  }
  for (const [exec, g] of groups) {
    if (withHistory.has(exec)) continue;
    let failed = 0;
    let skipped = 0;
    let open = false;
    for (const status of g.last.values()) {
      if (status === 'failed') failed++;
      else if (status === 'skipped') skipped++;
      if (status !== null && OPEN.has(status)) open = true;
    }
    const row: IndexRow = {
      kind: 'steps',
      table: g.table,
      rowId: g.rowId,
      id: exec,
      executionId: exec,
      fsmName: null,
      status: open ? 'in_progress' : 'completed',
      dataMode: g.dataMode,
      startTime: g.start,
      endTime: open ? null : g.end,
      steps: g.last.size,
      failed,
      skipped,
      stepRows: g.rows.length,
      compressed: false,
      metadata: g.metadata,
      problem: null,
    };
    all.push(row);
  }
  all.push(...broken);
  writeIndex(db, all, groups);
  return { tables: tableFacts, runs: all.length, problems };
}

function brokenRow(
  table: string,
  rowId: number,
  id: string,
  metadata: string | null,
  problem: string,
): IndexRow {
  return {
    kind: 'broken',
    table,
    rowId,
    id,
    executionId: null,
    fsmName: null,
    status: null,
    dataMode: null,
    startTime: null,
    endTime: null,
    steps: null,
    failed: null,
    skipped: null,
    stepRows: 0,
    compressed: false,
    metadata,
    problem,
  };
}

function writeIndex(db: Database, rows: readonly IndexRow[], groups: ReadonlyMap<string, StepGroup>): void {
  db.exec(`DROP TABLE IF EXISTS ${RUN_INDEX}; DROP TABLE IF EXISTS ${STEP_ROWS};
    CREATE TABLE ${RUN_INDEX} (key INTEGER PRIMARY KEY, kind TEXT, table_name TEXT, row_id INTEGER, id TEXT,
      execution_id TEXT, fsm_name TEXT, status TEXT, data_mode TEXT, start_time REAL, end_time REAL,
      duration REAL, steps INTEGER, failed INTEGER, skipped INTEGER, step_rows INTEGER, compressed INTEGER,
      metadata TEXT, problem TEXT);
    CREATE TABLE ${STEP_ROWS} (execution_id TEXT, table_name TEXT, row_id INTEGER);`);
  db.exec('BEGIN');
  try {
    const ins = db.prepare(
      `INSERT INTO ${RUN_INDEX} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    rows.forEach((r, key) => {
      const duration = r.startTime !== null && r.endTime !== null ? r.endTime - r.startTime : null;
      ins
        .bind([
          key + 1,
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
          duration,
          r.steps,
          r.failed,
          r.skipped,
          r.stepRows,
          r.compressed ? 1 : 0,
          r.metadata,
          r.problem,
        ])
        .stepReset();
    });
    ins.finalize();
    const insStep = db.prepare(`INSERT INTO ${STEP_ROWS} VALUES (?, ?, ?)`);
    for (const [exec, g] of groups) {
      for (const [table, rowId] of g.rows) insStep.bind([exec, table, rowId]).stepReset();
    }
    insStep.finalize();
    db.exec(`CREATE INDEX temp.fsm_explorer_step_rows_exec ON fsm_explorer_step_rows (execution_id)`);
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}
