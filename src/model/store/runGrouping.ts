// Rows of a store's record tables -> its runs: the one place the grouping
// rules live, for every backend (the SQLite index in the page and the CLI,
// DuckDB in the CLI). The backend scans each table and hands over each row's
// small fields (RowFields, already typed); this shapes them:
// - a history row is a run (its execution_id, or its row id, names it);
// - step rows without a history row are one run per execution_id: each
//   step_id counts once and its last save decides its status (a re-saved
//   step gives several rows), the run is in_progress while any step is open;
// - a row whose data cannot be read is a 'broken' run naming its table and row.
// Keys are 1-based: histories first (in scan order), then the step-only
// executions (in order of their first row), then the broken rows. Pure.
import type { RowFields } from './rowPrefix.ts';
import type { StoreRun, StoreTable } from './storeTypes.ts';

/** One step row of a run, by table and row order (what loading the run reads again). */
export interface StepRowRef {
  readonly table: string;
  readonly rowId: number;
}

/** What every row has, whatever its data holds. */
export interface RowHead {
  /** Row order in its table (SQLite rowid, DuckDB rowid). */
  readonly rowId: number;
  /** The `id` column. */
  readonly id: string;
  /** The metadata column's JSON text, or null (SQL NULL or not valid JSON). */
  readonly metadata: string | null;
  /** The metadata column is there but is not valid JSON. */
  readonly metadataInvalid: boolean;
}

/** The row's small fields, or why its data cannot be read (naming the table and row). */
export type RowContent = RowFields | { readonly problem: string };

export interface RunIndex {
  /** Every run, in key order (key = index + 1), with its duration. */
  readonly runs: readonly StoreRun[];
  readonly tables: readonly StoreTable[];
  /** Problems met while scanning, each naming the table (and row). */
  readonly problems: readonly string[];
  /** execution_id -> its step rows in scan order, for every execution that has step rows. */
  readonly stepRows: ReadonlyMap<string, readonly StepRowRef[]>;
}

const OPEN = new Set(['pending', 'in_progress']);

/** The JSON paths of a row's small fields in `data`, in the order rowFieldsOf takes their values. */
export const FIELD_PATHS = [
  '$.execution_id',
  '$.fsm_name',
  '$.status',
  '$.data_mode',
  '$.start_time',
  '$.end_time',
  '$.total_steps',
  '$.failed_steps',
  '$.skipped_steps',
  '$.history_data.compressed',
  '$.step_data.step_id',
  '$.step_data.timestamp',
  '$.step_data.end_time',
  '$.step_data.data_mode',
] as const;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * A row's small fields as a database engine read them: which of history_data
 * / step_data the row has (an object, or a JSON string holding one), and the
 * values at FIELD_PATHS (JSON scalars as JS values; SQLite gives true as 1).
 */
export function rowFieldsOf(kind: 'history' | 'step' | null, v: readonly unknown[]): RowFields {
  return {
    kind,
    executionId: text(v[0]),
    fsmName: text(v[1]),
    status: text(v[2]),
    dataMode: text(v[3]),
    startTime: num(v[4]),
    endTime: num(v[5]),
    totalSteps: num(v[6]),
    failedSteps: num(v[7]),
    skippedSteps: num(v[8]),
    compressed: v[9] === 1 || v[9] === true,
    stepId: kind === 'step' ? text(v[10]) : null,
    stepTimestamp: kind === 'step' ? num(v[11]) : null,
    stepEndTime: kind === 'step' ? num(v[12]) : null,
    stepDataMode: kind === 'step' ? text(v[13]) : null,
    valueAt: null,
  };
}

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

function blankRun(table: string, head: RowHead): Mutable<StoreRun> {
  return {
    key: 0,
    kind: 'broken',
    table,
    rowId: head.rowId,
    id: head.id,
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
    metadata: head.metadata,
    problem: null,
  };
}

/** Collects the rows of a store's record tables, table by table, and shapes the runs. */
export class RunGrouper {
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

  add(head: RowHead, content: RowContent): void {
    const facts = this.current;
    if (!facts) throw new Error('RunGrouper.add before table()');
    const table = facts.name;
    facts.rows++;
    const where = `table ${table} row ${head.rowId} (id ${head.id})`;
    if (head.metadataInvalid) this.problemList.push(`${where}: metadata is not valid JSON; ignored`);
    if ('problem' in content) {
      const run = blankRun(table, head);
      run.problem = content.problem;
      this.broken.push(run);
      return;
    }
    const f = content;
    if (f.kind === 'history') {
      facts.historyRows++;
      const run = blankRun(table, head);
      run.kind = 'history';
      run.executionId = f.executionId ?? head.id;
      run.fsmName = f.fsmName;
      run.status = f.status;
      run.dataMode = f.dataMode;
      run.startTime = f.startTime;
      run.endTime = f.endTime;
      run.steps = f.totalSteps;
      run.failed = f.failedSteps;
      run.skipped = f.skippedSteps;
      run.compressed = f.compressed;
      this.histories.push(run);
      return;
    }
    if (f.kind === 'step') {
      facts.stepRows++;
      const exec = f.executionId;
      if (exec === null) {
        this.problemList.push(`${where}: step row without an execution_id; skipped`);
        return;
      }
      let g = this.groups.get(exec);
      if (!g) {
        g = {
          table,
          rowId: head.rowId,
          metadata: head.metadata,
          rows: [],
          last: new Map(),
          start: null,
          end: null,
          dataMode: null,
        };
        this.groups.set(exec, g);
      }
      g.rows.push({ table, rowId: head.rowId });
      g.last.set(f.stepId ?? `row ${head.rowId}`, f.status);
      const ts = f.stepTimestamp;
      if (ts !== null && (g.start === null || ts < g.start)) g.start = ts;
      const end = f.stepEndTime;
      if (end !== null && (g.end === null || end > g.end)) g.end = end;
      g.dataMode ??= f.stepDataMode;
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
      if (!withHistory.has(exec)) all.push(stepsRun(exec, g));
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

/** A run kept only as step rows, from its steps' last saves. */
function stepsRun(exec: string, g: StepGroup): Mutable<StoreRun> {
  let failed = 0;
  let skipped = 0;
  let open = false;
  for (const status of g.last.values()) {
    if (status === 'failed') failed++;
    else if (status === 'skipped') skipped++;
    if (status !== null && OPEN.has(status)) open = true;
  }
  const run = blankRun(g.table, { rowId: g.rowId, id: exec, metadata: g.metadata, metadataInvalid: false });
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
  return run;
}
