// The zustand store's actions call the pure transitions, and resetStores()
// puts every store and the run registry back to the start.
import { beforeEach, describe, expect, it } from 'vitest';
import { INITIAL_STATE } from '../../src/store/explorerState.ts';
import { useExplorerStore } from '../../src/store/explorerStore.ts';
import { useLoadingStore } from '../../src/store/loadingStore.ts';
import { resetStores } from '../../src/store/resetStores.ts';
import { getRun, registerRun } from '../../src/store/runRegistry.ts';
import { getFilterResult } from '../../src/store/selectors.ts';
import { fakeRun } from './fakeRun.ts';

beforeEach(resetStores);

describe('explorer store actions', () => {
  it('runs, selection, collapse, filters, resources and errors go through the actions', () => {
    const st = () => useExplorerStore.getState();
    st().addRuns(['a#0', 'b#0']);
    expect(st().activeRunId).toBe('a#0');
    st().selectStep(2);
    st().toggleCollapsed(1);
    st().setFilters({ statuses: ['failed'] });
    st().highlightResource('llm');
    st().addLoadError('bad.json', 'bad.json: broken');
    expect(st().selectedStep).toBe(2);
    expect([...(st().collapsed['a#0'] ?? [])]).toEqual([1]);
    expect(st().filters.statuses).toEqual(['failed']);
    expect(st().highlightedResource).toBe('llm');
    expect(st().loadErrors[0]?.fileName).toBe('bad.json');

    st().setActiveRun('b#0');
    expect(st().selectedStep).toBe(-1);
    st().setCollapsed([4, 5]);
    expect(st().collapsed['b#0']?.size).toBe(2);
    st().closeRun('b#0');
    expect(st().activeRunId).toBe('a#0');
    st().clearFilters();
    expect(st().filters.statuses).toEqual([]);
    st().dismissLoadError(st().loadErrors[0]?.id ?? -1);
    expect(st().loadErrors).toEqual([]);
  });

  it('resetStores clears every store and the run registry', () => {
    registerRun(fakeRun('x.json#0', [{ stateName: 'start' }]));
    useExplorerStore.getState().addRuns(['x.json#0']);
    useLoadingStore.getState().startJob('read', [{ name: 'x.json', totalBytes: 10 }]);
    resetStores();
    const s = useExplorerStore.getState();
    expect(s.runIds).toEqual(INITIAL_STATE.runIds);
    expect(s.activeRunId).toBeNull();
    expect(useLoadingStore.getState().jobs).toEqual([]);
    expect(getRun('x.json#0')).toBeUndefined();
  });
});

describe('getFilterResult', () => {
  it('is memoised on the run and filters objects', () => {
    const run = fakeRun('m.json#0', [
      { stateName: 'start' },
      { stateName: 'work', status: 'failed', parent: 0 },
      { stateName: 'other', parent: 0 },
    ]);
    const filters = { ...INITIAL_STATE.filters, statuses: ['failed'] };
    const r = getFilterResult(run, filters);
    expect(getFilterResult(run, filters)).toBe(r);
    expect(r.matchCount).toBe(1);
    // the ancestor of the match is kept, the sibling is not
    expect([...r.keep]).toEqual([1, 1, 0]);
  });
});
