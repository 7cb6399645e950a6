// Hit testing and culling over a layout.
import { describe, expect, it } from 'vitest';
import { countNodesIn, forEachLinkIn } from '../../../src/features/tree-view/cull.ts';
import { hitTest } from '../../../src/features/tree-view/hitTest.ts';
import { computeLayout, NODE_W, toggleRect } from '../../../src/features/tree-view/layout.ts';
import { branchingRun, fanRun, makeRun } from './makeRun.ts';

describe('hitTest', () => {
  const run = branchingRun();

  it('finds the node under a point and nothing between nodes', () => {
    const l = computeLayout(run, new Set());
    const slot = l.slotOfStep[6]!;
    const hit = hitTest(l, l.x[slot]! - 20, l.y[slot]! + 5);
    expect(hit).toEqual({ slot, step: 6, part: 'node' });
    expect(hitTest(l, l.x[slot]! + NODE_W, l.y[slot]! + 200)).toBeNull();
  });

  it('tells the collapse badge from the node body', () => {
    const l = computeLayout(run, new Set([3]));
    const slot = l.slotOfStep[3]!;
    const badge = toggleRect(l, slot)!;
    const hit = hitTest(l, badge.maxX - 2, (badge.minY + badge.maxY) / 2);
    expect(hit).toEqual({ slot, step: 3, part: 'toggle' });
    // The handle of an expanded parent is a toggle too.
    const open = computeLayout(run, new Set());
    const h = toggleRect(open, open.slotOfStep[1]!)!;
    expect(hitTest(open, (h.minX + h.maxX) / 2, (h.minY + h.maxY) / 2)?.part).toBe('toggle');
  });

  it('hits detached steps in their grid', () => {
    const r = makeRun([
      { name: 'a', parent: -1 },
      { name: 'lost', parent: 'detached' },
      { name: 'lost2', parent: 'detached' },
    ]);
    const l = computeLayout(r, new Set());
    const slot = l.slotOfStep[2]!;
    expect(hitTest(l, l.x[slot]!, l.y[slot]!)?.step).toBe(2);
  });
});

describe('culling', () => {
  it('returns only the nodes inside a rectangle, not the whole column', () => {
    const l = computeLayout(fanRun(100), new Set()); // 10,101 steps, 10,000 in the leaf column
    expect(l.count).toBe(10_101);
    const all = { minX: -1e9, minY: -1e9, maxX: 1e9, maxY: 1e9 };
    expect(countNodesIn(l, all)).toBe(10_101);
    const leaf = l.slotOfStep[l.run.steps.length - 1]!;
    const around = {
      minX: l.x[leaf]! - 100,
      minY: l.y[leaf]! - 200,
      maxX: l.x[leaf]! + 100,
      maxY: l.y[leaf]! + 200,
    };
    const n = countNodesIn(l, around);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(10);
  });

  it('finds a link that crosses the view even when both its ends are outside', () => {
    const l = computeLayout(fanRun(30), new Set());
    // Between the root column and the branch column, far below the root.
    const first = l.slotOfStep[1]!; // branch_0
    const last = l.slotOfStep[1 + 29 * 31]!; // branch_29
    const midY = (l.y[first]! + l.y[last]!) / 2 + 3000;
    const rect = { minX: NODE_W / 2 + 10, minY: midY, maxX: NODE_W / 2 + 30, maxY: midY + 20 };
    expect(countNodesIn(l, rect)).toBe(0);
    const links: number[] = [];
    forEachLinkIn(l, rect, (c) => links.push(c));
    expect(links.length).toBeGreaterThan(0);
    for (const c of links) expect(l.step[l.parentSlot[c]!]).toBe(0);
  });
});
