// @vitest-environment jsdom
// Stores that cannot be used, and one with nothing in it: each failed store is
// an alert naming the file and the problem, runs already loaded stay, and the
// app still opens the next file; an empty store is listed, with no runs, and
// is no error. A row that cannot be read is listed as "unreadable" with its
// problem, and opening it is an alert naming the store, table and row.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { dumps, makeStore, RECORDS_DDL } from '../../model/store/makeStore.ts';
import { findRuns, fixtureFile, openFiles, renderApp, resetAfterTest, textFile } from '../shell/helpers.tsx';
import { expectCount, listedIds, openStoreFile, runGrid, storeFile } from './helpers.tsx';

afterEach(resetAfterTest);

describe('bad stores', () => {
  it('an SQLite file with no table of records: an alert lists the tables found; loaded runs stay', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('llm-branching.json')]);
    await findRuns(1);
    const bytes = await makeStore(['CREATE TABLE users (id INTEGER, name TEXT)', 'CREATE TABLE orders (n)']);
    await openFiles(user, [storeFile('app.sqlite', bytes)]);
    const alert = await screen.findByRole('alert', {}, { timeout: 15000 });
    expect(alert).toHaveTextContent('Could not load app.sqlite');
    expect(alert).toHaveTextContent('no table of execution-history records');
    expect(alert).toHaveTextContent('tables found: users, orders');
    // Nothing lost, no browser for a store that did not open.
    expect(await findRuns(1)).toHaveLength(1);
    expect(screen.queryByRole('main', { name: 'Run browser' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Run browser' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Dismiss error for app.sqlite' }));
    expect(screen.queryByRole('alert')).toBeNull();

    // The app still works: a good store opens after it.
    await openStoreFile(user, storeFile('sqlite-histories.db'), 6);
  });

  it('a file named .db that is not SQLite goes to the history loader, which names it', async () => {
    const { user } = renderApp();
    await openFiles(user, [textFile('notes.db', 'these are my notes, not a database')]);
    const alert = await screen.findByRole('alert', {}, { timeout: 15000 });
    expect(alert).toHaveTextContent('notes.db');
    expect(screen.queryByRole('main', { name: 'Run browser' })).toBeNull();
  });

  it('an empty store is listed with "No runs in this store", not as an error', async () => {
    const { user } = renderApp();
    await openStoreFile(user, storeFile('empty.db', await makeStore([RECORDS_DDL('records')])), 0);
    expect(await screen.findByText('No runs in this store.')).toBeInTheDocument();
    await expectCount('0 of 0 runs');
    expect(screen.getByRole('region', { name: 'Store' })).toHaveTextContent('empty.db');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('grid', { name: 'Runs' })).toBeNull();
  });

  it('a row that is not JSON is listed as unreadable with its problem; opening it names store, table and row', async () => {
    const { user } = renderApp();
    const good = {
      id: 'good-1',
      data: dumps({
        id: 'good-1',
        execution_id: 'good-1',
        fsm_name: 'demo',
        data_mode: 'copy',
        status: 'completed',
        start_time: 100.0,
        end_time: 101.0,
        total_steps: 0,
        failed_steps: 0,
        skipped_steps: 0,
        record_type: 'history',
        history_data: { summary: { fsm_name: 'demo', execution_id: 'good-1' }, paths: [], mode_storage: {} },
      }),
    };
    const bad = { id: 'bad-<b>1</b>', data: '{"id": "bad-1",\n "status": oops}' };
    const bytes = await makeStore([RECORDS_DDL('records', false)], [good, bad]);
    await openStoreFile(user, storeFile('mixed.db', bytes), 2);
    await listedIds(2);
    const row = within(runGrid()).getByRole('row', { name: /bad-/ });
    expect(row).toHaveTextContent('unreadable: table records row 2');
    // The id is text, never markup.
    expect(row).toHaveTextContent('bad-<b>1</b>');
    expect(row.querySelector('b')).toBeNull();
    await user.click(row);
    const alert = await screen.findByRole('alert', {}, { timeout: 15000 });
    expect(alert).toHaveTextContent(/mixed\.db: table records row 2 \(id bad-<b>1<\/b>\)/);
    // Still in the browser (nothing opened), and the good run opens.
    expect(screen.getByRole('main', { name: 'Run browser' })).toBeInTheDocument();
    await user.click(within(runGrid()).getByRole('row', { name: /good-1/ }));
    await waitFor(() => expect(screen.queryByRole('main', { name: 'Run browser' })).toBeNull());
    expect(await findRuns(1)).toHaveLength(1);
  });
});
