// @vitest-environment jsdom
// "Run summary": identity, times, counters with the producer's value shown
// where it differs, open/pruned badges and warnings.
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatTimeOfDay, formatTimestamp, sameUtcDay } from '../../../src/features/shared-ui/format.ts';
import {
  findRuns,
  fixtureFile,
  makeHistory,
  openFiles,
  renderApp,
  resetAfterTest,
  textFile,
} from './helpers.tsx';

afterEach(() => {
  resetAfterTest();
  vi.restoreAllMocks();
});

const summary = () => screen.getByRole('region', { name: 'Run summary' });

/** The <dd> beside the <dt> with this label. */
function summaryValue(label: string): HTMLElement {
  const dt = within(summary()).getByText(label, { selector: 'dt' });
  const dd = dt.nextElementSibling;
  if (!(dd instanceof HTMLElement)) throw new Error(`no value for ${label}`);
  return dd;
}

describe('summary times', () => {
  it('shows UTC timestamps, and only the time of day for an end on the same UTC day', () => {
    const start = Date.UTC(2025, 8, 20, 20, 26, 45, 436) / 1000;
    expect(formatTimestamp(start)).toBe('2025-09-20 20:26:45.436 UTC');
    expect(formatTimeOfDay(start)).toBe('20:26:45.436');
    expect(sameUtcDay(start, start + 3600)).toBe(true);
    expect(sameUtcDay(start, start + 4 * 3600)).toBe(false);
    expect(formatTimeOfDay(Number.NaN)).toBe('NaN');
  });
});

describe('Run summary', () => {
  it('shows identity, times with exact seconds in the title, and counters', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('llm-branching.json')]);
    await findRuns(1);
    expect(summary()).toHaveTextContent('support_agent');
    expect(summaryValue('Execution id')).toHaveTextContent('conv-7f3a');
    expect(summaryValue('Data mode')).toHaveTextContent('reference');
    expect(summaryValue('Start')).toHaveTextContent(formatTimestamp(1758400005.4359996));
    expect(within(summaryValue('Start')).getByText(formatTimestamp(1758400005.4359996))).toHaveAttribute(
      'title',
      expect.stringContaining('1758400005.4359996 seconds'),
    );
    expect(summaryValue('Duration')).toHaveTextContent('7.25 s');
    expect(summaryValue('Steps')).toHaveTextContent('10');
    expect(summaryValue('Failed')).toHaveTextContent('1');
    expect(summaryValue('Skipped')).toHaveTextContent('2');
    expect(summaryValue('Tree depth')).toHaveTextContent('7');
    expect(summaryValue('Paths')).toHaveTextContent('4');
    // producer and recount agree here: nothing is marked
    expect(within(summary()).queryByText(/file says/)).toBeNull();
  });

  it('marks counters where the file’s summary disagrees with the steps', async () => {
    const { user } = renderApp();
    const text = makeHistory(
      'miscount',
      'mc-1',
      [
        { id: 's1', state: 'start' },
        { id: 's2', parent: 's1', state: 'work', status: 'failed' },
      ],
      { total_steps: 99, failed_steps: 0 },
    );
    await openFiles(user, [textFile('miscount.json', text)]);
    await findRuns(1);
    expect(summaryValue('Steps')).toHaveTextContent('2');
    expect(summaryValue('Steps')).toHaveTextContent('file says 99');
    expect(summaryValue('Failed')).toHaveTextContent('1');
    expect(summaryValue('Failed')).toHaveTextContent('file says 0');
    expect(summaryValue('Skipped')).not.toHaveTextContent('file says');
  });

  it('an open run says "open" for its end and shows the open badge', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('advanced-open-run.json')]);
    await findRuns(1);
    expect(summaryValue('End')).toHaveTextContent('open');
    expect(within(summary()).getByText('open run')).toBeInTheDocument();
  });

  it('a pruned run shows the pruned badge and lists its warnings as text', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('direct-pruned.json')]);
    await findRuns(1);
    expect(within(summary()).getByText('pruned tree')).toBeInTheDocument();
    const warnings = within(summary()).getAllByRole('listitem');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.some((w) => /prun/i.test(w.textContent ?? ''))).toBe(true);
  });
});

describe('Run summary body', () => {
  it('is a named Tab stop while its content overflows (so the keyboard can scroll it), a plain box when it fits', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('llm-branching.json')]);
    await findRuns(1);
    // jsdom lays nothing out: everything fits, so no extra Tab stop.
    expect(within(summary()).queryByRole('group')).toBeNull();
    expect(summary().querySelector('[tabindex]')).toBeNull();
    resetAfterTest();

    // Content taller than its box, as in a short window.
    vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(280);
    const second = renderApp();
    await openFiles(second.user, [fixtureFile('llm-branching.json')]);
    await findRuns(1);
    const body = within(summary()).getByRole('group', { name: 'Run summary' });
    expect(body).toHaveAttribute('tabindex', '0');
    expect(body).toHaveTextContent('conv-7f3a');
  });
});
