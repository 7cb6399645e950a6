// @vitest-environment jsdom
// "States": per-state roll-ups (count, failed, p50, p95, max, share of the
// critical path). Percentiles
// are nearest-rank: the value at rank ceil(q * n) of the n known durations
// sorted ascending. Choosing a state sets the state filter.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { StatesPanel } from '../../../src/features/states/StatesPanel.tsx';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import { activate, loadFixtureRun, resetStores } from './helpers.ts';
import { makeRun, type StepSpec } from './makeRun.ts';

afterEach(() => {
  cleanup();
  resetStores();
});

const panel = () => screen.getByRole('region', { name: 'States' });
const rowOf = (state: string) =>
  within(panel())
    .getAllByRole('row')
    .find((r) => within(r).queryAllByRole('cell')[0]?.textContent === state);
const cellsOf = (state: string) =>
  within(rowOf(state)!)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('StatesPanel', () => {
  it('rolls up llm-branching.json by state', async () => {
    activate(await loadFixtureRun('llm-branching.json'));
    render(<StatesPanel />);
    // draft_answer ran twice: failed after 3.0999999 s, then completed in 2.2000000 s.
    // Sorted [2.2, 3.1]: p50 is rank ceil(0.5 * 2) = 1 -> 2.2 s; p95 is rank ceil(0.95 * 2) = 2 -> 3.1 s.
    // The critical path is receive_message -> classify_intent -> faq_lookup: draft_answer is not on it.
    expect(cellsOf('draft_answer')).toEqual(['draft_answer', '2', '1', '2.20 s', '3.10 s', '3.10 s', '—']);
    // One step only: every percentile is that step's duration (0.7000000 s).
    // classify_intent's 0.7 s of the path's 7.25 s.
    expect(cellsOf('classify_intent')).toEqual([
      'classify_intent',
      '1',
      '0',
      '700 ms',
      '700 ms',
      '700 ms',
      '10%',
    ]);
    // Skipped escalate_to_human recorded a 0.0 s duration.
    expect(cellsOf('escalate_to_human')).toEqual([
      'escalate_to_human',
      '1',
      '0',
      '0 ms',
      '0 ms',
      '0 ms',
      '—',
    ]);
    const states = within(panel()).getAllByRole('row').slice(1);
    expect(states).toHaveLength(9);
    // Sorted by count (descending) at first: draft_answer is the only state that ran twice.
    expect(within(states[0]!).getAllByRole('cell')[0]).toHaveTextContent('draft_answer');
  });

  it('computes nearest-rank percentiles over the known durations', () => {
    // 20 'work' steps lasting 1..20 s (in a scrambled order), one more without a duration, 3 failed.
    const order = [7, 3, 20, 1, 15, 9, 12, 2, 18, 5, 11, 4, 19, 6, 14, 8, 17, 10, 13, 16];
    const specs: StepSpec[] = order.map((d, i) => ({
      state: 'work',
      duration: d,
      status: i < 3 ? 'failed' : 'completed',
      ...(i > 0 ? { parent: i - 1 } : {}),
    }));
    specs.push({ state: 'work', parent: 19, duration: null, status: 'in_progress', end: null });
    activate(makeRun(specs));
    render(<StatesPanel />);
    // n = 20 known durations: p50 = rank ceil(10) = 10 -> 10 s; p95 = rank ceil(19) = 19 -> 19 s; max 20 s.
    // One chain of one state: the whole critical path is 'work'.
    expect(cellsOf('work')).toEqual(['work', '21', '3', '10.0 s', '19.0 s', '20.0 s', '100%']);
    expect(within(rowOf('work')!).getAllByRole('cell')[4]?.firstElementChild).toHaveAttribute(
      'title',
      '19 seconds',
    );
  });

  it('sorts by p95 and sets the state filter when a state is chosen', async () => {
    const user = userEvent.setup();
    activate(await loadFixtureRun('llm-branching.json'));
    render(<StatesPanel />);
    const p95 = within(panel()).getByRole('columnheader', { name: /p95/ });
    await user.click(within(p95).getByRole('button'));
    expect(p95).toHaveAttribute('aria-sort', 'descending');
    const first = within(panel()).getAllByRole('row')[1]!;
    expect(within(first).getAllByRole('cell')[0]).toHaveTextContent('draft_answer');
    const button = within(panel()).getByRole('button', { name: 'respond' });
    await user.click(button);
    expect(useExplorerStore.getState().filters.stateQuery).toBe('respond');
    expect(button).toHaveAttribute('aria-pressed', 'true');
    await user.click(button);
    expect(useExplorerStore.getState().filters.stateQuery).toBe('');
  });

  it('says so when no run is loaded', () => {
    render(<StatesPanel />);
    expect(within(panel()).getByText(/No run loaded yet/)).toBeInTheDocument();
  });
});
