// @vitest-environment jsdom
// The run browser on the real store (sqlite-histories.db, written by
// UnifiedDatabaseStorage): a store opens the browser by itself; each filter
// narrows the list (the store answers the query in SQL); "Clear filters"
// brings every run back; sorting by a header changes the order.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, resetAfterTest } from '../shell/helpers.tsx';
import { browserView, expectCount, listedIds, openStoreFile, runGrid, storeFile } from './helpers.tsx';

afterEach(resetAfterTest);

const ALL_BY_START_DESC = [
  'batch-17',
  'b1e2c3d4-0000-4000-8000-000000000001',
  'ingest-0042',
  'inv-2025-0917',
  'etl-2025-09-20-001',
  'conv-7f3a',
];

describe('run browser on sqlite-histories.db', () => {
  it('opens by itself with the store, its table and every run, newest first', async () => {
    const { user } = renderApp();
    await openStoreFile(user, storeFile('sqlite-histories.db'), 6);
    const store = within(browserView()).getByRole('region', { name: 'Store' });
    expect(store).toHaveTextContent('sqlite-histories.db');
    expect(store).toHaveTextContent('records');
    expect(store).toHaveTextContent('45 rows: 5 histories, 40 step rows');
    expect(screen.getByRole('button', { name: 'Run browser' })).toHaveAttribute('aria-pressed', 'true');
    expect(await listedIds(6)).toEqual(ALL_BY_START_DESC);

    const conv = within(runGrid()).getByRole('row', { name: /conv-7f3a/ });
    expect(conv).toHaveTextContent('support_agent');
    expect(conv).toHaveTextContent('1 failed');
    expect(conv).toHaveTextContent('history + 10 step rows');
    expect(conv).toHaveTextContent('tenant_id=acme');
    expect(conv).toHaveTextContent('user.id=u-311');
    expect(conv).toHaveTextContent('2025-09-20 20:26:40');
    const batch = within(runGrid()).getByRole('row', { name: /batch-17/ });
    expect(batch).toHaveTextContent('steps only');
    expect(batch).toHaveTextContent('worker_pool=w-eu-1');
    const open = within(runGrid()).getByRole('row', { name: /b1e2c3d4/ });
    expect(open).toHaveTextContent('in_progress');
  });

  it('"Has failures" narrows to conv-7f3a and a second press brings all runs back', async () => {
    const { user } = renderApp();
    await openStoreFile(user, storeFile('sqlite-histories.db'), 6);
    const toggle = screen.getByRole('button', { name: 'Has failures' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expectCount('1 of 6 runs');
    expect(await listedIds(1)).toEqual(['conv-7f3a']);
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expectCount('6 of 6 runs');
    expect(await listedIds(6)).toEqual(ALL_BY_START_DESC);
  });

  it('metadata tenant_id = globex gives ingest-0042; a second condition narrows further', async () => {
    const { user } = renderApp();
    await openStoreFile(user, storeFile('sqlite-histories.db'), 6);
    const key = screen.getByRole('combobox', { name: 'Metadata key' });
    // The keys come from the store, with how many runs have each.
    await within(key).findByRole('option', { name: 'tenant_id (4)' });
    await user.selectOptions(key, 'tenant_id');
    await user.type(screen.getByRole('textbox', { name: 'Metadata value' }), 'globex');
    await expectCount('1 of 6 runs');
    expect(await listedIds(1)).toEqual(['ingest-0042']);

    await user.clear(screen.getByRole('textbox', { name: 'Metadata value' }));
    await user.type(screen.getByRole('textbox', { name: 'Metadata value' }), 'acme');
    await expectCount('3 of 6 runs');
    await user.click(screen.getByRole('button', { name: 'Add condition' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Metadata key 2' }), 'user.plan');
    await user.type(screen.getByRole('textbox', { name: 'Metadata value 2' }), 'pro');
    await expectCount('1 of 6 runs');
    expect(await listedIds(1)).toEqual(['conv-7f3a']);
    await user.click(screen.getByRole('button', { name: 'Remove metadata condition 2' }));
    await expectCount('3 of 6 runs');
  });

  it('fsm name (with counts), status, text in ids and the start range each narrow; Clear filters undoes all', async () => {
    const { user } = renderApp();
    await openStoreFile(user, storeFile('sqlite-histories.db'), 6);
    const fsm = screen.getByRole('combobox', { name: 'FSM' });
    await within(fsm).findByRole('option', { name: 'log_ingest (1)' });
    await user.selectOptions(fsm, 'log_ingest');
    await expectCount('1 of 6 runs');
    expect(await listedIds(1)).toEqual(['ingest-0042']);
    await user.selectOptions(fsm, '');
    await expectCount('6 of 6 runs');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'in_progress');
    await expectCount('1 of 6 runs');
    expect(await listedIds(1)).toEqual(['b1e2c3d4-0000-4000-8000-000000000001']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), '');

    await user.type(screen.getByRole('searchbox', { name: 'Text in ids' }), 'INV-2025');
    await expectCount('1 of 6 runs');
    expect(await listedIds(1)).toEqual(['inv-2025-0917']);
    await user.clear(screen.getByRole('searchbox', { name: 'Text in ids' }));
    await expectCount('6 of 6 runs');

    // Starts are 20:26:40 (conv-7f3a) to 21:17:03 (batch-17) UTC on 2025-09-20.
    fireEvent.change(screen.getByLabelText('Start from (UTC)'), { target: { value: '2025-09-20T20:40' } });
    fireEvent.change(screen.getByLabelText('Start until (UTC)'), { target: { value: '2025-09-20T21:06' } });
    await expectCount('3 of 6 runs');
    expect(await listedIds(3)).toEqual([
      'b1e2c3d4-0000-4000-8000-000000000001',
      'ingest-0042',
      'inv-2025-0917',
    ]);

    await user.click(screen.getByRole('button', { name: 'Has failures' }));
    await expectCount('0 of 6 runs');
    expect(screen.getByText(/No run matches these filters/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await expectCount('6 of 6 runs');
    expect(screen.getByRole('button', { name: 'Has failures' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByLabelText('Start from (UTC)')).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Clear filters' })).toBeDisabled();
  });

  it('a header click sorts by that column (in the store), a second click reverses it', async () => {
    const { user } = renderApp();
    await openStoreFile(user, storeFile('sqlite-histories.db'), 6);
    const header = () => within(runGrid()).getByRole('columnheader', { name: /Steps/ });
    expect(header()).toHaveAttribute('aria-sort', 'none');
    await user.click(within(header()).getByRole('button'));
    expect(header()).toHaveAttribute('aria-sort', 'descending');
    // Steps: ingest 15, conv 10, etl 6, inv 5, b1e2 5, batch 4 (ties by the store's key order).
    const desc = await listedIds(6);
    expect(desc.slice(0, 3)).toEqual(['ingest-0042', 'conv-7f3a', 'etl-2025-09-20-001']);
    expect(desc.at(-1)).toBe('batch-17');
    expect(within(runGrid()).getByRole('columnheader', { name: /Start/ })).toHaveAttribute(
      'aria-sort',
      'none',
    );

    await user.click(within(header()).getByRole('button'));
    expect(header()).toHaveAttribute('aria-sort', 'ascending');
    await waitForFirst('batch-17');
    expect((await listedIds(6)).at(-1)).toBe('ingest-0042');

    // Enter on a header's button sorts too.
    within(runGrid()).getByRole('columnheader', { name: /FSM/ }).querySelector('button')?.focus();
    await user.keyboard('{Enter}');
    expect(within(runGrid()).getByRole('columnheader', { name: /FSM/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    // fsm names A to Z; batch-17 has none (steps only) and comes last.
    await waitForFirst('etl-2025-09-20-001');
    expect((await listedIds(6)).at(-1)).toBe('batch-17');
  });
});

async function waitForFirst(id: string): Promise<void> {
  await waitFor(async () => expect((await listedIds(6))[0]).toBe(id), { timeout: 10000 });
}
