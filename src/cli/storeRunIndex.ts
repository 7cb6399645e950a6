// Row -> StoreRun shaping for a store read by a backend other than the
// explorer's SQLite engine (DuckDB in the CLI): the backend scans each record
// table and hands each row's small fields here, already typed; this groups
// them into runs with the same rules as src/model/store/storeIndex.ts (the
// SQLite index): a history row is a run; step rows without a history row are
// one run per execution_id (the last save of each step_id decides its
// status); a row whose data is not JSON is a 'broken' run naming its table
// and row. Keys are 1-based, histories first (in scan order), then the
// step-only executions (in order of their first row), then the broken rows,
// as SqliteStore numbers them. Pure: no database here.
import type { StoreRun, StoreTable } from '../model/store/storeTypes.ts';

/** The small fields of one row, as the backend read them (JSON types already mapped to JS values). */
export interface ScannedRow {
  /** Row order in its table (SQLite rowid, DuckDB rowid). */
  readonly rowId: number;
  /** The `id` column. */
  readonly id: string;
  /** Set when `data` is not JSON the backend can read: why, naming the table and row. */
  readonly dataProblem: string | null;
  /** JSON type of `data.history_data` / `data.step_data`: 'object', 'text' (a JSON string), another type, or null when absent. */
  readonly historyType: string | null;
  readonly stepType: string | null;
  readonly executionId: unknown;
  readonly fsmName: unknown;
  readonly status: unknown;
  readonly dataMode: unknown;
  readonly startTime: unknown;
  readonly endTime: unknown;
  readonly totalSteps: unknown;
  readonly failedSteps: unknown;
  readonly skippedSteps: unknown;
  /** `data.history_data.compressed` is JSON true. */
  readonly compressed: boolean;
  /** `data.step_data.step_id`, `.timestamp`, `.end_time`, `.data_mode`. */
  readonly stepId: unknown;
  readonly stepTimestamp: unknown;
  readonly stepEnd: unknown;
  readonly stepDataMode: unknown;
  /** The metadata column's JSON text, or null (SQL NULL or not valid JSON). */
  readonly metadata: string | null;
  /** The metadata column is there but is not valid JSON. */
  readonly metadataInvalid: boolean;
}

/** One step row of a run, by table and row order (what loading the run reads again). */
export interface StepRowRef {
  readonly table: string;
  readonly rowId: number;
}

export interface RunIndex {
  /** Every run, in key order (key = index + 1). */
  readonly runs: readonly StoreRun[];
  readonly tables: readonly StoreTable[];
  readonly problems: readonly string[];
  /** execution_id -> its step rows, for every execution that has step rows. */
  readonly stepRows: ReadonlyMap<string, readonly StepRowRef[]>;
}

const OPEN = new Set(['pending', 'in_progress']);

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface StepGroup {
  readonly table: string;
  readonly rowId: number;
  readonly metadata: string | null;
  readonly rows: StepRowRef[];
  /** step_id -> the status of its last row (the latest save) */
  readonly last: Map<string, string | null>;
  start: number | null;
  end: number | null;
  dataMode: string | null;
}

function blankRun(table: string, rowId: number, id: string, metadata: string | null): Mutable<StoreRun> {
  return {
    key: 0,
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
    duration: null,
    steps: null,
    failed: null,
    skipped: null,
    stepRows: 0,
    compressed: false,
    metadata,
    problem: null,
  };
}

/** Collects the rows of a store's record tables, table by table, and shapes the runs. */
export class RunIndexBuilder {
  private readonly histories: Mutable<StoreRun>[] = [];
  private readonly broken: Mutable<StoreRun>[] = [];
  private readonly groups = new Map<string, StepGroup>();
  private readonly tableFacts: Mutable<StoreTable>[] = [];
  private readonly problemList: string[] = [];
  private current: Mutable<StoreTable> | null = null;

  /** Starts the next table; the rows added after this belong to it. */
  table(name: string): void {
    this.current = { name, rows: 0, historyRows: 0, stepRows: 0 };
    this.tableFacts.push(this.current);
  }

  /** A problem met while scanning (an unreadable table or page), naming the table. */
  problem(message: string): void {
    this.problemList.push(message);
  }

  add(r: ScannedRow): void {
    const facts = this.current;
    if (!facts) throw new Error('RunIndexBuilder.add before table()');
    const table = facts.name;
    facts.rows++;
    const where = `table ${table} row ${r.rowId} (id ${r.id})`;
    if (r.metadataInvalid) this.problemList.push(`${where}: metadata is not valid JSON; ignored`);
    if (r.dataProblem !== null) {
      const run = blankRun(table, r.rowId, r.id, r.metadata);
      run.problem = r.dataProblem;
      this.broken.push(run);
      return;
    }
    if (r.historyType === 'object' || r.historyType === 'text') {
      facts.historyRows++;
      const run = blankRun(table, r.rowId, r.id, r.metadata);
      run.kind = 'history';
      run.executionId = text(r.executionId) ?? r.id;
      run.fsmName = text(r.fsmName);
      run.status = text(r.status);
      run.dataMode = text(r.dataMode);
      run.startTime = num(r.startTime);
      run.endTime = num(r.endTime);
      run.steps = num(r.totalSteps);
      run.failed = num(r.failedSteps);
      run.skipped = num(r.skippedSteps);
      run.compressed = r.compressed;
      this.histories.push(run);
      return;
    }
    if (r.stepType === 'object' || r.stepType === 'text') {
      facts.stepRows++;
      const exec = text(r.executionId);
      if (exec === null) {
        this.problemList.push(`${where}: step row without an execution_id; skipped`);
        return;
      }
      let g = this.groups.get(exec);
      if (!g) {
        g = {
          table,
          rowId: r.rowId,
          metadata: r.metadata,
          rows: [],
          last: new Map(),
          start: null,
          end: null,
          dataMode: null,
        };
        this.groups.set(exec, g);
      }
      g.rows.push({ table, rowId: r.rowId });
      g.last.set(text(r.stepId) ?? `row ${r.rowId}`, text(r.status));
      const ts = num(r.stepTimestamp);
      if (ts !== null && (g.start === null || ts < g.start)) g.start = ts;
      const end = num(r.stepEnd);
      if (end !== null && (g.end === null || end > g.end)) g.end = end;
      g.dataMode ??= text(r.stepDataMode);
      return;
    }
    this.problemList.push(`${where}: neither a history (history_data) nor a step (step_data); skipped`);
  }

  finish(): RunIndex {
    const all: Mutable<StoreRun>[] = [];
    const withHistory = new Set<string>();
    for (const h of this.histories) {
      const exec = h.executionId ?? h.id;
      h.stepRows = this.groups.get(exec)?.rows.length ?? 0;
      withHistory.add(exec);
      all.push(h);
    }
    for (const [exec, g] of this.groups) {
      if (withHistory.has(exec)) continue;
      let failed = 0;
      let skipped = 0;
      let open = false;
      for (const status of g.last.values()) {
        if (status === 'failed') failed++;
        else if (status === 'skipped') skipped++;
        if (status !== null && OPEN.has(status)) open = true;
      }
      const run = blankRun(g.table, g.rowId, exec, g.metadata);
      run.kind = 'steps';
      run.executionId = exec;
      run.status = open ? 'in_progress' : 'completed';
      run.dataMode = g.dataMode;
      run.startTime = g.start;
      run.endTime = open ? null : g.end;
      run.steps = g.last.size;
      run.failed = failed;
      run.skipped = skipped;
      run.stepRows = g.rows.length;
      all.push(run);
    }
    all.push(...this.broken);
    all.forEach((run, i) => {
      run.key = i + 1;
      run.duration = run.startTime !== null && run.endTime !== null ? run.endTime - run.startTime : null;
    });
    const stepRows = new Map<string, readonly StepRowRef[]>();
    for (const [exec, g] of this.groups) stepRows.set(exec, g.rows);
    return { runs: all, tables: this.tableFacts, problems: this.problemList, stepRows };
  }
}
