// What the timeline draws for a run, worked out once per run: each step's
// span on the wall clock (criticalPath.ts's rules: timestamp when there is no
// start_time, open steps to the last known time, both marked approximate),
// the stretch the whole run covers, and which steps are on the critical path.
// Rows are the outline's (flattenOutline), so folds and "hide non-matching"
// apply to both alike.
import { type CriticalPath, criticalPath, lastKnownTime, stepSpan } from '../../model/criticalPath.ts';
import type { Run } from '../../model/types.ts';
import { memoByIdentity } from '../../store/selectors.ts';

export interface TimelineData {
  /** Per step: start and end, seconds since the epoch (NaN when unknown). */
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** 1 when the step's span is approximate. */
  readonly approximate: Uint8Array;
  /** 1 when the step is on the critical path. */
  readonly critical: Uint8Array;
  /** The stretches of each critical step that count on the path (from, to pairs), by step. */
  readonly sections: ReadonlyMap<number, readonly number[]>;
  readonly path: CriticalPath;
  /** Earliest start and latest end of any step; NaN when no step is timed. */
  readonly from: number;
  readonly to: number;
  /** What relative times count from: the run's start, else the earliest step. */
  readonly origin: number;
}

function build(run: Run): TimelineData {
  const n = run.steps.length;
  const start = new Float64Array(n).fill(Number.NaN);
  const end = new Float64Array(n).fill(Number.NaN);
  const approximate = new Uint8Array(n);
  const last = lastKnownTime(run);
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const span = stepSpan(run.steps[i]!, last);
    if (span.start !== null) {
      start[i] = span.start;
      if (span.start < from) from = span.start;
    }
    if (span.end !== null) {
      end[i] = span.end;
      if (span.end > to) to = span.end;
    }
    if (span.approximate) approximate[i] = 1;
  }
  const path = criticalPath(run);
  const critical = new Uint8Array(n);
  for (const s of path.steps) critical[s.index] = 1;
  const sections = new Map<number, number[]>();
  for (const sec of path.sections) {
    const list = sections.get(sec.index) ?? [];
    list.push(sec.from, sec.to);
    sections.set(sec.index, list);
  }
  const timed = Number.isFinite(from) && Number.isFinite(to);
  return {
    start,
    end,
    approximate,
    critical,
    sections,
    path,
    from: timed ? from : Number.NaN,
    to: timed ? to : Number.NaN,
    origin: run.startTime ?? (timed ? from : 0),
  };
}

export const timelineData = memoByIdentity(build);
