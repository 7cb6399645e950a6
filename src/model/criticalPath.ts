// The critical path of a run: the chain of steps that decided when the run
// ended. From the root whose subtree finished last, at each level the child
// whose subtree finished last, down to that last-finishing leaf. In an FSM a
// child state usually starts after its parent ended (the tree is the order
// of transitions), and the path's time is then the steps' own time plus the
// waits between them (a child that started only after another branch ran);
// where a parent's span holds its children (a step that calls others), the
// child's stretch is not counted twice. Each step's own time on the path is
// its span outside the next step's stretch (the next step's start to its
// subtree's end); what no step covers is waiting. Times follow the
// timeline's rules: a step with no start_time starts at its timestamp; an
// open step runs to the run's end or the last time known (marked
// approximate). One pass up the tree in reverse preorder, one walk down: no
// recursion. Pure.
import type { Run, Step } from './types.ts';

export interface StepSpan {
  readonly start: number | null;
  readonly end: number | null;
  /** The start or end was not recorded as such (timestamp used, or the step is open). */
  readonly approximate: boolean;
}

export interface CriticalStep {
  readonly index: number;
  /** Seconds of the path spent in this step itself. */
  readonly self: number;
  /** self / total; 0 when the total is 0. */
  readonly share: number;
}

/** A stretch of the path spent in one step itself. */
export interface CriticalSection {
  readonly index: number;
  readonly from: number;
  readonly to: number;
}

export interface CriticalPath {
  /** Root first, the last-finishing leaf last; empty for a run without timed steps. */
  readonly steps: readonly CriticalStep[];
  /** The stretches spent in the steps themselves, earliest first. */
  readonly sections: readonly CriticalSection[];
  /** From the first step's start to the last step's end, seconds. */
  readonly total: number;
  /** Seconds of the total that no step on the path covers (waiting between them). */
  readonly waiting: number;
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

const EMPTY: CriticalPath = {
  steps: [],
  sections: [],
  total: 0,
  waiting: 0,
  start: null,
  end: null,
  approximate: false,
};

/** The parts of [from, to] outside [cutFrom, cutTo]. */
function outside(from: number, to: number, cutFrom: number, cutTo: number): Array<[number, number]> {
  if (cutTo <= from || cutFrom >= to) return [[from, to]];
  const parts: Array<[number, number]> = [];
  if (cutFrom > from) parts.push([from, cutFrom]);
  if (cutTo < to) parts.push([cutTo, to]);
  return parts;
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
  for (let at = latest(roots); at >= 0; ) {
    chain.push(at);
    const kids: number[] = [];
    for (let c = firstChild[at]!; c >= 0; c = nextSibling[c]!) kids.push(c);
    at = latest(kids);
  }
  if (chain.length === 0) return EMPTY;
  const root = spans[chain[0]!]!;
  const start = root.start ?? root.end;
  const end = subtreeEnd[chain[0]!]!;
  const total = start !== null ? Math.max(0, end - start) : 0;

  const sections: CriticalSection[] = [];
  const steps = chain.map((index, k) => {
    const span = spans[index]!;
    const from = span.start ?? span.end ?? end;
    const to = Math.max(from, span.end ?? from);
    const next = chain[k + 1];
    const parts =
      next === undefined
        ? [[from, to] as [number, number]]
        : outside(from, to, spans[next]!.start ?? subtreeEnd[next]!, subtreeEnd[next]!);
    let self = 0;
    for (const [a, b] of parts) {
      if (b > a) sections.push({ index, from: a, to: b });
      self += Math.max(0, b - a);
    }
    return { index, self, share: 0 };
  });
  sections.sort((x, y) => x.from - y.from);
  const covered = steps.reduce((sum, s) => sum + s.self, 0);
  return {
    steps: steps.map((s) => ({ ...s, share: total > 0 ? s.self / total : 0 })),
    sections,
    total,
    waiting: Math.max(0, total - covered),
    start,
    end: Number.isFinite(end) ? end : null,
    approximate: chain.some((i) => spans[i]!.approximate),
  };
}

/** Seconds of the critical path each state holds (its steps' own time on the path), by state name. */
export function criticalSecondsByState(run: Run, path: CriticalPath): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of path.steps) {
    const name = run.steps[s.index]!.stateName;
    out.set(name, (out.get(name) ?? 0) + s.self);
  }
  return out;
}
