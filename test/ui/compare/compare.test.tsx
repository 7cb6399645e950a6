// @vitest-environment jsdom
// The compare view in the whole app: "Compare" in the header once two runs
// are loaded; choose A and B; the facts, the new failure, the differences in
// order (a button shows the step in the explorer), both runs as one tree with
// marks, the states that changed; Swap; the pair in the URL hash.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { findRuns, makeHistory, openFiles, renderApp, resetAfterTest, textFile } from '../shell/helpers.tsx';

afterEach(resetAfterTest);

const steps = (failed: boolean) => [
  { id: 's1', state: 'start' },
  { id: 's2', state: 'call_llm', parent: 's1' },
  { id: 's3', state: 'validate', parent: 's2', ...(failed ? { status: 'failed' } : {}) },
];

async function loadPair() {
  const app = renderApp();
  await openFiles(app.user, [
    textFile('good.json', makeHistory('agent', 'good-1', steps(false))),
    textFile(
      'bad.json',
      makeHistory('agent', 'bad-1', [...steps(true), { id: 's4', state: 'retry', parent: 's3' }]),
    ),
  ]);
  await findRuns(2);
  return app;
}

const view = () => screen.getByRole('main', { name: 'Compare runs' });

describe('compare two runs', () => {
  it('shows what changed from A to B, and a difference opens its step in the explorer', async () => {
    const { user } = await loadPair();
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    expect(screen.getByRole('button', { name: 'Compare' })).toHaveAttribute('aria-pressed', 'true');
    await user.selectOptions(
      within(view()).getByRole('combobox', { name: 'Run A (reference)' }),
      'good.json#0',
    );
    await user.selectOptions(within(view()).getByRole('combobox', { name: 'Run B' }), 'bad.json#0');
    expect(view()).toHaveTextContent('3 steps matched, 0 only in A, 1 only in B; 2 differences');
    expect(view()).toHaveTextContent('1 new failure in B: validate');

    const diffs = within(view()).getByRole('region', { name: 'Differences' });
    const buttons = within(diffs).getAllByRole('button');
    expect(buttons[0]).toHaveTextContent('status');
    expect(buttons[0]).toHaveTextContent('start › call_llm › validate');
    expect(buttons[0]).toHaveTextContent('completed → failed');
    expect(buttons[1]).toHaveTextContent('only in B');
    expect(buttons[1]).toHaveTextContent('start › call_llm › validate › retry');

    const tree = within(view()).getByRole('region', { name: 'Merged step tree' });
    const rows = within(tree).getAllByRole('button');
    expect(rows.map((r) => r.textContent?.match(/(same|changed|only in B|only in A)/)?.[1])).toEqual([
      'same',
      'same',
      'changed',
      'only in B',
    ]);
    const states = within(view()).getByRole('table', { name: 'States in A and B' });
    expect(
      within(states)
        .getByRole('rowheader', { name: /validate/ })
        .closest('tr'),
    ).toHaveTextContent('0 → 1');

    await waitFor(() => expect(window.location.hash).toContain('compare=good.json%230,bad.json%230'));

    await user.click(buttons[0]!);
    await waitFor(() => expect(screen.queryByRole('main', { name: 'Compare runs' })).toBeNull());
    const details = screen.getByRole('region', { name: 'Step details' });
    expect(details).toHaveTextContent('validate');
    expect(details).toHaveTextContent('failed');
    expect(screen.getByRole('region', { name: 'Run summary' })).toHaveTextContent('bad-1');
  });

  it('Swap turns the comparison round: no new failures the other way', async () => {
    const { user } = await loadPair();
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    await user.selectOptions(
      within(view()).getByRole('combobox', { name: 'Run A (reference)' }),
      'good.json#0',
    );
    await user.selectOptions(within(view()).getByRole('combobox', { name: 'Run B' }), 'bad.json#0');
    await user.click(within(view()).getByRole('button', { name: 'Swap A and B' }));
    expect(within(view()).getByRole('combobox', { name: 'Run A (reference)' })).toHaveValue('bad.json#0');
    expect(view()).toHaveTextContent('No new failures in B.');
    expect(view()).toHaveTextContent('1 only in A, 0 only in B');
  });

  it('is offered only once two runs are loaded', async () => {
    const { user } = renderApp();
    await openFiles(user, [textFile('one.json', makeHistory('agent', 'one', steps(false)))]);
    await findRuns(1);
    expect(screen.queryByRole('button', { name: 'Compare' })).toBeNull();
  });
});
