// A collapsible view of any JSON value (metrics, resource usage): a flat ARIA
// tree whose rows come from flattenJson (no recursion, so 900-level nesting is
// fine). Nodes expand one level at a time; long child lists page with "show
// more". Values are rendered as React text, never as HTML.
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { JsonValue } from '../../model/types.ts';
import {
  expandableContainers,
  flattenJson,
  isContainer,
  JSON_PAGE,
  type JsonRow,
  previewOf,
  rowName,
} from './jsonRows.ts';

/** Most rows "Expand all" will open. */
const EXPAND_ALL_ROWS = 3000;
/** Indentation stops growing here; deeper rows show their level instead. */
const MAX_INDENT = 16;

interface Props {
  value: JsonValue;
  /** Accessible name of the tree, e.g. "Metrics". */
  label: string;
  /** Shown instead of the tree when the value is empty ({} / [] / null). */
  emptyText: string;
}

export function JsonTree({ value, label, emptyText }: Props) {
  const [expanded, setExpanded] = useState<ReadonlySet<object>>(() => new Set());
  const [shown, setShown] = useState<ReadonlyMap<object, number>>(() => new Map());
  const [focusId, setFocusId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const wantFocus = useRef(false);
  const treeRef = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => flattenJson(value, expanded, shown), [value, expanded, shown]);
  const focusAt = Math.max(
    0,
    rows.findIndex((r) => r.id === focusId),
  );

  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    // Row ids are made of letters, digits and + / ' characters: safe inside a double-quoted selector.
    const el = treeRef.current?.querySelector<HTMLElement>(`[data-row="${rows[focusAt]?.id ?? ''}"]`);
    el?.focus();
  }, [rows, focusAt]);

  const empty = value === null || (isContainer(value) && Object.keys(value).length === 0);
  if (empty) return <p className="panel-muted">{emptyText}</p>;

  const toggle = (container: object) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(container)) next.delete(container);
      else next.add(container);
      return next;
    });
  };
  const showMore = (container: object) => {
    setShown((prev) => new Map(prev).set(container, (prev.get(container) ?? JSON_PAGE) + JSON_PAGE));
  };
  const moveFocus = (id: string) => {
    wantFocus.current = true;
    setFocusId(id);
  };
  const activate = (row: JsonRow) => {
    if (row.kind === 'more') showMore(row.owner);
    else if (row.container) toggle(row.container);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, at: number) => {
    const row = rows[at];
    if (!row) return;
    const go = (i: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (target) moveFocus(target.id);
    };
    switch (e.key) {
      case 'ArrowDown':
        go(at + 1);
        break;
      case 'ArrowUp':
        go(at - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.kind === 'node' && row.container && !row.expanded) toggle(row.container);
        else if (row.kind === 'node' && row.expanded) go(at + 1);
        break;
      case 'ArrowLeft':
        if (row.kind === 'node' && row.container && row.expanded) toggle(row.container);
        else if (row.parentId != null) moveFocus(row.parentId);
        break;
      case 'Enter':
      case ' ':
        activate(row);
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const expandAll = () => {
    const { containers, truncated } = expandableContainers(value, shown, EXPAND_ALL_ROWS);
    setExpanded(new Set(containers));
    setNote(
      truncated
        ? `Expanded the first ${containers.length.toLocaleString('en-US')} nodes; expand deeper nodes one at a time.`
        : '',
    );
  };
  const collapseAll = () => {
    setExpanded(new Set());
    setNote('');
  };

  return (
    <div className="json-tree-wrap">
      <div className="json-tree-tools">
        <button type="button" onClick={expandAll} aria-label={`Expand all ${label.toLowerCase()}`}>
          Expand all
        </button>
        <button type="button" onClick={collapseAll} aria-label={`Collapse all ${label.toLowerCase()}`}>
          Collapse all
        </button>
        {note && (
          <span role="status" className="panel-muted">
            {note}
          </span>
        )}
      </div>
      <div role="tree" aria-label={label} className="json-tree" ref={treeRef}>
        {rows.map((row, i) => (
          <JsonTreeRow
            key={row.id}
            row={row}
            focusable={i === focusAt}
            onActivate={() => {
              setFocusId(row.id);
              activate(row);
            }}
            onFocus={() => setFocusId(row.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          />
        ))}
      </div>
    </div>
  );
}

interface RowProps {
  row: JsonRow;
  focusable: boolean;
  onActivate: () => void;
  onFocus: () => void;
  onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => void;
}

function JsonTreeRow({ row, focusable, onActivate, onFocus, onKeyDown }: RowProps) {
  const indent = Math.min(row.depth - 1, MAX_INDENT);
  const deep = row.depth - 1 > MAX_INDENT;
  const type =
    row.kind === 'more'
      ? 'more'
      : row.value === null
        ? 'null'
        : Array.isArray(row.value)
          ? 'array'
          : typeof row.value;
  const container = row.kind === 'node' && row.container != null;
  return (
    <div
      role="treeitem"
      aria-label={rowName(row)}
      aria-level={row.depth}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-expanded={row.kind === 'node' && container ? row.expanded : undefined}
      tabIndex={focusable ? 0 : -1}
      data-row={row.id}
      className={`json-row json-row-${row.kind}`}
      style={{ paddingLeft: `${indent * 1.1 + 0.3}em` }}
      onClick={onActivate}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
    >
      {row.kind === 'more' ? (
        <span className="json-more">{rowName(row)}</span>
      ) : (
        <>
          <span aria-hidden="true" className="json-toggle">
            {container ? (row.expanded ? '▾' : '▸') : ''}
          </span>
          {deep && (
            <span className="json-level" title={`nesting level ${row.depth}`}>
              L{row.depth}{' '}
            </span>
          )}
          {row.label != null && (
            <>
              <span className={row.isIndex ? 'json-index' : 'json-key'}>{row.label}</span>
              <span className="json-colon">: </span>
            </>
          )}
          <span className={`json-value json-${type}`}>{previewOf(row.value)}</span>
        </>
      )}
    </div>
  );
}
