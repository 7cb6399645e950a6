// @vitest-environment jsdom
// The tree view component in jsdom with a fake 2D context: its accessible
// parts, selection and collapse by pointer, keyboard zoom, tooltip, and
// panning to a selection made elsewhere. Frames are flushed by hand.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  fitBelowButtons,
  initialView,
  READABLE_SCALE,
  TOP_INSET,
} from '../../../src/features/tree-view/initialView.ts';
import { chooseGeometry, computeLayout, type TreeLayout } from '../../../src/features/tree-view/layout.ts';
import { TreeView } from '../../../src/features/tree-view/TreeView.tsx';
import { worldToScreen } from '../../../src/features/tree-view/viewport.ts';
import type { Run } from '../../../src/model/types.ts';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import { registerRun } from '../../../src/store/runRegistry.ts';
import { canvasHarness } from './canvasHarness.ts';
import { branchingRun, chainRun, makeRun } from './makeRun.ts';

const SIZE = { width: 800, height: 600 };
const paint = canvasHarness(SIZE);

function show(run: Run) {
  registerRun(run);
  act(() => useExplorerStore.getState().addRuns([run.id]));
  render(<TreeView />);
  paint.flush();
  return screen.getByRole('application', { name: /Step tree drawing/ });
}

/** The layout the component draws for a run (its own geometry, nothing folded). */
function layoutOf(run: Run): TreeLayout {
  return computeLayout(run, new Set(), null, chooseGeometry(run));
}

/** Where a step is on screen in the view the run opens at. */
function screenPoint(run: Run, step: number): { clientX: number; clientY: number } {
  const layout = layoutOf(run);
  const slot = layout.slotOfStep[step]!;
  const [x, y] = worldToScreen(initialView(layout, SIZE), layout.x[slot]!, layout.y[slot]!);
  return { clientX: x, clientY: y };
}

/** The world scale of the last drawn frame (setTransform a / dpr). */
function lastScale(): number {
  const t = paint.ctx.transforms.at(-1)!;
  return t[0]!;
}

function click(el: Element, at: { clientX: number; clientY: number }, extra: Record<string, unknown> = {}) {
  fireEvent.pointerDown(el, { ...at, pointerId: 1, pointerType: 'mouse', button: 0, ...extra });
  fireEvent.pointerUp(el, { ...at, pointerId: 1, pointerType: 'mouse', button: 0, ...extra });
}

describe('TreeView', () => {
  it('names the drawing, offers zoom buttons and a visible legend, and draws the run', () => {
    const canvas = show(branchingRun());
    expect(canvas).toHaveAccessibleName('Step tree drawing, 10 steps');
    expect(canvas).toHaveAttribute('tabindex', '0');
    for (const name of ['Zoom in', 'Zoom out', 'Fit to view']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
    const legend = screen.getByRole('list', { name: 'Legend of the tree drawing' });
    expect(within(legend).getByText('failed')).toBeVisible();
    // Every step is in reference mode: the drawing has no mode letters, so neither has the legend.
    expect(within(legend).queryByText('copy / reference / direct')).toBeNull();
    expect(paint.ctx.count('fill')).toBeGreaterThan(10); // nodes were painted
    // What the keys do is the drawing's description.
    expect(canvas).toHaveAccessibleDescription(/Enter selects the step at the centre mark/);
  });

  it('shows the data-mode letters in the legend when the run mixes data modes', () => {
    show(
      makeRun([
        { name: 'a', parent: -1, mode: 'copy' },
        { name: 'b', parent: 0, mode: 'direct' },
      ]),
    );
    const legend = screen.getByRole('list', { name: 'Legend of the tree drawing' });
    expect(within(legend).getByText('copy / reference / direct')).toBeInTheDocument();
  });

  it('Enter (or Space) on the focused drawing selects the step nearest the centre mark', async () => {
    const user = userEvent.setup();
    const run = branchingRun();
    const canvas = show(run);
    // The centre mark: the middle of the view below the zoom buttons.
    const cx = SIZE.width / 2;
    const cy = TOP_INSET + (SIZE.height - TOP_INSET) / 2;
    let nearest = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < run.steps.length; i++) {
      const p = screenPoint(run, i);
      const d = Math.hypot(p.clientX - cx, p.clientY - cy);
      if (d < best) {
        best = d;
        nearest = i;
      }
    }
    canvas.focus();
    await user.keyboard('{Enter}');
    expect(useExplorerStore.getState().selectedStep).toBe(nearest);
    act(() => useExplorerStore.getState().selectStep(-1));
    await user.keyboard(' ');
    expect(useExplorerStore.getState().selectedStep).toBe(nearest);
  });

  it('an empty run has no steps to zoom, fit or rotate: those buttons are disabled', () => {
    show(makeRun([]));
    expect(screen.getByText('No steps to draw.')).toBeInTheDocument();
    for (const name of ['Zoom in', 'Zoom out', 'Fit to view', 'Rotate layout']) {
      expect(screen.getByRole('button', { name })).toBeDisabled();
    }
  });

  it('selects a node on click and toggles its subtree on Alt+click', () => {
    const run = branchingRun();
    const canvas = show(run);
    click(canvas, screenPoint(run, 3));
    expect(useExplorerStore.getState().selectedStep).toBe(3);
    click(canvas, screenPoint(run, 3), { altKey: true });
    expect(useExplorerStore.getState().collapsed[run.id]?.has(3)).toBe(true);
    paint.flush();
    expect(paint.ctx.texts).toContain('+5');
  });

  it('does not select when the press turns into a drag, and pans instead', () => {
    const run = branchingRun();
    const canvas = show(run);
    const at = screenPoint(run, 3);
    const before = paint.ctx.transforms.at(-1)![4]!;
    fireEvent.pointerDown(canvas, { ...at, pointerId: 1, pointerType: 'mouse' });
    fireEvent.pointerMove(canvas, {
      clientX: at.clientX + 60,
      clientY: at.clientY,
      pointerId: 1,
      pointerType: 'mouse',
    });
    fireEvent.pointerUp(canvas, {
      clientX: at.clientX + 60,
      clientY: at.clientY,
      pointerId: 1,
      pointerType: 'mouse',
    });
    paint.flush();
    expect(useExplorerStore.getState().selectedStep).toBe(-1);
    expect(paint.ctx.transforms.at(-1)![4]!).toBeCloseTo(before + 60);
  });

  it('zooms with + and - and fits again with F', async () => {
    const user = userEvent.setup();
    const canvas = show(branchingRun());
    const fitted = lastScale();
    canvas.focus();
    await user.keyboard('+');
    paint.flush();
    expect(lastScale()).toBeCloseTo(fitted * 1.25);
    await user.keyboard('--');
    paint.flush();
    expect(lastScale()).toBeCloseTo(fitted / 1.25);
    await user.keyboard('f');
    paint.flush();
    expect(lastScale()).toBeCloseTo(fitted);
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    paint.flush();
    expect(lastScale()).toBeCloseTo(fitted * 1.25);
  });

  it('shows a text tooltip with status, data mode and an approximate duration', () => {
    const run = branchingRun();
    const canvas = show(run);
    fireEvent.pointerMove(canvas, { ...screenPoint(run, 8), pointerType: 'mouse', pointerId: 1 });
    const tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent('respond');
    expect(tip).toHaveTextContent('Status: completed');
    expect(tip).toHaveTextContent('Data mode: reference');
    expect(tip).toHaveTextContent('Duration: approx. 500 ms');
    fireEvent.pointerLeave(canvas);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('pans to a step selected elsewhere', () => {
    const run = chainRun(200);
    const canvas = show(run);
    canvas.focus();
    for (let i = 0; i < 12; i++) fireEvent.keyDown(canvas, { key: '+' });
    paint.flush();
    act(() => useExplorerStore.getState().selectStep(190));
    paint.flush();
    const [a, , , , e, f] = paint.ctx.transforms.at(-1)!;
    const layout = layoutOf(run);
    const slot = layout.slotOfStep[190]!;
    const sx = layout.x[slot]! * a! + e!;
    const sy = layout.y[slot]! * a! + f!;
    expect(sx).toBeGreaterThan(0);
    expect(sx).toBeLessThan(SIZE.width);
    expect(sy).toBeGreaterThan(0);
    expect(sy).toBeLessThan(SIZE.height);
  });

  it('zooms with a two-finger pinch and does not select', () => {
    const canvas = show(branchingRun());
    const fitted = lastScale();
    const touch = (id: number, clientX: number) => ({
      pointerId: id,
      pointerType: 'touch',
      clientX,
      clientY: 300,
    });
    fireEvent.pointerDown(canvas, touch(1, 300));
    fireEvent.pointerDown(canvas, touch(2, 400));
    fireEvent.pointerMove(canvas, touch(2, 500));
    fireEvent.pointerUp(canvas, touch(2, 500));
    fireEvent.pointerUp(canvas, touch(1, 300));
    paint.flush();
    expect(lastScale()).toBeCloseTo(fitted * 2);
    expect(useExplorerStore.getState().selectedStep).toBe(-1);
  });

  it('opens another run at its initial view when it becomes active', () => {
    const canvas = show(branchingRun());
    fireEvent.keyDown(canvas, { key: '+' });
    fireEvent.keyDown(canvas, { key: '+' });
    paint.flush();
    const other = chainRun(30);
    registerRun(other);
    act(() => {
      useExplorerStore.getState().addRuns([other.id]);
      useExplorerStore.getState().setActiveRun(other.id);
    });
    paint.flush();
    const expected = initialView(layoutOf(other), SIZE);
    const [a, , , , e, f] = paint.ctx.transforms.at(-1)!;
    expect(a).toBeCloseTo(expected.scale);
    expect(e).toBeCloseTo(expected.tx);
    expect(f).toBeCloseTo(expected.ty);
    expect(canvas).toHaveAccessibleName('Step tree drawing, 30 steps');
  });

  it('opens a long chain at a readable zoom from its root; "Fit to view" still shows all of it', async () => {
    const user = userEvent.setup();
    const run = chainRun(60);
    const canvas = show(run);
    const layout = layoutOf(run);
    expect(layout.orientation).toBe('tb');
    const all = fitBelowButtons(layout, SIZE);
    expect(all.scale).toBeLessThan(READABLE_SCALE);
    // Opening view: readable, with the root on screen near the top.
    expect(lastScale()).toBeGreaterThanOrEqual(READABLE_SCALE);
    const [a, , , , e, f] = paint.ctx.transforms.at(-1)!;
    const rootY = layout.y[layout.slotOfStep[0]!]! * a! + f!;
    const rootX = layout.x[layout.slotOfStep[0]!]! * a! + e!;
    // Near the top, below the floating zoom buttons.
    expect(rootY).toBeGreaterThan(TOP_INSET);
    expect(rootY).toBeLessThan(SIZE.height / 4);
    expect(rootX).toBeGreaterThan(0);
    expect(rootX).toBeLessThan(SIZE.width);
    expect(paint.ctx.texts).toContain('s0');
    await user.click(screen.getByRole('button', { name: 'Fit to view' }));
    paint.flush();
    expect(lastScale()).toBeCloseTo(all.scale);
    expect(canvas).toHaveAccessibleName('Step tree drawing, 60 steps');
  });

  it('keeps the opening view fitted while the drawing is resized, until the user zooms or pans', () => {
    let resized: ((entries: Array<{ contentRect: { width: number; height: number } }>) => void) | null = null;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(cb: typeof resized) {
          resized = cb;
        }
        observe() {}
        disconnect() {}
      },
    );
    const run = branchingRun();
    const canvas = show(run);
    const narrower = { width: 600, height: 600 };
    act(() => resized?.([{ contentRect: narrower }]));
    paint.flush();
    const expected = initialView(layoutOf(run), narrower);
    expect(lastScale()).toBeCloseTo(expected.scale);
    expect(paint.ctx.transforms.at(-1)![4]).toBeCloseTo(expected.tx);
    // After a zoom the user's view stays as it is on the next resize.
    fireEvent.keyDown(canvas, { key: '+' });
    paint.flush();
    const zoomed = lastScale();
    act(() => resized?.([{ contentRect: SIZE }]));
    paint.flush();
    expect(lastScale()).toBeCloseTo(zoomed);
  });
});
