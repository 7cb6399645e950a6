// The values each filter group offers for a run, with their counts, computed
// once per run (memoised on the run object). Known statuses and data modes keep
// the producer's order; anything else follows, most frequent first.
import { fieldValueCounts } from '../../model/filter.ts';
import { DATA_MODES, type Run, STEP_STATUSES } from '../../model/types.ts';
import { memoByIdentity } from '../../store/selectors.ts';

export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

export interface RunValueCounts {
  readonly states: readonly ValueCount[];
  readonly dataModes: readonly ValueCount[];
  readonly statuses: readonly ValueCount[];
  readonly networks: readonly ValueCount[];
}

function inOrder(counts: readonly ValueCount[], order: readonly string[]): ValueCount[] {
  const rank = (v: string) => {
    const at = order.indexOf(v);
    return at < 0 ? order.length : at;
  };
  return [...counts].sort((a, b) => rank(a.value) - rank(b.value) || b.count - a.count);
}

export const getRunValueCounts = memoByIdentity((run: Run): RunValueCounts => {
  const counts = fieldValueCounts(run);
  return {
    states: counts.stateName,
    dataModes: inOrder(counts.dataMode, DATA_MODES),
    statuses: inOrder(counts.status, STEP_STATUSES),
    networks: counts.networkName,
  };
});

/** The run's values plus any chosen value the run lacks (count 0), so it can still be turned off. */
export function withChosen(values: readonly ValueCount[], chosen: readonly string[]): readonly ValueCount[] {
  const missing = chosen.filter((c) => !values.some((v) => v.value === c));
  return missing.length === 0 ? values : [...values, ...missing.map((value) => ({ value, count: 0 }))];
}
