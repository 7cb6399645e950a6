// @vitest-environment jsdom
// "Steps": the virtualised, sortable table of every step: sorting with
// aria-sort, choosing a row (click, Enter) selects the step, Up/Down move,
// only filter matches are listed when a filter is active, 100,000 rows render
// only a window, and a selection made elsewhere is scrolled into view.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { StepTablePanel } from '../../../src/features/step-table/StepTablePanel.tsx';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import { activate, loadFixtureRun, resetStores } from './helpers.ts';
import { makeRun, type StepSpec } from './makeRun.ts';

afterEach(() => {
  cleanup();
  resetStores();
});

const panel = () => screen.getByRole('region', { name: 'Steps' });
const table = () => within(panel()).getByRole('table', { name: 'Steps table' });
const bodyRows = () => within(table()).getAllByRole('row').slice(1);
const column = (i: number) => bodyRows().map((r) => within(r).getAllByRole('cell')[i]?.textContent);
const store = () => useExplorerStore.getState();

function sample(): StepSpec[] {
  return [
    { state: 'load', duration: 0.5 },
    { state: 'parse', parent: 0, duration: 2, arc: 'ok' },
    { state: 'validate', parent: 1, duration: 0.012, status: 'failed', error: 'bad row 7\ntraceback...' },
    { state: 'parse', parent: 0, duration: null, status: 'in_progress', end: null },
    { state: 'emit', parent: 1, duration: 65, network: 'output', dataMode: 'reference' },
  ];
}

describe('StepTablePanel', () => {
  it('lists every step with its fields', () => {
    activate(makeRun(sample()));
    render(<StepTablePanel />);
    expect(within(panel()).getByRole('status')).toHaveTextContent('5 rows');
    expect(column(0)).toEqual(['load', 'parse', 'validate', 'parse', 'emit']);
    const cells = within(bodyRows()[2]!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['validate', 'main', 'failed', 'copy', '+2.00 s', '12 ms', '', 'bad row 7']);
    expect(within(bodyRows()[4]!).getAllByRole('cell')[5]).toHaveTextContent('1 min 5 s');
    expect(within(bodyRows()[4]!).getAllByRole('cell')[5]).toHaveAttribute('title', '65 seconds');
  });

  it('places body rows from the top of the body (below the sticky header), one row height apart', () => {
    activate(makeRun(sample()));
    render(<StepTablePanel />);
    const rows = bodyRows();
    expect(rows[0]).toHaveStyle({ transform: 'translateY(0px)' });
    expect(rows[1]).toHaveStyle({ transform: 'translateY(28px)' });
    // The scroller is sized for the header and the rows (it stops growing at its CSS maximum).
    const scroller = table().parentElement!;
    expect(scroller.style.getPropertyValue('--steps-height')).toBe(`${30 + 5 * 28 + 2}px`);
  });

  it('sorts by duration, missing durations last, and marks aria-sort', async () => {
    const user = userEvent.setup();
    activate(makeRun(sample()));
    render(<StepTablePanel />);
    const header = within(table()).getByRole('columnheader', { name: /Duration/ });
    expect(header).toHaveAttribute('aria-sort', 'none');
    await user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(column(0)).toEqual(['emit', 'parse', 'load', 'validate', 'parse']);
    await user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(column(0)).toEqual(['validate', 'load', 'parse', 'emit', 'parse']);
    const state = within(table()).getByRole('columnheader', { name: /State/ });
    await user.click(within(state).getByRole('button'));
    expect(state).toHaveAttribute('aria-sort', 'ascending');
    expect(header).toHaveAttribute('aria-sort', 'none');
    expect(column(0)).toEqual(['emit', 'load', 'parse', 'parse', 'validate']);
  });

  it('selects a step by click or by keyboard (Up/Down move, Enter chooses)', async () => {
    const user = userEvent.setup();
    activate(makeRun(sample()));
    render(<StepTablePanel />);
    await user.click(within(table()).getByRole('cell', { name: 'validate' }));
    expect(store().selectedStep).toBe(2);
    expect(bodyRows()[2]).toHaveAttribute('aria-selected', 'true');
    expect(bodyRows()[0]).toHaveAttribute('aria-selected', 'false');
    await user.keyboard('{ArrowDown}');
    expect(bodyRows()[3]).toHaveFocus();
    expect(store().selectedStep).toBe(2);
    await user.keyboard('{Enter}');
    expect(store().selectedStep).toBe(3);
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(bodyRows()[0]).toHaveFocus();
    await user.keyboard('{ArrowUp}{End}');
    expect(bodyRows()[4]).toHaveFocus();
    await user.keyboard(' ');
    expect(store().selectedStep).toBe(4);
    expect(bodyRows()[4]).toHaveAttribute('aria-selected', 'true');
  });

  it('shows only the steps matching an active filter', async () => {
    const run = await loadFixtureRun('llm-branching.json');
    activate(run);
    render(<StepTablePanel />);
    expect(within(panel()).getByRole('status')).toHaveTextContent('10 rows');
    act(() => store().setFilters({ statuses: ['skipped'] }));
    expect(within(panel()).getByRole('status')).toHaveTextContent('2 rows (filtered from 10)');
    expect(column(0).sort()).toEqual(['escalate_to_human', 'faq_lookup']);
    act(() => store().setFilters({ statuses: [], stateQuery: 'draft' }));
    expect(column(0)).toEqual(['draft_answer', 'draft_answer']);
    expect(column(7)).toContain('LLM call timed out after 3.0s (provider=openai, attempt 1/3)');
    act(() => store().setFilters({ stateQuery: 'no such state' }));
    expect(within(panel()).getByRole('status')).toHaveTextContent('0 rows (filtered from 10)');
    expect(within(panel()).getByText(/No step matches the current filter/)).toBeInTheDocument();
  });

  it('renders only a window of 100,000 rows and scrolls a selection made elsewhere into view', () => {
    const specs: StepSpec[] = [];
    for (let i = 0; i < 100_000; i++) specs.push({ state: `s${i}`, ...(i > 0 ? { parent: i - 1 } : {}) });
    const run = makeRun(specs);
    activate(run);
    const scrolls: number[] = [];
    // jsdom has no layout and no Element.scrollTo: record where the table asks its scroller to go, and go there.
    const scrollTo = vi.fn(function (this: HTMLElement, arg?: unknown) {
      const top = typeof arg === 'object' && arg !== null ? (arg as ScrollToOptions).top : undefined;
      if (typeof top === 'number') {
        scrolls.push(top);
        Object.defineProperty(this, 'scrollTop', { value: top, configurable: true });
        this.dispatchEvent(new Event('scroll'));
      }
    });
    Object.defineProperty(HTMLElement.prototype, 'scrollTo', { value: scrollTo, configurable: true });
    // ...and a scroll height, so the virtualiser may scroll that far.
    Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
      get: () => 100_001 * 28,
      configurable: true,
    });
    onTestFinished(() => {
      delete (HTMLElement.prototype as { scrollTo?: unknown }).scrollTo;
      delete (HTMLElement.prototype as { scrollHeight?: unknown }).scrollHeight;
    });
    render(<StepTablePanel />);
    expect(within(panel()).getByRole('status')).toHaveTextContent('100,000 rows');
    expect(table()).toHaveAttribute('aria-rowcount', '100001');
    const shown = bodyRows();
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(100);
    act(() => store().selectStep(70_000));
    expect(scrolls.at(-1)).toBeGreaterThan(70_000 * 20);
    const selected = within(table()).getByRole('row', { selected: true });
    expect(within(selected).getAllByRole('cell')[0]).toHaveTextContent('s70000');
    expect(selected).toHaveAttribute('aria-rowindex', '70002');
    expect(bodyRows().length).toBeLessThan(100);
  });

  it('has helpful empty states', () => {
    render(<StepTablePanel />);
    expect(within(panel()).getByText(/No run loaded yet/)).toBeInTheDocument();
  });
});
