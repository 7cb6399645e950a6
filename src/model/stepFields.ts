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

/**
 * True when a value holds NaN or +-Infinity somewhere: a quick iterative pass
 * that builds no place strings (scanNonFinite, which names the places, runs
 * only when this finds one).
 */
function hasNonFinite(value: JsonValue): boolean {
  if (!mayHoldNumbers(value)) return false;
  if (typeof value === 'number') return !Number.isFinite(value);
  // Most values are flat (numbers and strings only): one pass, no stack to allocate.
  let nested = false;
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) {
      const e = value[k]!;
      if (typeof e === 'number') {
        if (!Number.isFinite(e)) return true;
      } else if (typeof e === 'object' && e !== null) nested = true;
    }
  } else {
    const obj = value as JsonObject;
    for (const key in obj) {
      const e = obj[key]!;
      if (typeof e === 'number') {
        if (!Number.isFinite(e)) return true;
      } else if (typeof e === 'object' && e !== null) nested = true;
    }
  }
  if (!nested) return false;
  const stack: JsonValue[] = [value];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) {
        const e = v[k]!;
        if (typeof e === 'number') {
          if (!Number.isFinite(e)) return true;
        } else if (typeof e === 'object' && e !== null) stack.push(e);
      }
    } else if (typeof v === 'object' && v !== null) {
      for (const key in v) {
        const e = v[key]!;
        if (typeof e === 'number') {
          if (!Number.isFinite(e)) return true;
        } else if (typeof e === 'object' && e !== null) stack.push(e);
      }
    }
  }
  return false;
}

/** False for values that cannot hold a non-finite number (null, strings, empty containers). */
function mayHoldNumbers(v: JsonValue): boolean {
  if (typeof v === 'number') return true;
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  for (const _ in v) return true;
  return false;
}

function wrong(
  ctx: StepReadContext,
  where: string,
  key: string,
  expected: string,
  v: JsonValue | undefined,
): void {
  ctx.warnings.add('wrong-type', joinKey(where, key), `expected ${expected}, got ${jsonTypeName(v)}`);
}

function nonFiniteAt(ctx: StepReadContext, where: string, key: string): void {
  ctx.nonFinite.count++;
  ctx.nonFinite.first ??= joinKey(where, key);
}

function readNumber(ctx: StepReadContext, raw: JsonObject, where: string, key: string): number | null {
  const v = raw[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v;
    nonFiniteAt(ctx, where, key);
    return null;
  }
  wrong(ctx, where, key, 'a number', v);
  return null;
}

function readCount(ctx: StepReadContext, raw: JsonObject, where: string, key: string): number {
  return readNumber(ctx, raw, where, key) ?? 0;
}

function readName(
  ctx: StepReadContext,
  raw: JsonObject,
  where: string,
  key: string,
  required: boolean,
): string {
  const v = raw[key];
  if (typeof v === 'string') return ctx.interner.intern(v);
  if (v === undefined && !required) return '';
  if (v === undefined) ctx.warnings.add('wrong-type', joinKey(where, key), 'missing; expected a string');
  else wrong(ctx, where, key, 'a string', v);
  return MISSING_NAME;
}

function readText(ctx: StepReadContext, raw: JsonObject, where: string, key: string): string | null {
  const v = raw[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  wrong(ctx, where, key, 'a string or null', v);
  return null;
}

/** Counts a status or data mode outside the known values (a warning per value at the end). */
export function noteUnknownValues(
  ctx: StepReadContext,
  where: string,
  status: string,
  dataMode: string,
): void {
  if (status !== MISSING_NAME && !KNOWN_STATUS.has(status))
    countUnknown(ctx.unknownStatus, status, joinKey(where, 'status'));
  if (dataMode !== '' && dataMode !== MISSING_NAME && !KNOWN_MODE.has(dataMode))
    countUnknown(ctx.unknownDataMode, dataMode, joinKey(where, 'data_mode'));
}

/** Where a step's duration comes from: recorded, else end - start, else end - timestamp. */
export function durationSourceOf(
  recorded: number | null,
  timestamp: number | null,
  startTime: number | null,
  endTime: number | null,
): DurationSource {
  if (recorded !== null) return 'recorded';
  if (endTime !== null && startTime !== null) return 'end-start';
  if (endTime !== null && timestamp !== null) return 'end-timestamp';
  return 'none';
}

/** The step's duration from the source durationSourceOf chose (null for 'none'). */
export function durationOf(
  source: DurationSource,
  recorded: number | null,
  timestamp: number | null,
  startTime: number | null,
  endTime: number | null,
): number | null {
  if (source === 'recorded') return recorded;
  if (source === 'end-start') return (endTime as number) - (startTime as number);
  if (source === 'end-timestamp') return (endTime as number) - (timestamp as number);
  return null;
}

/** Reads a raw step (invalidStepReason(raw) must be null). `where` is the step's place, e.g. `paths[0][2]`. */
export function readStep(
  raw: JsonObject,
  stepId: string,
  where: string,
  index: number,
  ctx: StepReadContext,
): MutableStep {
  const stateName = readName(ctx, raw, where, 'state_name', true);
  const networkName = readName(ctx, raw, where, 'network_name', false);
  const status = readName(ctx, raw, where, 'status', true);
  const dataMode = readName(ctx, raw, where, 'data_mode', false);
  noteUnknownValues(ctx, where, status, dataMode);

  const timestamp = readNumber(ctx, raw, where, 'timestamp');
  const startTime = readNumber(ctx, raw, where, 'start_time');
  const endTime = readNumber(ctx, raw, where, 'end_time');
  const recordedDuration = readNumber(ctx, raw, where, 'duration');
  const durationSource = durationSourceOf(recordedDuration, timestamp, startTime, endTime);
  const duration = durationOf(durationSource, recordedDuration, timestamp, startTime, endTime);

  const metrics = raw.metrics ?? {};
  let resourceUsage: JsonObject = {};
  const ru = raw.resource_usage;
  if (isObject(ru)) resourceUsage = ru;
  else if (ru !== undefined && ru !== null) wrong(ctx, where, 'resource_usage', 'an object', ru);
  const streamProgress = raw.stream_progress ?? null;

  if (hasNonFinite(metrics)) scanNonFinite(metrics, joinKey(where, 'metrics'), ctx.nonFinite);
  if (hasNonFinite(resourceUsage))
    scanNonFinite(resourceUsage, joinKey(where, 'resource_usage'), ctx.nonFinite);
  if (hasNonFinite(streamProgress))
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
    arcTaken: readText(ctx, raw, where, 'arc_taken'),
    error: readText(ctx, raw, where, 'error'),
    metrics,
    resourceUsage,
    streamProgress,
    chunksProcessed: readCount(ctx, raw, where, 'chunks_processed'),
    recordsProcessed: readCount(ctx, raw, where, 'records_processed'),
    detached: false,
    source: where,
  };
}
