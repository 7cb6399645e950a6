// The rows UnifiedDatabaseStorage writes for one run (see
// ../shared/DATABASE_FORMAT.md): a history row whose `data` is json.dumps of
// {id, execution_id, fsm_name, data_mode, status, start_time, end_time,
// total_steps, failed_steps, skipped_steps, record_type, history_data,
// created_at, updated_at} with history_data the to_dict form or the
// compressed wrapper, and step rows of {id (uuid4), execution_id, step_id,
// parent_id, state_name, network_name, status, timestamp, record_type,
// step_data}; the metadata column json.dumps of the caller's dict or NULL.
// The tree and the steps' JSON come from shape.ts, written once per step and
// reused, exactly as the JSON benchmark files are.
import { deflateSync } from 'node:zlib';
import { Prng } from './prng.ts';
import { PyFloat, type PyValue, pyDumps, pyFloat, pyString } from './pyjson.ts';
import { buildTree, type GeneratedTree } from './shape.ts';
import type { RunPlan } from './storeRuns.ts';

/** Writes a value's JSON text in pieces (a 100,000-step history is never one string). */
export type TextWriter = (emit: (piece: string) => void) => void;

/** One row of the records table, as the producer writes it. */
export interface StoreRow {
  readonly id: string;
  readonly data: TextWriter;
  /** json.dumps(metadata), or null for SQL NULL (the producer's empty dict). */
  readonly metadata: string | null;
  /** The SQL columns (the database's CURRENT_TIMESTAMP text). */
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A run's tree with the plan applied: names, data mode, an open or failed last step. */
export interface PlannedRun {
  readonly plan: RunPlan;
  readonly tree: GeneratedTree;
}

/** Day the SQL timestamp columns are on (wall clock, unlike the epoch floats in the JSON). */
const WALL_DAY = Date.UTC(2026, 11, 4);
const BASE_TIME = 1758400000.0;

/** `YYYY-MM-DD HH:MM:SS` as SQLite's CURRENT_TIMESTAMP writes it, for a run time. */
export function wallClock(epoch: number): string {
  return new Date(WALL_DAY + Math.floor((epoch - BASE_TIME) * 1000))
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ');
}

const STEP_HEAD =
  /^\{"step_id": ("[^"]*"), "state_name": ("(?:[^"\\]|\\.)*"), "network_name": ("(?:[^"\\]|\\.)*"), "timestamp": ([^,]+), "start_time": ([^,]+), "end_time": ([^,]+), "duration": ([^,]+), "data_mode": "[a-z]+", "status": ("[a-z_]+")/;

/** The fields a step row repeats next to its step_data, as the step's own JSON text has them. */
export interface StepHead {
  readonly stepId: string;
  readonly stateName: string;
  readonly networkName: string;
  readonly timestamp: string;
  readonly endTime: string;
  readonly status: string;
}

export function stepHead(text: string): StepHead {
  const m = STEP_HEAD.exec(text);
  if (!m) throw new Error(`not a generated step: ${text.slice(0, 120)}`);
  return {
    stepId: m[1]!,
    stateName: m[2]!,
    networkName: m[3]!,
    timestamp: m[4]!,
    endTime: m[6]!,
    status: m[8]!,
  };
}

/** The step as saved while it ran: in progress, no end, no duration, no arc, no error. */
function inProgress(text: string): string {
  return text
    .replace(/"end_time": [^,]+, "duration": [^,]+, /, '"end_time": null, "duration": null, ')
    .replace(/"status": "[a-z_]+"/, '"status": "in_progress"')
    .replace(/"arc_taken": (null|"(?:[^"\\]|\\.)*")/, '"arc_taken": null')
    .replace(/"error": (null|"(?:[^"\\]|\\.)*")/, '"error": null');
}

function float(v: PyValue | undefined): number {
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'number') return v;
  throw new Error('expected a float');
}

/** Builds the run's tree and applies the plan to its steps and summary. */
export function planRun(plan: RunPlan): PlannedRun {
  const tree = buildTree({ steps: plan.steps, seed: plan.seed, shape: plan.shape, indent: null });
  const s = tree.summary;
  if (float(s.start_time) !== plan.startTime) {
    throw new Error(
      `run ${plan.executionId}: shape.ts no longer starts runs as storeRuns.predictedStart says`,
    );
  }
  const renames = Object.entries(plan.renames).filter(([from, to]) => from !== to);
  const text = tree.text;
  for (let i = 0; i < text.length; i++) {
    let t = text[i]!;
    for (const [from, to] of renames) t = t.replaceAll(`"${from}"`, `"${to}"`);
    if (plan.dataMode !== 'copy') t = t.replace('"data_mode": "copy"', `"data_mode": "${plan.dataMode}"`);
    text[i] = t;
  }
  const last = text.length - 1;
  if (plan.open && last >= 0) {
    text[last] = inProgress(text[last]!);
    s.end_time = null;
    s.duration = null;
  } else if (plan.failsAtEnd !== null && last >= 0 && stepHead(text[last]!).status === '"completed"') {
    text[last] = text[last]!.replace('"status": "completed"', '"status": "failed"').replace(
      '"error": null',
      `"error": ${pyString(plan.failsAtEnd)}`,
    );
    s.failed_steps = (s.failed_steps as number) + 1;
    s.completed_steps = (s.completed_steps as number) - 1;
  }
  s.fsm_name = plan.fsmName;
  s.execution_id = plan.executionId;
  s.data_mode = plan.dataMode;
  return { plan, tree };
}

/** ExecutionHistory.to_dict() as json.dumps writes it: {summary, paths, mode_storage}. */
export function writeHistoryDict(run: PlannedRun, emit: (piece: string) => void): void {
  const { tree, plan } = run;
  emit(`{"summary": ${pyDumps(tree.summary, null)}, "paths": [`);
  const n = tree.ids.length;
  const path: number[] = [];
  let firstPath = true;
  let buf = '';
  for (let leaf = 0; leaf < n; leaf++) {
    if (tree.isLeaf[leaf] !== 1) continue;
    path.length = 0;
    for (let i = leaf; i >= 0; i = tree.parent[i]!) path.push(i);
    buf += firstPath ? '[' : ', [';
    firstPath = false;
    for (let k = path.length - 1; k >= 0; k--)
      buf += (k === path.length - 1 ? '' : ', ') + tree.text[path[k]!]!;
    buf += ']';
    if (buf.length > 1 << 20) {
      emit(buf);
      buf = '';
    }
  }
  emit(buf);
  buf = '';
  const list = (mode: string): void => {
    emit(`"${mode}": [`);
    if (plan.dataMode === mode) {
      for (let i = 0; i < n; i++) {
        buf += (i === 0 ? '' : ', ') + tree.text[i]!;
        if (buf.length > 1 << 20) {
          emit(buf);
          buf = '';
        }
      }
      emit(buf);
      buf = '';
    }
    emit(']');
  };
  emit('], "mode_storage": {');
  list('copy');
  emit(', ');
  list('reference');
  emit(', ');
  list('direct');
  emit('}}');
}

/** The to_dict text whole (the run's own JSON file; compression). */
export function historyDictText(run: PlannedRun): string {
  const parts: string[] = [];
  writeHistoryDict(run, (p) => parts.push(p));
  return parts.join('');
}

function historyRow(run: PlannedRun): StoreRow {
  const { plan, tree } = run;
  const s = tree.summary;
  const start = float(s.start_time);
  const end = s.end_time === null ? null : float(s.end_time);
  const n = tree.ids.length;
  const firstEnd = n > 0 ? Number(stepHead(tree.text[0]!).endTime) : start;
  const lastTs = n > 0 ? Number(stepHead(tree.text[n - 1]!).timestamp) : start;
  // A finished run is saved at its end; an open one was first saved after its first step and last just now.
  const createdAt = end ?? (Number.isFinite(firstEnd) ? firstEnd : start);
  const updatedAt = end ?? lastTs + 0.1;
  const head =
    `{"id": ${pyString(plan.executionId)}, "execution_id": ${pyString(plan.executionId)}, ` +
    `"fsm_name": ${pyString(plan.fsmName)}, "data_mode": "${plan.dataMode}", ` +
    `"status": "${plan.open ? 'in_progress' : 'completed'}", "start_time": ${pyFloat(start)}, ` +
    `"end_time": ${end === null ? 'null' : pyFloat(end)}, "total_steps": ${s.total_steps}, ` +
    `"failed_steps": ${s.failed_steps}, "skipped_steps": ${s.skipped_steps}, "record_type": "history", "history_data": `;
  const tail = `, "created_at": ${pyFloat(createdAt)}, "updated_at": ${pyFloat(updatedAt)}}`;
  const data: TextWriter = plan.compressed
    ? (emit) => {
        const zipped = deflateSync(Buffer.from(historyDictText(run), 'utf8')).toString('base64');
        emit(`${head}{"compressed": true, "data": "${zipped}"}${tail}`);
      }
    : (emit) => {
        emit(head);
        writeHistoryDict(run, emit);
        emit(tail);
      };
  return {
    id: plan.executionId,
    data,
    metadata: plan.metadata === null ? null : pyDumps(plan.metadata, null),
    createdAt: wallClock(createdAt),
    updatedAt: wallClock(updatedAt),
  };
}

function stepRow(run: PlannedRun, rowId: string, i: number, stepText: string): StoreRow {
  const { plan, tree } = run;
  const h = stepHead(stepText);
  const p = tree.parent[i]!;
  const parentId = p >= 0 ? pyString(tree.ids[p]!) : 'null';
  const text =
    `{"id": "${rowId}", "execution_id": ${pyString(plan.executionId)}, "step_id": ${h.stepId}, ` +
    `"parent_id": ${parentId}, "state_name": ${h.stateName}, "network_name": ${h.networkName}, ` +
    `"status": ${h.status}, "timestamp": ${h.timestamp}, "record_type": "step", "step_data": ${stepText}}`;
  const at = wallClock(Number(h.timestamp));
  return {
    id: rowId,
    data: (emit) => emit(text),
    metadata: plan.stepMetadata === null ? null : pyDumps(plan.stepMetadata, null),
    createdAt: at,
    updatedAt: at,
  };
}

/** Every row of one run, in the order the producer wrote them. */
export function runRows(run: PlannedRun): StoreRow[] {
  const { plan, tree } = run;
  const rows: StoreRow[] = [];
  if (plan.layout !== 'history') {
    const rng = new Prng(plan.seed ^ 0x5eed);
    for (let i = 0; i < tree.ids.length; i++) {
      const text = tree.text[i]!;
      if (plan.stepsSavedTwice) rows.push(stepRow(run, rng.uuid(), i, inProgress(text)));
      rows.push(stepRow(run, rng.uuid(), i, text));
    }
  }
  if (plan.layout === 'steps') return rows;
  const history = historyRow(run);
  // An open run's history row was first saved after its first step (then updated in place: same rowid).
  if (plan.open && rows.length > 0) rows.splice(plan.stepsSavedTwice ? 2 : 1, 0, history);
  else rows.push(history);
  return rows;
}
