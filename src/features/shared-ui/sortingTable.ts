// The tanstack table v9 feature set shared by the panels' tables (client-side
// sorting only) and the comparators they use. Module scope so the table
// instances see stable features between renders.
import {
  createSortedRowModel,
  type RowData,
  rowSortingFeature,
  type SortFn,
  tableFeatures,
} from '@tanstack/react-table';

export const sortingFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
});

export type SortingFeatures = typeof sortingFeatures;

/** Ascending comparison of string cells (case-insensitive, then exact), for `sortFn`. */
export function textSort<TData extends RowData>(): SortFn<SortingFeatures, TData> {
  return (a, b, id) => {
    const x = String(a.getValue(id) ?? '');
    const y = String(b.getValue(id) ?? '');
    const lx = x.toLowerCase();
    const ly = y.toLowerCase();
    if (lx !== ly) return lx < ly ? -1 : 1;
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** Ascending comparison of numeric cells; NaN sorts before every number. Missing values use `sortUndefined`. */
export function numberSort<TData extends RowData>(): SortFn<SortingFeatures, TData> {
  return (a, b, id) => {
    const x = Number(a.getValue(id));
    const y = Number(b.getValue(id));
    const nx = Number.isNaN(x);
    const ny = Number.isNaN(y);
    if (nx || ny) return nx === ny ? 0 : nx ? -1 : 1;
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** aria-sort value for a column's sort state. */
export function ariaSort(sorted: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' {
  return sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
}
