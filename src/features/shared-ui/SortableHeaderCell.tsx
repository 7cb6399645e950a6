// A column header cell for the panels' sortable tables: a <th> carrying
// aria-sort, holding a button that cycles the column's sort order.
import type { Header, RowData } from '@tanstack/react-table';
import type { CSSProperties } from 'react';
import { ariaSort, type SortingFeatures } from './sortingTable.ts';

interface Props<TData extends RowData> {
  header: Header<SortingFeatures, TData, unknown>;
  /** Extra description read after the name, e.g. units. */
  title?: string;
  style?: CSSProperties;
  className?: string;
}

export function SortableHeaderCell<TData extends RowData>({ header, title, style, className }: Props<TData>) {
  const column = header.column;
  const def = column.columnDef.header;
  const label = typeof def === 'string' ? def : column.id;
  const sorted = column.getIsSorted();
  const arrow = sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕';
  return (
    <th scope="col" aria-sort={ariaSort(sorted)} colSpan={header.colSpan} style={style} className={className}>
      {column.getCanSort() ? (
        <button
          type="button"
          className="panel-sort-button"
          title={title ?? `Sort by ${label}`}
          onClick={column.getToggleSortingHandler()}
        >
          {label}
          <span aria-hidden="true" className={sorted ? 'panel-sort-arrow active' : 'panel-sort-arrow'}>
            {arrow}
          </span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}
