// The reader for runs kept as step rows (UnifiedDatabaseStorage.save_step):
// one row per save, keyed by a fresh uuid, so a step saved again as the run
// went on has several rows. Rows are merged by step_id keeping the last
// (highest row order: the latest save); earlier rows that disagree on what
// cannot change (state, network, parent) are reported. The kept steps go to
// RunBuilder in timestamp order, linked by parent_id. Any backend's rows
// (SQLite, DuckDB, PostgreSQL) come here. Never throws for bad rows: a row
// that cannot be used is a warning naming its table and row.
import { parseJsonText } from '../decode.ts';
import { LoadError } from '../errors.ts';
import { isObject, jsonTypeName } from '../jsonUtil.ts';
import { RunBuilder } from '../runBuilder.ts';
import type { FileLoadResult, JsonObject, JsonValue } from '../types.ts';
import { rowPlace } from './storeTypes.ts';

/** One step row as read from the store: the `data` column's JSON text. */
export interface StepRowInput {
  readonly table: string;
  /** Row order in its table (SQLite rowid); later saves have higher numbers. Negative where the engine has no row numbers (PostgreSQL: the save order, -n..-1). */
  readonly rowId: number;
  readonly id: string;
  readonly data: string;
}

export interface StepRowsRunOptions {
  /** Names the run's source in its id and messages, e.g. `store.db [records]`. */
  readonly fileName: string;
  readonly indexInFile: number;
  readonly executionId: string;
  /** From the history row, when there is one. */
  readonly fsmName?: string | null;
}

interface KeptRow {
  readonly row: StepRowInput;
  readonly where: string;
  readonly data: JsonObject;
  readonly stepData: JsonValue;
  readonly parentId: string | null;
  readonly order: number;
}

function rowWhere(row: StepRowInput): string {
  return rowPlace(row.table, row.rowId, row.id);
}

function str(v: JsonValue | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

function timestampOf(stepData: JsonValue): number {
  if (!isObject(stepData)) return Number.POSITIVE_INFINITY;
  const t = stepData.timestamp;
  return typeof t === 'number' && Number.isFinite(t) ? t : Number.POSITIVE_INFINITY;
}

/** Builds one run from its step rows (in any order). */
export function stepRowsRun(rows: readonly StepRowInput[], opts: StepRowsRunOptions): FileLoadResult {
  const { fileName } = opts;
  const builder = new RunBuilder({ fileName, indexInFile: opts.indexInFile, form: 'store-steps' });
  builder.setIdentity({ executionId: opts.executionId, fsmName: opts.fsmName ?? null });
  const sorted = [...rows].sort((a, b) =>
    a.table === b.table ? a.rowId - b.rowId : a.table < b.table ? -1 : 1,
  );
  const byStep = new Map<string, KeptRow>();
  const loose: KeptRow[] = [];
  let order = 0;
  for (const row of sorted) {
    const where = rowWhere(row);
    let data: JsonValue;
    try {
      data = parseJsonText(row.data, fileName, `${where}: data`).value;
    } catch (err) {
      if (!(err instanceof LoadError)) throw err;
      builder.addWarning('skipped-record', '', `${stripFile(err.message, fileName)}; the row was skipped`);
      continue;
    }
    if (!isObject(data)) {
      builder.addWarning(
        'skipped-record',
        where,
        `data is ${jsonTypeName(data)}, not an object; the row was skipped`,
      );
      continue;
    }
    let stepData = data.step_data;
    if (typeof stepData === 'string') {
      try {
        stepData = parseJsonText(stepData, fileName, `${where}: step_data (a JSON string)`).value;
      } catch (err) {
        if (!(err instanceof LoadError)) throw err;
        builder.addWarning('skipped-record', '', `${stripFile(err.message, fileName)}; the row was skipped`);
        continue;
      }
    }
    const pid = data.parent_id;
    if (pid !== undefined && pid !== null && typeof pid !== 'string') {
      builder.addWarning(
        'wrong-type',
        `${where}: parent_id`,
        `expected a string or null, got ${jsonTypeName(pid)}; the step is treated as a root`,
      );
    }
    const kept: KeptRow = {
      row,
      where,
      data,
      stepData: stepData ?? null,
      parentId: typeof pid === 'string' ? pid : null,
      order: order++,
    };
    const stepId = isObject(stepData) ? str(stepData.step_id) : null;
    if (stepId === null) {
      loose.push(kept);
      continue;
    }
    const before = byStep.get(stepId);
    if (before) noteResave(builder, stepId, before, kept);
    byStep.set(stepId, kept);
  }
  const kept = [...byStep.values(), ...loose].sort(
    (a, b) => timestampOf(a.stepData) - timestampOf(b.stepData) || a.order - b.order,
  );
  for (const k of kept) builder.addStepRecord(k.stepData, k.parentId, `${k.where}: step_data`);
  const run = builder.finish();
  return { ok: true, fileName, runs: [run] };
}

/** A later row of the same step replaces the earlier; what should never change is reported. */
function noteResave(builder: RunBuilder, stepId: string, before: KeptRow, after: KeptRow): void {
  const a = isObject(before.stepData) ? before.stepData : {};
  const b = isObject(after.stepData) ? after.stepData : {};
  const diffs: string[] = [];
  if (a.state_name !== b.state_name)
    diffs.push(`state_name ${JSON.stringify(a.state_name)} -> ${JSON.stringify(b.state_name)}`);
  if (a.network_name !== b.network_name) {
    diffs.push(`network_name ${JSON.stringify(a.network_name)} -> ${JSON.stringify(b.network_name)}`);
  }
  if (before.parentId !== after.parentId) {
    diffs.push(`parent_id ${JSON.stringify(before.parentId)} -> ${JSON.stringify(after.parentId)}`);
  }
  if (diffs.length === 0) return;
  builder.addWarning(
    'conflicting-duplicate',
    after.where,
    `step '${stepId}' was saved again with ${diffs.join(', ')} (first saved at ${before.where}); kept the last save`,
  );
}

function stripFile(message: string, fileName: string): string {
  return message.startsWith(`${fileName}: `) ? message.slice(fileName.length + 2) : message;
}
