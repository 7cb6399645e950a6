// @vitest-environment jsdom
// The timeline component in jsdom with a fake 2D context (frames flushed by
// hand): its accessible parts, the critical path summary, a click on a row
// selecting its step, the keys (rows, fold, zoom, fit), only the rows in view
// drawn, and the Tree/Timeline switch in the whole app with the hash.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AXIS_HEIGHT, ROW_HEIGHT } from '../../../src/features/timeline/drawTimeline.ts';
import { TimelineView } from '../../../src/features/timeline/TimelineView.tsx';
import { criticalPath } from '../../../src/model/criticalPath.ts';
import type { Run } from '../../../src/model/types.ts';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import { registerRun } from '../../../src/store/runRegistry.ts';
import { canvasHarness } from '../tree/canvasHarness.ts';
import { branchingRun, chainRun } from '../tree/makeRun.ts';

const SIZE = { width: 900, height: 400 };
const paint = canvasHarness(SIZE);

function show(run: Run) {
  registerRun(run);
  act(() => useExplorerStore.getState().addRuns([run.id]));
  render(<TimelineView />);
  paint.flush();
  return screen.getByRole('application', { name: /Timeline drawing/ });
}

/** The y of row `row` on the canvas, in its middle. */
const rowY = (row: number) => AXIS_HEIGHT + row * ROW_HEIGHT + ROW_HEIGHT / 2;

describe('TimelineView', () => {
  it('is a region named Timeline with a named, focusable drawing, zoom buttons and the critical path', () => {
    const run = branchingRun();
    const canvas = show(run);
    const region = screen.getByRole('region', { name: 'Timeline' });
    expect(canvas).toHaveAccessibleName(`Timeline drawing, ${run.steps.length} steps`);
    expect(canvas).toHaveAttribute('tabindex', '0');
    for (const name of ['Zoom in', 'Zoom out', 'Fit'])
      expect(within(region).getByRole('button', { name })).toBeEnabled();
    expect(region).toHaveTextContent(/Critical path: \d+ steps?, /);
    // State names and durations were painted, and the axis labels from the run's start.
    expect(paint.ctx.texts.some((t) => t.includes(run.steps[0]!.stateName))).toBe(true);
    expect(paint.ctx.texts).toContain('0');
  });

  it('a click on a row selects its step; the critical path link selects its largest step', () => {
    const run = branchingRun();
    const canvas = show(run);
    fireEvent.pointerDown(canvas, { clientX: 400, clientY: rowY(1), button: 0, pointerId: 1 });
    fireEvent.pointerUp(canvas, { clientX: 400, clientY: rowY(1), button: 0, pointerId: 1 });
    const second = useExplorerStore.getState().selectedStep;
    expect(second).toBeGreaterThanOrEqual(0);
    expect(run.tree.preorder[1]).toBe(second);
    // The summary names the step with the largest share of the critical path; choosing it selects it.
    const path = criticalPath(run);
    const top = path.steps.reduce((x, y) => (y.self > x.self ? y : x));
    const name = run.steps[top.index]!.stateName;
    const region = screen.getByRole('region', { name: 'Timeline' });
    fireEvent.click(within(region).getByRole('button', { name }));
    expect(useExplorerStore.getState().selectedStep).toBe(top.index);
  });

  it('keys: arrows walk the rows, Enter folds, + zooms, F fits', () => {
    const run = chainRun(30);
    const canvas = show(run);
    canvas.focus();
    fireEvent.keyDown(canvas, { key: 'ArrowDown' });
    expect(useExplorerStore.getState().selectedStep).toBe(run.tree.preorder[0]);
    fireEvent.keyDown(canvas, { key: 'ArrowDown' });
    expect(useExplorerStore.getState().selectedStep).toBe(run.tree.preorder[1]);
    fireEvent.keyDown(canvas, { key: 'End' });
    expect(useExplorerStore.getState().selectedStep).toBe(run.tree.preorder[29]);
    fireEvent.keyDown(canvas, { key: 'Home' });
    const first = run.tree.preorder[0]!;
    fireEvent.keyDown(canvas, { key: 'Enter' });
    const folded = useExplorerStore.getState().collapsed[run.id];
    expect(folded?.has(first)).toBe(true);
    fireEvent.keyDown(canvas, { key: 'Enter' });
    expect(useExplorerStore.getState().collapsed[run.id]?.has(first)).toBe(false);
    paint.flush();
    const before = paint.ctx.texts.length;
    fireEvent.keyDown(canvas, { key: '+' });
    fireEvent.keyDown(canvas, { key: 'f' });
    paint.flush();
    expect(paint.ctx.texts.length).toBeGreaterThan(before);
  });

  it('draws only the rows in view of a long run', () => {
    const run = chainRun(5000);
    show(run);
    const names = new Set(run.steps.map((s) => s.stateName));
    const drawnNames = paint.ctx.texts.filter((t) => names.has(t.replace(/^[▸▾] /, '')));
    const inView = Math.ceil((SIZE.height - AXIS_HEIGHT) / ROW_HEIGHT) + 1;
    expect(drawnNames.length).toBeLessThanOrEqual(inView);
    expect(drawnNames.length).toBeGreaterThan(5);
  });
});

describe('the Tree / Timeline switch', () => {
  it('swaps the drawing, says which is pressed and keeps it in the hash', async () => {
    const { renderApp, openFiles, fixtureFile, findRuns, resetAfterTest } = await import(
      '../shell/helpers.tsx'
    );
    cleanup();
    vi.restoreAllMocks();
    const { user } = renderApp();
    try {
      await openFiles(user, [fixtureFile('llm-branching.json')]);
      await findRuns(1);
      const timeline = screen.getByRole('button', { name: 'Timeline' });
      expect(timeline).toHaveAttribute('aria-pressed', 'false');
      await user.click(timeline);
      expect(timeline).toHaveAttribute('aria-pressed', 'true');
      const region = screen.getByRole('region', { name: 'Timeline' });
      expect(screen.queryByRole('region', { name: 'Tree view' })).toBeNull();
      expect(region).toHaveTextContent(
        'Critical path: 3 steps, 7.25 s (6.46 s waiting between them); most in classify_intent (10%)',
      );
      await user.click(within(region).getByRole('button', { name: 'classify_intent' }));
      expect(screen.getByRole('region', { name: 'Step details' })).toHaveTextContent('classify_intent');
      await waitFor(() => expect(window.location.hash).toContain('drawing=timeline'));
      await user.click(screen.getByRole('button', { name: 'Tree' }));
      expect(screen.getByRole('region', { name: 'Tree view' })).toBeInTheDocument();
      await waitFor(() => expect(window.location.hash).not.toContain('drawing='));
    } finally {
      resetAfterTest();
    }
  });
});
