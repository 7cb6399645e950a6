// The facts the `summary` command reports for one run, in the shape of the
// --json output (snake_case keys). The text output is rendered from the same facts.
import { resourceAggregates, streamTotals } from '../model/aggregate.ts';
import type { Run } from '../model/types.ts';

export interface RunFacts {
  readonly execution_id: string;
  readonly fsm_name: string;
  readonly data_mode: string;
  readonly form: string;
  /** ISO time, or null when missing. */
  readonly start_time: string | null;
  /** ISO time, or null while the run is open. */
  readonly end_time: string | null;
  /** Seconds, or null when unknown. */
  readonly duration: number | null;
  readonly open: boolean;
  readonly pruned: boolean;
  readonly unique_steps: number;
  readonly tree_steps: number;
  readonly detached_steps: number;
  readonly roots: number;
  readonly leaves: number;
  readonly max_depth: number;
  readonly paths: number;
  readonly status_counts: Readonly<Record<string, number>>;
  /** Per resource type: number of calls and total duration in seconds. */
  readonly resources: Readonly<Record<string, { readonly calls: number; readonly duration: number }>>;
  readonly chunks: number;
  readonly records: number;
  readonly streams_processed: number;
  readonly warnings: readonly string[];
}

export function isoTime(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function runFacts(run: Run): RunFacts {
  const c = run.counts;
  const resources: Record<string, { calls: number; duration: number }> = {};
  for (const r of resourceAggregates(run)) resources[r.type] = { calls: r.calls, duration: r.totalDuration };
  const streams = streamTotals(run);
  return {
    execution_id: run.executionId,
    fsm_name: run.fsmName,
    data_mode: run.dataMode,
    form: run.form,
    start_time: isoTime(run.startTime),
    end_time: isoTime(run.endTime),
    duration: run.duration,
    open: run.open,
    pruned: run.pruned,
    unique_steps: c.uniqueSteps,
    tree_steps: c.treeSteps,
    detached_steps: c.detachedSteps,
    roots: c.roots,
    leaves: c.leaves,
    max_depth: c.maxDepth,
    paths: c.paths,
    status_counts: { ...c.statusCounts },
    resources,
    chunks: streams.chunks,
    records: streams.records,
    streams_processed: streams.streamsProcessed,
    warnings: run.warnings.map((w) => w.message),
  };
}
