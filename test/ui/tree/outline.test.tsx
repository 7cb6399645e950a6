// @vitest-environment jsdom
// The outline: an ARIA tree walked with the keyboard, sharing selection and
// collapsed steps with the store, virtualised for long runs.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StepOutline } from '../../../src/features/outline/StepOutline.tsx';
import type { Run } from '../../../src/model/types.ts';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import { clearRuns, registerRun } from '../../../src/store/runRegistry.ts';
import { loadFixture } from './fixtures.ts';
import { branchingRun, chainRun, makeRun } from './makeRun.ts';

function show(run: Run) {
  registerRun(run);
  act(() => {
    useExplorerStore.getState().addRuns([run.id]);
  });
  return render(<StepOutline />);
}

const item = (name: string) => screen.getByRole('treeitem', { name });

/** The items, in order, have exactly these accessible names. */
function expectNames(items: readonly HTMLElement[], names: readonly string[]): void {
  expect(items).toHaveLength(names.length);
  for (const [i, el] of items.entries()) expect(el).toHaveAccessibleName(names[i]);
}

beforeEach(() => {
  useExplorerStore.getState().reset();
  clearRuns();
});
afterEach(() => {
  cleanup();
  useExplorerStore.getState().reset();
  clearRuns();
});

describe('StepOutline', () => {
  it('is a tree named "Step tree" whose items are named by what they show: state, status, duration', () => {
    show(branchingRun());
    const tree = screen.getByRole('tree', { name: 'Step tree' });
    const items = within(tree).getAllByRole('treeitem');
    expect(items).toHaveLength(10);
    const failed = item('draft_answer failed 500 ms');
    expect(failed).toHaveAttribute('aria-level', '5');
    expect(failed).toHaveAttribute('aria-setsize', '2');
    expect(failed).toHaveAttribute('aria-posinset', '1');
    expect(failed).not.toHaveAttribute('aria-expanded');
    expect(item('rank_passages completed 500 ms')).toHaveAttribute('aria-expanded', 'true');
    expect(item('faq_lookup skipped no duration')).toHaveAttribute('aria-posinset', '2');
    // Visible text: name and duration ("approx." when not recorded).
    expect(within(item('respond completed approx. 500 ms')).getByText('approx. 500 ms')).toBeInTheDocument();
    expect(within(item('policy_check completed 500 ms')).getByText('500 ms')).toBeInTheDocument();
    // Roving tabindex: exactly one item is in the tab order.
    expect(items.filter((el) => el.tabIndex === 0)).toHaveLength(1);
  });

  it('walks with the arrow keys, Home and End, moving focus and the tab stop', async () => {
    const user = userEvent.setup();
    show(branchingRun());
    await user.tab();
    expect(item('receive_message completed 500 ms')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(item('classify_intent completed 500 ms')).toHaveFocus();
    expect(item('classify_intent completed 500 ms')).toHaveAttribute('tabindex', '0');
    expect(item('receive_message completed 500 ms')).toHaveAttribute('tabindex', '-1');
    await user.keyboard('{ArrowRight}'); // expanded: goes to the first child
    expect(item('retrieve_context completed 500 ms')).toHaveFocus();
    await user.keyboard('{ArrowLeft}'); // expanded: collapses itself
    expect(item('retrieve_context completed 500 ms (6 steps hidden)')).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    await user.keyboard('{ArrowLeft}'); // collapsed: goes to the parent
    expect(item('classify_intent completed 500 ms')).toHaveFocus();
    await user.keyboard('{End}');
    expect(item('faq_lookup skipped no duration')).toHaveFocus();
    await user.keyboard('{Home}');
    expect(item('receive_message completed 500 ms')).toHaveFocus();
    await user.keyboard('{ArrowUp}'); // stays on the first item
    expect(item('receive_message completed 500 ms')).toHaveFocus();
  });

  it('moves focus by typing the start of a state name (type-ahead)', async () => {
    const user = userEvent.setup();
    show(branchingRun());
    await user.tab();
    expect(item('receive_message completed 500 ms')).toHaveFocus();
    await user.keyboard('r');
    expect(item('retrieve_context completed 500 ms')).toHaveFocus();
    expect(item('retrieve_context completed 500 ms')).toHaveAttribute('tabindex', '0');
    await user.keyboard('r'); // the same letter again: the next one starting with it
    expect(item('rank_passages completed 500 ms')).toHaveFocus();
    await new Promise((resolve) => setTimeout(resolve, 800)); // a pause starts a new search
    await user.keyboard('pol');
    expect(item('policy_check completed 500 ms')).toHaveFocus();
    await new Promise((resolve) => setTimeout(resolve, 800));
    await user.keyboard('x'); // no state starts with it: focus stays
    expect(item('policy_check completed 500 ms')).toHaveFocus();
    // Typing moves focus only; selection still needs Enter.
    expect(useExplorerStore.getState().selectedStep).toBe(-1);
  });

  it('collapses and expands, hiding the children and showing how many are hidden', async () => {
    const user = userEvent.setup();
    const run = branchingRun();
    show(run);
    await user.click(item('rank_passages completed 500 ms'));
    await user.keyboard('{ArrowLeft}');
    const rank = item('rank_passages completed 500 ms (5 steps hidden)');
    expect(rank).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('treeitem', { name: 'draft_answer failed 500 ms' })).toBeNull();
    expect(screen.queryByRole('treeitem', { name: 'respond completed approx. 500 ms' })).toBeNull();
    expect(within(rank).getByText('+5')).toBeInTheDocument();
    // What the badge shows is in the name too, in words (rank was found by that name).
    expect(useExplorerStore.getState().collapsed[run.id]?.has(3)).toBe(true);
    await user.keyboard('{ArrowRight}');
    expect(item('rank_passages completed 500 ms')).toHaveAttribute('aria-expanded', 'true');
    expect(item('draft_answer failed 500 ms')).toBeInTheDocument();
    expect(within(item('rank_passages completed 500 ms')).queryByText('+5')).toBeNull();
  });

  it('selects with Enter and Space, shared through the store', async () => {
    const user = userEvent.setup();
    show(branchingRun());
    await user.tab();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(useExplorerStore.getState().selectedStep).toBe(2);
    expect(item('retrieve_context completed 500 ms')).toHaveAttribute('aria-selected', 'true');
    expect(item('receive_message completed 500 ms')).toHaveAttribute('aria-selected', 'false');
    await user.keyboard('{ArrowDown} ');
    expect(useExplorerStore.getState().selectedStep).toBe(3);
    expect(item('rank_passages completed 500 ms')).toHaveAttribute('aria-selected', 'true');
  });

  it('follows a selection made elsewhere, opening collapsed ancestors', () => {
    const run = branchingRun();
    show(run);
    act(() => useExplorerStore.getState().setCollapsed([3]));
    expect(screen.queryByRole('treeitem', { name: 'respond completed approx. 500 ms' })).toBeNull();
    act(() => useExplorerStore.getState().selectStep(8));
    const respond = item('respond completed approx. 500 ms');
    expect(respond).toHaveAttribute('aria-selected', 'true');
    expect(respond).toHaveAttribute('tabindex', '0');
    expect(useExplorerStore.getState().collapsed[run.id]?.has(3)).toBe(false);
  });

  it('renders markup in state names as text', () => {
    const { container } = show(
      makeRun([
        { name: '<img src=x onerror="alert(1)"><b>bold</b>', parent: -1 },
        { name: 'child', parent: 0 },
      ]),
    );
    expect(screen.getByText('<img src=x onerror="alert(1)"><b>bold</b>')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(item('<img src=x onerror="alert(1)"><b>bold</b> completed 500 ms')).toBeInTheDocument();
  });

  it('lists detached steps under a group item after the tree', async () => {
    const user = userEvent.setup();
    show(
      makeRun([
        { name: 'start', parent: -1 },
        { name: 'lost_one', parent: 'detached', status: 'failed' },
        { name: 'lost_two', parent: 'detached' },
      ]),
    );
    const items = screen.getAllByRole('treeitem');
    expectNames(items, [
      'start completed 500 ms',
      'Detached steps (2)',
      'lost_one failed 500 ms',
      'lost_two completed 500 ms',
    ]);
    const group = item('Detached steps (2)');
    expect(group).toHaveAttribute('aria-level', '1');
    expect(group).toHaveAttribute('aria-expanded', 'true');
    expect(item('lost_one failed 500 ms')).toHaveAttribute('aria-level', '2');
    await user.click(group);
    expect(group).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('treeitem', { name: 'lost_one failed 500 ms' })).toBeNull();
  });

  it('hides non-matching steps but keeps the ancestors of matches', () => {
    show(branchingRun());
    act(() => useExplorerStore.getState().setFilters({ stateQuery: 'faq', hideNonMatching: true }));
    expectNames(screen.getAllByRole('treeitem'), [
      'receive_message completed 500 ms',
      'classify_intent completed 500 ms',
      'faq_lookup skipped no duration',
    ]);
    expect(item('faq_lookup skipped no duration')).toHaveAttribute('aria-setsize', '1');
  });

  it('renders only a window of a 5,000-step chain and keeps the focused row in the DOM', async () => {
    const user = userEvent.setup();
    show(chainRun(5000));
    expect(screen.getAllByRole('treeitem').length).toBeLessThanOrEqual(60);
    expect(item('s0 completed 500 ms')).toHaveAttribute('aria-level', '1');
    await user.tab();
    await user.keyboard('{End}');
    const last = item('s4999 completed 500 ms');
    expect(last).toHaveFocus();
    expect(last).toHaveAttribute('aria-level', '5000');
    act(() => useExplorerStore.getState().selectStep(2500));
    expect(item('s2500 completed 500 ms')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getAllByRole('treeitem').length).toBeLessThanOrEqual(60);
  });

  it('past the deepest indentation shows "L7"-style level marks, not bare numbers, and keeps them out of the name', () => {
    show(chainRun(9));
    // Levels 1 to 6 are told by indentation alone.
    for (let i = 0; i < 6; i++)
      expect(within(item(`s${i} completed 500 ms`)).queryByText(/^L?\d+$/)).toBeNull();
    const seventh = item('s6 completed 500 ms');
    expect(seventh).toHaveAttribute('aria-level', '7');
    const mark = within(seventh).getByText('L7');
    expect(mark).toHaveAttribute('title', 'Level 7');
    expect(mark).toHaveAttribute('aria-hidden', 'true');
    expect(within(item('s8 completed 500 ms')).getByText('L9')).toBeInTheDocument();
    // No bare level number anywhere in the rows.
    for (const row of screen.getAllByRole('treeitem')) {
      for (const span of row.querySelectorAll('span')) expect(span.textContent).not.toMatch(/^\d+$/);
    }
  });

  it('shows a real producer file (llm-branching.json)', async () => {
    const run = await loadFixture('llm-branching.json');
    show(run);
    expect(screen.getByRole('tree', { name: 'Step tree' })).toBeInTheDocument();
    expect(item('draft_answer failed 3.10 s')).toBeInTheDocument();
    expect(item('escalate_to_human skipped 0 ms')).toBeInTheDocument();
    expect(screen.getAllByRole('treeitem')).toHaveLength(run.steps.length);
  });

  it('virtualises a real fan-out run (fanout-2k.json, 1,809 steps)', async () => {
    const user = userEvent.setup();
    const run = await loadFixture('fanout-2k.json');
    show(run);
    const rendered = screen.getAllByRole('treeitem');
    expect(rendered.length).toBeLessThanOrEqual(60);
    expect(rendered[0]).toHaveAccessibleName('plan completed 200 ms');
    await user.tab();
    await user.keyboard('{End}');
    const last = document.activeElement as HTMLElement;
    expect(last).toHaveAttribute('role', 'treeitem');
    const lastStep = run.steps[run.tree.preorder.at(-1)!]!;
    expect(last).toHaveAccessibleName(new RegExp(`^${lastStep.stateName} ${lastStep.status} \\d+ ms$`));
  });
});
