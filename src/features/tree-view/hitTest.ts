// Which node (and which part of it) is under a world point: the culling
// index answers for a tiny rectangle around the point, then exact boxes decide.
import { forEachNodeIn } from './cull.ts';
import { nodeRect, type Rect, type TreeLayout, toggleRect } from './layout.ts';

export interface Hit {
  readonly slot: number;
  readonly step: number;
  /** 'toggle' is the collapse badge or handle; 'node' the body. */
  readonly part: 'node' | 'toggle';
}

function contains(r: Rect, x: number, y: number): boolean {
  return x >= r.minX && x <= r.maxX && y >= r.minY && y <= r.maxY;
}

/** `slop` widens the boxes (world units), e.g. a few screen pixels for touch. */
export function hitTest(layout: TreeLayout, wx: number, wy: number, slop = 0): Hit | null {
  let best: Hit | null = null;
  const probe: Rect = { minX: wx - slop, minY: wy - slop, maxX: wx + slop, maxY: wy + slop };
  forEachNodeIn(layout, probe, (slot) => {
    if (best?.part === 'toggle') return;
    const t = toggleRect(layout, slot);
    if (t && contains(grow(t, slop), wx, wy)) {
      best = { slot, step: layout.step[slot]!, part: 'toggle' };
      return;
    }
    const body = nodeRect(layout, slot);
    if (!best && contains(grow(body, slop), wx, wy)) best = { slot, step: layout.step[slot]!, part: 'node' };
  });
  return best;
}

function grow(r: Rect, d: number): Rect {
  return { minX: r.minX - d, minY: r.minY - d, maxX: r.maxX + d, maxY: r.maxY + d };
}

/**
 * The node nearest a world point (distance to its box, 0 inside it) among the
 * nodes meeting `within` (e.g. the visible rectangle); null when none does.
 */
export function nearestNode(layout: TreeLayout, wx: number, wy: number, within: Rect): Hit | null {
  let best = -1;
  let bestDist = Number.POSITIVE_INFINITY;
  forEachNodeIn(layout, within, (slot) => {
    const r = nodeRect(layout, slot);
    const dx = Math.max(r.minX - wx, 0, wx - r.maxX);
    const dy = Math.max(r.minY - wy, 0, wy - r.maxY);
    const dist = dx * dx + dy * dy;
    if (dist < bestDist) {
      bestDist = dist;
      best = slot;
    }
  });
  return best < 0 ? null : { slot: best, step: layout.step[best]!, part: 'node' };
}
