// Positions the steps of a run for the tree drawing: a tidy tree from
// d3-hierarchy (built from the typed-array links; d3 v3 walks iteratively and
// so does this file), laid out left to right (depth on x, siblings on y).
// Collapsed subtrees and, when asked, steps outside FilterResult.keep are left
// out. Detached steps get a grid of their own below the tree. The result is
// plain typed arrays addressed by "slot" (a laid-out node), with per-depth
// columns sorted by y so culling and hit testing are binary searches.
import { type HierarchyNode, type HierarchyPointNode, hierarchy, tree } from 'd3-hierarchy';
import type { Run } from '../../model/types.ts';

/** World units. */
export const NODE_W = 170;
export const NODE_H = 32;
/** Distance between depth columns (x). */
export const LEVEL_GAP = 245;
/** Distance between neighbouring siblings (y). */
export const SIBLING_GAP = 46;
/** The collapse badge / toggle sticks out of the node's right edge by at most this much. */
export const BADGE_REACH = 72;

const DETACHED_CELL_W = NODE_W + 30;
const DETACHED_CELL_H = SIBLING_GAP;
/** Space between the tree and the detached group, and for the group's label. */
const DETACHED_GAP = 3 * SIBLING_GAP;
const DETACHED_PAD = 24;
const DETACHED_LABEL_H = 28;

export interface Rect {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

export interface DetachedGroup {
  /** First detached slot; detached slots are first..first+count-1, row-major in the grid. */
  readonly first: number;
  readonly count: number;
  readonly cols: number;
  /** Centre of the first cell. */
  readonly x0: number;
  readonly y0: number;
  readonly cellW: number;
  readonly cellH: number;
  /** Frame around the group, label included. */
  readonly frame: Rect;
  readonly label: string;
}

export interface TreeLayout {
  readonly run: Run;
  /** Laid-out nodes: tree slots first (pre-order), then detached slots. */
  readonly count: number;
  readonly treeCount: number;
  /** slot -> step index */
  readonly step: Int32Array;
  /** Node centres, world units. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** slot -> parent slot, -1 for roots and detached steps. */
  readonly parentSlot: Int32Array;
  /** slot -> depth (0 for roots and detached). */
  readonly depth: Int32Array;
  /** 1 when the step is collapsed and has children. */
  readonly collapsed: Uint8Array;
  /** Steps hidden under a collapsed node (its descendants), 0 otherwise. */
  readonly hidden: Int32Array;
  /** 1 when the step has children in the run (whether shown or collapsed). */
  readonly hasChildren: Uint8Array;
  /** step index -> slot, -1 when the step is not laid out. */
  readonly slotOfStep: Int32Array;
  /** Tree slots grouped by depth, each group sorted by y. */
  readonly columnOrder: Int32Array;
  /** columnStart[d]..columnStart[d+1] is depth d in columnOrder; length maxDepth + 2. */
  readonly columnStart: Int32Array;
  readonly maxDepth: number;
  readonly detached: DetachedGroup | null;
  /** Bounds of every node (badges and the detached frame included); null when empty. */
  readonly bounds: Rect | null;
}

const VIRTUAL_ROOT = -1;

/**
 * Lays out `run` with `collapsed` subtrees folded. When `keep` is given, steps
 * where keep[i] is 0 are removed (FilterResult.keep, which keeps ancestors of matches).
 */
export function computeLayout(
  run: Run,
  collapsed: ReadonlySet<number>,
  keep: Uint8Array | null = null,
): TreeLayout {
  const t = run.tree;
  const nSteps = run.steps.length;
  const kept = (i: number) => keep === null || keep[i] === 1;
  const isFolded = (i: number) => collapsed.has(i) && (t.childCount[i] ?? 0) > 0;

  const roots = t.roots.filter(kept);
  const detachedSteps = t.detached.filter(kept);

  const children = (i: number): number[] | null => {
    if (i === VIRTUAL_ROOT) return roots.length > 0 ? roots : null;
    if (isFolded(i)) return null;
    let c = t.firstChild[i] ?? -1;
    if (c < 0) return null;
    const out: number[] = [];
    while (c >= 0) {
      if (kept(c)) out.push(c);
      c = t.nextSibling[c] ?? -1;
    }
    return out.length > 0 ? out : null;
  };

  // Pre-order tree nodes from d3 (eachBefore is iterative), without the virtual root.
  const ordered: HierarchyPointNode<number>[] = [];
  if (roots.length > 0) {
    const root = buildHierarchy(VIRTUAL_ROOT, children);
    const laidOut = tree<number>()
      .nodeSize([SIBLING_GAP, LEVEL_GAP])
      .separation((a, b) => (a.parent === b.parent ? 1 : 1.25))(root);
    laidOut.eachBefore((node) => {
      if (node.data !== VIRTUAL_ROOT) ordered.push(node);
    });
  }

  const treeCount = ordered.length;
  const count = treeCount + detachedSteps.length;
  const step = new Int32Array(count);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const parentSlot = new Int32Array(count).fill(-1);
  const depth = new Int32Array(count);
  const folded = new Uint8Array(count);
  const hidden = new Int32Array(count);
  const hasChildren = new Uint8Array(count);
  const slotOfStep = new Int32Array(nSteps).fill(-1);

  let maxDepth = -1;
  let anyFolded = false;
  for (let s = 0; s < treeCount; s++) {
    const node = ordered[s]!;
    const i = node.data;
    step[s] = i;
    slotOfStep[i] = s;
    x[s] = (node.depth - 1) * LEVEL_GAP;
    y[s] = node.x;
    depth[s] = node.depth - 1;
    if (depth[s]! > maxDepth) maxDepth = depth[s]!;
    // Pre-order: the parent already has its slot.
    const p = node.parent?.data ?? VIRTUAL_ROOT;
    parentSlot[s] = p === VIRTUAL_ROOT ? -1 : slotOfStep[p]!;
    hasChildren[s] = (t.childCount[i] ?? 0) > 0 ? 1 : 0;
    if (isFolded(i)) {
      folded[s] = 1;
      hidden[s] = (t.subtreeSize[i] ?? 1) - 1;
      anyFolded = true;
    }
  }

  // Columns: counting sort of the pre-order by depth. A tidy tree keeps the
  // order of nodes within a level, so each column comes out sorted by y.
  const columnStart = new Int32Array(maxDepth + 2);
  for (let s = 0; s < treeCount; s++) columnStart[depth[s]! + 1]!++;
  for (let d = 0; d <= maxDepth; d++) columnStart[d + 1]! += columnStart[d]!;
  const fill = columnStart.slice(0, maxDepth + 1);
  const columnOrder = new Int32Array(treeCount);
  for (let s = 0; s < treeCount; s++) columnOrder[fill[depth[s]!]!++] = s;

  let bounds: Rect | null = null;
  if (treeCount > 0) {
    let minY = Number.POSITIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < treeCount; s++) {
      if (y[s]! < minY) minY = y[s]!;
      if (y[s]! > maxY) maxY = y[s]!;
    }
    bounds = {
      minX: -NODE_W / 2,
      minY: minY - NODE_H / 2,
      maxX: maxDepth * LEVEL_GAP + NODE_W / 2 + (anyFolded ? BADGE_REACH : 0),
      maxY: maxY + NODE_H / 2,
    };
  }

  let detached: DetachedGroup | null = null;
  if (detachedSteps.length > 0) {
    const n = detachedSteps.length;
    const cols = Math.max(1, Math.min(n, Math.ceil(Math.sqrt(n * 1.5))));
    const rows = Math.ceil(n / cols);
    const left = bounds ? bounds.minX : -NODE_W / 2;
    const top = bounds ? bounds.maxY + DETACHED_GAP : 0;
    const x0 = left + DETACHED_PAD + NODE_W / 2;
    const y0 = top + DETACHED_LABEL_H + DETACHED_PAD + NODE_H / 2;
    for (let k = 0; k < n; k++) {
      const s = treeCount + k;
      const i = detachedSteps[k]!;
      step[s] = i;
      slotOfStep[i] = s;
      x[s] = x0 + (k % cols) * DETACHED_CELL_W;
      y[s] = y0 + Math.floor(k / cols) * DETACHED_CELL_H;
      hasChildren[s] = 0;
    }
    const frame: Rect = {
      minX: left,
      minY: top,
      maxX: x0 + (cols - 1) * DETACHED_CELL_W + NODE_W / 2 + DETACHED_PAD,
      maxY: y0 + (rows - 1) * DETACHED_CELL_H + NODE_H / 2 + DETACHED_PAD,
    };
    detached = {
      first: treeCount,
      count: n,
      cols,
      x0,
      y0,
      cellW: DETACHED_CELL_W,
      cellH: DETACHED_CELL_H,
      frame,
      label: `Detached steps (${n.toLocaleString('en-US')})`,
    };
    bounds = bounds ? unionRect(bounds, frame) : frame;
  }

  return {
    run,
    count,
    treeCount,
    step,
    x,
    y,
    parentSlot,
    depth,
    collapsed: folded,
    hidden,
    hasChildren,
    slotOfStep,
    columnOrder,
    columnStart,
    maxDepth,
    detached,
    bounds,
  };
}

/**
 * d3's hierarchy() with the same node objects, built in O(n). d3's own version
 * computes heights by walking up from every node, which is quadratic on a
 * deep chain (a 10,000-step chain took a second, 100,000 would take minutes).
 */
export function buildHierarchy(
  rootData: number,
  children: (d: number) => number[] | null,
): HierarchyNode<number> {
  type MutableNode = {
    data: number;
    depth: number;
    height: number;
    parent: MutableNode | null;
    children?: MutableNode[];
  };
  const make = (data: number, parent: MutableNode | null): MutableNode => {
    const node = Object.create(hierarchy.prototype) as MutableNode;
    node.data = data;
    node.depth = parent ? parent.depth + 1 : 0;
    node.height = 0;
    node.parent = parent;
    return node;
  };
  const root = make(rootData, null);
  const order: MutableNode[] = [];
  const stack: MutableNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    const kids = children(node.data);
    if (!kids || kids.length === 0) continue;
    node.children = kids.map((k) => make(k, node));
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  for (let k = order.length - 1; k > 0; k--) {
    const node = order[k]!;
    const p = node.parent!;
    if (p.height < node.height + 1) p.height = node.height + 1;
  }
  return root as unknown as HierarchyNode<number>;
}

export function unionRect(a: Rect, b: Rect): Rect {
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

/** The node's own rectangle. */
export function nodeRect(layout: TreeLayout, slot: number): Rect {
  const cx = layout.x[slot]!;
  const cy = layout.y[slot]!;
  return { minX: cx - NODE_W / 2, minY: cy - NODE_H / 2, maxX: cx + NODE_W / 2, maxY: cy + NODE_H / 2 };
}

/** Text of the collapse badge ("+42"); '' when the node is not collapsed. */
export function badgeText(layout: TreeLayout, slot: number): string {
  return layout.collapsed[slot] ? `+${layout.hidden[slot]!.toLocaleString('en-US')}` : '';
}

/**
 * Where the collapse control of a node is: the "+N" badge of a collapsed node,
 * or a small "−" handle on a node with children. Null when there is none.
 */
export function toggleRect(layout: TreeLayout, slot: number): Rect | null {
  if (!layout.hasChildren[slot]) return null;
  const edge = layout.x[slot]! + NODE_W / 2;
  const cy = layout.y[slot]!;
  if (layout.collapsed[slot]) {
    const w = Math.min(BADGE_REACH - 2, 16 + 7 * badgeText(layout, slot).length);
    return { minX: edge + 2, minY: cy - 10, maxX: edge + 2 + w, maxY: cy + 10 };
  }
  // Just outside the right edge, on the links' trunk.
  return { minX: edge + 1, minY: cy - 8, maxX: edge + 17, maxY: cy + 8 };
}
