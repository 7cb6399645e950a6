// How a run is drawn: the orientation and node width chosen for it, the two
// layouts (rows left to right, tidy tree top to bottom), culling and hit
// testing in both, and the view a run opens at.
import { describe, expect, it } from 'vitest';
import { countNodesIn } from '../../../src/features/tree-view/cull.ts';
import { hitTest } from '../../../src/features/tree-view/hitTest.ts';
import {
  fitBelowButtons,
  initialView,
  READABLE_SCALE,
  TOP_INSET,
} from '../../../src/features/tree-view/initialView.ts';
import {
  chooseGeometry,
  computeLayout,
  estimateText,
  LABEL_CHROME,
  MAX_NODE_W,
  MIN_NODE_W,
  NODE_W,
  SIBLING_GAP,
  TB_LEVEL_GAP,
  toggleRect,
} from '../../../src/features/tree-view/layout.ts';
import { fitBounds, worldToScreen } from '../../../src/features/tree-view/viewport.ts';
import { branchingRun, chainRun, fanRun, makeRun } from './makeRun.ts';

const size = { width: 800, height: 600 };

describe('chooseGeometry', () => {
  it('draws chains and narrow trees top to bottom, wide fan-outs left to right', () => {
    expect(chooseGeometry(chainRun(15)).orientation).toBe('tb');
    expect(chooseGeometry(branchingRun()).orientation).toBe('tb');
    expect(chooseGeometry(fanRun(40)).orientation).toBe('lr');
  });

  it('sizes nodes for typical state names, within limits', () => {
    const short = chooseGeometry(makeRun([{ name: 'a', parent: -1 }]));
    expect(short.nodeW).toBe(MIN_NODE_W);
    const name = 'retrieve_context';
    const medium = chooseGeometry(makeRun([{ name, parent: -1 }]));
    // Room for the name at the planned size, with spare room for zooming out.
    expect(medium.nodeW).toBeGreaterThan(estimateText(name) + LABEL_CHROME);
    expect(medium.nodeW).toBeLessThan(MAX_NODE_W);
    const huge = chooseGeometry(makeRun([{ name: 'x'.repeat(300), parent: -1 }]));
    expect(huge.nodeW).toBe(MAX_NODE_W);
    // Measured with the given function.
    const measured = chooseGeometry(makeRun([{ name: 'abc', parent: -1 }]), () => 150);
    expect(measured.nodeW).toBeGreaterThan(150 + LABEL_CHROME);
  });
});

describe('computeLayout top to bottom', () => {
  const run = branchingRun();
  const geometry = { orientation: 'tb' as const, nodeW: 200 };
  const l = computeLayout(run, new Set(), null, geometry);

  it('puts depth on y and siblings side by side on x, in child order', () => {
    expect(l.orientation).toBe('tb');
    expect(l.nodeW).toBe(200);
    for (let s = 0; s < l.count; s++) expect(l.y[s]).toBe(run.tree.depth[l.step[s]!]! * TB_LEVEL_GAP);
    // The two draft_answer siblings (4, 5) sit side by side without overlapping, failed one first.
    const x4 = l.x[l.slotOfStep[4]!]!;
    const x5 = l.x[l.slotOfStep[5]!]!;
    expect(x5 - x4).toBeGreaterThanOrEqual(200);
    // Columns (depth rows here) are sorted along x.
    for (let d = 0; d <= l.maxDepth; d++) {
      for (let k = l.columnStart[d]! + 1; k < l.columnStart[d + 1]!; k++) {
        expect(l.x[l.columnOrder[k]!]! - l.x[l.columnOrder[k - 1]!]!).toBeGreaterThanOrEqual(200);
      }
    }
  });

  it('puts the collapse control below the node and finds nodes and controls under a point', () => {
    const folded = computeLayout(run, new Set([3]), null, geometry);
    const slot = folded.slotOfStep[3]!;
    const badge = toggleRect(folded, slot)!;
    expect(badge.minY).toBeGreaterThan(folded.y[slot]! + folded.nodeH / 2);
    expect(hitTest(folded, (badge.minX + badge.maxX) / 2, (badge.minY + badge.maxY) / 2)).toEqual({
      slot,
      step: 3,
      part: 'toggle',
    });
    const s6 = l.slotOfStep[6]!;
    expect(hitTest(l, l.x[s6]! + 90, l.y[s6]! - 10)).toEqual({ slot: s6, step: 6, part: 'node' });
    // Between two depth rows there is nothing.
    expect(hitTest(l, l.x[s6]! + 90, l.y[s6]! + TB_LEVEL_GAP / 2 + 10)).toBeNull();
  });

  it('culls by depth row and along x', () => {
    const all = { minX: -1e9, minY: -1e9, maxX: 1e9, maxY: 1e9 };
    expect(countNodesIn(l, all)).toBe(10);
    const s8 = l.slotOfStep[8]!;
    const around = { minX: l.x[s8]! - 10, minY: l.y[s8]! - 10, maxX: l.x[s8]! + 10, maxY: l.y[s8]! + 10 };
    expect(countNodesIn(l, around)).toBe(1);
  });
});

describe('computeLayout left to right', () => {
  it('puts a parent on the row of its first child and every other child on a new row', () => {
    const l = computeLayout(fanRun(3), new Set());
    const row = (step: number) => l.y[l.slotOfStep[step]!]! / SIBLING_GAP;
    // root(0) -> branch_0(1) -> leaf_0_0(2), leaf_0_1(3), leaf_0_2(4); branch_1(5) ...
    expect(row(0)).toBe(0);
    expect(row(1)).toBe(0);
    expect(row(2)).toBe(0);
    expect(row(3)).toBe(1);
    expect(row(4)).toBe(2);
    expect(row(5)).toBe(3);
    expect(row(6)).toBe(3);
    expect(l.bounds!.minY).toBe(-l.nodeH / 2);
  });
});

describe('initialView', () => {
  it('fits a tree that is readable when fitted', () => {
    const l = computeLayout(branchingRun(), new Set(), null, chooseGeometry(branchingRun()));
    const fit = fitBelowButtons(l, size);
    expect(fit.scale).toBeGreaterThanOrEqual(READABLE_SCALE);
    expect(initialView(l, size)).toEqual(fit);
    // Everything is below the strip where the zoom buttons float.
    const [, top] = worldToScreen(fit, 0, l.bounds!.minY);
    expect(top).toBeGreaterThanOrEqual(TOP_INSET);
  });

  it('opens a wide fan-out at a readable zoom showing its root at the top-left', () => {
    const run = fanRun(40);
    const l = computeLayout(run, new Set(), null, chooseGeometry(run));
    expect(fitBounds(l.bounds, size).scale).toBeLessThan(0.05);
    const vp = initialView(l, size);
    expect(vp.scale).toBeGreaterThanOrEqual(READABLE_SCALE);
    const [x, y] = worldToScreen(vp, l.x[0]!, l.y[0]!);
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(size.width / 3);
    expect(y).toBeGreaterThan(TOP_INSET);
    expect(y).toBeLessThan(size.height / 4);
    // All three levels are in view across the width.
    const [farX] = worldToScreen(vp, l.bounds!.maxX, 0);
    expect(farX).toBeLessThanOrEqual(size.width);
  });

  it('falls back to fitting when nothing is laid out', () => {
    const l = computeLayout(makeRun([]), new Set());
    expect(initialView(l, size)).toEqual(fitBounds(null, size));
    expect(initialView(null, size)).toEqual(fitBounds(null, size));
    expect(fitBelowButtons(null, size)).toEqual(fitBounds(null, size));
    expect(NODE_W).toBeGreaterThan(0);
  });
});
