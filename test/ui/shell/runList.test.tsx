// @vitest-environment jsdom
// "Loaded runs": switching runs by click and by keyboard, and closing runs.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import { getRun } from '../../../src/store/runRegistry.ts';
import {
  findRuns,
  fixtureFile,
  makeHistory,
  openFiles,
  renderApp,
  resetAfterTest,
  runsRegion,
  textFile,
} from './helpers.tsx';

afterEach(resetAfterTest);

const summary = () => screen.getByRole('region', { name: 'Run summary' });
const runButton = (item: HTMLElement) => within(item).getAllByRole('button')[0]!;

describe('Loaded runs', () => {
  it('a FileStorage database lists its three runs; click and Enter switch between them', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('file-storage-db.json')]);
    const items = await findRuns(3);
    const names = items.map((i) => i.textContent ?? '');
    const ingest = items[names.findIndex((t) => t.includes('log_ingest'))]!;
    const etl = items[names.findIndex((t) => t.includes('customer_etl'))]!;

    await user.click(runButton(ingest));
    expect(summary()).toHaveTextContent('log_ingest');
    expect(summary()).toHaveTextContent('ingest-0042');
    expect(runButton(ingest)).toHaveAttribute('aria-current', 'true');
    expect(runButton(etl)).not.toHaveAttribute('aria-current');

    runButton(etl).focus();
    await user.keyboard('{Enter}');
    expect(summary()).toHaveTextContent('customer_etl');
    expect(summary()).toHaveTextContent('etl-2025-09-20-001');
  });

  it('is one Tab stop: arrows, Home and End move the focus, Enter or Space shows the run', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('file-storage-db.json')]);
    const items = await findRuns(3);
    const [first, second, third] = items.map(runButton);
    // Only the active run's button is in the tab order; ✕ buttons are not (Delete closes).
    const tabbable = within(runsRegion())
      .getAllByRole('button')
      .filter((b) => b.tabIndex === 0);
    expect(tabbable).toEqual([first]);
    expect(first).toHaveAttribute('aria-current', 'true');
    for (const item of items) {
      expect(within(item).getByRole('button', { name: /^Close run/ })).toHaveAttribute('tabindex', '-1');
    }

    first!.focus();
    await user.keyboard('{ArrowDown}');
    expect(second).toHaveFocus();
    expect(second).toHaveAttribute('tabindex', '0');
    expect(first).toHaveAttribute('tabindex', '-1');
    // Moving does not switch: the shown run changes on Enter.
    expect(summary()).toHaveTextContent('customer_etl');
    await user.keyboard('{Enter}');
    expect(summary()).toHaveTextContent('support_agent');
    expect(second).toHaveAttribute('aria-current', 'true');
    await user.keyboard('{End}');
    expect(third).toHaveFocus();
    await user.keyboard(' ');
    expect(summary()).toHaveTextContent('log_ingest');
    await user.keyboard('{ArrowDown}'); // stays on the last run
    expect(third).toHaveFocus();
    await user.keyboard('{Home}');
    expect(first).toHaveFocus();
    await user.keyboard('{ArrowUp}'); // stays on the first run
    expect(first).toHaveFocus();

    // Tab leaves the list at once, and Shift+Tab comes back to the run last focused.
    await user.keyboard('{ArrowDown}');
    await user.tab();
    expect(
      within(runsRegion())
        .queryAllByRole('button')
        .includes(document.activeElement as HTMLElement),
    ).toBe(false);
    await user.tab({ shift: true });
    expect(second).toHaveFocus();
  });

  it('Delete closes the focused run and moves the focus to the next one', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('file-storage-db.json')]);
    const items = await findRuns(3);
    runButton(items[1]!).focus();
    await user.keyboard('{Delete}');
    const left = await findRuns(2);
    expect(left.map((i) => i.textContent)).toEqual([
      expect.stringContaining('customer_etl'),
      expect.stringContaining('log_ingest'),
    ]);
    expect(runButton(left[1]!)).toHaveFocus();
    expect(runButton(left[1]!)).toHaveAttribute('tabindex', '0');
    await user.keyboard('{Delete}');
    const [last] = await findRuns(1);
    expect(runButton(last!)).toHaveFocus();
    expect(last).toHaveTextContent('customer_etl');
  });

  it('closing the active run shows the next one and forgets the closed run', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('llm-branching.json'), fixtureFile('etl-linear.json')]);
    await findRuns(2);
    const closedId = useExplorerStore.getState().runIds[0]!;
    expect(summary()).toHaveTextContent('support_agent');

    await user.click(screen.getByRole('button', { name: 'Close run conv-7f3a' }));
    const [left] = await findRuns(1);
    expect(left).toHaveTextContent('customer_etl');
    expect(summary()).toHaveTextContent('customer_etl');
    expect(getRun(closedId)).toBeUndefined();

    await user.click(screen.getByRole('button', { name: 'Close run etl-2025-09-20-001' }));
    // back to the welcome
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Loaded runs' })).toBeNull());
    expect(screen.getByRole('button', { name: 'Open a sample' })).toBeInTheDocument();
  });

  it('a closed file can be opened again under its original id', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('etl-linear.json')]);
    await findRuns(1);
    const id = useExplorerStore.getState().runIds[0];
    await user.click(within(runsRegion()).getByRole('button', { name: 'Close run etl-2025-09-20-001' }));
    await openFiles(user, [fixtureFile('etl-linear.json')]);
    await findRuns(1);
    expect(useExplorerStore.getState().runIds).toEqual([id]);
  });

  it('says "1 step" for a one-step run and "N steps" otherwise', async () => {
    const { user } = renderApp();
    const one = makeHistory('single', 'one-1', [{ id: 'a1', state: 'only' }]);
    await openFiles(user, [textFile('one.json', one), fixtureFile('etl-linear.json')]);
    const items = await findRuns(2);
    const single = items.find((i) => i.textContent?.includes('single'))!;
    expect(single).toHaveTextContent('1 step');
    expect(single).not.toHaveTextContent('1 steps');
    expect(items.find((i) => i.textContent?.includes('customer_etl'))).toHaveTextContent('6 steps');
  });
});
