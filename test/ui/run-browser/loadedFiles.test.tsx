// @vitest-environment jsdom
// The run browser over runs loaded from files: a FileStorage JSON database
// (three runs in one file, with record metadata) is listed there beside the
// explorer; dropping many history files at once opens the browser by itself.
// The same filters, sort and opening work as for a store (the query runs in
// memory with the store's semantics); opening a listed run shows it rather
// than loading it twice, and a run closed since comes back from the list.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  findRuns,
  fixtureFile,
  makeHistory,
  openFiles,
  renderApp,
  resetAfterTest,
  runsRegion,
  textFile,
} from '../shell/helpers.tsx';
import { expectCount, listedIds, runGrid } from './helpers.tsx';

afterEach(resetAfterTest);

const browserButton = () => screen.getByRole('button', { name: 'Run browser' });

describe('run browser over loaded files', () => {
  it('a FileStorage database: the explorer stays, its three runs are listed a click away with their metadata', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('file-storage-db.json')]);
    await findRuns(3);
    // Three runs are few: the explorer is shown, the browser is offered.
    expect(screen.queryByRole('main', { name: 'Run browser' })).toBeNull();
    await user.click(browserButton());
    const list = await screen.findByRole('region', { name: 'Run list' });
    expect(list).toHaveTextContent('Loaded files');
    expect(list).toHaveTextContent('file-storage-db.json');
    expect(list).toHaveTextContent('3 runs');
    await expectCount('3 of 3 runs');
    // Each run's file, where a store's runs name their table.
    expect(within(runGrid()).getByRole('columnheader', { name: /File/ })).toBeInTheDocument();
    expect(within(runGrid()).queryByRole('columnheader', { name: /Table/ })).toBeNull();
    // Newest first, as for a store.
    expect(await listedIds(3)).toEqual(['ingest-0042', 'conv-7f3a', 'etl-2025-09-20-001']);
    const conv = within(runGrid()).getByRole('row', { name: /conv-7f3a/ });
    expect(conv).toHaveTextContent('support_agent');
    expect(conv).toHaveTextContent('1 failed');
    expect(conv).toHaveTextContent('tenant_id=acme');
    // The record metadata is offered as a filter key, with its count.
    const key = screen.getByRole('combobox', { name: 'Metadata key' });
    await within(key).findByRole('option', { name: 'tenant_id (3)' });

    await user.click(screen.getByRole('button', { name: 'Has failures' }));
    await expectCount('1 of 3 runs');
    await user.click(within(runGrid()).getByRole('row', { name: /conv-7f3a/ }));
    // Shown, not loaded again.
    await waitFor(() => expect(screen.queryByRole('main', { name: 'Run browser' })).toBeNull());
    expect(within(runsRegion()).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByRole('region', { name: 'Run summary' })).toHaveTextContent('support_agent');
  });

  it('25 files dropped at once: the browser opens by itself; filter, sort, open several', async () => {
    const { user } = renderApp();
    const files = Array.from({ length: 25 }, (_, i) => {
      const n = String(i + 1).padStart(2, '0');
      const steps = Array.from({ length: (i % 5) + 1 }, (_, k) => ({
        id: `s${k}`,
        state: `state_${k}`,
        ...(k > 0 ? { parent: `s${k - 1}` } : {}),
        ...(i === 7 && k === 0 ? { status: 'failed' } : {}),
      }));
      const fsm = i % 2 === 0 ? 'billing' : 'triage';
      return textFile(`run-${n}.json`, makeHistory(fsm, `exec-${n}`, steps, { start_time: 1758400000 + i }));
    });
    await openFiles(user, files);
    const list = await screen.findByRole('region', { name: 'Run list' }, { timeout: 15000 });
    expect(list).toHaveTextContent('25 files');
    expect(list).toHaveTextContent('25 runs');
    await expectCount('25 of 25 runs');
    expect(browserButton()).toHaveAttribute('aria-pressed', 'true');

    await user.selectOptions(screen.getByRole('combobox', { name: 'FSM' }), 'triage');
    await expectCount('12 of 25 runs');
    await user.type(screen.getByRole('searchbox', { name: 'Text in ids' }), 'exec-0');
    // exec-02, 04, 06, 08 (triage are the even numbers)
    await expectCount('4 of 25 runs');
    expect(await listedIds(4)).toEqual(['exec-08', 'exec-06', 'exec-04', 'exec-02']);
    await user.click(screen.getByRole('button', { name: 'Has failures' }));
    await expectCount('1 of 25 runs');
    expect(await listedIds(1)).toEqual(['exec-08']);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await expectCount('25 of 25 runs');

    // Steps, most first: 5 steps for runs 5, 10, 15, 20, 25 (ties in reverse load order, as a store's key order).
    await user.click(
      within(within(runGrid()).getByRole('columnheader', { name: /Steps/ })).getByRole('button'),
    );
    const bySteps = await listedIds(25);
    expect(bySteps.slice(0, 5)).toEqual(['exec-25', 'exec-20', 'exec-15', 'exec-10', 'exec-05']);

    await user.click(screen.getByRole('checkbox', { name: 'Select exec-10' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select exec-05' }));
    await user.click(screen.getByRole('button', { name: 'Open 2 runs' }));
    await waitFor(() => expect(screen.queryByRole('main', { name: 'Run browser' })).toBeNull());
    // The first in list order is shown; nothing was loaded twice.
    expect(screen.getByRole('region', { name: 'Run summary' })).toHaveTextContent('exec-10');
    expect(within(runsRegion()).getAllByRole('listitem')).toHaveLength(25);
  });

  it('a run closed since comes back when it is opened from the list', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('file-storage-db.json')]);
    const items = await findRuns(3);
    const etl = items.find((li) => li.textContent?.includes('etl-2025-09-20-001'));
    expect(etl).toBeDefined();
    await user.click(within(etl!).getByRole('button', { name: /^Close run/ }));
    await findRuns(2);
    await user.click(browserButton());
    await expectCount('3 of 3 runs');
    await listedIds(3);
    await user.click(within(runGrid()).getByRole('row', { name: /etl-2025-09-20-001/ }));
    const back = await findRuns(3);
    expect(back.some((li) => li.textContent?.includes('etl-2025-09-20-001'))).toBe(true);
    expect(screen.getByRole('region', { name: 'Run summary' })).toHaveTextContent('customer_etl');
  });

  it('one plain history file is not listed: no browser to switch to', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('llm-branching.json')]);
    await findRuns(1);
    expect(screen.queryByRole('button', { name: 'Run browser' })).toBeNull();
  });
});
