// @vitest-environment jsdom
// "Stream progress": totals from the steps, one meter per streamed step with
// its stream position, and choosing a step selects it.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamPanel } from '../../../src/features/streams/StreamPanel.tsx';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import { activate, loadFixtureRun, resetStores } from './helpers.ts';
import { makeRun } from './makeRun.ts';

afterEach(() => {
  cleanup();
  resetStores();
});

const panel = () => screen.getByRole('region', { name: 'Stream progress' });

describe('StreamPanel', () => {
  it('shows the totals and the streamed steps of stream-direct.json', async () => {
    const user = userEvent.setup();
    const run = await loadFixtureRun('stream-direct.json');
    activate(run);
    render(<StreamPanel />);
    // 12 process_chunk steps: 11 x 5,000 records + 1,873 = 56,873 records, one chunk each.
    expect(within(panel()).getByText('Chunks').nextElementSibling).toHaveTextContent(/^12$/);
    expect(within(panel()).getByText('Records').nextElementSibling).toHaveTextContent(/^56,873$/);
    expect(within(panel()).getByText('Streams processed').nextElementSibling).toHaveTextContent(/^1$/);
    const list = within(panel()).getByRole('list', { name: 'Steps that streamed' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(12);
    const meters = within(list).getAllByRole('meter', { name: 'Records processed by process_chunk' });
    expect(meters).toHaveLength(12);
    expect(meters[0]).toHaveAttribute('aria-valuetext', '5,000 records, 100% of the most by one step');
    expect(meters[11]).toHaveAttribute('aria-valuetext', '1,873 records, 37% of the most by one step');
    // The position is the stream's offset; the file gives no unit, and the title says so.
    expect(items[11]).toHaveTextContent('1,873 records, 1 chunk, at offset 75,497,472');
    expect(within(items[11]!).getByText(', at offset 75,497,472')).toHaveAttribute(
      'title',
      "Stream position (the stream's offset; the file gives no unit)",
    );
    await user.click(within(items[2]!).getByRole('button', { name: 'process_chunk' }));
    const chosen = run.steps[useExplorerStore.getState().selectedStep];
    expect(chosen?.streamProgress).toEqual({ position: 18874368 });
    expect(items[2]).toHaveAttribute('aria-current', 'true');
  });

  it('says when nothing streamed, and compares producer totals', () => {
    const run = makeRun([{ state: 'a' }]);
    activate({
      ...run,
      producer: {
        fsmName: null,
        executionId: null,
        startTime: null,
        endTime: null,
        duration: null,
        totalSteps: 1,
        failedSteps: 0,
        skippedSteps: 0,
        completedSteps: 1,
        dataMode: null,
        treeDepth: null,
        totalPaths: null,
        resourceUsage: null,
        streamProgress: { total_chunks: 4, total_records: 0, streams_processed: 0 },
      },
    });
    render(<StreamPanel />);
    expect(within(panel()).getByText('No step in this run processed a stream.')).toBeInTheDocument();
    expect(within(panel()).getByText('Chunks').nextElementSibling).toHaveTextContent('0 (producer: 4)');
    expect(within(panel()).getByText('Records').nextElementSibling).toHaveTextContent(/^0$/);
  });
});
