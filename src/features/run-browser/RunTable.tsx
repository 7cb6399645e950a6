// The run browser's list: every run matching the query in a virtualised grid
// (tanstack table v9 for the columns, headers and sort state; react-virtual
// for the rows). Rows come from the store a page at a time (runWindow.ts) as
// they scroll into view; the order is the store's (a header click or Enter
// changes the query's sort, and the worker sorts in SQL). Keyboard: the grid
// is one Tab stop (aria-activedescendant marks the current row); arrows,
// Page Up/Down, Home/End move; Space toggles the row's selection; Enter opens
// the selected runs, or the current one when none is selected. A click opens
// the run; Ctrl/Cmd-click or the row's checkbox toggles its selection.
import { type Header, type Row, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  type MouseEvent,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { RunQuery, SortColumn, StoreRun } from '../../model/store/storeTypes.ts';
import type { StoreHandle } from '../../worker/storeClient.ts';
import { ariaSort } from '../shared-ui/sortingTable.ts';
import { observeWithMinimum } from '../step-table/minimumWindow.ts';
import {
  type BrowserFeatures,
  type BrowserRow,
  browserFeatures,
  GRID_COLUMNS,
  NUMERIC_COLUMNS,
  runColumns,
} from './runColumns.tsx';
import { type RunWindow, runWindowFor } from './runWindow.ts';

const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;

interface Props {
  /** The rows of the query (useRunWindow). */
  readonly win: RunWindow;
  /** The effective query (effectiveQuery()); its sort is shown on the headers. */
  readonly query: RunQuery;
  readonly selection: ReadonlySet<number>;
  readonly onToggle: (key: number) => void;
  readonly onSort: (sort: SortColumn, desc: boolean) => void;
  readonly onOpen: (run: StoreRun) => void;
  /** Opens the selected runs (Enter with a selection). */
  readonly onOpenSelected: () => void;
  /** What the table_name column holds: a database's table, or the file of a loaded run. */
  readonly sourceLabel: 'Table' | 'File';
}

/** The run window of the query, re-rendering as its pages arrive; a new `attempt` retries a window that failed. */
export function useRunWindow(store: StoreHandle, query: RunQuery, attempt = 0): RunWindow {
  const key = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `query` (a new object per render); `attempt` asks again.
  const win = useMemo(
    () => runWindowFor(store, query, (o, l) => store.query(query, o, l)),
    [store, key, attempt],
  );
  useSyncExternalStore(win.subscribe, win.getVersion, win.getVersion);
  useEffect(() => win.ensure(0, 0), [win]);
  return win;
}

export function RunTable({
  win,
  query,
  selection,
  onToggle,
  onSort,
  onOpen,
  onOpenSelected,
  sourceLabel,
}: Props) {
  const total = win.total ?? 0;
  const gridId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLTableElement>(null);
  const [active, setActive] = useState(0);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    observeElementRect: observeWithMinimum,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  // Fetch the pages in view (those asked for already are not asked again).
  useEffect(() => {
    if (total > 0) win.ensure(first, last);
  }, [win, first, last, total]);

  // Another query lists other runs: back to the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the window changes.
  useEffect(() => {
    setActive(0);
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [win]);

  const activePos = Math.max(0, Math.min(total - 1, active));

  // The rows in view that have arrived; new when the range or the window's pages change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `items` is new every render; its range is first..last.
  const data = useMemo(() => {
    const out: BrowserRow[] = [];
    for (let pos = first; pos <= last && pos < total; pos++) {
      const run = win.rowAt(pos);
      if (run) out.push({ position: pos, run });
    }
    return out;
  }, [win, win.version, first, last, total]);

  const sorting = useMemo(() => [{ id: query.sort, desc: query.desc }], [query.sort, query.desc]);
  const table = useTable({
    features: browserFeatures,
    columns: runColumns,
    data,
    getRowId: (r) => String(r.run.key),
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const s = next[0];
      if (s) onSort(s.id as SortColumn, s.desc);
    },
  });
  const rowByPosition = new Map<number, Row<BrowserFeatures, BrowserRow>>();
  for (const row of table.getRowModel().rows) rowByPosition.set(row.original.position, row);

  const moveTo = useCallback(
    (pos: number) => {
      const target = Math.max(0, Math.min(total - 1, pos));
      setActive(target);
      virtualizer.scrollToIndex(target, { align: 'auto' });
    },
    [total, virtualizer],
  );

  const openActiveOrSelected = useCallback(() => {
    if (selection.size > 0) {
      onOpenSelected();
      return;
    }
    const run = win.rowAt(activePos);
    if (run) onOpen(run);
  }, [selection, onOpen, onOpenSelected, win, activePos]);

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    // Keys on the header's sort buttons are theirs.
    if (e.target !== e.currentTarget || total === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 2);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(activePos + 1);
        break;
      case 'ArrowUp':
        moveTo(activePos - 1);
        break;
      case 'PageDown':
        moveTo(activePos + page);
        break;
      case 'PageUp':
        moveTo(activePos - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(total - 1);
        break;
      case ' ': {
        const run = win.rowAt(activePos);
        if (run) onToggle(run.key);
        break;
      }
      case 'Enter':
        openActiveOrSelected();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const onRowClick = (e: MouseEvent, pos: number, run: StoreRun) => {
    setActive(pos);
    gridRef.current?.focus({ preventScroll: true });
    if (e.ctrlKey || e.metaKey) onToggle(run.key);
    else onOpen(run);
  };

  const rowId = (pos: number) => `${gridId}-row-${pos}`;
  const activeRendered = items.some((it) => it.index === activePos);

  return (
    <div
      className="run-scroll"
      ref={scrollRef}
      style={{ ['--run-rows-height' as string]: `${HEADER_HEIGHT + total * ROW_HEIGHT + 2}px` }}
    >
      <table
        ref={gridRef}
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a data grid is a table with role grid (WAI-ARIA grid pattern).
        role="grid"
        aria-label="Runs"
        aria-rowcount={total + 1}
        aria-colcount={runColumns.length + 1}
        aria-multiselectable="true"
        aria-activedescendant={total > 0 && activeRendered ? rowId(activePos) : undefined}
        tabIndex={0}
        className="run-grid"
        style={{
          ['--run-columns' as string]: GRID_COLUMNS,
          ['--run-header-height' as string]: `${HEADER_HEIGHT}px`,
        }}
        onKeyDown={onKeyDown}
      >
        <thead className="run-grid__head">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1} className="run-grid__row">
              <th scope="col" className="run-grid__cell run-grid__select">
                <span className="visually-hidden">Selected</span>
              </th>
              {group.headers.map((header) => (
                <RunHeaderCell key={header.id} header={header} sourceLabel={sourceLabel} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody className="run-grid__body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((it) => {
            const row = rowByPosition.get(it.index);
            const top = it.start - HEADER_HEIGHT;
            if (!row) {
              return (
                <tr
                  key={`wait-${it.index}`}
                  id={rowId(it.index)}
                  aria-rowindex={it.index + 2}
                  className="run-grid__row run-row--waiting"
                  style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
                >
                  <td className="run-grid__cell run-row__wait">
                    {win.error === null ? 'Loading…' : 'Not available'}
                  </td>
                </tr>
              );
            }
            const run = row.original.run;
            const selected = selection.has(run.key);
            const label = run.executionId ?? run.id;
            return (
              <tr
                key={row.id}
                id={rowId(it.index)}
                aria-rowindex={it.index + 2}
                aria-selected={selected}
                data-position={it.index}
                className={`run-grid__row${it.index === activePos ? ' run-row--active' : ''}${
                  run.kind === 'broken' ? ' run-row--broken' : ''
                }`}
                style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
                onMouseDown={(e) => {
                  // Keep the focus on the grid (its one Tab stop), without scrolling.
                  e.preventDefault();
                  gridRef.current?.focus({ preventScroll: true });
                }}
                onClick={(e) => onRowClick(e, it.index, run)}
              >
                <td className="run-grid__cell run-grid__select">
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    checked={selected}
                    aria-label={`Select ${label}`}
                    onClick={(e) => e.stopPropagation()}
                    onChange={() => {
                      setActive(it.index);
                      onToggle(run.key);
                    }}
                  />
                </td>
                {row.getAllCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={NUMERIC_COLUMNS.has(cell.column.id) ? 'run-grid__cell num' : 'run-grid__cell'}
                  >
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RunHeaderCell({
  header,
  sourceLabel,
}: {
  header: Header<BrowserFeatures, BrowserRow, unknown>;
  sourceLabel: string;
}) {
  const column = header.column;
  const def = column.columnDef.header;
  const label = column.id === 'table_name' ? sourceLabel : typeof def === 'string' ? def : column.id;
  const className = NUMERIC_COLUMNS.has(column.id) ? 'run-grid__cell num' : 'run-grid__cell';
  if (!column.getCanSort()) {
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    );
  }
  const sorted = column.getIsSorted();
  const arrow = sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕';
  return (
    <th scope="col" aria-sort={ariaSort(sorted)} className={className}>
      <button
        type="button"
        className="panel-sort-button"
        title={`Sort by ${label}`}
        onClick={column.getToggleSortingHandler()}
      >
        {label}
        <span aria-hidden="true" className={sorted ? 'panel-sort-arrow active' : 'panel-sort-arrow'}>
          {arrow}
        </span>
      </button>
    </th>
  );
}
