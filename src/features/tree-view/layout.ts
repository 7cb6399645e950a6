// Positions the steps of a run for the tree drawing, in one of two
// orientations. Left to right ('lr', for wide fan-outs): depth on x and each
// leaf on a row of its own, a parent on the row of its first child, so the
// roots sit at the top-left and a fan-out reads downwards like a list. Top to
// bottom ('tb', for chains and narrow trees): depth on y, siblings side by
// side in a tidy tree from d3-hierarchy (built from the typed-array links; d3
// v3 walks iteratively and so does this file). chooseGeometry picks the
// orientation and a node width that fits typical state names for a run.
// Collapsed subtrees and, when asked, steps outside FilterResult.keep are left
// out. Detached steps get a grid of their own below the tree. The result is
// plain typed arrays addressed by "slot" (a laid-out node), with per-depth
// columns sorted along the breadth axis so culling and hit testing are binary
// searches.
import { type HierarchyNode, type HierarchyPointNode, hierarchy, tree } from 'd3-hierarchy';
import type { Run, StepTree } from '../../model/types.ts';

export type Orientation = 'lr' | 'tb';

/** World units. The default node width; chooseGeometry may pick a wider one. */
export const NODE_W = 170;
export const NODE_H = 32;
/** Space between depth columns left to right (for links and arc names). */
export const LR_LINK_SPACE = 64;
/** Distance between depth columns (x) left to right, for the default node width. */
export const LEVEL_GAP = NODE_W + LR_LINK_SPACE;
/** Distance between neighbouring rows left to right (y). */
export const SIBLING_GAP = 46;
/** Distance between depth rows top to bottom (y). */
export const TB_LEVEL_GAP = NODE_H + 46;
/** Space between neighbouring nodes top to bottom (x). */
export const TB_SIBLING_SPACE = 26;
/** The collapse badge / toggle sticks out of the node's right edge (lr) by at most this much. */
export const BADGE_REACH = 72;
/** ... or below its bottom edge (tb). */
export const TB_BADGE_REACH = 24;
/** Node widths chooseGeometry may pick. */
export const MIN_NODE_W = 150;
export const MAX_NODE_W = 280;

const DETACHED_GAP_ROWS = 3;
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

/** How a run is drawn: direction and node width (world units). */
export interface Geometry {
  readonly orientation: Orientation;
  readonly nodeW: number;
}

export interface TreeLayout {
  readonly run: Run;
  readonly orientation: Orientation;
  /** Node box size, world units. */
  readonly nodeW: number;
  readonly nodeH: number;
  /** Distance between depth levels along the depth axis (x for lr, y for tb). */
  readonly levelGap: number;
  /** Laid-out nodes: tree slots first (pre-order), then detached slots. */
  readonly count: number;
  readonly treeCount: number;
  /** slot -> step index */
  readonly step: Int32Array;
  /** Node centres, world units. Depth d sits at d * levelGap on the depth axis. */
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
  /** Tree slots grouped by depth, each group sorted along the breadth axis (y for lr, x for tb). */
  readonly columnOrder: Int32Array;
  /** columnStart[d]..columnStart[d+1] is depth d in columnOrder; length maxDepth + 2. */
  readonly columnStart: Int32Array;
  readonly maxDepth: number;
  readonly detached: DetachedGroup | null;
  /** Bounds of the tree's nodes (badges included), without the detached group; null when none. */
  readonly treeBounds: Rect | null;
  /** Bounds of every node (badges and the detached frame included); null when empty. */
  readonly bounds: Rect | null;
}

const VIRTUAL_ROOT = -1;

/** Position along the depth axis (x for lr, y for tb). */
export function depthAxis(layout: TreeLayout): Float64Array {
  return layout.orientation === 'lr' ? layout.x : layout.y;
}

/** Position along the breadth axis (y for lr, x for tb). */
export function breadthAxis(layout: TreeLayout): Float64Array {
  return layout.orientation === 'lr' ? layout.y : layout.x;
}

/** Half a node along the depth and the breadth axis. */
export function halfExtents(layout: TreeLayout): { depth: number; breadth: number } {
  return layout.orientation === 'lr'
    ? { depth: layout.nodeW / 2, breadth: layout.nodeH / 2 }
    : { depth: layout.nodeH / 2, breadth: layout.nodeW / 2 };
}

/** How far past a node's far edge (along the depth axis) its collapse control may reach. */
export function badgeReach(layout: TreeLayout): number {
  return layout.orientation === 'lr' ? BADGE_REACH : TB_BADGE_REACH;
}

/**
 * Lays out `run` with `collapsed` subtrees folded. When `keep` is given, steps
 * where keep[i] is 0 are removed (FilterResult.keep, which keeps ancestors of matches).
 * Without a geometry the layout is left to right with the default node width.
 */
export function computeLayout(
  run: Run,
  collapsed: ReadonlySet<number>,
  keep: Uint8Array | null = null,
  geometry: Geometry = { orientation: 'lr', nodeW: NODE_W },
): TreeLayout {
  const t = run.tree;
  const nSteps = run.steps.length;
  const lr = geometry.orientation === 'lr';
  const nodeW = geometry.nodeW;
  const nodeH = NODE_H;
  const levelGap = lr ? nodeW + LR_LINK_SPACE : TB_LEVEL_GAP;
  const kept = (i: number) => keep === null || keep[i] === 1;
  const isFolded = (i: number) => collapsed.has(i) && (t.childCount[i] ?? 0) > 0;

  const roots = t.roots.filter(kept);
  const detachedSteps = t.detached.filter(kept);

  // Pre-order tree nodes with their depth, breadth position and parent (VIRTUAL_ROOT for roots).
  const order = new Int32Array(nSteps);
  const orderDepth = new Int32Array(nSteps);
  const orderBreadth = new Float64Array(nSteps);
  const orderParent = new Int32Array(nSteps);
  let treeCount = 0;
  if (roots.length > 0) {
    if (lr) treeCount = layoutRows(t, roots, kept, isFolded, order, orderDepth, orderBreadth, orderParent);
    else {
      const children = (i: number): number[] | null => {
        if (i === VIRTUAL_ROOT) return roots;
        if (isFolded(i)) return null;
        const out: number[] = [];
        for (let c = t.firstChild[i] ?? -1; c >= 0; c = t.nextSibling[c] ?? -1) if (kept(c)) out.push(c);
        return out.length > 0 ? out : null;
      };
      treeCount = layoutTidy(children, nodeW, order, orderDepth, orderBreadth, orderParent);
    }
  }

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
    const i = order[s]!;
    const d = orderDepth[s]!;
    step[s] = i;
    slotOfStep[i] = s;
    if (lr) {
      x[s] = d * levelGap;
      y[s] = orderBreadth[s]!;
    } else {
      x[s] = orderBreadth[s]!;
      y[s] = d * levelGap;
    }
    depth[s] = d;
    if (d > maxDepth) maxDepth = d;
    // Pre-order: the parent already has its slot.
    const p = orderParent[s]!;
    parentSlot[s] = p === VIRTUAL_ROOT ? -1 : slotOfStep[p]!;
    hasChildren[s] = (t.childCount[i] ?? 0) > 0 ? 1 : 0;
    if (isFolded(i)) {
      folded[s] = 1;
      hidden[s] = (t.subtreeSize[i] ?? 1) - 1;
      anyFolded = true;
    }
  }

  // Columns: counting sort of the pre-order by depth. Both layouts keep the
  // order of nodes within a level, so each column comes out sorted.
  const columnStart = new Int32Array(maxDepth + 2);
  for (let s = 0; s < treeCount; s++) columnStart[depth[s]! + 1]!++;
  for (let d = 0; d <= maxDepth; d++) columnStart[d + 1]! += columnStart[d]!;
  const fill = columnStart.slice(0, maxDepth + 1);
  const columnOrder = new Int32Array(treeCount);
  for (let s = 0; s < treeCount; s++) columnOrder[fill[depth[s]!]!++] = s;

  let treeBounds: Rect | null = null;
  if (treeCount > 0) {
    let minB = Number.POSITIVE_INFINITY;
    let maxB = Number.NEGATIVE_INFINITY;
    const breadth = lr ? y : x;
    for (let s = 0; s < treeCount; s++) {
      if (breadth[s]! < minB) minB = breadth[s]!;
      if (breadth[s]! > maxB) maxB = breadth[s]!;
    }
    treeBounds = lr
      ? {
          minX: -nodeW / 2,
          minY: minB - nodeH / 2,
          maxX: maxDepth * levelGap + nodeW / 2 + (anyFolded ? BADGE_REACH : 0),
          maxY: maxB + nodeH / 2,
        }
      : {
          minX: minB - nodeW / 2,
          minY: -nodeH / 2,
          maxX: maxB + nodeW / 2,
          maxY: maxDepth * levelGap + nodeH / 2 + (anyFolded ? TB_BADGE_REACH : 0),
        };
  }

  let bounds = treeBounds;
  let detached: DetachedGroup | null = null;
  if (detachedSteps.length > 0) {
    const n = detachedSteps.length;
    const cellW = nodeW + 30;
    const cellH = SIBLING_GAP;
    const cols = Math.max(1, Math.min(n, Math.ceil(Math.sqrt(n * 1.5))));
    const rows = Math.ceil(n / cols);
    const left = treeBounds ? treeBounds.minX : -nodeW / 2;
    const top = treeBounds ? treeBounds.maxY + DETACHED_GAP_ROWS * SIBLING_GAP : 0;
    const x0 = left + DETACHED_PAD + nodeW / 2;
    const y0 = top + DETACHED_LABEL_H + DETACHED_PAD + nodeH / 2;
    for (let k = 0; k < n; k++) {
      const s = treeCount + k;
      const i = detachedSteps[k]!;
      step[s] = i;
      slotOfStep[i] = s;
      x[s] = x0 + (k % cols) * cellW;
      y[s] = y0 + Math.floor(k / cols) * cellH;
      hasChildren[s] = 0;
    }
    const frame: Rect = {
      minX: left,
      minY: top,
      maxX: x0 + (cols - 1) * cellW + nodeW / 2 + DETACHED_PAD,
      maxY: y0 + (rows - 1) * cellH + nodeH / 2 + DETACHED_PAD,
    };
    detached = {
      first: treeCount,
      count: n,
      cols,
      x0,
      y0,
      cellW,
      cellH,
      frame,
      label: `Detached steps (${n.toLocaleString('en-US')})`,
    };
    bounds = bounds ? unionRect(bounds, frame) : frame;
  }

  return {
    run,
    orientation: geometry.orientation,
    nodeW,
    nodeH,
    levelGap,
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
    treeBounds,
    bounds,
  };
}

/**
 * Left to right rows: every leaf on a row of its own in pre-order, a parent
 * on the row of its first child. Walks the tree's links (first child, next
 * sibling, parent) without a stack or an array per node; breadth is the
 * row's y. Returns how many nodes it placed.
 */
function layoutRows(
  t: StepTree,
  roots: readonly number[],
  kept: (i: number) => boolean,
  isFolded: (i: number) => boolean,
  order: Int32Array,
  orderDepth: Int32Array,
  orderBreadth: Float64Array,
  orderParent: Int32Array,
): number {
  const rowOf = new Int32Array(t.parent.length);
  const firstKeptChild = (i: number): number => {
    if (isFolded(i)) return -1;
    let c = t.firstChild[i] ?? -1;
    while (c >= 0 && !kept(c)) c = t.nextSibling[c] ?? -1;
    return c;
  };
  const nextKeptSibling = (i: number): number => {
    let c = t.nextSibling[i] ?? -1;
    while (c >= 0 && !kept(c)) c = t.nextSibling[c] ?? -1;
    return c;
  };
  let n = 0;
  let lastRow = -1;
  for (const root of roots) {
    let x = root;
    let d = 0;
    let p = VIRTUAL_ROOT;
    let first = false;
    for (;;) {
      const row = first ? (rowOf[p] as number) : lastRow + 1;
      if (row > lastRow) lastRow = row;
      rowOf[x] = row;
      order[n] = x;
      orderDepth[n] = d;
      orderBreadth[n] = row * SIBLING_GAP;
      orderParent[n] = p;
      n++;
      const c = firstKeptChild(x);
      if (c >= 0) {
        p = x;
        x = c;
        d++;
        first = true;
        continue;
      }
      // Up to the nearest node with a next kept sibling; done with this root when none.
      while (x !== root) {
        const s = nextKeptSibling(x);
        if (s >= 0) {
          x = s;
          first = false;
          break;
        }
        x = p;
        d--;
        p = x === root ? VIRTUAL_ROOT : (t.parent[x] as number);
      }
      if (x === root) break;
    }
  }
  return n;
}

/** Top to bottom: d3's tidy tree; breadth is the node's x. Returns how many nodes it placed. */
function layoutTidy(
  children: (i: number) => number[] | null,
  nodeW: number,
  order: Int32Array,
  orderDepth: Int32Array,
  orderBreadth: Float64Array,
  orderParent: Int32Array,
): number {
  const root = buildHierarchy(VIRTUAL_ROOT, children);
  const laidOut = tree<number>()
    .nodeSize([nodeW + TB_SIBLING_SPACE, TB_LEVEL_GAP])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.15))(root);
  let n = 0;
  laidOut.eachBefore((node: HierarchyPointNode<number>) => {
    if (node.data === VIRTUAL_ROOT) return;
    order[n] = node.data;
    orderDepth[n] = node.depth - 1;
    orderBreadth[n] = node.x;
    orderParent[n] = node.parent?.data ?? VIRTUAL_ROOT;
    n++;
  });
  return n;
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
  const hw = layout.nodeW / 2;
  const hh = layout.nodeH / 2;
  return { minX: cx - hw, minY: cy - hh, maxX: cx + hw, maxY: cy + hh };
}

/** Text of the collapse badge ("+42"); '' when the node is not collapsed. */
export function badgeText(layout: TreeLayout, slot: number): string {
  return layout.collapsed[slot] ? `+${layout.hidden[slot]!.toLocaleString('en-US')}` : '';
}

/**
 * Where the collapse control of a node is: the "+N" badge of a collapsed node,
 * or a small "−" handle on a node with children, just past the node's far
 * edge on the links' trunk (right of it left to right, below it top to
 * bottom). Null when there is none.
 */
export function toggleRect(layout: TreeLayout, slot: number): Rect | null {
  if (!layout.hasChildren[slot]) return null;
  const cx = layout.x[slot]!;
  const cy = layout.y[slot]!;
  const badgeW = layout.collapsed[slot]
    ? Math.min(BADGE_REACH - 2, 16 + 7 * badgeText(layout, slot).length)
    : 0;
  if (layout.orientation === 'lr') {
    const edge = cx + layout.nodeW / 2;
    if (badgeW > 0) return { minX: edge + 2, minY: cy - 10, maxX: edge + 2 + badgeW, maxY: cy + 10 };
    return { minX: edge + 1, minY: cy - 8, maxX: edge + 17, maxY: cy + 8 };
  }
  const edge = cy + layout.nodeH / 2;
  if (badgeW > 0) return { minX: cx - badgeW / 2, minY: edge + 2, maxX: cx + badgeW / 2, maxY: edge + 22 };
  return { minX: cx - 8, minY: edge + 1, maxX: cx + 8, maxY: edge + 17 };
}

/** Label font size (world px) the node width is planned for; the drawing uses the same. */
export const LABEL_WORLD_PX = 12.5;
/** Room a node keeps beside its label: status chip, data-mode letter, padding. */
export const LABEL_CHROME = 52;
/**
 * Labels grow in world units when zoomed out (to stay at least 9 CSS px), so
 * a node planned for a name at LABEL_WORLD_PX gets this much spare room: its
 * label then fits down to a zoom of 9 / (12.5 * 1.6) = 0.45 (READABLE_SCALE).
 */
const LABEL_SLACK = 1.6;

/** Width of `text` in world px at LABEL_WORLD_PX; an estimate when no canvas can measure. */
export type MeasureText = (text: string) => number;

export const estimateText: MeasureText = (text) => text.length * 7.1;

/**
 * The geometry a run is drawn with: the node width that fits its typical
 * state names (the 90th percentile of its distinct names, measured), and the
 * orientation whose whole-tree fit is larger for a landscape view: left to
 * right for wide fan-outs, top to bottom for chains and narrow trees. Depends
 * on the run only, so folding or filtering never flips the drawing.
 */
export function chooseGeometry(run: Run, measure: MeasureText = estimateText): Geometry {
  const names = new Set<string>();
  for (const s of run.steps) {
    names.add(s.stateName);
    if (names.size >= 5000) break;
  }
  const widths = [...names].map(measure).sort((a, b) => a - b);
  const typical = widths.length > 0 ? widths[Math.ceil(0.9 * widths.length) - 1]! : 0;
  const nodeW = Math.round(Math.min(MAX_NODE_W, Math.max(MIN_NODE_W, typical * LABEL_SLACK + LABEL_CHROME)));

  const t = run.tree;
  let leaves = 0;
  let maxDepth = 0;
  for (let i = 0; i < run.steps.length; i++) {
    if (run.steps[i]!.detached) continue;
    if ((t.childCount[i] ?? 0) === 0) leaves++;
    const d = t.depth[i] ?? 0;
    if (d > maxDepth) maxDepth = d;
  }
  if (leaves === 0) return { orientation: 'lr', nodeW };
  // Fit scales in a nominal landscape view (the drawing's usual shape).
  const W = 1000;
  const H = 720;
  const lrScale = Math.min(W / (maxDepth * (nodeW + LR_LINK_SPACE) + nodeW), H / (leaves * SIBLING_GAP));
  const tbScale = Math.min(W / (leaves * (nodeW + TB_SIBLING_SPACE)), H / (maxDepth * TB_LEVEL_GAP + NODE_H));
  return { orientation: tbScale > lrScale ? 'tb' : 'lr', nodeW };
}
