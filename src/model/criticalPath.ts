// The critical path of a run: the chain of steps that decided when the run
// ended. From the root whose subtree finished last, at each level the child
// whose subtree finished last, down to that last-finishing leaf. Each step's
// own time on the chain is the part of its span the chain did not spend in
// the next step (so the shares add up to the whole), and its share is that
// over the chain's total. Times follow the timeline's rules: a step with no
// start_time starts at its timestamp; an open step runs to the run's end or
// the last time known (and is marked approximate). One pass up the tree in
// reverse preorder, one walk down: no recursion. Pure.
import type { Run, Step } from './types.ts';

export interface StepSpan {
  readonly start: number | null;
  readonly end: number | null;
  /** The start or end was not recorded as such (timestamp used, or the step is open). */
  readonly approximate: boolean;
}

export interface CriticalStep {
  readonly index: number;
  /** Seconds of the chain spent in this step and not in the next one. */
  readonly self: number;
  /** self / total; 0 when the total is 0. */
  readonly share: number;
}

export interface CriticalPath {
  /** Root first, the last-finishing leaf last; empty for a run without timed steps. */
  readonly steps: readonly CriticalStep[];
  /** From the first step's start to the last step's end, seconds. */
  readonly total: number;
  readonly start: number | null;
  readonly end: number | null;
  /** Some span on the path is approximate. */
  readonly approximate: boolean;
}

/** The last time the run knows of: its end, else the latest end, start or timestamp of any step. */
export function lastKnownTime(run: Run): number | null {
  if (run.endTime !== null) return run.endTime;
  let last: number | null = null;
  for (const s of run.steps) {
    for (const t of [s.endTime, s.startTime, s.timestamp])
      if (t !== null && (last === null || t > last)) last = t;
  }
  return last;
}

/** Where a step sits on the wall clock (the timeline's bar). */
export function stepSpan(step: Step, runEnd: number | null): StepSpan {
  const start = step.startTime ?? step.timestamp;
  let approximate = step.startTime === null && step.timestamp !== null;
  let end = step.endTime;
  if (end === null && start !== null && step.duration !== null) {
    end = start + step.duration;
    approximate = true;
  }
  if (end === null && start !== null) {
    end = runEnd !== null && runEnd >= start ? runEnd : start;
    approximate = true;
  }
  return { start, end, approximate };
}

export function criticalPath(run: Run): CriticalPath {
  const n = run.steps.length;
  const runEnd = lastKnownTime(run);
  const spans = run.steps.map((s) => stepSpan(s, runEnd));
  // The latest end in each subtree, filled bottom-up (children come after their parent in preorder).
  const subtreeEnd = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const { preorder, parent, firstChild, nextSibling, roots } = run.tree;
  for (let p = preorder.length - 1; p >= 0; p--) {
    const i = preorder[p]!;
    const own = spans[i]!.end;
    if (own !== null && own > subtreeEnd[i]!) subtreeEnd[i] = own;
    const up = parent[i]!;
    if (up >= 0 && subtreeEnd[i]! > subtreeEnd[up]!) subtreeEnd[up] = subtreeEnd[i]!;
  }
  const latest = (candidates: Iterable<number>): number => {
    let best = -1;
    for (const c of candidates) {
      const later = best < 0 || subtreeEnd[c]! > subtreeEnd[best]!;
      // On a tie a recorded end decides rather than an open step's guessed one.
      const surer =
        best >= 0 && subtreeEnd[c] === subtreeEnd[best] && spans[best]!.approximate && !spans[c]!.approximate;
      if (later || surer) best = c;
    }
    return best >= 0 && Number.isFinite(subtreeEnd[best]!) ? best : -1;
  };
  const chain: number[] = [];
  let at = latest(roots);
  while (at >= 0) {
    chain.push(at);
    const kids: number[] = [];
    for (let c = firstChild[at]!; c >= 0; c = nextSibling[c]!) kids.push(c);
    at = latest(kids);
  }
  if (chain.length === 0) return { steps: [], total: 0, start: null, end: null, approximate: false };
  const first = spans[chain[0]!]!;
  const start = first.start ?? first.end;
  const end = subtreeEnd[chain[0]!]!;
  const total = start !== null ? Math.max(0, end - start) : 0;
  const steps = chain.map((index, k) => {
    const span = spans[index]!;
    const next = k + 1 < chain.length ? spans[chain[k + 1]!]! : null;
    const from = span.start ?? span.end ?? end;
    const until = span.end ?? from;
    // The time until the next step on the chain starts, plus any time after it ends (the tail this step still runs).
    const self =
      next === null
        ? Math.max(0, until - from)
        : Math.max(0, (next.start ?? from) - from) +
          Math.max(0, until - (subtreeEnd[chain[k + 1]!] ?? until));
    return { index, self, share: 0 };
  });
  const sum = steps.reduce((acc, s) => acc + s.self, 0);
  const denominator = total > 0 ? total : sum;
  return {
    steps: steps.map((s) => ({ ...s, share: denominator > 0 ? s.self / denominator : 0 })),
    total,
    start,
    end: Number.isFinite(end) ? end : null,
    approximate: chain.some((i) => spans[i]!.approximate),
  };
}
