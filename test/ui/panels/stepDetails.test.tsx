// @vitest-environment jsdom
// "Step details": fields of the selected step, the error as text, breadcrumbs
// and branch navigation, JSON trees for metrics (markup shown as text, 900
// levels deep), and the empty states.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { StepDetailsPanel } from '../../../src/features/step-details/StepDetailsPanel.tsx';
import type { JsonValue } from '../../../src/model/types.ts';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import { activate, loadFixtureRun, resetStores, stepWhere } from './helpers.ts';
import { makeRun } from './makeRun.ts';

afterEach(() => {
  cleanup();
  resetStores();
});

const panel = () => screen.getByRole('region', { name: 'Step details' });
const selected = () => useExplorerStore.getState().selectedStep;

describe('StepDetailsPanel with llm-branching.json', () => {
  it('shows the timeout error and the fields of the failed draft_answer step', async () => {
    const run = await loadFixtureRun('llm-branching.json');
    const failed = stepWhere(run, (s) => s.stateName === 'draft_answer' && s.status === 'failed');
    activate(run, failed);
    render(<StepDetailsPanel />);
    const region = panel();
    expect(within(region).getByRole('heading', { name: 'Step details' })).toBeInTheDocument();
    const error = within(region).getByRole('figure', { name: 'Error' });
    expect(error.querySelector('pre')).toHaveTextContent(
      'LLM call timed out after 3.0s (provider=openai, attempt 1/3)',
    );
    expect(within(region).getByText('6015bda4-4ee5-4197-a987-f4965908bed4')).toBeInTheDocument();
    const term = within(region).getByText('Recorded duration');
    expect(term.nextElementSibling).toHaveTextContent('3.10 s');
    expect(term.nextElementSibling?.querySelector('[title]')).toHaveAttribute(
      'title',
      '3.0999999046325684 seconds',
    );
    expect(within(region).getByText('Status').nextElementSibling).toHaveTextContent('failed');
    expect(within(region).getByText('Network').nextElementSibling).toHaveTextContent('main');
    expect(within(region).getByText('Detached').nextElementSibling).toHaveTextContent('no');
    expect(within(region).getByText('Source').nextElementSibling).toHaveTextContent(/^paths\[0\]\[4\]$/);
    expect(within(region).getByRole('tree', { name: 'Resources used' })).toBeInTheDocument();
  });

  it('navigates with the breadcrumbs', async () => {
    const user = userEvent.setup();
    const run = await loadFixtureRun('llm-branching.json');
    activate(
      run,
      stepWhere(run, (s) => s.stateName === 'respond'),
    );
    render(<StepDetailsPanel />);
    const nav = within(panel()).getByRole('navigation', { name: 'Path from root' });
    const crumbs = within(nav).getAllByRole('button');
    expect(crumbs.map((b) => b.textContent)).toEqual([
      'receive_message',
      'classify_intent',
      'retrieve_context',
      'rank_passages',
      'draft_answer',
      'policy_check',
      'respond',
    ]);
    expect(crumbs.at(-1)).toHaveAttribute('aria-current', 'step');
    await user.click(within(nav).getByRole('button', { name: 'classify_intent' }));
    expect(run.steps[selected()]?.stateName).toBe('classify_intent');
    expect(within(within(panel()).getByRole('navigation')).getAllByRole('button')).toHaveLength(2);
  });

  it('moves between sibling branches, parent and first child', async () => {
    const user = userEvent.setup();
    const run = await loadFixtureRun('llm-branching.json');
    const failed = stepWhere(run, (s) => s.stateName === 'draft_answer' && s.status === 'failed');
    const retry = stepWhere(run, (s) => s.stateName === 'draft_answer' && s.status === 'completed');
    activate(run, failed);
    render(<StepDetailsPanel />);
    const prev = () => within(panel()).getByRole('button', { name: 'Previous branch' });
    const next = () => within(panel()).getByRole('button', { name: 'Next branch' });
    expect(prev()).toBeDisabled();
    expect(within(panel()).getByRole('button', { name: 'First child' })).toBeDisabled();
    await user.click(next());
    expect(selected()).toBe(retry);
    expect(next()).toBeDisabled();
    expect(within(panel()).getByText('branch 2 of 2')).toBeInTheDocument();
    await user.click(prev());
    expect(selected()).toBe(failed);
    await user.click(within(panel()).getByRole('button', { name: 'Parent' }));
    expect(run.steps[selected()]?.stateName).toBe('rank_passages');
    await user.click(within(panel()).getByRole('button', { name: 'First child' }));
    expect(selected()).toBe(failed);
  });
});

describe('StepDetailsPanel with hand-made runs', () => {
  it('says what to do when no run is loaded or no step is selected', () => {
    render(<StepDetailsPanel />);
    expect(within(panel()).getByText(/No run loaded yet/)).toBeInTheDocument();
    act(() => activate(makeRun([{ state: 'a' }])));
    expect(within(panel()).getByText(/No step selected/)).toBeInTheDocument();
  });

  it('shows markup and quotes from the file as text', async () => {
    const user = userEvent.setup();
    const nasty = '<script>alert("x")</script> & \'single\' "double"\n  at <b>line 2</b>';
    activate(
      makeRun([{ state: '<i>state</i>', status: 'failed', error: nasty, metrics: { '<em>k</em>': nasty } }]),
      0,
    );
    const { container } = render(<StepDetailsPanel />);
    const pre = within(panel()).getByRole('figure', { name: 'Error' }).querySelector('pre');
    expect(pre?.textContent).toBe(nasty);
    await user.click(within(panel()).getByRole('button', { name: 'Expand all metrics' }));
    // Accessible names collapse whitespace runs (the newline) to one space.
    const name = `<em>k</em>: "${nasty.replace(/\s+/g, ' ')}"`;
    expect(within(panel()).getByRole('treeitem', { name })).toBeInTheDocument();
    expect(within(panel()).getByRole('heading', { name: '<i>state</i> (failed)' })).toBeInTheDocument();
    for (const tag of ['script', 'b', 'i', 'em']) expect(container.querySelector(tag)).toBeNull();
  });

  it('renders and expands 900-level metrics', async () => {
    const user = userEvent.setup();
    let metrics: JsonValue = 'deepest';
    for (let i = 0; i < 900; i++) metrics = { [`k${i}`]: metrics };
    activate(makeRun([{ state: 'deep', metrics }]), 0);
    render(<StepDetailsPanel />);
    const tree = within(panel()).getByRole('tree', { name: 'Metrics' });
    expect(within(tree).getAllByRole('treeitem')).toHaveLength(1);
    await user.click(within(tree).getByRole('treeitem', { name: 'k899: {1 key}' }));
    expect(within(tree).getAllByRole('treeitem')).toHaveLength(2);
    await user.click(within(panel()).getByRole('button', { name: 'Expand all metrics' }));
    const items = within(tree).getAllByRole('treeitem');
    expect(items).toHaveLength(900);
    expect(items.at(-1)).toHaveAccessibleName('k0: "deepest"');
  });

  it('marks an effective duration that was not recorded as approximate and says why', () => {
    activate(
      makeRun([
        {
          state: 'advanced',
          start: null,
          timestamp: 1000,
          end: 1002.5,
          duration: null,
          effectiveDuration: 2.5,
          durationSource: 'end-timestamp',
        },
      ]),
      0,
    );
    render(<StepDetailsPanel />);
    expect(within(panel()).getByText('Recorded duration').nextElementSibling).toHaveTextContent('none');
    const effective = within(panel()).getByText('Effective duration').nextElementSibling;
    expect(effective).toHaveTextContent('2.50 s approx.');
    expect(effective).toHaveTextContent(/no start time/);
    expect(within(panel()).getByText('Start').nextElementSibling).toHaveTextContent('—');
  });

  it('names durations plainly ("Recorded duration") and says a stream position has no unit in the file', () => {
    activate(
      makeRun([{ state: 'chunk', duration: 1.5, stream: { position: 6291456 } }, { state: 'other' }]),
      0,
    );
    const { unmount } = render(<StepDetailsPanel />);
    expect(within(panel()).queryByText(/\((recorded|effective)\)/)).toBeNull();
    expect(within(panel()).getByText('Recorded duration').nextElementSibling).toHaveTextContent('1.50 s');
    expect(within(panel()).getByText('Stream position').nextElementSibling).toHaveTextContent(
      "6,291,456 (the stream's offset; the file gives no unit)",
    );
    unmount();
    activate(makeRun([{ state: 'plain' }]), 0);
    render(<StepDetailsPanel />);
    expect(within(panel()).getByText('Stream position').nextElementSibling).toHaveTextContent(/^none$/);
  });

  it('marks detached steps and disables moves that do not exist', () => {
    activate(makeRun([{ state: 'root' }, { state: 'orphan', parent: 'detached' }]), 1);
    render(<StepDetailsPanel />);
    expect(within(panel()).getByText('Detached').nextElementSibling).toHaveTextContent(
      /^yes: not in the tree/,
    );
    for (const name of ['Parent', 'First child', 'Previous branch', 'Next branch']) {
      expect(within(panel()).getByRole('button', { name })).toBeDisabled();
    }
  });
});
