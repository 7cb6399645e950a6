// @vitest-environment jsdom
// The run browser's query in the URL hash: written as it changes (replaceState),
// and restored when the store the hash names is opened again (a reload with
// the same file).
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, resetAfterTest } from '../shell/helpers.tsx';
import { expectCount, listedIds, openStoreFile, storeFile } from './helpers.tsx';

afterEach(resetAfterTest);

describe('run browser and the URL hash', () => {
  it('writes the store and the query into the hash', async () => {
    const { user } = renderApp();
    await openStoreFile(user, storeFile('sqlite-histories.db'), 6);
    await user.click(screen.getByRole('button', { name: 'Has failures' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Metadata key' }), 'tenant_id');
    await user.type(screen.getByRole('textbox', { name: 'Metadata value' }), 'acme');
    await waitFor(() =>
      expect(window.location.hash).toBe(
        '#store=sqlite-histories.db&view=runs&failures=with&meta=tenant_id%3Dacme',
      ),
    );
  });

  it('restores the query once the named store is opened', async () => {
    const { user } = renderApp('/#store=sqlite-histories.db&view=runs&fsm=log_ingest&sort=steps&order=asc');
    await openStoreFile(user, storeFile('sqlite-histories.db'), 0);
    await expectCount('1 of 6 runs');
    expect(screen.getByRole('combobox', { name: 'FSM' })).toHaveValue('log_ingest');
    expect(screen.getByRole('columnheader', { name: /Steps/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(await listedIds(1)).toEqual(['ingest-0042']);
    // A store of another name does not take the hash's query.
    expect(window.location.hash).toContain('fsm=log_ingest');
  });
});
