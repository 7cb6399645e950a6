// @vitest-environment jsdom
// The filter bar: the state combobox (typing and keys), status / data mode /
// network toggles with their counts, "Failed only", "Clear filters", dim vs
// hide, and the live "N of M steps" count.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import { usePreferencesStore } from '../../../src/store/preferencesStore.ts';
import { findRuns, fixtureFile, openFiles, renderApp, resetAfterTest } from './helpers.tsx';

afterEach(resetAfterTest);

const count = () => screen.getByText(/\d+ of [\d,]+ steps/);
const combobox = () => screen.getByRole('combobox', { name: 'Filter by state' });
const group = (name: string) => screen.getByRole('group', { name });

async function openLlm() {
  const r = renderApp();
  await openFiles(r.user, [fixtureFile('llm-branching.json')]);
  await findRuns(1);
  await waitFor(() => expect(count()).toHaveTextContent('10 of 10 steps'));
  return r;
}

describe('live count', () => {
  it('uses thousands separators and is announced politely', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('fanout-2k.json')]);
    await findRuns(1);
    await waitFor(() => expect(count()).toHaveTextContent('1,809 of 1,809 steps'));
    expect(count()).toHaveAttribute('aria-live', 'polite');
    await user.type(combobox(), 'enrich');
    expect(count()).toHaveTextContent('568 of 1,809 steps');
    await user.click(screen.getByRole('button', { name: 'Failed only' }));
    expect(count()).toHaveTextContent('0 of 1,809 steps');
    await user.clear(combobox());
    expect(count()).toHaveTextContent('32 of 1,809 steps');
  });
});

describe('Filter by state', () => {
  it('typing filters by substring; the list shows matching names with counts', async () => {
    const { user } = await openLlm();
    await user.type(combobox(), 'draft');
    expect(count()).toHaveTextContent('2 of 10 steps');
    expect(combobox()).toHaveAttribute('aria-expanded', 'true');
    const list = screen.getByRole('listbox', { name: 'State names' });
    const options = within(list).getAllByRole('option');
    expect(options).toHaveLength(1);
    expect(options[0]).toHaveTextContent(/draft_answer\s*2/);
  });

  it('Down, Enter picks a name; Escape closes the list and never removes the filter applied', async () => {
    const { user } = await openLlm();
    await user.click(combobox());
    await user.keyboard('{Escape}');
    await user.keyboard('{ArrowDown}');
    expect(combobox()).toHaveAttribute('aria-expanded', 'true');
    const options = within(screen.getByRole('listbox', { name: 'State names' })).getAllByRole('option');
    expect(options.length).toBeGreaterThan(2);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(combobox()).toHaveAttribute('aria-activedescendant', options[0]!.id);
    await user.keyboard('{ArrowDown}');
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    const second = options[1]!.querySelector('.combo__name')?.textContent ?? '';
    await user.keyboard('{Enter}');
    expect(combobox()).toHaveValue(second);
    expect(combobox()).toHaveAttribute('aria-expanded', 'false');
    expect(useExplorerStore.getState().filters.stateQuery).toBe(second);

    await user.keyboard('{ArrowDown}');
    expect(combobox()).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{Escape}');
    expect(combobox()).toHaveAttribute('aria-expanded', 'false');
    expect(combobox()).toHaveValue(second);
    const filtered = count().textContent;
    expect(filtered).not.toBe('10 of 10 steps');
    // Escape again, with the list closed: the filter just applied stays.
    await user.keyboard('{Escape}');
    expect(combobox()).toHaveValue(second);
    expect(useExplorerStore.getState().filters.stateQuery).toBe(second);
    expect(count()).toHaveTextContent(filtered ?? '');
    // The ✕ button is what clears it.
    await user.click(screen.getByRole('button', { name: 'Clear state filter' }));
    expect(combobox()).toHaveValue('');
    expect(count()).toHaveTextContent('10 of 10 steps');
  });

  it('Escape after typing a filter keeps it', async () => {
    const { user } = await openLlm();
    await user.click(combobox());
    await user.keyboard('draft');
    expect(count()).toHaveTextContent('2 of 10 steps');
    await user.keyboard('{Escape}'); // closes the suggestions
    await user.keyboard('{Escape}');
    expect(combobox()).toHaveValue('draft');
    expect(combobox()).toHaveAttribute('aria-expanded', 'false');
    expect(count()).toHaveTextContent('2 of 10 steps');
  });

  it('"/" focuses the state filter', async () => {
    const { user } = await openLlm();
    await user.click(document.body);
    await user.keyboard('/');
    expect(combobox()).toHaveFocus();
  });
});

describe('toggle groups', () => {
  it('status buttons show their counts and combine with each other', async () => {
    const { user } = await openLlm();
    const status = group('Status');
    const failed = within(status).getByRole('button', { name: /^failed\b/ });
    const skipped = within(status).getByRole('button', { name: /^skipped\b/ });
    expect(failed).toHaveTextContent('failed 1');
    expect(skipped).toHaveTextContent('skipped 2');
    expect(failed).toHaveAttribute('aria-pressed', 'false');
    await user.click(failed);
    expect(failed).toHaveAttribute('aria-pressed', 'true');
    expect(count()).toHaveTextContent('1 of 10 steps');
    await user.click(skipped);
    expect(count()).toHaveTextContent('3 of 10 steps');
    await user.click(failed);
    expect(count()).toHaveTextContent('2 of 10 steps');
  });

  it('data mode and network groups filter too', async () => {
    const { user } = await openLlm();
    const mode = within(group('Data mode')).getByRole('button', { name: /^reference\b/ });
    expect(mode).toHaveTextContent('reference 10');
    const rag = within(group('Network')).getByRole('button', { name: /^rag\b/ });
    expect(rag).toHaveTextContent('rag 2');
    await user.click(within(group('Network')).getByRole('button', { name: /^main\b/ }));
    expect(count()).toHaveTextContent('8 of 10 steps');
    await user.click(mode);
    expect(count()).toHaveTextContent('8 of 10 steps');
    await user.click(rag);
    expect(count()).toHaveTextContent('10 of 10 steps');
    expect(useExplorerStore.getState().filters).toMatchObject({
      dataModes: ['reference'],
      networks: ['main', 'rag'],
    });
  });
});

describe('Failed only, Clear filters, Hide non-matching', () => {
  it('"Failed only" sets statuses to failed in one click; "Clear filters" resets all', async () => {
    const { user } = await openLlm();
    const clear = screen.getByRole('button', { name: 'Clear filters' });
    expect(clear).toBeDisabled();
    await user.type(combobox(), 'a');
    await user.click(within(group('Status')).getByRole('button', { name: /^skipped\b/ }));
    await user.click(screen.getByRole('button', { name: 'Failed only' }));
    expect(useExplorerStore.getState().filters.statuses).toEqual(['failed']);
    expect(screen.getByRole('button', { name: 'Failed only' })).toHaveAttribute('aria-pressed', 'true');
    expect(count()).toHaveTextContent('1 of 10 steps');
    await user.click(clear);
    expect(count()).toHaveTextContent('10 of 10 steps');
    expect(combobox()).toHaveValue('');
    expect(within(group('Status')).getByRole('button', { name: /^failed\b/ })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });

  it('"Failed only" is a toggle: a second click, or Space, switches it off again', async () => {
    const { user } = await openLlm();
    const failedOnly = () => screen.getByRole('button', { name: 'Failed only' });
    await user.type(combobox(), 'draft');
    await user.click(failedOnly());
    expect(failedOnly()).toHaveAttribute('aria-pressed', 'true');
    expect(count()).toHaveTextContent('1 of 10 steps');
    await user.click(failedOnly());
    expect(failedOnly()).toHaveAttribute('aria-pressed', 'false');
    expect(useExplorerStore.getState().filters.statuses).toEqual([]);
    // Only the status filter went: the state filter typed before stays.
    expect(count()).toHaveTextContent('2 of 10 steps');
    failedOnly().focus();
    await user.keyboard(' ');
    expect(failedOnly()).toHaveAttribute('aria-pressed', 'true');
    expect(count()).toHaveTextContent('1 of 10 steps');
    await user.keyboard(' ');
    expect(failedOnly()).toHaveAttribute('aria-pressed', 'false');
    expect(count()).toHaveTextContent('2 of 10 steps');
  });

  it('"Hide non-matching" switches dim to hide, is remembered, and survives "Clear filters"', async () => {
    const { user } = await openLlm();
    const hide = screen.getByRole('checkbox', { name: 'Hide non-matching' });
    expect(hide).not.toBeChecked();
    await user.click(hide);
    expect(hide).toBeChecked();
    expect(useExplorerStore.getState().filters.hideNonMatching).toBe(true);
    expect(usePreferencesStore.getState().hideNonMatching).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Failed only' }));
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(hide).toBeChecked();
  });
});

describe('an empty run', () => {
  it('shows no filter headings without values (no Status, Data mode or Network group)', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('empty.json')]);
    await findRuns(1);
    await waitFor(() => expect(count()).toHaveTextContent('0 of 0 steps'));
    const filters = screen.getByRole('region', { name: 'Filters' });
    expect(within(filters).queryAllByRole('group')).toEqual([]);
    for (const heading of ['Status', 'Data mode', 'Network']) {
      expect(within(filters).queryByText(heading)).toBeNull();
    }
  });
});
