// The run browser's UI state and its transitions, as pure functions (the
// zustand store in browserStore.ts only calls them): which stores are open
// (ids only; the handles are in storeRegistry.ts), which view the page shows,
// which store the browser shows, each store's query as the user is editing it
// (a metadata condition still being typed included) and the runs selected.
// effectiveQuery() is what is sent to the store: the same query without the
// parts that do not filter yet.
import {
  DEFAULT_RUN_QUERY,
  type MetadataCondition,
  type RunQuery,
  type SortColumn,
} from '../model/store/storeTypes.ts';

/** What the page shows: the explorer, the run browser (a store open), or two runs compared. */
export type View = 'explorer' | 'browser' | 'compare';

export interface BrowserState {
  /** Open stores, in the order they were opened. */
  readonly storeIds: readonly string[];
  readonly view: View;
  /** The store the run browser shows. */
  readonly shownStoreId: string | null;
  /** Each store's query, as edited. */
  readonly queries: Readonly<Record<string, RunQuery>>;
  /** Keys of the selected runs, per store. */
  readonly selections: Readonly<Record<string, ReadonlySet<number>>>;
}

export const INITIAL_BROWSER: BrowserState = {
  storeIds: [],
  view: 'explorer',
  shownStoreId: null,
  queries: {},
  selections: {},
};

const NO_SELECTION: ReadonlySet<number> = new Set();

/** The query of a store (the default one for a store not seen). */
export function queryOf(state: BrowserState, storeId: string | null): RunQuery {
  return (storeId === null ? undefined : state.queries[storeId]) ?? DEFAULT_RUN_QUERY;
}

export function selectionOf(state: BrowserState, storeId: string | null): ReadonlySet<number> {
  return (storeId === null ? undefined : state.selections[storeId]) ?? NO_SELECTION;
}

/** Adds an open store and shows it in the run browser (with `query`, e.g. from the URL). */
export function addStore(state: BrowserState, id: string, query: RunQuery = DEFAULT_RUN_QUERY): BrowserState {
  if (state.storeIds.includes(id)) return showStore(state, id);
  return {
    ...state,
    storeIds: [...state.storeIds, id],
    view: 'browser',
    shownStoreId: id,
    queries: { ...state.queries, [id]: query },
  };
}

/** Forgets a store; the browser shows its neighbour, or the explorer comes back when none is left. */
export function removeStore(state: BrowserState, id: string): BrowserState {
  const at = state.storeIds.indexOf(id);
  if (at < 0) return state;
  const storeIds = state.storeIds.filter((s) => s !== id);
  const { [id]: _query, ...queries } = state.queries;
  const { [id]: _selection, ...selections } = state.selections;
  const shownStoreId =
    state.shownStoreId === id ? (storeIds[Math.min(at, storeIds.length - 1)] ?? null) : state.shownStoreId;
  return {
    storeIds,
    queries,
    selections,
    shownStoreId,
    view: shownStoreId === null && state.view === 'browser' ? 'explorer' : state.view,
  };
}

export function showStore(state: BrowserState, id: string): BrowserState {
  if (!state.storeIds.includes(id)) return state;
  if (state.shownStoreId === id && state.view === 'browser') return state;
  return { ...state, shownStoreId: id, view: 'browser' };
}

/** Switches the page's view; the run browser only when a store is open. */
export function setView(state: BrowserState, view: View): BrowserState {
  if (state.view === view) return state;
  if (view === 'browser' && state.shownStoreId === null) return state;
  return { ...state, view };
}

function withQuery(state: BrowserState, query: RunQuery, keepSelection: boolean): BrowserState {
  const id = state.shownStoreId;
  if (id === null) return state;
  const next = { ...state, queries: { ...state.queries, [id]: query } };
  if (keepSelection || selectionOf(state, id).size === 0) return next;
  // Other filters show other runs: a selection of runs no longer listed would open unseen runs.
  return { ...next, selections: { ...state.selections, [id]: NO_SELECTION } };
}

/** Changes filters of the shown store's query; the selection is cleared when what matches may change. */
export function setQuery(state: BrowserState, patch: Partial<Omit<RunQuery, 'sort' | 'desc'>>): BrowserState {
  const q = queryOf(state, state.shownStoreId);
  return withQuery(state, { ...q, ...patch }, false);
}

/** Replaces the shown store's query as a whole (e.g. from the URL hash). */
export function replaceQuery(state: BrowserState, query: RunQuery): BrowserState {
  return withQuery(state, query, false);
}

export function setSort(state: BrowserState, sort: SortColumn, desc: boolean): BrowserState {
  const q = queryOf(state, state.shownStoreId);
  if (q.sort === sort && q.desc === desc) return state;
  return withQuery(state, { ...q, sort, desc }, true);
}

/** Every filter off; the sort stays. */
export function clearFilters(state: BrowserState): BrowserState {
  const q = queryOf(state, state.shownStoreId);
  return withQuery(state, { sort: q.sort, desc: q.desc }, false);
}

export function addCondition(state: BrowserState, condition: MetadataCondition): BrowserState {
  const q = queryOf(state, state.shownStoreId);
  return setQuery(state, { metadata: [...(q.metadata ?? []), condition] });
}

export function setCondition(
  state: BrowserState,
  index: number,
  patch: Partial<MetadataCondition>,
): BrowserState {
  const list = queryOf(state, state.shownStoreId).metadata ?? [];
  if (index < 0 || index >= list.length) return state;
  return setQuery(state, { metadata: list.map((c, i) => (i === index ? { ...c, ...patch } : c)) });
}

export function removeCondition(state: BrowserState, index: number): BrowserState {
  const list = queryOf(state, state.shownStoreId).metadata ?? [];
  if (index < 0 || index >= list.length) return state;
  return setQuery(state, { metadata: list.filter((_, i) => i !== index) });
}

function withSelection(state: BrowserState, keys: ReadonlySet<number>): BrowserState {
  const id = state.shownStoreId;
  if (id === null) return state;
  return { ...state, selections: { ...state.selections, [id]: keys } };
}

/** Adds the run to the shown store's selection, or takes it out. */
export function toggleSelected(state: BrowserState, key: number): BrowserState {
  const next = new Set(selectionOf(state, state.shownStoreId));
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return withSelection(state, next);
}

export function setSelection(state: BrowserState, keys: Iterable<number>): BrowserState {
  return withSelection(state, new Set(keys));
}

/**
 * The query as sent to the store: text trimmed, metadata conditions with both
 * a key and a value, empty filters left out (so equal queries compare equal).
 */
export function effectiveQuery(q: RunQuery): RunQuery {
  const out: { -readonly [K in keyof RunQuery]: RunQuery[K] } = { sort: q.sort, desc: q.desc };
  if (q.fsm) out.fsm = q.fsm;
  if (q.status) out.status = q.status;
  if (q.failures) out.failures = q.failures;
  if (typeof q.since === 'number' && Number.isFinite(q.since)) out.since = q.since;
  if (typeof q.until === 'number' && Number.isFinite(q.until)) out.until = q.until;
  const metadata = (q.metadata ?? [])
    .map((c) => ({ key: c.key.trim(), value: c.value }))
    .filter((c) => c.key !== '' && c.value !== '');
  if (metadata.length > 0) out.metadata = metadata;
  const text = q.text?.trim();
  if (text) out.text = text;
  return out;
}

/** True when the query filters anything (the sort aside). */
export function hasFilters(q: RunQuery): boolean {
  return Object.keys(effectiveQuery(q)).some((k) => k !== 'sort' && k !== 'desc');
}

/** A string equal for equal effective queries, to tell whether the runs listed must change. */
export function queryKey(q: RunQuery): string {
  return JSON.stringify(effectiveQuery(q));
}
