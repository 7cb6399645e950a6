// "Steps": every step of the active run in a sortable, virtualised table
// (tanstack table v9 + react-virtual: 100,000 rows render only what is in
// view). Respects the filter (only matching steps when one is active); choosing
// a row selects the step; the selected row scrolls into view when the
// selection changes elsewhere. Keyboard: Up/Down/Home/End/PageUp/PageDown move,
// Enter/Space choose.
import { useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { FilterResult } from '../../model/filter.ts';
import type { Run, Step } from '../../model/types.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { memoByIdentity2, useActiveRun, useFilterResult, useRunPending } from '../../store/selectors.ts';
import { formatNumber } from '../shared-ui/format.ts';
import { EmptyState, Panel } from '../shared-ui/Panel.tsx';
import { SortableHeaderCell } from '../shared-ui/SortableHeaderCell.tsx';
import { sortingFeatures } from '../shared-ui/sortingTable.ts';
import { observeWithMinimum } from './minimumWindow.ts';
import { StepGridRow } from './StepGridRow.tsx';
import { GRID_COLUMNS, NUMERIC_COLUMNS, stepColumns } from './stepColumns.tsx';

const LABEL = 'Steps';
const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;

/** The steps the table shows: all, or only the matches of an active filter. */
const visibleSteps = memoByIdentity2((run: Run, filter: FilterResult): readonly Step[] => {
  if (!filter.active) return run.steps;
  const out: Step[] = [];
  const m = filter.matches;
  for (let i = 0; i < run.steps.length; i++) if (m[i] === 1) out.push(run.steps[i]!);
  return out;
});

export function StepTablePanel() {
  const run = useActiveRun();
  // A newly shown run reaches this panel after the tree's first frame is on its way.
  const pending = useRunPending(run);
  const filter = useFilterResult();
  if (pending) return <Panel label={LABEL} busy />;
  if (!run || !filter) {
    return (
      <Panel label={LABEL}>
        <EmptyState>
          No run loaded yet. Every step of the run will be listed here as a sortable table.
        </EmptyState>
      </Panel>
    );
  }
  return <StepGrid key={run.id} run={run} filter={filter} />;
}

function StepGrid({ run, filter }: { run: Run; filter: FilterResult }) {
  const data = visibleSteps(run, filter);
  const selected = useExplorerStore((s) => s.selectedStep);
  const selectStep = useExplorerStore((s) => s.selectStep);
  const resource = useExplorerStore((s) => s.highlightedResource);
  const table = useTable({
    features: sortingFeatures,
    columns: stepColumns,
    data,
    getRowId: (s) => String(s.index),
  });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i]?.id ?? i,
    overscan: 12,
    // Rows start below the sticky header: the list begins HEADER_HEIGHT into the
    // scroller, and a row scrolled to the top must land below the header too.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    observeElementRect: observeWithMinimum,
  });

  // Position of the selected step in the current (sorted, filtered) rows.
  const selectedPos = findPosition(rows, selected);
  const [focusPos, setFocusPos] = useState(-1);
  const rovingPos = clamp(focusPos >= 0 ? focusPos : Math.max(0, selectedPos), rows.length);
  const pendingFocus = useRef(-1);

  // Selection changed elsewhere (tree, outline, details) or the order changed: bring it into view.
  useEffect(() => {
    if (selectedPos >= 0) virtualizer.scrollToIndex(selectedPos, { align: 'auto' });
  }, [selectedPos, virtualizer]);

  // Keyboard moves: focus the row once the virtualiser has rendered it.
  useLayoutEffect(() => {
    if (pendingFocus.current < 0) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${pendingFocus.current}"]`);
    if (el) {
      pendingFocus.current = -1;
      el.focus({ preventScroll: true });
    }
  });

  const moveTo = useCallback(
    (pos: number) => {
      const target = clamp(pos, rows.length);
      pendingFocus.current = target;
      setFocusPos(target);
      virtualizer.scrollToIndex(target, { align: 'auto' });
    },
    [rows.length, virtualizer],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLTableRowElement>, pos: number) => {
      const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
      switch (e.key) {
        case 'ArrowDown':
          moveTo(pos + 1);
          break;
        case 'ArrowUp':
          moveTo(pos - 1);
          break;
        case 'PageDown':
          moveTo(pos + page);
          break;
        case 'PageUp':
          moveTo(pos - page);
          break;
        case 'Home':
          moveTo(0);
          break;
        case 'End':
          moveTo(rows.length - 1);
          break;
        case 'Enter':
        case ' ': {
          const step = rows[pos]?.original;
          if (step) selectStep(step.index);
          break;
        }
        default:
          return;
      }
      e.preventDefault();
    },
    [moveTo, rows, selectStep],
  );

  const choose = useCallback((index: number) => selectStep(index), [selectStep]);
  const total = run.steps.length;

  return (
    <Panel
      label={LABEL}
      aside={
        <span className="panel-count" role="status">
          {formatNumber(rows.length)} {rows.length === 1 ? 'row' : 'rows'}
          {filter.active && ` (filtered from ${formatNumber(total)})`}
        </span>
      }
    >
      {rows.length === 0 ? (
        <EmptyState>
          {total === 0
            ? 'This run has no steps.'
            : 'No step matches the current filter. Clear the filters to see all steps.'}
        </EmptyState>
      ) : (
        <div
          className="steps-scroll"
          ref={scrollRef}
          style={{ ['--steps-height' as string]: `${HEADER_HEIGHT + rows.length * ROW_HEIGHT + 2}px` }}
        >
          <table
            aria-label="Steps table"
            aria-rowcount={rows.length + 1}
            className="steps-grid"
            style={{
              ['--steps-columns' as string]: GRID_COLUMNS,
              ['--steps-header-height' as string]: `${HEADER_HEIGHT}px`,
            }}
          >
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id} aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
                  {group.headers.map((header) => (
                    <SortableHeaderCell
                      key={header.id}
                      header={header}
                      className={NUMERIC_COLUMNS.has(header.column.id) ? 'num' : undefined}
                    />
                  ))}
                </tr>
              ))}
            </thead>
            <tbody style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index];
                if (!row) return null;
                const step = row.original;
                return (
                  <StepGridRow
                    key={row.id}
                    row={row}
                    position={item.index}
                    start={item.start - HEADER_HEIGHT}
                    height={ROW_HEIGHT}
                    selected={step.index === selected}
                    focusable={item.index === rovingPos}
                    highlighted={resource != null && step.resourceUsage[resource] !== undefined}
                    runStart={run.startTime}
                    onChoose={choose}
                    onKeyDown={onKeyDown}
                    onFocusRow={setFocusPos}
                  />
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function findPosition(rows: ReadonlyArray<{ original: Step }>, index: number): number {
  if (index < 0) return -1;
  for (let i = 0; i < rows.length; i++) if (rows[i]!.original.index === index) return i;
  return -1;
}

function clamp(pos: number, count: number): number {
  return Math.max(0, Math.min(count - 1, pos));
}
