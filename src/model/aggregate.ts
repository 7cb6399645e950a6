// Derived views over a run's steps for the panels: resource usage per type,
// stream totals and per-state roll-ups. Computed from every distinct step of
// the run (tree and detached); the producer's own totals are compared in
// checks.ts, not here.
import { isObject } from './jsonUtil.ts';
import type { Run } from './types.ts';

export interface ResourceAggregate {
  readonly type: string;
  /** Steps that used this resource type. */
  readonly calls: number;
  /** Sum of the entries' finite `duration` fields (seconds). */
  readonly totalDuration: number;
  /** totalDuration / entries that had a finite duration; 0 when none had. */
  readonly meanDuration: number;
  /** Largest finite duration; 0 when none. */
  readonly maxDuration: number;
  /** Step indices using this type, in step order. */
  readonly steps: number[];
}

/** One entry per resource type, by total duration (largest first), then by name. */
export function resourceAggregates(run: Run): ResourceAggregate[] {
  const acc = new Map<
    string,
    { calls: number; timed: number; total: number; max: number; steps: number[] }
  >();
  for (const s of run.steps) {
    for (const type of Object.keys(s.resourceUsage)) {
      let a = acc.get(type);
      if (!a) {
        a = { calls: 0, timed: 0, total: 0, max: 0, steps: [] };
        acc.set(type, a);
      }
      a.calls++;
      a.steps.push(s.index);
      const e = s.resourceUsage[type];
      if (isObject(e) && typeof e.duration === 'number' && Number.isFinite(e.duration)) {
        a.timed++;
        a.total += e.duration;
        if (a.timed === 1 || e.duration > a.max) a.max = e.duration;
      }
    }
  }
  return [...acc]
    .map(([type, a]) => ({
      type,
      calls: a.calls,
      totalDuration: a.total,
      meanDuration: a.timed > 0 ? a.total / a.timed : 0,
      maxDuration: a.max,
      steps: a.steps,
    }))
    .sort((x, y) => y.totalDuration - x.totalDuration || (x.type < y.type ? -1 : x.type > y.type ? 1 : 0));
}

export interface StreamTotals {
  /** Sum of chunks_processed over the steps. */
  readonly chunks: number;
  /** Sum of records_processed over the steps. */
  readonly records: number;
  /**
   * The producer's summary.stream_progress.streams_processed (a counter the
   * producer keeps apart from the steps, so it cannot be recomputed); 0 when absent.
   */
  readonly streamsProcessed: number;
  /** Indices of steps that streamed: chunks or records > 0, or a stream_progress object. */
  readonly steps: number[];
}

export function streamTotals(run: Run): StreamTotals {
  let chunks = 0;
  let records = 0;
  const steps: number[] = [];
  for (const s of run.steps) {
    chunks += s.chunksProcessed;
    records += s.recordsProcessed;
    if (s.chunksProcessed > 0 || s.recordsProcessed > 0 || isObject(s.streamProgress)) steps.push(s.index);
  }
  const sp = run.producer?.streamProgress?.streams_processed;
  const streamsProcessed = typeof sp === 'number' && Number.isFinite(sp) ? sp : 0;
  return { chunks, records, streamsProcessed, steps };
}

export interface StateRollup {
  readonly stateName: string;
  readonly count: number;
  readonly statusCounts: Record<string, number>;
  readonly failed: number;
  /** Sum of the steps' durations (recorded or approximate); 0 when none known. */
  readonly totalDuration: number;
  /** Nearest-rank percentiles over the known durations; null when none known. */
  readonly p50: number | null;
  readonly p95: number | null;
  readonly maxDuration: number | null;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** One roll-up per state name, in order of the state's first step. */
export function stateRollups(run: Run): StateRollup[] {
  const acc = new Map<string, { count: number; statusCounts: Record<string, number>; durations: number[] }>();
  for (const s of run.steps) {
    let a = acc.get(s.stateName);
    if (!a) {
      a = { count: 0, statusCounts: {}, durations: [] };
      acc.set(s.stateName, a);
    }
    a.count++;
    a.statusCounts[s.status] = (a.statusCounts[s.status] ?? 0) + 1;
    if (s.duration !== null) a.durations.push(s.duration);
  }
  return [...acc].map(([stateName, a]) => {
    const d = a.durations.sort((x, y) => x - y);
    let total = 0;
    for (const x of d) total += x;
    return {
      stateName,
      count: a.count,
      statusCounts: a.statusCounts,
      failed: a.statusCounts.failed ?? 0,
      totalDuration: total,
      p50: percentile(d, 0.5),
      p95: percentile(d, 0.95),
      maxDuration: d.length > 0 ? d[d.length - 1]! : null,
    };
  });
}
