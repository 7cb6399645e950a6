// The counts the filter groups offer: every value of the four filterable
// fields with how many steps have it, most frequent first (ties by name).
import { describe, expect, it } from 'vitest';
import { fieldValueCounts } from '../../src/model/filter.ts';
import { history, loadValue, okRuns, step } from './helpers.ts';

describe('fieldValueCounts', () => {
  it('counts values that come in runs and values that come back later', async () => {
    // States: fetch x3 (two apart), store x2, plan x1; statuses and networks interleave.
    const s = [
      step('a', 'plan'),
      step('b', 'fetch', { status: 'failed', network_name: 'sub' }),
      step('c', 'fetch'),
      step('d', 'store', { data_mode: 'reference' }),
      step('e', 'fetch', { status: 'failed' }),
      step('f', 'store', { network_name: 'sub', status: 'running' }),
    ];
    const [run] = okRuns(
      await loadValue(
        history([
          [s[0]!, s[1]!, s[2]!, s[3]!],
          [s[0]!, s[4]!, s[5]!],
        ]),
      ),
    );
    const counts = fieldValueCounts(run!);
    expect(counts.stateName).toEqual([
      { value: 'fetch', count: 3 },
      { value: 'store', count: 2 },
      { value: 'plan', count: 1 },
    ]);
    expect(counts.status).toEqual([
      { value: 'completed', count: 3 },
      { value: 'failed', count: 2 },
      { value: 'running', count: 1 },
    ]);
    expect(counts.networkName).toEqual([
      { value: 'main', count: 4 },
      { value: 'sub', count: 2 },
    ]);
    expect(counts.dataMode).toEqual([
      { value: 'copy', count: 5 },
      { value: 'reference', count: 1 },
    ]);
  });

  it('gives empty lists for a run without steps', async () => {
    const [run] = okRuns(await loadValue(history([])));
    expect(fieldValueCounts(run!)).toEqual({ stateName: [], dataMode: [], status: [], networkName: [] });
  });
});
