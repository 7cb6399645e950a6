// Turns a JSON value and the set of expanded containers into the flat list of
// rows a JsonTree shows. Iterative (explicit stack): metrics can nest 900
// levels and more, and only expanded containers are visited, so the work is
// proportional to what is shown. Containers are identified by object identity,
// so a row's id does not grow with its depth.
import type { JsonValue } from '../../model/types.ts';

/** Children shown per container before a "show more" row. */
export const JSON_PAGE = 100;

export type JsonContainer = JsonValue[] | { [key: string]: JsonValue };

export interface JsonNodeRow {
  readonly kind: 'node';
  /** Unique among the rows (React key, focus tracking). */
  readonly id: string;
  /** Row id of the parent container; null at the top level. */
  readonly parentId: string | null;
  /** 1 for the root's children. */
  readonly depth: number;
  /** Object key or array index; null for a primitive root. */
  readonly label: string | null;
  readonly isIndex: boolean;
  readonly value: JsonValue;
  /** The value when it is a non-empty container (what expanding toggles), else null. */
  readonly container: JsonContainer | null;
  readonly childCount: number;
  readonly expanded: boolean;
  /** 1-based position among the siblings shown, and their number (aria-posinset/setsize). */
  readonly posInSet: number;
  readonly setSize: number;
}

export interface JsonMoreRow {
  readonly kind: 'more';
  readonly id: string;
  readonly parentId: string | null;
  /** The container whose children continue. */
  readonly owner: JsonContainer;
  readonly depth: number;
  readonly hidden: number;
  readonly posInSet: number;
  readonly setSize: number;
}

export type JsonRow = JsonNodeRow | JsonMoreRow;

export function isContainer(v: JsonValue): v is JsonContainer {
  return typeof v === 'object' && v !== null;
}

export function childCountOf(v: JsonValue): number {
  if (Array.isArray(v)) return v.length;
  if (isContainer(v)) return Object.keys(v).length;
  return 0;
}

const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) {
    id = nextId++;
    ids.set(o, id);
  }
  return id;
}

/** Children of a container, in order, capped to `limit`, as [label, value, isIndex]. */
function childrenOf(v: JsonContainer, limit: number): Array<[string, JsonValue, boolean]> {
  const out: Array<[string, JsonValue, boolean]> = [];
  if (Array.isArray(v)) {
    const n = Math.min(v.length, limit);
    for (let i = 0; i < n; i++) out.push([String(i), v[i] as JsonValue, true]);
  } else {
    const keys = Object.keys(v);
    const n = Math.min(keys.length, limit);
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      out.push([k, v[k] as JsonValue, false]);
    }
  }
  return out;
}

type Pending = Omit<JsonNodeRow, 'expanded' | 'container' | 'childCount'> | JsonMoreRow;

/**
 * Rows for `root`: its children at depth 1 (a primitive root is one row), then,
 * below every expanded container, its children, at most
 * `shown.get(container) ?? JSON_PAGE` of them followed by a "more" row.
 */
export function flattenJson(
  root: JsonValue,
  expanded: ReadonlySet<object>,
  shown: ReadonlyMap<object, number> = new Map(),
): JsonRow[] {
  const rows: JsonRow[] = [];
  const stack: Pending[] = [];
  // The same object met twice (shared by the loader) gets distinct row ids.
  const seen = new Set<string>();
  if (!isContainer(root)) {
    stack.push({
      kind: 'node',
      id: 'root',
      parentId: null,
      depth: 1,
      label: null,
      isIndex: false,
      value: root,
      posInSet: 1,
      setSize: 1,
    });
  } else {
    pushChildren(stack, root, null, 0, shown);
  }
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (f.kind === 'more') {
      rows.push(f);
      continue;
    }
    let id = f.id;
    while (seen.has(id)) id = `${id}'`;
    seen.add(id);
    const value = f.value;
    const count = childCountOf(value);
    const container = count > 0 && isContainer(value) ? value : null;
    const open = container != null && expanded.has(container);
    rows.push({ ...f, id, container, childCount: count, expanded: open });
    if (open && container) pushChildren(stack, container, id, f.depth, shown);
  }
  return rows;
}

function pushChildren(
  stack: Pending[],
  value: JsonContainer,
  parentId: string | null,
  depth: number,
  shown: ReadonlyMap<object, number>,
): void {
  const total = childCountOf(value);
  const kids = childrenOf(value, shown.get(value) ?? JSON_PAGE);
  const hidden = total - kids.length;
  const setSize = kids.length + (hidden > 0 ? 1 : 0);
  const base = parentId ?? 'top';
  if (hidden > 0) {
    stack.push({
      kind: 'more',
      id: `${base}+more`,
      parentId,
      owner: value,
      depth: depth + 1,
      hidden,
      posInSet: setSize,
      setSize,
    });
  }
  for (let i = kids.length - 1; i >= 0; i--) {
    const [label, v, isIndex] = kids[i]!;
    stack.push({
      kind: 'node',
      id: isContainer(v) ? `c${idOf(v)}` : `${base}/${i}`,
      parentId,
      depth: depth + 1,
      label,
      isIndex,
      value: v,
      posInSet: i + 1,
      setSize,
    });
  }
}

/**
 * Non-empty containers reachable through shown children, breadth first,
 * stopping before the rows shown would exceed `maxRows` (an "expand all" that
 * cannot run away on a huge value).
 */
export function expandableContainers(
  root: JsonValue,
  shown: ReadonlyMap<object, number>,
  maxRows: number,
): { containers: JsonContainer[]; truncated: boolean } {
  const containers: JsonContainer[] = [];
  if (!isContainer(root)) return { containers, truncated: false };
  const limitOf = (c: JsonContainer) => shown.get(c) ?? JSON_PAGE;
  let rows = Math.min(childCountOf(root), limitOf(root));
  const queue: JsonContainer[] = [root];
  let head = 0;
  while (head < queue.length) {
    const kids = childrenOf(queue[head++]!, limitOf(queue[head - 1]!));
    for (const [, v] of kids) {
      if (!isContainer(v)) continue;
      const adds = Math.min(childCountOf(v), limitOf(v));
      if (adds === 0) continue;
      if (rows + adds > maxRows) return { containers, truncated: true };
      rows += adds;
      containers.push(v);
      queue.push(v);
    }
  }
  return { containers, truncated: false };
}

/** One-line text of a value: strings quoted, containers summarised. */
export function previewOf(v: JsonValue, maxChars = 2000): string {
  if (v === null) return 'null';
  if (typeof v === 'string') {
    const body =
      v.length > maxChars ? `${v.slice(0, maxChars)}… (${v.length.toLocaleString('en-US')} characters)` : v;
    return `"${body}"`;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const n = childCountOf(v);
  if (Array.isArray(v))
    return n === 0 ? '[]' : `[${n.toLocaleString('en-US')} ${n === 1 ? 'item' : 'items'}]`;
  return n === 0 ? '{}' : `{${n.toLocaleString('en-US')} ${n === 1 ? 'key' : 'keys'}}`;
}

/** The text a row is announced and found by: "key: value" or "Show N more (M hidden)". */
export function rowName(row: JsonRow): string {
  if (row.kind === 'more') {
    return `Show ${Math.min(row.hidden, JSON_PAGE).toLocaleString('en-US')} more (${row.hidden.toLocaleString('en-US')} hidden)`;
  }
  const value = previewOf(row.value);
  return row.label == null ? value : `${row.label}: ${value}`;
}
