// Plain-language facts about one step for the details panel: why its duration
// is approximate, where it sits in the tree, its stream position. Pure functions.
import type { JsonValue, Run, Step } from '../../model/types.ts';

/** Why the effective duration is not the recorded one; null when it is recorded. */
export function durationExplanation(step: Step): string | null {
  switch (step.durationSource) {
    case 'recorded':
      return null;
    case 'end-start':
      return 'The producer recorded no duration; this is end time minus start time.';
    case 'end-timestamp':
      return 'The step has no start time (the producer completed it without starting it); this is end time minus the creation timestamp.';
    case 'none':
      return step.endTime == null
        ? 'The step has not ended, so it has no duration yet.'
        : 'No duration was recorded and none can be computed from the times.';
  }
}

/**
 * Said next to a stream position: the producer records `position` as the
 * stream's own offset and gives no unit (bytes for one source, records for
 * another), so the number is not dressed up as either.
 */
export const POSITION_NOTE = "(the stream's offset; the file gives no unit)";

/** The `position` of a step's stream_progress, or null when it has none. */
export function streamPosition(value: JsonValue): number | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const p = value.position;
    if (typeof p === 'number') return p;
  }
  return null;
}

/** Why a step is detached, for the "Detached" field. */
export function detachedText(run: Run, step: Step): string {
  if (!step.detached) return 'no';
  return run.pruned
    ? 'yes: pruned from the tree (the run kept a limited depth); it is only in mode_storage'
    : 'yes: not in the tree (its parent is unknown); it is only in mode_storage';
}
