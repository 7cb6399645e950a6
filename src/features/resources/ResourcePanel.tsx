// "Resource usage": per resource type (llm, database, ...) the calls, total,
// mean and max duration and the number of steps, from resourceAggregates.
// Choosing a type toggles store.highlightResource so its steps stand out
// elsewhere; producer totals are shown where they disagree with the steps.
import { createColumnHelper, useTable } from '@tanstack/react-table';
import type { Run } from '../../model/types.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { ActiveRunPanel, EmptyState, Panel } from '../shared-ui/Panel.tsx';
import { SortableTable } from '../shared-ui/SortableTable.tsx';
import { numberSort, type SortingFeatures, sortingFeatures, textSort } from '../shared-ui/sortingTable.ts';
import { DurationText, NumberText } from '../shared-ui/Values.tsx';
import { ProducerNotes } from './ProducerNotes.tsx';
import { type ResourceRow, resourceRows } from './resourceRows.ts';

const LABEL = 'Resource usage';
const helper = createColumnHelper<SortingFeatures, ResourceRow>();
const columns = helper.columns([
  helper.accessor('type', { header: 'Type', sortFn: textSort() }),
  helper.accessor('calls', {
    header: 'Calls',
    sortFn: numberSort(),
    cell: (c) => <NumberText value={c.getValue()} />,
  }),
  helper.accessor('totalDuration', {
    header: 'Total',
    sortFn: numberSort(),
    cell: (c) => <DurationText seconds={c.getValue()} />,
  }),
  helper.accessor('meanDuration', {
    header: 'Mean',
    sortFn: numberSort(),
    cell: (c) => <DurationText seconds={c.getValue()} />,
  }),
  helper.accessor('maxDuration', {
    header: 'Max',
    sortFn: numberSort(),
    cell: (c) => <DurationText seconds={c.getValue()} />,
  }),
  helper.accessor('stepCount', {
    header: 'Steps',
    sortFn: numberSort(),
    cell: (c) => <NumberText value={c.getValue()} />,
  }),
]);
const NUMERIC: ReadonlySet<string> = new Set([
  'calls',
  'totalDuration',
  'meanDuration',
  'maxDuration',
  'stepCount',
]);

export function ResourcePanel() {
  return (
    <ActiveRunPanel
      label={LABEL}
      noRun="No run loaded yet. Resource usage (LLM, database, ... calls) appears here."
      render={(run) => <ResourceTable key={run.id} run={run} />}
    />
  );
}

function ResourceTable({ run }: { run: Run }) {
  const data = resourceRows(run);
  const highlighted = useExplorerStore((s) => s.highlightedResource);
  const highlight = useExplorerStore((s) => s.highlightResource);
  const table = useTable({
    features: sortingFeatures,
    columns,
    data,
    getRowId: (r) => r.type,
    initialState: { sorting: [{ id: 'totalDuration', desc: true }] },
  });
  return (
    <Panel label={LABEL}>
      {data.length === 0 ? (
        <EmptyState>No step in this run recorded any resource usage.</EmptyState>
      ) : (
        <>
          <p className="panel-muted">Choose a type to highlight its steps.</p>
          <SortableTable
            table={table}
            numeric={NUMERIC}
            rowClassName={(row) => (row.original.type === highlighted ? 'highlighted' : undefined)}
            renderCell={(cell) => {
              if (cell.column.id !== 'type') return undefined;
              const type = cell.row.original.type;
              return (
                <button
                  type="button"
                  className="panel-row-button"
                  aria-pressed={type === highlighted}
                  title={`Highlight the steps that used ${type}`}
                  onClick={() => highlight(type)}
                >
                  {type}
                </button>
              );
            }}
          />
          {highlighted != null && data.some((r) => r.type === highlighted) && (
            <p role="status" className="panel-muted">
              Steps that used {highlighted} are highlighted.
            </p>
          )}
        </>
      )}
      <ProducerNotes run={run} />
    </Panel>
  );
}
