// What changed from run A (say, the good one) to run B: the steps matched by
// stepMatch.ts, then every difference a user asks about when a run starts
// failing: steps only in A or only in B, a status that changed (completed ->
// failed), a duration that changed, an arc taken that changed; resource calls
// and time per type; per state, count, failures and p50/p95 durations in
// both. The list of differences is ordered by how much they matter: new
// failures first, then other status changes, then by seconds (a removed or
// added step weighs its own duration). Pure; the CLI's `diff` and the page
// both read it.
import { resourceAggregates, stateRollups } from '../aggregate.ts';
import type { Run } from '../types.ts';
import { matchSteps, type StepMatch } from './stepMatch.ts';

export type DifferenceKind = 'only-a' | 'only-b' | 'status' | 'duration' | 'arc';

export interface StepDifference {
  readonly kind: DifferenceKind;
  /** Step index in A, or -1 (only in B). */
  readonly a: number;
  /** Step index in B, or -1 (only in A). */
  readonly b: number;
  /** Seconds that the difference is worth, for ordering (0 when unknown). */
  readonly seconds: number;
  /** For 'status': the two statuses; for 'arc': the two arcs (null: none taken). */
  readonly from: string | null;
  readonly to: string | null;
  /** For 'duration': B - A in seconds, and as a share of A (null when A took 0). */
  readonly delta: number | null;
  readonly ratio: number | null;
}

export interface ResourceChange {
  readonly type: string;
  readonly callsA: number;
  readonly callsB: number;
  readonly secondsA: number;
  readonly secondsB: number;
}

export interface StateChange {
  readonly stateName: string;
  readonly countA: number;
  readonly countB: number;
  readonly failedA: number;
  readonly failedB: number;
  readonly p50A: number | null;
  readonly p50B: number | null;
  readonly p95A: number | null;
  readonly p95B: number | null;
}

/** The state's count, failures or p95 differ between A and B. */
export function stateChanged(s: StateChange): boolean {
  return s.countA !== s.countB || s.failedA !== s.failedB || s.p95A !== s.p95B;
}

export interface RunComparison {
  readonly match: StepMatch;
  /** Steps matched in both runs. */
  readonly matched: number;
  readonly onlyA: number;
  readonly onlyB: number;
  /** Every difference, most important first. */
  readonly differences: readonly StepDifference[];
  readonly resources: readonly ResourceChange[];
  readonly states: readonly StateChange[];
  /** Steps failed in B whose match in A did not fail (or that A does not have). */
  readonly newFailures: readonly number[];
  /** Run durations (end - start, or the producer's), null when unknown. */
  readonly durationA: number | null;
  readonly durationB: number | null;
}

/** A duration change smaller than this (seconds) and this share of A is noise, not a difference. */
const MIN_DELTA_SECONDS = 0.001;
const MIN_DELTA_SHARE = 0.05;

function difference(
  kind: DifferenceKind,
  a: number,
  b: number,
  seconds: number,
  extra: Partial<Pick<StepDifference, 'from' | 'to' | 'delta' | 'ratio'>> = {},
): StepDifference {
  return { kind, a, b, seconds, from: null, to: null, delta: null, ratio: null, ...extra };
}

const isFailed = (status: string | undefined) => status === 'failed';

/** Status changes to failed first, then other status changes, then the rest by seconds. */
function rank(d: StepDifference): number {
  if (d.kind === 'status' && isFailed(d.to ?? undefined)) return 0;
  if (d.kind === 'only-b' && d.to === 'failed') return 0;
  if (d.kind === 'status') return 1;
  return 2;
}

function stepDifferences(a: Run, b: Run, match: StepMatch): StepDifference[] {
  const out: StepDifference[] = [];
  for (let i = 0; i < a.steps.length; i++) {
    const sa = a.steps[i]!;
    const j = match.aToB[i]!;
    if (j < 0) {
      out.push(difference('only-a', i, -1, sa.duration ?? 0, { from: sa.status }));
      continue;
    }
    const sb = b.steps[j]!;
    if (sa.status !== sb.status) {
      out.push(
        difference('status', i, j, sb.duration ?? sa.duration ?? 0, { from: sa.status, to: sb.status }),
      );
    }
    if (sa.arcTaken !== sb.arcTaken) {
      out.push(difference('arc', i, j, 0, { from: sa.arcTaken, to: sb.arcTaken }));
    }
    if (sa.duration !== null && sb.duration !== null) {
      const delta = sb.duration - sa.duration;
      const share = sa.duration > 0 ? Math.abs(delta) / sa.duration : Number.POSITIVE_INFINITY;
      if (Math.abs(delta) >= MIN_DELTA_SECONDS && share >= MIN_DELTA_SHARE) {
        out.push(
          difference('duration', i, j, Math.abs(delta), {
            delta,
            ratio: sa.duration > 0 ? delta / sa.duration : null,
          }),
        );
      }
    }
  }
  for (let j = 0; j < b.steps.length; j++) {
    if (match.bToA[j]! >= 0) continue;
    const sb = b.steps[j]!;
    out.push(difference('only-b', -1, j, sb.duration ?? 0, { to: sb.status }));
  }
  return out.sort((x, y) => rank(x) - rank(y) || y.seconds - x.seconds || order(x) - order(y));
}

/** Ties in step order (B's for steps B has, else A's). */
function order(d: StepDifference): number {
  return d.b >= 0 ? d.b : d.a;
}

function resourceChanges(a: Run, b: Run): ResourceChange[] {
  const byType = new Map<string, { callsA: number; callsB: number; secondsA: number; secondsB: number }>();
  const entry = (type: string) => {
    let e = byType.get(type);
    if (!e) {
      e = { callsA: 0, callsB: 0, secondsA: 0, secondsB: 0 };
      byType.set(type, e);
    }
    return e;
  };
  for (const r of resourceAggregates(a))
    Object.assign(entry(r.type), { callsA: r.calls, secondsA: r.totalDuration });
  for (const r of resourceAggregates(b))
    Object.assign(entry(r.type), { callsB: r.calls, secondsB: r.totalDuration });
  return [...byType]
    .map(([type, e]) => ({ type, ...e }))
    .sort(
      (x, y) =>
        Math.abs(y.secondsB - y.secondsA) - Math.abs(x.secondsB - x.secondsA) ||
        (x.type < y.type ? -1 : x.type > y.type ? 1 : 0),
    );
}

function stateChanges(a: Run, b: Run): StateChange[] {
  const rollA = new Map(stateRollups(a).map((r) => [r.stateName, r]));
  const rollB = new Map(stateRollups(b).map((r) => [r.stateName, r]));
  const names = [...rollA.keys(), ...[...rollB.keys()].filter((n) => !rollA.has(n))];
  return names.map((stateName) => {
    const ra = rollA.get(stateName);
    const rb = rollB.get(stateName);
    return {
      stateName,
      countA: ra?.count ?? 0,
      countB: rb?.count ?? 0,
      failedA: ra?.failed ?? 0,
      failedB: rb?.failed ?? 0,
      p50A: ra?.p50 ?? null,
      p50B: rb?.p50 ?? null,
      p95A: ra?.p95 ?? null,
      p95B: rb?.p95 ?? null,
    };
  });
}

export function compareRuns(a: Run, b: Run): RunComparison {
  const match = matchSteps(a, b);
  let matched = 0;
  for (let i = 0; i < match.aToB.length; i++) if (match.aToB[i]! >= 0) matched++;
  const newFailures: number[] = [];
  for (let j = 0; j < b.steps.length; j++) {
    if (!isFailed(b.steps[j]!.status)) continue;
    const i = match.bToA[j]!;
    if (i < 0 || !isFailed(a.steps[i]!.status)) newFailures.push(j);
  }
  return {
    match,
    matched,
    onlyA: a.steps.length - matched,
    onlyB: b.steps.length - matched,
    differences: stepDifferences(a, b, match),
    resources: resourceChanges(a, b),
    states: stateChanges(a, b),
    newFailures,
    durationA: a.duration,
    durationB: b.duration,
  };
}

/**
 * Where a step is, for people: its state names from the root, the step's own
 * last, with `#2` for the second same-named sibling; at most `parts` names
 * (the root side is cut to "…"). Walks up the parent links, no recursion.
 */
export function stepPath(run: Run, index: number, ordinals: Int32Array, parts = 4): string {
  const names: string[] = [];
  let i = index;
  let cut = false;
  while (i >= 0) {
    if (names.length === parts) {
      cut = true;
      break;
    }
    const k = ordinals[i]!;
    names.push(k > 0 ? `${run.steps[i]!.stateName}#${k + 1}` : run.steps[i]!.stateName);
    i = run.tree.parent[i]!;
  }
  names.reverse();
  return (cut ? '… › ' : '') + names.join(' › ') + (run.steps[index]!.detached ? ' (detached)' : '');
}
