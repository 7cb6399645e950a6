// The accessible outline of the active run's step tree (WAI-ARIA tree view
// pattern): one flat list of treeitems with aria-level/setsize/posinset,
// roving tabindex and the pattern's keys, type-ahead included (typeAhead.ts). Rows come from flattenOutline and
// are virtualised (@tanstack/react-virtual, fixed row height); the focused
// row is always rendered so focus never lands on a missing element. Selection
// and collapsed steps are shared with the drawing through the store.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { useActiveRun, useCollapsed, useShownSteps } from '../../store/selectors.ts';
import { revealCollapsed } from '../tree-view/reveal.ts';
import { DETACHED_GROUP, flattenOutline, rowOfKey, siblingSteps } from './flattenOutline.ts';
import { OutlineRow, ROW_HEIGHT } from './OutlineRow.tsx';
import './outline.css';
import { isTypeAheadKey, type TypedText, typeAheadRow, typeAheadText } from './typeAhead.ts';

/** Rows rendered when the list cannot measure itself (hidden, or jsdom). */
const MIN_WINDOW = 40;
const PAGE_ROWS = 10;

export function StepOutline() {
  const run = useActiveRun();
  const collapsed = useCollapsed();
  const selectedStep = useExplorerStore((s) => s.selectedStep);
  const selectStep = useExplorerStore((s) => s.selectStep);
  const toggleCollapsed = useExplorerStore((s) => s.toggleCollapsed);
  const setCollapsed = useExplorerStore((s) => s.setCollapsed);

  const [detachedOpen, setDetachedOpen] = useState(true);
  /** Step index (or DETACHED_GROUP) of the row holding the roving tabindex; -1 follows the selection. */
  const [focusKey, setFocusKey] = useState(-1);
  const wantFocusRef = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [shownRun, setShownRun] = useState(run);
  const lastSelectedRef = useRef(selectedStep);
  /** What has been typed for type-ahead, and when. */
  const typedRef = useRef<TypedText | null>(null);

  const keep = useShownSteps();
  const rows = useMemo(
    () => (run ? flattenOutline(run, collapsed, keep, detachedOpen) : null),
    [run, collapsed, keep, detachedOpen],
  );
  const count = rows?.count ?? 0;

  // A new run starts fresh (state reset during render, React's documented pattern).
  if (shownRun !== run) {
    setShownRun(run);
    setFocusKey(-1);
    setDetachedOpen(true);
  }

  let focusRow = rows ? rowOfKey(rows, focusKey) : -1;
  if (focusRow < 0 && rows) focusRow = rowOfKey(rows, selectedStep);
  if (focusRow < 0 && count > 0) focusRow = 0;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const scrollToRow = useCallback(
    (row: number) => {
      if (row >= 0 && row < count) virtualizer.scrollToIndex(row, { align: 'auto' });
    },
    [virtualizer, count],
  );

  // Selection made elsewhere: open collapsed ancestors, move the tab stop there and scroll to it.
  useEffect(() => {
    if (selectedStep === lastSelectedRef.current) return;
    lastSelectedRef.current = selectedStep;
    if (!run || selectedStep < 0) return;
    const opened = revealCollapsed(run, collapsed, selectedStep);
    if (opened) setCollapsed(opened);
    setFocusKey(selectedStep);
  }, [selectedStep, run, collapsed, setCollapsed]);

  // Keep the tab-stop row in view when it or the rows change; focus it after keyboard moves.
  useEffect(() => {
    if (focusRow < 0) return;
    scrollToRow(focusRow);
    if (!wantFocusRef.current) return;
    wantFocusRef.current = false;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row="${focusRow}"]`);
    el?.focus({ preventScroll: true });
  }, [focusRow, scrollToRow]);

  if (!run || !rows) {
    return (
      <section aria-label="Outline" className="outline">
        <p className="outline__empty">No run loaded.</p>
      </section>
    );
  }

  const keyOf = (row: number) => rows.step[row]!;
  const nameOfRow = (row: number): string => {
    const key = keyOf(row);
    return key === DETACHED_GROUP ? 'Detached steps' : (run.steps[key]?.stateName ?? '');
  };

  const moveTo = (row: number) => {
    if (row < 0 || row >= rows.count) return;
    wantFocusRef.current = true;
    setFocusKey(keyOf(row));
    // Same row again (e.g. Home on the first row): focus now, the effect will not rerun.
    if (row === focusRow) {
      wantFocusRef.current = false;
      scrollRef.current?.querySelector<HTMLElement>(`[data-row="${row}"]`)?.focus({ preventScroll: true });
    }
  };

  const toggle = (row: number) => {
    const key = keyOf(row);
    if (key === DETACHED_GROUP) setDetachedOpen((open) => !open);
    else toggleCollapsed(key);
  };

  const activate = (row: number) => {
    const key = keyOf(row);
    if (key === DETACHED_GROUP) toggle(row);
    else selectStep(key);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const row = focusRow;
    if (row < 0) return;
    const expandable = rows.hasChildren[row] === 1;
    const isCollapsed = rows.collapsed[row] === 1;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(row + 1);
        break;
      case 'ArrowUp':
        moveTo(row - 1);
        break;
      case 'ArrowRight':
        if (expandable && isCollapsed) toggle(row);
        else if (expandable) moveTo(row + 1);
        break;
      case 'ArrowLeft':
        if (expandable && !isCollapsed) toggle(row);
        else moveTo(rows.parentRow[row]!);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.count - 1);
        break;
      case 'PageDown':
        moveTo(Math.min(rows.count - 1, row + PAGE_ROWS));
        break;
      case 'PageUp':
        moveTo(Math.max(0, row - PAGE_ROWS));
        break;
      case 'Enter':
      case ' ':
        activate(row);
        break;
      case '*': {
        const siblings = new Set(siblingSteps(rows, row));
        if (siblings.size > 0) setCollapsed([...collapsed].filter((i) => !siblings.has(i)));
        break;
      }
      default: {
        // '/' belongs to the page (it focuses the state filter).
        if (!isTypeAheadKey(e) || e.key === '/') return;
        const typed = typeAheadText(typedRef.current, e.key, e.timeStamp);
        typedRef.current = typed;
        const target = typeAheadRow(rows.count, nameOfRow, row, typed.text);
        if (target >= 0 && target !== row) moveTo(target);
      }
    }
    e.preventDefault();
  };

  const items = renderedRows(virtualizer.getVirtualItems(), rows.count, focusRow);
  const total = rows.count * ROW_HEIGHT;

  return (
    <section aria-label="Outline" className="outline">
      <div
        ref={scrollRef}
        className="outline__scroll"
        role="tree"
        aria-label="Step tree"
        aria-multiselectable="false"
      >
        <div className="outline__inner" style={{ height: total }}>
          {items.map((row) => (
            <OutlineRow
              key={keyOf(row)}
              run={run}
              rows={rows}
              row={row}
              focused={row === focusRow}
              selected={keyOf(row) === selectedStep && selectedStep >= 0}
              onSelect={() => {
                setFocusKey(keyOf(row));
                activate(row);
              }}
              onToggle={() => {
                setFocusKey(keyOf(row));
                toggle(row);
              }}
              onKeyDown={onKeyDown}
            />
          ))}
        </div>
      </div>
    </section>
  );
}

/** Indices to render: the virtualiser's window, or a minimum window when it measured nothing; always the focused row. */
function renderedRows(virtual: ReadonlyArray<{ index: number }>, count: number, focusRow: number): number[] {
  let out: number[];
  if (virtual.length > 0) out = virtual.map((v) => v.index);
  else {
    const start = Math.max(0, Math.min(focusRow - MIN_WINDOW / 4, count - MIN_WINDOW));
    out = [];
    for (let r = start; r < Math.min(count, start + MIN_WINDOW); r++) out.push(r);
  }
  if (focusRow >= 0 && !out.includes(focusRow)) out.push(focusRow);
  return out;
}
