// "States": one row per FSM state from stateRollups (count, failed, p50, p95
// and max duration) and the share of the critical path its steps hold,
// sortable. Choosing a state sets the state filter.
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { type StateRollup, stateRollups } from '../../model/aggregate.ts';
import { criticalPath, criticalSecondsByState } from '../../model/criticalPath.ts';
import type { Run } from '../../model/types.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { memoByIdentity } from '../../store/selectors.ts';
import { ActiveRunPanel, EmptyState, Panel } from '../shared-ui/Panel.tsx';
import { SortableTable } from '../shared-ui/SortableTable.tsx';
import { numberSort, type SortingFeatures, sortingFeatures, textSort } from '../shared-ui/sortingTable.ts';
import { DurationText, NumberText } from '../shared-ui/Values.tsx';

const LABEL = 'States';
interface StateRow extends StateRollup {
  /** Share (0..1) of the critical path's total spent in this state's steps; null when not on it. */
  readonly critical: number | null;
}

const rowsOf = memoByIdentity((run: Run): StateRow[] => {
  const path = criticalPath(run);
  const seconds = criticalSecondsByState(run, path);
  return stateRollups(run).map((r) => {
    const s = seconds.get(r.stateName);
    return { ...r, critical: s === undefined || path.total <= 0 ? null : s / path.total };
  });
});

const helper = createColumnHelper<SortingFeatures, StateRow>();
const duration = (c: { getValue: () => unknown }) => {
  const v = c.getValue();
  return <DurationText seconds={typeof v === 'number' ? v : null} />;
};
const columns = helper.columns([
  helper.accessor('stateName', { id: 'state', header: 'State', sortFn: textSort() }),
  helper.accessor('count', {
    header: 'Count',
    sortFn: numberSort(),
    cell: (c) => <NumberText value={c.getValue()} />,
  }),
  helper.accessor('failed', {
    header: 'Failed',
    sortFn: numberSort(),
    cell: (c) => <NumberText value={c.getValue()} />,
  }),
  helper.accessor((r) => r.p50 ?? undefined, {
    id: 'p50',
    header: 'p50',
    sortFn: numberSort(),
    sortUndefined: 'last',
    cell: duration,
  }),
  helper.accessor((r) => r.p95 ?? undefined, {
    id: 'p95',
    header: 'p95',
    sortFn: numberSort(),
    sortUndefined: 'last',
    cell: duration,
  }),
  helper.accessor((r) => r.maxDuration ?? undefined, {
    id: 'max',
    header: 'Max',
    sortFn: numberSort(),
    sortUndefined: 'last',
    cell: duration,
  }),
  helper.accessor((r) => r.critical ?? undefined, {
    id: 'critical',
    header: 'Critical path',
    sortFn: numberSort(),
    sortUndefined: 'last',
    cell: (c) => {
      const v = c.getValue();
      return typeof v === 'number' ? `${Math.round(v * 100)}%` : '—';
    },
  }),
]);
const NUMERIC: ReadonlySet<string> = new Set(['count', 'failed', 'p50', 'p95', 'max', 'critical']);

export function StatesPanel() {
  return (
    <ActiveRunPanel
      label={LABEL}
      noRun="No run loaded yet. Per-state counts and durations appear here."
      render={(run) => <StatesTable key={run.id} run={run} />}
    />
  );
}

function StatesTable({ run }: { run: Run }) {
  const data = rowsOf(run);
  const stateQuery = useExplorerStore((s) => s.filters.stateQuery);
  const setFilters = useExplorerStore((s) => s.setFilters);
  const table = useTable({
    features: sortingFeatures,
    columns,
    data,
    getRowId: (r) => r.stateName,
    initialState: { sorting: [{ id: 'count', desc: true }] },
  });
  return (
    <Panel label={LABEL}>
      {data.length === 0 ? (
        <EmptyState>This run has no steps.</EmptyState>
      ) : (
        <>
          <p
            className="panel-muted"
            title="p50 and p95 use the nearest-rank method over the steps that have a duration"
          >
            Choose a state to filter by it. Percentiles: nearest rank. Critical path: the share of the run's
            critical path (see the timeline) its steps hold.
          </p>
          <SortableTable
            table={table}
            numeric={NUMERIC}
            renderCell={(cell) => {
              if (cell.column.id !== 'state') return undefined;
              const name = cell.row.original.stateName;
              const active = stateQuery === name;
              return (
                <button
                  type="button"
                  className="panel-row-button"
                  aria-pressed={active}
                  title={active ? 'Clear the state filter' : `Show only steps of ${name}`}
                  onClick={() => setFilters({ stateQuery: active ? '' : name })}
                >
                  {name}
                </button>
              );
            }}
          />
        </>
      )}
    </Panel>
  );
}
