// @vitest-environment jsdom
// Opening runs from the run browser on the real stores (openStore's
// main-thread path): a click, the keyboard (the grid is one Tab stop; arrows,
// Space, Enter) and "Open N runs" load runs into "Loaded runs" and show the
// explorer; the view switch goes back with the query kept. The split-tables
// layout names each run's table.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { findRuns, renderApp, resetAfterTest, runsRegion } from '../shell/helpers.tsx';
import { expectCount, listedIds, openStoreFile, runGrid, storeFile } from './helpers.tsx';

afterEach(resetAfterTest);

const stepTree = () => screen.getByRole('tree', { name: 'Step tree' });

describe('opening runs from a store', () => {
  it('filter to runs with failures, click conv-7f3a: the explorer shows it with its failed draft_answer', async () => {
    const { user } = renderApp();
    await openStoreFile(user, storeFile('sqlite-histories.db'), 6);
    await user.click(screen.getByRole('button', { name: 'Has failures' }));
    await expectCount('1 of 6 runs');
    await listedIds(1);
    await user.click(within(runGrid()).getByRole('row', { name: /conv-7f3a/ }));

    const [item] = await findRuns(1);
    expect(item).toHaveTextContent('support_agent');
    expect(item).toHaveTextContent('conv-7f3a');
    expect(item).toHaveTextContent('sqlite-histories.db › records › conv-7f3a');
    expect(item).toHaveTextContent('1 failed');
    expect(screen.queryByRole('main', { name: 'Run browser' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Explorer' })).toHaveAttribute('aria-pressed', 'true');
    expect(
      await within(stepTree()).findByRole('treeitem', { name: 'draft_answer failed 3.10 s' }),
    ).toBeInTheDocument();
    await user.click(within(stepTree()).getByRole('treeitem', { name: 'draft_answer failed 3.10 s' }));
    expect(screen.getByRole('region', { name: 'Step details' })).toHaveTextContent('timed out');

    // Back to the browser: the query is still there; the same run again is not loaded twice.
    await user.click(screen.getByRole('button', { name: 'Run browser' }));
    await expectCount('1 of 6 runs');
    expect(screen.getByRole('button', { name: 'Has failures' })).toHaveAttribute('aria-pressed', 'true');
    await listedIds(1);
    await user.click(within(runGrid()).getByRole('row', { name: /conv-7f3a/ }));
    await waitFor(() => expect(screen.queryByRole('main', { name: 'Run browser' })).toBeNull());
    expect(within(runsRegion()).getAllByRole('listitem')).toHaveLength(1);
  });

  it('keyboard: one Tab stop, arrows move, Enter opens the current run; Space selects, Enter opens the selection', async () => {
    const { user } = renderApp();
    await openStoreFile(user, storeFile('sqlite-histories.db'), 6);
    const ids = await listedIds(6);
    const grid = runGrid();
    // Nothing inside the rows is a Tab stop of its own: the grid is the one.
    expect(grid).toHaveAttribute('tabindex', '0');
    for (const el of grid.querySelectorAll('tbody [tabindex], tbody input')) {
      expect(el).toHaveAttribute('tabindex', '-1');
    }
    grid.focus();
    const activeRow = () => document.getElementById(grid.getAttribute('aria-activedescendant') ?? '');
    expect(activeRow()).toHaveTextContent(ids[0]!);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(activeRow()).toHaveTextContent(ids[2]!);
    await user.keyboard('{End}');
    expect(activeRow()).toHaveTextContent('conv-7f3a');
    await user.keyboard('{Enter}');
    const [conv] = await findRuns(1);
    expect(conv).toHaveTextContent('conv-7f3a');

    await user.click(screen.getByRole('button', { name: 'Run browser' }));
    await listedIds(6);
    runGrid().focus();
    await user.keyboard('{Home}{ArrowDown}{ArrowDown}'); // ingest-0042
    await user.keyboard(' ');
    await user.keyboard('{ArrowDown}'); // inv-2025-0917
    await user.keyboard(' ');
    expect(within(runGrid()).getByRole('row', { name: /ingest-0042/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('button', { name: 'Open 2 runs' })).toBeEnabled();
    // Space again takes a run out of the selection.
    await user.keyboard(' ');
    expect(screen.getByRole('button', { name: 'Open 1 run' })).toBeEnabled();
    await user.keyboard(' ');
    await user.keyboard('{Enter}');
    const items = await findRuns(3);
    expect(items[1]).toHaveTextContent('ingest-0042');
    expect(items[2]).toHaveTextContent('inv-2025-0917');
    // The first of the opened runs is the one shown.
    expect(screen.getByRole('region', { name: 'Run summary' })).toHaveTextContent('log_ingest');
  });

  it('Ctrl-click and the checkbox toggle a selection; "Open N runs" opens them in list order', async () => {
    const { user } = renderApp();
    await openStoreFile(user, storeFile('sqlite-histories.db'), 6);
    await listedIds(6);
    await user.click(screen.getByRole('checkbox', { name: 'Select conv-7f3a' }));
    await user.keyboard('{Control>}');
    await user.click(within(runGrid()).getByRole('row', { name: /batch-17/ }));
    await user.keyboard('{/Control}');
    await user.click(screen.getByRole('checkbox', { name: 'Select etl-2025-09-20-001' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select etl-2025-09-20-001' }));
    expect(screen.getByRole('checkbox', { name: 'Select conv-7f3a' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Select batch-17' })).toBeChecked();
    // Still the browser: a Ctrl-click selects, it does not open.
    expect(screen.getByRole('main', { name: 'Run browser' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open 2 runs' }));
    const items = await findRuns(2);
    expect(items[0]).toHaveTextContent('batch-17');
    expect(items[0]).toHaveTextContent('4 steps');
    expect(items[1]).toHaveTextContent('conv-7f3a');
  });

  it('the split-tables layout: both tables are listed and each run names the table it came from', async () => {
    const { user } = renderApp();
    await openStoreFile(user, storeFile('sqlite-histories-split-tables.db'), 2);
    const store = screen.getByRole('region', { name: 'Store' });
    expect(store).toHaveTextContent('fsm_histories');
    expect(store).toHaveTextContent('fsm_steps');
    expect(await listedIds(2)).toEqual(['etl-2025-09-20-001', 'conv-7f3a']);
    for (const row of within(runGrid()).getAllByRole('row').slice(1)) {
      expect(row).toHaveTextContent('fsm_histories');
    }
    await user.click(within(runGrid()).getByRole('row', { name: /etl-2025/ }));
    const [item] = await findRuns(1);
    expect(item).toHaveTextContent('customer_etl');
    expect(item).toHaveTextContent('6 steps');
  });
});
