// Viewport culling over a TreeLayout: which nodes and links touch a world
// rectangle. Tree nodes sit in depth columns sorted along the breadth axis, so
// each visible column is one binary search; detached nodes sit in a grid, so their range is
// computed directly. Cost is O(visible columns * log n + visible items).
import { badgeReach, breadthAxis, halfExtents, type Rect, type TreeLayout } from './layout.ts';

/** First index in [lo, hi) of columnOrder whose key is >= target (keys ascending). */
function lowerBound(
  order: Int32Array,
  lo: number,
  hi: number,
  key: (slot: number) => number,
  target: number,
): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (key(order[m]!) < target) a = m + 1;
    else b = m;
  }
  return a;
}

/** Depth levels whose nodes (with their collapse badges) may meet [lo, hi] on the depth axis. */
function depthRange(layout: TreeLayout, lo: number, hi: number): [number, number] {
  const half = halfExtents(layout).depth;
  const gap = layout.levelGap;
  const d0 = Math.max(0, Math.ceil((lo - half - badgeReach(layout)) / gap));
  const d1 = Math.min(layout.maxDepth, Math.floor((hi + half) / gap));
  return [d0, d1];
}

/** Calls `visit(slot)` for every node whose box (badge included) meets `rect`. */
export function forEachNodeIn(layout: TreeLayout, rect: Rect, visit: (slot: number) => void): void {
  const { columnOrder, columnStart } = layout;
  const lr = layout.orientation === 'lr';
  const b = breadthAxis(layout);
  const halfB = halfExtents(layout).breadth;
  const [d0, d1] = lr ? depthRange(layout, rect.minX, rect.maxX) : depthRange(layout, rect.minY, rect.maxY);
  const bMin = lr ? rect.minY : rect.minX;
  const bMax = lr ? rect.maxY : rect.maxX;
  const key = (s: number) => b[s]!;
  for (let d = d0; d <= d1; d++) {
    const end = columnStart[d + 1]!;
    let k = lowerBound(columnOrder, columnStart[d]!, end, key, bMin - halfB);
    for (; k < end; k++) {
      const s = columnOrder[k]!;
      if (b[s]! - halfB > bMax) break;
      visit(s);
    }
  }
  const g = layout.detached;
  if (!g) return;
  const halfW = layout.nodeW / 2;
  const halfH = layout.nodeH / 2;
  const c0 = Math.max(0, Math.ceil((rect.minX - halfW - g.x0) / g.cellW));
  const c1 = Math.min(g.cols - 1, Math.floor((rect.maxX + halfW - g.x0) / g.cellW));
  const rows = Math.ceil(g.count / g.cols);
  const r0 = Math.max(0, Math.ceil((rect.minY - halfH - g.y0) / g.cellH));
  const r1 = Math.min(rows - 1, Math.floor((rect.maxY + halfH - g.y0) / g.cellH));
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const k = r * g.cols + c;
      if (k < g.count) visit(g.first + k);
    }
  }
}

/**
 * Calls `visit(childSlot)` for every parent->child link whose bounding box
 * meets `rect`. Links run from a parent's far edge to its child's near edge
 * along the depth axis; along a column the children's parents are in breadth
 * order too, so the links' breadth extents are sorted at both ends and one
 * binary search finds them.
 */
export function forEachLinkIn(layout: TreeLayout, rect: Rect, visit: (childSlot: number) => void): void {
  const { columnOrder, columnStart, parentSlot } = layout;
  const lr = layout.orientation === 'lr';
  const b = breadthAxis(layout);
  const half = halfExtents(layout).depth;
  const gap = layout.levelGap;
  const lo = lr ? rect.minX : rect.minY;
  const hi = lr ? rect.maxX : rect.maxY;
  const bMin = lr ? rect.minY : rect.minX;
  const bMax = lr ? rect.maxY : rect.maxX;
  // Child depth d's links span [(d - 1) * gap + half, d * gap - half] on the depth axis.
  const d0 = Math.max(1, Math.ceil((lo + half) / gap));
  const d1 = Math.min(layout.maxDepth, Math.floor((hi - half) / gap) + 1);
  const low = (s: number) => Math.min(b[s]!, b[parentSlot[s]!]!);
  const high = (s: number) => Math.max(b[s]!, b[parentSlot[s]!]!);
  for (let d = d0; d <= d1; d++) {
    const end = columnStart[d + 1]!;
    let k = lowerBound(columnOrder, columnStart[d]!, end, high, bMin);
    for (; k < end; k++) {
      const s = columnOrder[k]!;
      if (low(s) > bMax) break;
      visit(s);
    }
  }
}

/** Count helper for tests and stats. */
export function countNodesIn(layout: TreeLayout, rect: Rect): number {
  let n = 0;
  forEachNodeIn(layout, rect, () => {
    n++;
  });
  return n;
}
