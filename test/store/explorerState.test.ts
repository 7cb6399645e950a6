// Every pure transition of the explorer state, on its own.
import { describe, expect, it } from 'vitest';
import * as T from '../../src/store/explorerState.ts';

const withRuns = (...ids: string[]) => T.addRuns(T.INITIAL_STATE, ids);

describe('addRuns', () => {
  it('adds ids in order and makes the first one active when none is', () => {
    const s = withRuns('a#0', 'b#0');
    expect(s.runIds).toEqual(['a#0', 'b#0']);
    expect(s.activeRunId).toBe('a#0');
    expect(s.selectedStep).toBe(-1);
  });

  it('keeps the active run and the selection when more runs arrive', () => {
    const s = T.selectStep(withRuns('a#0'), 3);
    const next = T.addRuns(s, ['b#0']);
    expect(next.activeRunId).toBe('a#0');
    expect(next.selectedStep).toBe(3);
    expect(next.runIds).toEqual(['a#0', 'b#0']);
  });

  it('ignores ids already present and returns the same state when nothing is new', () => {
    const s = withRuns('a#0');
    expect(T.addRuns(s, ['a#0'])).toBe(s);
    expect(T.addRuns(s, ['a#0', 'c#0']).runIds).toEqual(['a#0', 'c#0']);
  });
});

describe('setActiveRun', () => {
  it('switches run and clears the selection and the highlighted resource', () => {
    let s = withRuns('a#0', 'b#0');
    s = T.highlightResource(T.selectStep(s, 2), 'llm');
    const next = T.setActiveRun(s, 'b#0');
    expect(next.activeRunId).toBe('b#0');
    expect(next.selectedStep).toBe(-1);
    expect(next.highlightedResource).toBeNull();
  });

  it('ignores unknown ids and the already active run', () => {
    const s = withRuns('a#0');
    expect(T.setActiveRun(s, 'zzz')).toBe(s);
    expect(T.setActiveRun(s, 'a#0')).toBe(s);
  });
});

describe('closeRun', () => {
  it('closing the active run activates the run that took its place', () => {
    let s = withRuns('a#0', 'b#0', 'c#0');
    s = T.setActiveRun(s, 'b#0');
    s = T.toggleCollapsed(s, 4);
    const next = T.closeRun(s, 'b#0');
    expect(next.runIds).toEqual(['a#0', 'c#0']);
    expect(next.activeRunId).toBe('c#0');
    expect(next.collapsed['b#0']).toBeUndefined();
  });

  it('closing the last run in the list activates the one before it', () => {
    const s = T.setActiveRun(withRuns('a#0', 'b#0'), 'b#0');
    expect(T.closeRun(s, 'b#0').activeRunId).toBe('a#0');
  });

  it('closing the only run leaves nothing active', () => {
    const next = T.closeRun(withRuns('a#0'), 'a#0');
    expect(next.runIds).toEqual([]);
    expect(next.activeRunId).toBeNull();
    expect(next.selectedStep).toBe(-1);
  });

  it('closing another run keeps the active run and its selection', () => {
    const s = T.selectStep(withRuns('a#0', 'b#0'), 5);
    const next = T.closeRun(s, 'b#0');
    expect(next.activeRunId).toBe('a#0');
    expect(next.selectedStep).toBe(5);
  });

  it('ignores unknown ids', () => {
    const s = withRuns('a#0');
    expect(T.closeRun(s, 'nope')).toBe(s);
  });
});

describe('selection and collapse', () => {
  it('selectStep sets the index and returns the same state for the same index', () => {
    const s = T.selectStep(withRuns('a#0'), 7);
    expect(s.selectedStep).toBe(7);
    expect(T.selectStep(s, 7)).toBe(s);
    expect(T.selectStep(s, -1).selectedStep).toBe(-1);
  });

  it('toggleCollapsed adds then removes an index, per active run', () => {
    let s = withRuns('a#0', 'b#0');
    s = T.toggleCollapsed(s, 2);
    expect([...(s.collapsed['a#0'] ?? [])]).toEqual([2]);
    s = T.setActiveRun(s, 'b#0');
    s = T.toggleCollapsed(s, 9);
    expect([...(s.collapsed['b#0'] ?? [])]).toEqual([9]);
    expect([...(s.collapsed['a#0'] ?? [])]).toEqual([2]);
    s = T.toggleCollapsed(s, 9);
    expect(s.collapsed['b#0']?.size).toBe(0);
  });

  it('toggleCollapsed and setCollapsed do nothing without an active run', () => {
    expect(T.toggleCollapsed(T.INITIAL_STATE, 1)).toBe(T.INITIAL_STATE);
    expect(T.setCollapsed(T.INITIAL_STATE, [1])).toBe(T.INITIAL_STATE);
  });

  it('setCollapsed replaces the set for the active run', () => {
    let s = T.toggleCollapsed(withRuns('a#0'), 1);
    s = T.setCollapsed(s, [3, 4]);
    expect([...(s.collapsed['a#0'] ?? [])].sort()).toEqual([3, 4]);
  });

  it('setRotated turns a run the other way and back, per run, and closing the run forgets it', () => {
    let s = T.setRotated(withRuns('a#0', 'b#0'), 'b#0', true);
    expect([...s.rotated]).toEqual(['b#0']);
    expect(T.setRotated(s, 'b#0', true)).toBe(s);
    expect([...T.setRotated(s, 'b#0', false).rotated]).toEqual([]);
    s = T.closeRun(s, 'b#0');
    expect(s.rotated.size).toBe(0);
  });
});

describe('filters', () => {
  it('setFilters merges a patch', () => {
    const s = T.setFilters(T.INITIAL_STATE, { statuses: ['failed'] });
    const t = T.setFilters(s, { stateQuery: 'draft' });
    expect(t.filters).toEqual({ ...T.EMPTY_FILTERS, statuses: ['failed'], stateQuery: 'draft' });
  });

  it('clearFilters empties every filter but keeps dim/hide', () => {
    const s = T.setFilters(T.INITIAL_STATE, {
      stateQuery: 'x',
      dataModes: ['copy'],
      statuses: ['failed'],
      networks: ['main'],
      hideNonMatching: true,
    });
    expect(T.clearFilters(s).filters).toEqual({ ...T.EMPTY_FILTERS, hideNonMatching: true });
  });
});

describe('highlightResource', () => {
  it('sets a type, and choosing it again clears it', () => {
    const s = T.highlightResource(T.INITIAL_STATE, 'llm');
    expect(s.highlightedResource).toBe('llm');
    expect(T.highlightResource(s, 'llm').highlightedResource).toBeNull();
    expect(T.highlightResource(s, 'database').highlightedResource).toBe('database');
    expect(T.highlightResource(s, null).highlightedResource).toBeNull();
  });
});

describe('load errors', () => {
  it('adds messages with increasing ids and dismisses one by id', () => {
    let s = T.addLoadError(T.INITIAL_STATE, 'bad.json', 'bad.json: line 1, column 2: oops');
    s = T.addLoadError(s, 'worse.json', 'worse.json: not a history');
    expect(s.loadErrors.map((e) => [e.id, e.fileName])).toEqual([
      [1, 'bad.json'],
      [2, 'worse.json'],
    ]);
    s = T.dismissLoadError(s, 1);
    expect(s.loadErrors.map((e) => e.fileName)).toEqual(['worse.json']);
    expect(T.addLoadError(s, 'c.json', 'c').loadErrors.at(-1)?.id).toBe(3);
  });
});
