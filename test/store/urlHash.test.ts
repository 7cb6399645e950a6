// The URL hash format: encode/decode round trips, odd input, and the bridges
// to and from the explorer state (step_id <-> step index).
import { describe, expect, it } from 'vitest';
import * as T from '../../src/store/explorerState.ts';
import {
  applyHash,
  decodeHash,
  EMPTY_HASH,
  encodeHash,
  hashFromExplorer,
  hashIsEmpty,
} from '../../src/store/urlHash.ts';
import { fakeRun } from './fakeRun.ts';

describe('encodeHash / decodeHash', () => {
  it('writes the contract format in a fixed key order', () => {
    const text = encodeHash({
      run: 'llm-branching.json#0',
      step: 'abc-1',
      stateQuery: 'draft answer',
      dataModes: ['copy', 'reference'],
      statuses: ['failed'],
      networks: ['main'],
      hide: true,
      rotate: true,
      drawing: 'timeline',
    });
    expect(text).toBe(
      'run=llm-branching.json%230&step=abc-1&state=draft%20answer&mode=copy,reference&status=failed&net=main&hide=1&rotate=1&drawing=timeline',
    );
  });

  it('keeps the timeline in the hash and gives the tree back for anything else', () => {
    expect(decodeHash('#drawing=timeline').drawing).toBe('timeline');
    expect(decodeHash('#drawing=pie').drawing).toBe('tree');
    expect(encodeHash({ ...EMPTY_HASH, drawing: 'tree' })).toBe('');
    const state = T.setDrawing(T.INITIAL_STATE, 'timeline');
    expect(hashFromExplorer(state, undefined).drawing).toBe('timeline');
    expect(applyHash(T.INITIAL_STATE, decodeHash('#drawing=timeline'), undefined).drawing).toBe('timeline');
  });

  it('round-trips values with separators and markup in them', () => {
    const h = {
      run: 'a&b=c.json#0~2',
      step: 'x,y',
      stateQuery: '<img src=x onerror=alert(1)>',
      dataModes: ['co,py'],
      statuses: ['in_progress', 'weird status'],
      networks: ['net#1', 'ü'],
      hide: false,
      rotate: false,
      drawing: 'tree' as const,
    };
    expect(decodeHash(`#${encodeHash(h)}`)).toEqual(h);
  });

  it('gives an empty string for an empty state and decodes "" to the empty state', () => {
    expect(encodeHash(EMPTY_HASH)).toBe('');
    expect(decodeHash('')).toEqual(EMPTY_HASH);
    expect(decodeHash('#')).toEqual(EMPTY_HASH);
    expect(hashIsEmpty(EMPTY_HASH)).toBe(true);
  });

  it('ignores unknown keys and empty values, and survives bad percent escapes', () => {
    const h = decodeHash('#foo=1&run=&status=failed,,skipped&state=%E0%A4%A&hide=maybe');
    expect(h.run).toBeNull();
    expect(h.statuses).toEqual(['failed', 'skipped']);
    expect(h.stateQuery).toBe('%E0%A4%A');
    expect(h.hide).toBeNull();
  });

  it('reads hide=0 as false, rotate=1 as true (anything else as false) and + as a space', () => {
    expect(decodeHash('hide=0').hide).toBe(false);
    expect(decodeHash('rotate=1').rotate).toBe(true);
    expect(decodeHash('rotate=yes').rotate).toBe(false);
    expect(decodeHash('state=a+b').stateQuery).toBe('a b');
  });
});

const run = fakeRun('r.json#0', [
  { stateName: 'start' },
  { stateName: 'work', parent: 0, status: 'failed' },
  { stateName: 'end', parent: 1 },
]);

describe('hashFromExplorer', () => {
  it('names the active run, the selected step by step_id, and the filters', () => {
    let s = T.addRuns(T.INITIAL_STATE, ['r.json#0']);
    s = T.selectStep(s, 1);
    s = T.setFilters(s, { statuses: ['failed'], hideNonMatching: true });
    expect(hashFromExplorer(s, run)).toEqual({
      run: 'r.json#0',
      step: 'r.json#0-step-1',
      stateQuery: '',
      dataModes: [],
      statuses: ['failed'],
      networks: [],
      hide: true,
      rotate: false,
      drawing: 'tree',
    });
    expect(hashFromExplorer(T.setRotated(s, 'r.json#0', true), run).rotate).toBe(true);
    // Another run rotated says nothing about this one.
    expect(hashFromExplorer(T.setRotated(s, 'other.json#0', true), run).rotate).toBe(false);
  });

  it('has no run or step without an active run, and no hide when dimming', () => {
    const h = hashFromExplorer(T.INITIAL_STATE, undefined);
    expect(h.run).toBeNull();
    expect(h.step).toBeNull();
    expect(h.hide).toBeNull();
  });
});

describe('applyHash', () => {
  const loaded = T.addRuns(T.INITIAL_STATE, ['other.json#0', 'r.json#0']);

  it('restores run, step (by step_id) and filters when the named run is given', () => {
    const h = decodeHash('#run=r.json%230&step=r.json%230-step-2&state=wor&status=failed&hide=1');
    const s = applyHash(loaded, h, run);
    expect(s.activeRunId).toBe('r.json#0');
    expect(s.selectedStep).toBe(2);
    expect(s.filters).toEqual({
      stateQuery: 'wor',
      dataModes: [],
      statuses: ['failed'],
      networks: [],
      hideNonMatching: true,
    });
  });

  it('leaves the selection empty for an unknown step_id', () => {
    const s = applyHash(loaded, decodeHash('run=r.json%230&step=nope'), run);
    expect(s.activeRunId).toBe('r.json#0');
    expect(s.selectedStep).toBe(-1);
  });

  it('applies only the filters when the run is not given, and keeps dim/hide when the hash is silent', () => {
    const base = T.setFilters(loaded, { hideNonMatching: true });
    const s = applyHash(base, decodeHash('run=r.json%230&net=main'), undefined);
    expect(s.activeRunId).toBe('other.json#0');
    expect(s.filters.networks).toEqual(['main']);
    expect(s.filters.hideNonMatching).toBe(true);
  });

  it('round-trips: the hash written for a state restores that state', () => {
    let s = T.setActiveRun(loaded, 'r.json#0');
    s = T.selectStep(s, 1);
    s = T.setFilters(s, { stateQuery: 'w', dataModes: ['copy'] });
    s = T.setRotated(s, 'r.json#0', true);
    const restored = applyHash(loaded, decodeHash(encodeHash(hashFromExplorer(s, run))), run);
    expect(restored.activeRunId).toBe(s.activeRunId);
    expect(restored.selectedStep).toBe(s.selectedStep);
    expect(restored.filters).toEqual(s.filters);
    expect(restored.rotated.has('r.json#0')).toBe(true);
  });

  it('sets the named run back to its own direction when the hash does not say rotate', () => {
    const rotated = T.setRotated(loaded, 'r.json#0', true);
    expect(applyHash(rotated, decodeHash('run=r.json%230'), run).rotated.has('r.json#0')).toBe(false);
    // Without the run, the hash leaves the direction alone.
    expect(applyHash(rotated, decodeHash('state=x'), undefined).rotated.has('r.json#0')).toBe(true);
  });
});
