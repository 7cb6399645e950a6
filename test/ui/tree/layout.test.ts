// Layout of the step tree: positions, collapse, filtering, detached group, depth.

import { hierarchy } from 'd3-hierarchy';
import { describe, expect, it } from 'vitest';
import {
  buildHierarchy,
  computeLayout,
  LEVEL_GAP,
  NODE_H,
  SIBLING_GAP,
  toggleRect,
} from '../../../src/features/tree-view/layout.ts';
import { branchingRun, chainRun, fanRun, makeRun } from './makeRun.ts';

describe('computeLayout', () => {
  it('places depth on x and keeps siblings apart on y in child order', () => {
    const run = branchingRun();
    const l = computeLayout(run, new Set());
    expect(l.count).toBe(10);
    expect(l.treeCount).toBe(10);
    for (let s = 0; s < l.count; s++) {
      expect(l.x[s]).toBe(run.tree.depth[l.step[s]!]! * LEVEL_GAP);
    }
    // classify_intent (1) has children retrieve_context (2) then faq_lookup (9): in order, apart.
    const y2 = l.y[l.slotOfStep[2]!]!;
    const y9 = l.y[l.slotOfStep[9]!]!;
    expect(y9 - y2).toBeGreaterThanOrEqual(SIBLING_GAP);
    // The two draft_answer siblings are exactly one sibling gap apart.
    expect(l.y[l.slotOfStep[5]!]! - l.y[l.slotOfStep[4]!]!).toBe(SIBLING_GAP);
    // Parent links follow the run's tree.
    expect(l.step[l.parentSlot[l.slotOfStep[8]!]!]).toBe(6);
    expect(l.parentSlot[l.slotOfStep[0]!]).toBe(-1);
    expect(l.bounds).not.toBeNull();
  });

  it('never overlaps two nodes of the same column', () => {
    const l = computeLayout(fanRun(12), new Set());
    for (let d = 0; d <= l.maxDepth; d++) {
      let prev = Number.NEGATIVE_INFINITY;
      for (let k = l.columnStart[d]!; k < l.columnStart[d + 1]!; k++) {
        const y = l.y[l.columnOrder[k]!]!;
        expect(y - prev).toBeGreaterThanOrEqual(NODE_H);
        prev = y;
      }
    }
    expect(l.columnStart[l.maxDepth + 1]).toBe(l.treeCount);
  });

  it('leaves collapsed subtrees out and counts the hidden steps', () => {
    const run = branchingRun();
    const l = computeLayout(run, new Set([3]));
    // rank_passages (3) hides draft x2, policy, escalate, respond.
    expect(l.count).toBe(5);
    for (const hiddenStep of [4, 5, 6, 7, 8]) expect(l.slotOfStep[hiddenStep]).toBe(-1);
    const slot = l.slotOfStep[3]!;
    expect(l.collapsed[slot]).toBe(1);
    expect(l.hidden[slot]).toBe(5);
    expect(toggleRect(l, slot)).not.toBeNull();
    // A leaf marked collapsed has nothing to hide.
    const leaf = computeLayout(run, new Set([9]));
    expect(leaf.collapsed[leaf.slotOfStep[9]!]).toBe(0);
    expect(leaf.hidden[leaf.slotOfStep[9]!]).toBe(0);
  });

  it('removes steps outside keep but keeps their kept ancestors', () => {
    const run = branchingRun();
    const keep = new Uint8Array(run.steps.length);
    for (const i of [0, 1, 9]) keep[i] = 1;
    const l = computeLayout(run, new Set(), keep);
    expect(l.count).toBe(3);
    expect(l.slotOfStep[2]).toBe(-1);
    expect(l.step[l.parentSlot[l.slotOfStep[9]!]!]).toBe(1);
  });

  it('puts detached steps in a labelled grid of their own below the tree', () => {
    const run = makeRun([
      { name: 'start', parent: -1 },
      { name: 'next', parent: 0 },
      { name: 'orphan_a', parent: 'detached' },
      { name: 'orphan_b', parent: 'detached' },
      { name: 'orphan_c', parent: 'detached' },
    ]);
    const l = computeLayout(run, new Set());
    expect(l.treeCount).toBe(2);
    expect(l.count).toBe(5);
    const g = l.detached!;
    expect(g.count).toBe(3);
    expect(g.first).toBe(2);
    expect(g.label).toBe('Detached steps (3)');
    let treeMaxY = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < l.treeCount; s++) treeMaxY = Math.max(treeMaxY, l.y[s]!);
    for (let s = g.first; s < g.first + g.count; s++) {
      expect(l.parentSlot[s]).toBe(-1);
      expect(l.y[s]!).toBeGreaterThan(treeMaxY + NODE_H);
      expect(l.x[s]!).toBeGreaterThanOrEqual(g.frame.minX);
      expect(l.x[s]!).toBeLessThanOrEqual(g.frame.maxX);
    }
    expect(new Set([2, 3, 4].map((i) => l.slotOfStep[i]))).toEqual(new Set([2, 3, 4]));
    expect(l.bounds!.maxY).toBe(g.frame.maxY);
  });

  it('lays out a 10,000-deep chain without overflowing the stack', () => {
    const l = computeLayout(chainRun(10_000), new Set());
    expect(l.count).toBe(10_000);
    expect(l.maxDepth).toBe(9_999);
    expect(l.x[l.slotOfStep[9_999]!]).toBe(9_999 * LEVEL_GAP);
    expect(l.y[l.slotOfStep[9_999]!]).toBe(l.y[l.slotOfStep[0]!]);
  });

  it('handles an empty run', () => {
    const l = computeLayout(makeRun([]), new Set());
    expect(l.count).toBe(0);
    expect(l.bounds).toBeNull();
    expect(l.detached).toBeNull();
  });

  it('places several roots one under the other', () => {
    const run = makeRun([
      { name: 'a', parent: -1 },
      { name: 'b', parent: -1 },
    ]);
    const l = computeLayout(run, new Set());
    expect(l.x[0]).toBe(0);
    expect(l.x[1]).toBe(0);
    expect(Math.abs(l.y[1]! - l.y[0]!)).toBeGreaterThanOrEqual(SIBLING_GAP);
  });
});

describe('buildHierarchy', () => {
  it('builds the same nodes as d3 hierarchy() (data, depth, height, order)', () => {
    const kids: Record<number, number[]> = { 0: [1, 2], 1: [3], 2: [4, 5], 5: [6] };
    const children = (d: number) => kids[d] ?? null;
    const ours = buildHierarchy(0, children);
    const theirs = hierarchy<number>(0, children);
    const shape = (n: typeof ours) =>
      n.descendants().map((d) => [d.data, d.depth, d.height, d.parent?.data ?? null]);
    expect(shape(ours)).toEqual(shape(theirs));
  });

  it('gives a 10,000-deep chain its heights in linear time (no ancestor walks)', () => {
    const root = buildHierarchy(0, (d) => (d < 9_999 ? [d + 1] : null));
    expect(root.height).toBe(9_999);
    let leaf = root;
    while (leaf.children) leaf = leaf.children[0]!;
    expect(leaf.depth).toBe(9_999);
    expect(leaf.height).toBe(0);
  });
});
