// Viewport culling over a TreeLayout: which nodes and links touch a world
// rectangle. Tree nodes sit in depth columns sorted by y, so each visible
// column is one binary search; detached nodes sit in a grid, so their range is
// computed directly. Cost is O(visible columns * log n + visible items).
import { BADGE_REACH, LEVEL_GAP, NODE_H, NODE_W, type Rect, type TreeLayout } from './layout.ts';

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

function depthRange(layout: TreeLayout, minX: number, maxX: number): [number, number] {
  const d0 = Math.max(0, Math.ceil((minX - NODE_W / 2 - BADGE_REACH) / LEVEL_GAP));
  const d1 = Math.min(layout.maxDepth, Math.floor((maxX + NODE_W / 2) / LEVEL_GAP));
  return [d0, d1];
}

/** Calls `visit(slot)` for every node whose box (badge included) meets `rect`. */
export function forEachNodeIn(layout: TreeLayout, rect: Rect, visit: (slot: number) => void): void {
  const { columnOrder, columnStart, y } = layout;
  const [d0, d1] = depthRange(layout, rect.minX, rect.maxX);
  const keyY = (s: number) => y[s]!;
  for (let d = d0; d <= d1; d++) {
    const end = columnStart[d + 1]!;
    let k = lowerBound(columnOrder, columnStart[d]!, end, keyY, rect.minY - NODE_H / 2);
    for (; k < end; k++) {
      const s = columnOrder[k]!;
      if (y[s]! - NODE_H / 2 > rect.maxY) break;
      visit(s);
    }
  }
  const g = layout.detached;
  if (!g) return;
  const halfW = NODE_W / 2;
  const halfH = NODE_H / 2;
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
 * meets `rect`. Links run from a parent's right edge to its child's left
 * edge; along a column the children's parents are in y order too, so the
 * links' y-extents are sorted at both ends and one binary search finds them.
 */
export function forEachLinkIn(layout: TreeLayout, rect: Rect, visit: (childSlot: number) => void): void {
  const { columnOrder, columnStart, y, parentSlot } = layout;
  // Child depth d's links span x in [(d - 1) * LEVEL_GAP + NODE_W / 2, d * LEVEL_GAP - NODE_W / 2].
  const d0 = Math.max(1, Math.ceil((rect.minX + NODE_W / 2) / LEVEL_GAP));
  const d1 = Math.min(layout.maxDepth, Math.floor((rect.maxX - NODE_W / 2) / LEVEL_GAP) + 1);
  const lowY = (s: number) => Math.min(y[s]!, y[parentSlot[s]!]!);
  const highY = (s: number) => Math.max(y[s]!, y[parentSlot[s]!]!);
  for (let d = d0; d <= d1; d++) {
    const end = columnStart[d + 1]!;
    let k = lowerBound(columnOrder, columnStart[d]!, end, highY, rect.minY);
    for (; k < end; k++) {
      const s = columnOrder[k]!;
      if (lowY(s) > rect.maxY) break;
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
