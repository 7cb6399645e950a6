// The outline's visible rows: a pre-order walk (explicit stack) over the
// run's tree links that skips collapsed subtrees and, when hiding, steps
// outside FilterResult.keep; then a "Detached steps (N)" group row with the
// detached steps under it. Each row carries what the ARIA tree pattern needs
// (level, set size, position, parent row), in typed arrays for 100,000 rows.
import type { Run } from '../../model/types.ts';

/** The `step` value of the detached group row. */
export const DETACHED_GROUP = -2;

export interface OutlineRows {
  readonly count: number;
  /** row -> step index, or DETACHED_GROUP. */
  readonly step: Int32Array;
  /** aria-level (1 for roots and the detached group). */
  readonly level: Int32Array;
  readonly setSize: Int32Array;
  readonly posInSet: Int32Array;
  /** row -> row of its parent, -1 at the top level. */
  readonly parentRow: Int32Array;
  /** 1 when the row has children that can be shown (whether expanded or not). */
  readonly hasChildren: Uint8Array;
  /** 1 when the row has children and they are hidden. */
  readonly collapsed: Uint8Array;
  /** step index -> row, -1 when not shown. */
  readonly rowOfStep: Int32Array;
  /** Row of the detached group, -1 when there is none. */
  readonly groupRow: number;
  /** Detached steps shown under the group (after filtering). */
  readonly detachedCount: number;
}

export function flattenOutline(
  run: Run,
  collapsed: ReadonlySet<number>,
  keep: Uint8Array | null,
  detachedOpen: boolean,
): OutlineRows {
  const t = run.tree;
  const n = run.steps.length;
  const kept = (i: number) => keep === null || keep[i] === 1;
  const roots = t.roots.filter(kept);
  const detached = t.detached.filter(kept);
  const max = n + 1;
  const step = new Int32Array(max);
  const level = new Int32Array(max);
  const setSize = new Int32Array(max);
  const posInSet = new Int32Array(max);
  const parentRow = new Int32Array(max);
  const hasChildren = new Uint8Array(max);
  const folded = new Uint8Array(max);
  const rowOfStep = new Int32Array(n).fill(-1);
  const topSize = roots.length + (detached.length > 0 ? 1 : 0);

  const keptChildren = (i: number): number[] => {
    const out: number[] = [];
    for (let c = t.firstChild[i] ?? -1; c >= 0; c = t.nextSibling[c] ?? -1) if (kept(c)) out.push(c);
    return out;
  };

  let count = 0;
  const addRow = (s: number, lvl: number, size: number, pos: number, parent: number): number => {
    const r = count++;
    step[r] = s;
    level[r] = lvl;
    setSize[r] = size;
    posInSet[r] = pos;
    parentRow[r] = parent;
    if (s >= 0) rowOfStep[s] = r;
    return r;
  };

  // Stack entries: step, level, set size, position, parent row (flat, five ints each).
  const stack: number[] = [];
  for (let k = roots.length - 1; k >= 0; k--) stack.push(roots[k]!, 1, topSize, k + 1, -1);
  while (stack.length > 0) {
    const parent = stack.pop()!;
    const pos = stack.pop()!;
    const size = stack.pop()!;
    const lvl = stack.pop()!;
    const s = stack.pop()!;
    const r = addRow(s, lvl, size, pos, parent);
    const kids = (t.childCount[s] ?? 0) > 0 ? keptChildren(s) : [];
    if (kids.length === 0) continue;
    hasChildren[r] = 1;
    if (collapsed.has(s)) {
      folded[r] = 1;
      continue;
    }
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]!, lvl + 1, kids.length, k + 1, r);
  }

  let groupRow = -1;
  if (detached.length > 0) {
    groupRow = addRow(DETACHED_GROUP, 1, topSize, topSize, -1);
    hasChildren[groupRow] = 1;
    if (!detachedOpen) folded[groupRow] = 1;
    else for (let k = 0; k < detached.length; k++) addRow(detached[k]!, 2, detached.length, k + 1, groupRow);
  }

  return {
    count,
    step,
    level,
    setSize,
    posInSet,
    parentRow,
    hasChildren,
    collapsed: folded,
    rowOfStep,
    groupRow,
    detachedCount: detached.length,
  };
}

/** Row of the step (or the group) `key`, -1 when it is not shown. */
export function rowOfKey(rows: OutlineRows, key: number): number {
  if (key === DETACHED_GROUP) return rows.groupRow;
  return key >= 0 && key < rows.rowOfStep.length ? rows.rowOfStep[key]! : -1;
}

/** Step indices of the rows that share `row`'s parent (for the `*` key). */
export function siblingSteps(rows: OutlineRows, row: number): number[] {
  const parent = rows.parentRow[row]!;
  const out: number[] = [];
  // Siblings are the rows after the parent with the same parent row; scan the
  // parent's stretch of rows (pre-order keeps a subtree contiguous).
  const level = rows.level[row]!;
  for (let r = parent + 1; r < rows.count; r++) {
    const l = rows.level[r]!;
    if (l < level) break;
    if (l === level && rows.parentRow[r] === parent && rows.step[r]! >= 0) out.push(rows.step[r]!);
  }
  return out;
}
