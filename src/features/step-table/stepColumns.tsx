// Columns of the "Steps" table (tanstack table v9): what each shows, how it
// sorts (missing values last), and the CSS grid widths of the virtualised rows.
import { createColumnHelper } from '@tanstack/react-table';
import type { Step } from '../../model/types.ts';
import { firstLine } from '../shared-ui/format.ts';
import { numberSort, type SortingFeatures, textSort } from '../shared-ui/sortingTable.ts';

const helper = createColumnHelper<SortingFeatures, Step>();

export const stepColumns = helper.columns([
  helper.accessor('stateName', { id: 'state', header: 'State', sortFn: textSort() }),
  helper.accessor('networkName', { id: 'network', header: 'Network', sortFn: textSort() }),
  helper.accessor('status', { header: 'Status', sortFn: textSort() }),
  helper.accessor('dataMode', { id: 'mode', header: 'Data mode', sortFn: textSort() }),
  helper.accessor((s) => s.startTime ?? undefined, {
    id: 'start',
    header: 'Start',
    sortFn: numberSort(),
    sortUndefined: 'last',
  }),
  helper.accessor((s) => s.duration ?? undefined, {
    id: 'duration',
    header: 'Duration',
    sortFn: numberSort(),
    sortUndefined: 'last',
  }),
  helper.accessor((s) => s.arcTaken ?? undefined, {
    id: 'arc',
    header: 'Arc',
    sortFn: textSort(),
    sortUndefined: 'last',
  }),
  helper.accessor((s) => (s.error == null ? undefined : firstLine(s.error)), {
    id: 'error',
    header: 'Error',
    sortFn: textSort(),
    sortUndefined: 'last',
  }),
]);

export const NUMERIC_COLUMNS: ReadonlySet<string> = new Set(['start', 'duration']);

/** grid-template-columns shared by the header row and the body rows. */
export const GRID_COLUMNS =
  'minmax(9rem, 2fr) minmax(6rem, 1fr) 6.5rem 7.5rem 7rem 6.5rem minmax(5rem, 1fr) minmax(9rem, 3fr)';
