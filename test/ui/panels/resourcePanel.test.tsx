// @vitest-environment jsdom
// "Resource usage": per-type totals from the steps, sortable headers with
// aria-sort, choosing a type highlights it in the store, and producer totals
// shown where they disagree.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ResourcePanel } from '../../../src/features/resources/ResourcePanel.tsx';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import { activate, loadFixtureRun, resetStores } from './helpers.ts';
import { makeRun } from './makeRun.ts';

afterEach(() => {
  cleanup();
  resetStores();
});

const panel = () => screen.getByRole('region', { name: 'Resource usage' });
const bodyRows = () => within(within(panel()).getByRole('table')).getAllByRole('row').slice(1);
const firstCells = () => bodyRows().map((r) => within(r).getAllByRole('cell')[0]?.textContent);

describe('ResourcePanel', () => {
  it('lists the resource types of llm-branching.json with recomputed totals', async () => {
    activate(await loadFixtureRun('llm-branching.json'));
    render(<ResourcePanel />);
    expect(firstCells()).toEqual(['llm', 'vector_store']);
    const llm = bodyRows()[0]!;
    const cells = within(llm)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    // Four llm steps; their resource_usage.llm.duration: 0.66 + 3.0 + 2.1 + 0.45 = 6.21 s, mean 1.5525 s.
    expect(cells).toEqual(['llm', '4', '6.21 s', '1.55 s', '3.00 s', '4']);
    // The producer's summary agrees (4 calls, 6.21 s), so no comparison is shown.
    expect(within(panel()).queryByText(/disagrees/)).toBeNull();
  });

  it('sorts by a column when its header button is pressed', async () => {
    const user = userEvent.setup();
    activate(
      makeRun([
        { state: 'a', resources: { db: { duration: 1 }, llm: { duration: 5 } } },
        { state: 'b', parent: 0, resources: { db: { duration: 1 }, http: { duration: 0.5 } } },
        { state: 'c', parent: 1, resources: { db: { duration: 1 } } },
      ]),
    );
    render(<ResourcePanel />);
    const calls = within(panel()).getByRole('columnheader', { name: /Calls/ });
    const total = within(panel()).getByRole('columnheader', { name: /Total/ });
    expect(total).toHaveAttribute('aria-sort', 'descending');
    expect(firstCells()).toEqual(['llm', 'db', 'http']);
    await user.click(within(calls).getByRole('button'));
    expect(calls).toHaveAttribute('aria-sort', 'descending');
    expect(total).toHaveAttribute('aria-sort', 'none');
    expect(firstCells()[0]).toBe('db');
    await user.click(within(calls).getByRole('button'));
    expect(calls).toHaveAttribute('aria-sort', 'ascending');
    expect(firstCells().at(-1)).toBe('db');
    const type = within(panel()).getByRole('columnheader', { name: /Type/ });
    await user.click(within(type).getByRole('button'));
    expect(type).toHaveAttribute('aria-sort', 'ascending');
    expect(firstCells()).toEqual(['db', 'http', 'llm']);
  });

  it('highlights a type in the store when chosen, and un-highlights it when chosen again', async () => {
    const user = userEvent.setup();
    activate(await loadFixtureRun('llm-branching.json'));
    render(<ResourcePanel />);
    const llm = within(panel()).getByRole('button', { name: 'llm' });
    expect(llm).toHaveAttribute('aria-pressed', 'false');
    await user.click(llm);
    expect(useExplorerStore.getState().highlightedResource).toBe('llm');
    expect(llm).toHaveAttribute('aria-pressed', 'true');
    expect(within(panel()).getByRole('status')).toHaveTextContent('Steps that used llm are highlighted.');
    within(panel()).getByRole('button', { name: 'vector_store' }).focus();
    await user.keyboard('{Enter}');
    expect(useExplorerStore.getState().highlightedResource).toBe('vector_store');
    await user.keyboard(' ');
    expect(useExplorerStore.getState().highlightedResource).toBeNull();
  });

  it("shows the producer's totals where they differ from the steps", () => {
    const run = makeRun([{ state: 'a', resources: { db: { duration: 2 } } }], {
      producer: {
        fsmName: 't',
        executionId: 'e',
        startTime: null,
        endTime: null,
        duration: null,
        totalSteps: 1,
        failedSteps: 0,
        skippedSteps: 0,
        completedSteps: 1,
        dataMode: 'copy',
        treeDepth: 1,
        totalPaths: 1,
        resourceUsage: {
          db: { total_calls: 3, total_duration: 2, steps: ['step-0'] },
          cache: { total_calls: 1, total_duration: 0.25, steps: ['x'] },
        },
        streamProgress: null,
      },
    });
    activate(run);
    render(<ResourcePanel />);
    const items = within(panel())
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'db: producer 3 calls, 2.00 s total, 1 step; recomputed 1 call, 2.00 s total, 1 step',
      'cache: producer 1 call, 250 ms total, 1 step; recomputed not listed',
    ]);
  });

  it('has helpful empty states', () => {
    render(<ResourcePanel />);
    expect(within(panel()).getByText(/No run loaded yet/)).toBeInTheDocument();
    act(() => activate(makeRun([{ state: 'a' }])));
    expect(within(panel()).getByText('No step in this run recorded any resource usage.')).toBeInTheDocument();
  });
});
