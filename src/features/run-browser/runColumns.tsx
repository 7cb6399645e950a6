// Columns of the run browser's table (tanstack table v9, sorting feature only:
// the rows come sorted from the store, so a header click changes the query's
// sort and never sorts rows here). Column ids are the store's sort columns;
// the metadata column has none. Every cell renders database text as React
// text. GRID_COLUMNS are the CSS grid widths the virtualised rows share.
import { createColumnHelper, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import type { SortColumn, StoreRun } from '../../model/store/storeTypes.ts';
import { exactDuration, formatDuration, formatNumber, formatTimestamp } from '../shared-ui/format.ts';
import { kindDetail, kindText, metadataChips, startText } from './runCells.ts';

/** One listed run and its position in the list. */
export interface BrowserRow {
  readonly position: number;
  readonly run: StoreRun;
}

export const browserFeatures = tableFeatures({ rowSortingFeature });
export type BrowserFeatures = typeof browserFeatures;

const helper = createColumnHelper<BrowserFeatures, BrowserRow>();

function StatusCell({ run }: { run: StoreRun }) {
  const failed = run.failed ?? 0;
  return (
    <span className="run-status">
      {run.status === null ? (
        <span className="muted">—</span>
      ) : (
        <span className={`run-status__text run-status--${run.status.replace(/[^a-z_]/gi, '')}`}>
          {run.status}
        </span>
      )}
      {failed > 0 && <span className="badge badge--failed">{formatNumber(failed)} failed</span>}
    </span>
  );
}

function MetadataCell({ run }: { run: StoreRun }) {
  const chips = metadataChips(run);
  if (chips.length === 0) return <span className="muted">—</span>;
  return (
    <span className="meta-chips" title={chips.join('\n')}>
      {chips.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: chips are fixed per row and may repeat.
        <span key={i} className="meta-chip">
          {c}
        </span>
      ))}
    </span>
  );
}

const count = (n: number | null) => (n === null ? '—' : formatNumber(n));

export const runColumns = helper.columns([
  helper.accessor((r) => r.run.fsmName ?? '', {
    id: 'fsm_name' satisfies SortColumn,
    header: 'FSM',
    sortDescFirst: false,
    cell: (c) => {
      const name = c.row.original.run.fsmName;
      return name === null ? <span className="muted">—</span> : <span title={name}>{name}</span>;
    },
  }),
  helper.accessor((r) => r.run.executionId ?? r.run.id, {
    id: 'execution_id' satisfies SortColumn,
    header: 'Execution id',
    sortDescFirst: false,
    cell: (c) => (
      <span className="mono" title={c.getValue()}>
        {c.getValue()}
      </span>
    ),
  }),
  helper.accessor((r) => r.run.status ?? '', {
    id: 'status' satisfies SortColumn,
    header: 'Status',
    sortDescFirst: false,
    cell: (c) => <StatusCell run={c.row.original.run} />,
  }),
  helper.accessor((r) => r.run.startTime ?? 0, {
    id: 'start_time' satisfies SortColumn,
    header: 'Start (UTC)',
    sortDescFirst: true,
    cell: (c) => {
      const r = c.row.original.run;
      return (
        <span title={`start ${formatTimestamp(r.startTime)}, end ${formatTimestamp(r.endTime)}`}>
          {startText(r.startTime)}
        </span>
      );
    },
  }),
  helper.accessor((r) => r.run.duration ?? 0, {
    id: 'duration' satisfies SortColumn,
    header: 'Duration',
    sortDescFirst: true,
    cell: (c) => {
      const r = c.row.original.run;
      const open = r.duration === null && r.status === 'in_progress';
      return (
        <span title={open ? 'still in progress' : exactDuration(r.duration)}>
          {open ? 'open' : formatDuration(r.duration)}
        </span>
      );
    },
  }),
  helper.accessor((r) => r.run.steps ?? 0, {
    id: 'steps' satisfies SortColumn,
    header: 'Steps',
    sortDescFirst: true,
    cell: (c) => count(c.row.original.run.steps),
  }),
  helper.accessor((r) => r.run.failed ?? 0, {
    id: 'failed' satisfies SortColumn,
    header: 'Failed',
    sortDescFirst: true,
    cell: (c) => {
      const n = c.row.original.run.failed;
      return <span className={n !== null && n > 0 ? 'run-failed' : undefined}>{count(n)}</span>;
    },
  }),
  helper.accessor((r) => r.run.skipped ?? 0, {
    id: 'skipped' satisfies SortColumn,
    header: 'Skipped',
    sortDescFirst: true,
    cell: (c) => count(c.row.original.run.skipped),
  }),
  helper.accessor((r) => r.run.kind, {
    id: 'kind' satisfies SortColumn,
    header: 'Kind',
    sortDescFirst: false,
    cell: (c) => {
      const r = c.row.original.run;
      if (r.kind === 'broken') {
        return (
          <span className="run-kind run-kind--broken" title={kindDetail(r)}>
            unreadable: {r.problem ?? 'the row cannot be read'}
          </span>
        );
      }
      return (
        <span className="run-kind" title={kindDetail(r)}>
          {kindText(r)}
        </span>
      );
    },
  }),
  helper.accessor((r) => r.run.table, {
    id: 'table_name' satisfies SortColumn,
    header: 'Table',
    sortDescFirst: false,
    cell: (c) => <span title={c.getValue()}>{c.getValue()}</span>,
  }),
  helper.accessor((r) => r.run.metadata ?? '', {
    id: 'metadata',
    header: 'Metadata',
    enableSorting: false,
    cell: (c) => <MetadataCell run={c.row.original.run} />,
  }),
]);

export const NUMERIC_COLUMNS: ReadonlySet<string> = new Set(['duration', 'steps', 'failed', 'skipped']);

/** grid-template-columns of the header row and the body rows: the selection box, then runColumns. */
export const GRID_COLUMNS =
  '1.75rem minmax(7rem, 1fr) minmax(9.5rem, 1.2fr) 10rem 9.25rem 5rem 3.75rem 3.75rem 4.75rem minmax(10rem, 1fr) minmax(5rem, 0.5fr) minmax(8rem, 2fr)';
