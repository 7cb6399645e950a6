// The producer's `summary` object -> ProducerSummary. Wrong field types are
// warned about (`summary.total_steps: expected a number, got string`) and the
// field is treated as missing (null); the run still loads.
import { isObject, joinKey, jsonTypeName, type NonFiniteScan, scanNonFinite } from './jsonUtil.ts';
import type { JsonObject, JsonValue, ProducerSummary } from './types.ts';
import type { WarningSink } from './warnings.ts';

export function readSummary(
  raw: JsonValue,
  where: string,
  warnings: WarningSink,
  nonFinite: NonFiniteScan,
): ProducerSummary | null {
  if (!isObject(raw)) {
    warnings.add(
      'wrong-type',
      where,
      `expected an object, got ${jsonTypeName(raw)}; the producer's counters are unknown`,
    );
    return null;
  }
  const wrong = (key: string, expected: string, v: JsonValue | undefined): void => {
    warnings.add('wrong-type', joinKey(where, key), `expected ${expected}, got ${jsonTypeName(v)}`);
  };
  const num = (key: string, integer: boolean): number | null => {
    const v = raw[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        nonFinite.count++;
        nonFinite.first ??= joinKey(where, key);
        return null;
      }
      if (integer && !Number.isInteger(v)) {
        wrong(key, 'a whole number', v);
        return null;
      }
      return v;
    }
    wrong(key, 'a number', v);
    return null;
  };
  const str = (key: string): string | null => {
    const v = raw[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return v;
    wrong(key, 'a string', v);
    return null;
  };
  const obj = (key: string): JsonObject | null => {
    const v = raw[key];
    if (v === undefined || v === null) return null;
    if (isObject(v)) {
      scanNonFinite(v, joinKey(where, key), nonFinite);
      return v;
    }
    wrong(key, 'an object', v);
    return null;
  };
  return {
    fsmName: str('fsm_name'),
    executionId: str('execution_id'),
    startTime: num('start_time', false),
    endTime: num('end_time', false),
    duration: num('duration', false),
    totalSteps: num('total_steps', true),
    failedSteps: num('failed_steps', true),
    skippedSteps: num('skipped_steps', true),
    completedSteps: num('completed_steps', true),
    dataMode: str('data_mode'),
    treeDepth: num('tree_depth', true),
    totalPaths: num('total_paths', true),
    resourceUsage: obj('resource_usage'),
    streamProgress: obj('stream_progress'),
  };
}
