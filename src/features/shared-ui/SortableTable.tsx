// A small (not virtualised) sortable table for the summary panels: renders a
// tanstack v9 table as a real <table> with sortable headers; panels may
// override how a cell is drawn (e.g. a toggle button in the first column).
import { type Cell, FlexRender, type ReactTable, type Row, type RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { SortableHeaderCell } from './SortableHeaderCell.tsx';
import type { SortingFeatures } from './sortingTable.ts';

interface Props<TData extends RowData> {
  table: ReactTable<SortingFeatures, TData>;
  /** Column ids drawn right-aligned. */
  numeric: ReadonlySet<string>;
  /** Draw a cell differently; return undefined for the default rendering. */
  renderCell?: (cell: Cell<SortingFeatures, TData, unknown>) => ReactNode | undefined;
  rowClassName?: (row: Row<SortingFeatures, TData>) => string | undefined;
  caption?: string;
}

export function SortableTable<TData extends RowData>({
  table,
  numeric,
  renderCell,
  rowClassName,
  caption,
}: Props<TData>) {
  return (
    <table className="panel-table">
      {caption && <caption className="panel-muted">{caption}</caption>}
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <SortableHeaderCell
                key={header.id}
                header={header}
                className={numeric.has(header.column.id) ? 'num' : undefined}
              />
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} className={rowClassName?.(row)}>
            {row.getAllCells().map((cell) => (
              <td key={cell.id} className={numeric.has(cell.column.id) ? 'num' : undefined}>
                {renderCell?.(cell) ?? <FlexRender cell={cell} />}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
