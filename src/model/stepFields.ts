// One producer step object -> a validated, normalised Step (without its tree
// facts, which the RunBuilder fills in). Field type problems become
// 'wrong-type' warnings and the field falls back to null / a default; a step
// without a usable step_id cannot be placed and is reported to the caller.
import type { Interner } from './intern.ts';
import { isObject, joinKey, jsonTypeName, type NonFiniteScan, scanNonFinite } from './jsonUtil.ts';
import {
  DATA_MODES,
  type DurationSource,
  type JsonObject,
  type JsonValue,
  STEP_STATUSES,
  type Step,
} from './types.ts';
import type { WarningSink } from './warnings.ts';

export type MutableStep = { -readonly [K in keyof Step]: Step[K] };

/** First place and number of steps with a value outside the known set. */
export interface UnknownValue {
  count: number;
  where: string;
}

export interface StepReadContext {
  readonly interner: Interner;
  readonly warnings: WarningSink;
  readonly nonFinite: NonFiniteScan;
  readonly unknownStatus: Map<string, UnknownValue>;
  readonly unknownDataMode: Map<string, UnknownValue>;
}

const KNOWN_STATUS = new Set<string>(STEP_STATUSES);
const KNOWN_MODE = new Set<string>(DATA_MODES);

export const MISSING_NAME = '(missing)';

/** The step_id of a raw step, or null when it has none usable. */
export function stepIdOf(raw: JsonValue | undefined): string | null {
  if (!isObject(raw)) return null;
  const id = raw.step_id;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** Why a raw step cannot be used, or null when it can. */
export function invalidStepReason(raw: JsonValue | undefined): string | null {
  if (!isObject(raw)) return `expected a step object, got ${jsonTypeName(raw)}`;
  if (!('step_id' in raw)) return 'step has no step_id';
  const id = raw.step_id;
  if (typeof id !== 'string') return `step_id: expected a string, got ${jsonTypeName(id)}`;
  if (id === '') return 'step_id is empty';
  return null;
}

function countUnknown(map: Map<string, UnknownValue>, value: string, where: string): void {
  const u = map.get(value);
  if (u) u.count++;
  else map.set(value, { count: 1, where });
}

/** Reads a raw step (invalidStepReason(raw) must be null). `where` is the step's place, e.g. `paths[0][2]`. */
export function readStep(
  raw: JsonObject,
  stepId: string,
  where: string,
  index: number,
  ctx: StepReadContext,
): MutableStep {
  const { warnings, interner } = ctx;
  const wrong = (key: string, expected: string, v: JsonValue | undefined): void => {
    warnings.add('wrong-type', joinKey(where, key), `expected ${expected}, got ${jsonTypeName(v)}`);
  };
  const num = (key: string): number | null => {
    const v = raw[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) return v;
      ctx.nonFinite.count++;
      ctx.nonFinite.first ??= joinKey(where, key);
      return null;
    }
    wrong(key, 'a number', v);
    return null;
  };
  const count = (key: string): number => {
    const v = raw[key];
    if (v === undefined || v === null) return 0;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'number') {
      ctx.nonFinite.count++;
      ctx.nonFinite.first ??= joinKey(where, key);
      return 0;
    }
    wrong(key, 'a number', v);
    return 0;
  };
  const name = (key: string, required: boolean): string => {
    const v = raw[key];
    if (typeof v === 'string') return interner.intern(v);
    if (v === undefined && !required) return '';
    if (v === undefined) warnings.add('wrong-type', joinKey(where, key), 'missing; expected a string');
    else wrong(key, 'a string', v);
    return MISSING_NAME;
  };
  const optText = (key: string): string | null => {
    const v = raw[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return v;
    wrong(key, 'a string or null', v);
    return null;
  };

  const stateName = name('state_name', true);
  const networkName = name('network_name', false);
  const status = name('status', true);
  const dataMode = name('data_mode', false);
  if (status !== MISSING_NAME && !KNOWN_STATUS.has(status))
    countUnknown(ctx.unknownStatus, status, joinKey(where, 'status'));
  if (dataMode !== '' && dataMode !== MISSING_NAME && !KNOWN_MODE.has(dataMode))
    countUnknown(ctx.unknownDataMode, dataMode, joinKey(where, 'data_mode'));

  const timestamp = num('timestamp');
  const startTime = num('start_time');
  const endTime = num('end_time');
  const recordedDuration = num('duration');
  let duration: number | null = null;
  let durationSource: DurationSource = 'none';
  if (recordedDuration !== null) {
    duration = recordedDuration;
    durationSource = 'recorded';
  } else if (endTime !== null && startTime !== null) {
    duration = endTime - startTime;
    durationSource = 'end-start';
  } else if (endTime !== null && timestamp !== null) {
    duration = endTime - timestamp;
    durationSource = 'end-timestamp';
  }

  const metrics = raw.metrics ?? {};
  let resourceUsage: JsonObject = {};
  const ru = raw.resource_usage;
  if (isObject(ru)) resourceUsage = ru;
  else if (ru !== undefined && ru !== null) wrong('resource_usage', 'an object', ru);
  const streamProgress = raw.stream_progress ?? null;

  scanNonFinite(metrics, joinKey(where, 'metrics'), ctx.nonFinite);
  scanNonFinite(resourceUsage, joinKey(where, 'resource_usage'), ctx.nonFinite);
  scanNonFinite(streamProgress, joinKey(where, 'stream_progress'), ctx.nonFinite);

  return {
    index,
    stepId,
    stateName,
    networkName,
    timestamp,
    startTime,
    endTime,
    recordedDuration,
    duration,
    durationSource,
    dataMode,
    status,
    arcTaken: optText('arc_taken'),
    error: optText('error'),
    metrics,
    resourceUsage,
    streamProgress,
    chunksProcessed: count('chunks_processed'),
    recordsProcessed: count('records_processed'),
    detached: false,
    source: where,
  };
}
