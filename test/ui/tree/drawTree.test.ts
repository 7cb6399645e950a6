// Canvas drawing checked through a fake context: culling bounds the work,
// level of detail decides labels, overlays follow the state.
import { describe, expect, it } from 'vitest';
import { LIGHT_PALETTE } from '../../../src/features/tree-view/colors.ts';
import { createDrawCache, type DrawState, drawTree, LOD } from '../../../src/features/tree-view/drawTree.ts';
import { computeLayout, LEVEL_GAP } from '../../../src/features/tree-view/layout.ts';
import { fitBounds } from '../../../src/features/tree-view/viewport.ts';
import { fakeContext } from './fakeContext.ts';
import { branchingRun, fanRun, makeRun } from './makeRun.ts';

const plain: DrawState = {
  selectedStep: -1,
  onPath: null,
  matches: null,
  highlightedResource: null,
  hoverSlot: -1,
  palette: LIGHT_PALETTE,
};
const size = { width: 800, height: 600 };

describe('drawTree', () => {
  it('draws only the nodes in the viewport of a 100,000-node layout', () => {
    const l = computeLayout(fanRun(316), new Set()); // 100,173 steps
    expect(l.count).toBeGreaterThan(100_000);
    const leaf = l.slotOfStep[50_000]!;
    const vp = { scale: 1, tx: size.width / 2 - l.x[leaf]!, ty: size.height / 2 - l.y[leaf]! };
    const ctx = fakeContext();
    const stats = drawTree(ctx, l, vp, size, 2, plain, createDrawCache());
    // 600px tall at 46px per sibling: about 14 leaves, plus at most a parent column.
    expect(stats.nodes).toBeGreaterThan(5);
    expect(stats.nodes).toBeLessThan(40);
    expect(stats.labels).toBe(stats.nodes);
    expect(ctx.count('fillText')).toBeLessThan(200);
  });

  it('draws a data-mode letter on each node only when the run mixes data modes', () => {
    const scale = Math.max(LOD.labels, LOD.glyphs) + 0.05;
    const draw = (run: ReturnType<typeof makeRun>) => {
      const l = computeLayout(run, new Set());
      const ctx = fakeContext();
      drawTree(
        ctx,
        l,
        { scale, tx: 100, ty: size.height / 2 - l.y[0]! * scale },
        size,
        1,
        plain,
        createDrawCache(),
      );
      return ctx.texts;
    };
    const oneMode = draw(
      makeRun([
        { name: 'a', parent: -1, mode: 'copy' },
        { name: 'b', parent: 0, mode: 'copy' },
      ]),
    );
    expect(oneMode).toContain('a');
    expect(oneMode.filter((t) => t === 'C' || t === 'R' || t === 'D')).toEqual([]);
    const mixed = draw(
      makeRun([
        { name: 'a', parent: -1, mode: 'copy' },
        { name: 'b', parent: 0, mode: 'reference' },
        { name: 'c', parent: 0, mode: 'direct' },
      ]),
    );
    expect(mixed.filter((t) => t === 'C' || t === 'R' || t === 'D').sort()).toEqual(['C', 'D', 'R']);
  });

  it('shows labels only when legible and arc names only when zoomed further in', () => {
    const run = branchingRun();
    const l = computeLayout(run, new Set());
    const center = (scale: number) => ({ scale, tx: 100, ty: size.height / 2 - l.y[0]! * scale });

    const far = fakeContext();
    const farStats = drawTree(far, l, center(LOD.labels - 0.05), size, 1, plain, createDrawCache());
    expect(farStats.nodes).toBe(10);
    expect(farStats.labels).toBe(0);
    expect(far.texts).not.toContain('receive_message');

    const mid = fakeContext();
    const midStats = drawTree(
      mid,
      l,
      center(Math.max(LOD.labels, LOD.glyphs) + 0.05),
      size,
      1,
      plain,
      createDrawCache(),
    );
    expect(midStats.labels).toBeGreaterThan(0);
    expect(midStats.arcLabels).toBe(0);
    expect(mid.texts).toContain('receive_message');
    // Every step of this run is in reference mode: no letter on any node.
    expect(mid.texts).not.toContain('R');

    const near = fakeContext();
    const nearStats = drawTree(near, l, center(LOD.arcs + 0.1), size, 1, plain, createDrawCache());
    expect(nearStats.arcLabels).toBeGreaterThan(0);
    expect(near.texts).toContain('classify');
  });

  it('switches to plain boxes far away, one fill per colour group, about one box per pixel row', () => {
    const l = computeLayout(fanRun(40), new Set()); // 1,641 steps, 1,600 leaves in one column
    const vp = fitBounds(l.bounds, size);
    expect(vp.scale).toBeLessThan(LOD.boxes);
    const ctx = fakeContext();
    const stats = drawTree(ctx, l, vp, size, 1, plain, createDrawCache());
    expect(stats.nodes).toBe(l.count);
    expect(ctx.count('fillText')).toBe(0);
    expect(ctx.count('fill')).toBeLessThanOrEqual(4);
    // Leaves are closer than a pixel apart: far fewer boxes than nodes, bounded by the height.
    const boxes = ctx.count('rect');
    expect(boxes).toBeGreaterThan(100);
    expect(boxes).toBeLessThanOrEqual(2 * size.height + 41);
    // At a zoom where every node has its own pixels, each gets a box.
    const leaf = l.slotOfStep[800]!;
    const near = { scale: 0.2, tx: 400 - l.x[leaf]! * 0.2, ty: 300 - l.y[leaf]! * 0.2 };
    const roomy = fakeContext();
    const roomyStats = drawTree(roomy, l, near, size, 1, plain, createDrawCache());
    expect(roomyStats.nodes).toBeGreaterThan(20);
    expect(roomy.count('rect')).toBe(roomyStats.nodes);
  });

  it('draws the collapse badge with the hidden count and the detached group label', () => {
    const run = makeRun([
      { name: 'a', parent: -1 },
      { name: 'b', parent: 0 },
      { name: 'c', parent: 1 },
      { name: 'lost', parent: 'detached' },
    ]);
    const l = computeLayout(run, new Set([0]));
    const ctx = fakeContext();
    drawTree(ctx, l, fitBounds(l.bounds, size), size, 1, plain, createDrawCache());
    expect(ctx.texts).toContain('+2');
    expect(ctx.texts).toContain('Detached steps (1)');
    expect(ctx.texts).toContain('lost');
  });

  it('truncates long state names with an ellipsis', () => {
    const run = makeRun([{ name: 'a_very_long_state_name_that_does_not_fit_in_a_node', parent: -1 }]);
    const l = computeLayout(run, new Set());
    const ctx = fakeContext();
    drawTree(ctx, l, { scale: 1, tx: 200, ty: 200 }, size, 1, plain, createDrawCache());
    const label = ctx.texts.find((t) => t.startsWith('a_very'));
    expect(label?.endsWith('…')).toBe(true);
    expect(label!.length).toBeLessThan(30);
  });

  it('strokes the selection path in a separate pass and nothing when empty', () => {
    const run = branchingRun();
    const l = computeLayout(run, new Set());
    const onPath = new Uint8Array(l.count);
    for (let s = l.slotOfStep[8]!; s >= 0; s = l.parentSlot[s]!) onPath[s] = 1;
    const vp = { scale: 0.3, tx: 50, ty: 300 };
    const a = fakeContext();
    drawTree(a, l, vp, size, 1, plain, createDrawCache());
    const b = fakeContext();
    drawTree(b, l, vp, size, 1, { ...plain, selectedStep: 8, onPath }, createDrawCache());
    expect(b.count('stroke')).toBe(a.count('stroke') + 1);
    expect(LEVEL_GAP).toBeGreaterThan(0);
  });

  it('paints only the background when there is no layout', () => {
    const ctx = fakeContext();
    const stats = drawTree(ctx, null, { scale: 1, tx: 0, ty: 0 }, size, 1, plain, createDrawCache());
    expect(stats.nodes).toBe(0);
    expect(ctx.count('fillRect')).toBe(1);
  });
});
