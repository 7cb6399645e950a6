// Rows of the "Resource usage" table and the comparison with the producer's own
// summary.resource_usage totals (shown only where they differ).
import { resourceAggregates } from '../../model/aggregate.ts';
import type { JsonValue, Run } from '../../model/types.ts';
import { memoByIdentity } from '../../store/selectors.ts';

export interface ResourceRow {
  readonly type: string;
  readonly calls: number;
  readonly totalDuration: number;
  readonly meanDuration: number;
  readonly maxDuration: number;
  readonly stepCount: number;
}

export interface ProducerDifference {
  readonly type: string;
  /** null when the producer's summary does not list the type (or the recomputed data lacks it). */
  readonly producerCalls: number | null;
  readonly producerTotal: number | null;
  readonly producerSteps: number | null;
  readonly calls: number | null;
  readonly total: number | null;
  readonly steps: number | null;
}

export const resourceRows = memoByIdentity((run: Run): ResourceRow[] =>
  resourceAggregates(run).map((a) => ({
    type: a.type,
    calls: a.calls,
    totalDuration: a.totalDuration,
    meanDuration: a.meanDuration,
    maxDuration: a.maxDuration,
    stepCount: a.steps.length,
  })),
);

function num(v: JsonValue | undefined): number | null {
  return typeof v === 'number' ? v : null;
}

function sameNumber(a: number | null, b: number | null): boolean {
  if (a == null || b == null) return a === b;
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Types whose producer totals (calls, total duration, steps) differ from the recomputed ones. */
export const producerDifferences = memoByIdentity((run: Run): ProducerDifference[] => {
  const produced = run.producer?.resourceUsage;
  if (!produced) return [];
  const rows = resourceRows(run);
  const byType = new Map(rows.map((r) => [r.type, r]));
  const types = [...new Set([...rows.map((r) => r.type), ...Object.keys(produced)])];
  const out: ProducerDifference[] = [];
  for (const type of types) {
    const mine = byType.get(type);
    const theirs = produced[type];
    const entry = theirs && typeof theirs === 'object' && !Array.isArray(theirs) ? theirs : null;
    const stepsList = entry?.steps;
    const d: ProducerDifference = {
      type,
      producerCalls: entry ? num(entry.total_calls) : null,
      producerTotal: entry ? num(entry.total_duration) : null,
      producerSteps: Array.isArray(stepsList) ? stepsList.length : null,
      calls: mine?.calls ?? null,
      total: mine?.totalDuration ?? null,
      steps: mine?.stepCount ?? null,
    };
    const differs =
      !mine ||
      !entry ||
      !sameNumber(d.producerCalls, d.calls) ||
      !sameNumber(d.producerTotal, d.total) ||
      (d.producerSteps != null && d.producerSteps !== d.steps);
    if (differs) out.push(d);
  }
  return out;
});
