// Zoom/pan math of the tree drawing.
import { describe, expect, it } from 'vitest';
import {
  ensureVisible,
  fitBounds,
  MAX_SCALE,
  panBy,
  screenToWorld,
  visibleWorldRect,
  worldToScreen,
  zoomAt,
} from '../../../src/features/tree-view/viewport.ts';

describe('viewport math', () => {
  it('converts between screen and world both ways', () => {
    const vp = { scale: 2, tx: 10, ty: -20 };
    expect(worldToScreen(vp, 5, 5)).toEqual([20, -10]);
    expect(screenToWorld(vp, 20, -10)).toEqual([5, 5]);
  });

  it('zooms around the pointer: the world point under it stays put', () => {
    const vp = { scale: 1, tx: 30, ty: 40 };
    const before = screenToWorld(vp, 200, 100);
    const z = zoomAt(vp, 2.5, 200, 100);
    expect(z.scale).toBe(2.5);
    const after = screenToWorld(z, 200, 100);
    expect(after[0]).toBeCloseTo(before[0]);
    expect(after[1]).toBeCloseTo(before[1]);
  });

  it('clamps the zoom', () => {
    expect(zoomAt({ scale: 1, tx: 0, ty: 0 }, 1000, 0, 0).scale).toBe(MAX_SCALE);
  });

  it('fits bounds centred inside the padding and caps magnification', () => {
    const size = { width: 800, height: 600 };
    const vp = fitBounds({ minX: 0, minY: 0, maxX: 1600, maxY: 200 }, size, 20);
    expect(vp.scale).toBeCloseTo(760 / 1600);
    const [cx, cy] = worldToScreen(vp, 800, 100);
    expect(cx).toBeCloseTo(400);
    expect(cy).toBeCloseTo(300);
    const r = visibleWorldRect(vp, size);
    expect(r.minX).toBeLessThan(0);
    expect(r.maxX).toBeGreaterThan(1600);
    // A tiny tree is not blown up beyond the cap.
    expect(fitBounds({ minX: 0, minY: 0, maxX: 10, maxY: 10 }, size, 20, 1.25).scale).toBe(1.25);
  });

  it('pans by the least amount to show a rectangle and leaves a visible one alone', () => {
    const size = { width: 400, height: 300 };
    const vp = { scale: 1, tx: 0, ty: 0 };
    expect(ensureVisible(vp, { minX: 100, minY: 100, maxX: 150, maxY: 130 }, size, 20)).toBe(vp);
    const moved = ensureVisible(vp, { minX: 500, minY: 100, maxX: 550, maxY: 130 }, size, 20);
    expect(moved.scale).toBe(1);
    expect(moved.tx).toBe(400 - 20 - 550);
    expect(moved.ty).toBe(0);
    expect(panBy(vp, 5, -5)).toEqual({ scale: 1, tx: 5, ty: -5 });
  });
});
