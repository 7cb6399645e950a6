// Derived data for components, memoised on object identity (speedscope's
// getters style): the same run and filters give back the same result object,
// so components re-render only when their inputs really change.

import { useDeferredValue } from 'react';
import { type FilterResult, filterSteps } from '../model/filter.ts';
import type { Run } from '../model/types.ts';
import type { Filters } from './explorerState.ts';
import { useExplorerStore } from './explorerStore.ts';
import { getRun } from './runRegistry.ts';

/** Memoise a one-argument function on the identity of its argument. */
export function memoByIdentity<A extends object, R>(fn: (a: A) => R): (a: A) => R {
  const cache = new WeakMap<A, R>();
  return (a) => {
    if (cache.has(a)) return cache.get(a) as R;
    const r = fn(a);
    cache.set(a, r);
    return r;
  };
}

/** Memoise a two-argument function on the identity of both arguments (last call only for the second). */
export function memoByIdentity2<A extends object, B, R>(fn: (a: A, b: B) => R): (a: A, b: B) => R {
  const cache = new WeakMap<A, { b: B; r: R }>();
  return (a, b) => {
    const hit = cache.get(a);
    if (hit && hit.b === b) return hit.r;
    const r = fn(a, b);
    cache.set(a, { b, r });
    return r;
  };
}

export const getFilterResult = memoByIdentity2(
  (run: Run, filters: Filters): FilterResult => filterSteps(run, filters),
);

export function useActiveRun(): Run | undefined {
  const id = useExplorerStore((s) => s.activeRunId);
  // runIds in the dependency: a run registered after the id was set still shows.
  useExplorerStore((s) => s.runIds);
  return getRun(id);
}

export function useFilterResult(): FilterResult | null {
  const run = useActiveRun();
  const filters = useExplorerStore((s) => s.filters);
  return run ? getFilterResult(run, filters) : null;
}

/**
 * The steps to show when "Hide non-matching" is on and a filter is active
 * (FilterResult.keep: matches and their ancestors); null when every step shows.
 * The tree, the outline and the timeline all draw these rows.
 */
export function useShownSteps(): Uint8Array | null {
  const filter = useFilterResult();
  const hide = useExplorerStore((s) => s.filters.hideNonMatching);
  return hide && filter?.active ? filter.keep : null;
}

export function useCollapsed(): ReadonlySet<number> {
  return useExplorerStore((s) => (s.activeRunId ? s.collapsed[s.activeRunId] : undefined) ?? EMPTY_SET);
}

const EMPTY_SET: ReadonlySet<number> = new Set();

const NOT_YET: unique symbol = Symbol('not yet');

/**
 * True while a newly shown run has not yet reached a panel that the tree's
 * first frame need not wait for (Steps, States, Resource usage, Stream
 * progress). Such a panel shows its empty frame until then: the run reaches it
 * in a background render (React useDeferredValue) after the urgent one that
 * draws the tree and the outline.
 */
export function useRunPending(run: Run | undefined): boolean {
  return useDeferredValue<Run | undefined | typeof NOT_YET>(run, NOT_YET) !== run;
}
