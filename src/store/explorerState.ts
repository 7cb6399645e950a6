// The explorer's UI state and its transitions, as pure functions (tested on
// their own); the zustand store in explorerStore.ts only calls them. State holds
// ids and UI choices, never run data: runs are in runRegistry.ts.

export interface Filters {
  /** Free text typed in "Filter by state": case-insensitive substring of the state name. */
  readonly stateQuery: string;
  /** Exact values chosen; an empty list means "any". */
  readonly dataModes: readonly string[];
  readonly statuses: readonly string[];
  readonly networks: readonly string[];
  /** Hide non-matching steps (true) or only dim them (false). Ancestors of matches always stay. */
  readonly hideNonMatching: boolean;
}

export const EMPTY_FILTERS: Filters = {
  stateQuery: '',
  dataModes: [],
  statuses: [],
  networks: [],
  hideNonMatching: false,
};

export interface LoadMessage {
  readonly id: number;
  readonly fileName: string;
  readonly message: string;
}

export interface ExplorerState {
  /** Loaded run ids in load order. */
  readonly runIds: readonly string[];
  readonly activeRunId: string | null;
  /** Selected step index in the active run, -1 for none. */
  readonly selectedStep: number;
  /** Collapsed step indices, per run id. */
  readonly collapsed: Readonly<Record<string, ReadonlySet<number>>>;
  /** Runs drawn in the other direction than the one chosen for them ("Rotate layout"). */
  readonly rotated: ReadonlySet<string>;
  readonly filters: Filters;
  /** Resource type chosen in "Resource usage": its steps are highlighted. */
  readonly highlightedResource: string | null;
  /** One message per file that failed to load (role alert), dismissible. */
  readonly loadErrors: readonly LoadMessage[];
  /** What the centre shows: the step tree or the timeline (kept in the URL). */
  readonly drawing: Drawing;
}

export type Drawing = 'tree' | 'timeline';

export const INITIAL_STATE: ExplorerState = {
  runIds: [],
  activeRunId: null,
  selectedStep: -1,
  collapsed: {},
  rotated: new Set(),
  filters: EMPTY_FILTERS,
  highlightedResource: null,
  loadErrors: [],
  drawing: 'tree',
};

export function setDrawing(state: ExplorerState, drawing: Drawing): ExplorerState {
  return state.drawing === drawing ? state : { ...state, drawing };
}

/** Adds runs (already registered) and makes the first new one active if none is. */
export function addRuns(state: ExplorerState, ids: readonly string[]): ExplorerState {
  const fresh = ids.filter((id) => !state.runIds.includes(id));
  if (fresh.length === 0) return state;
  const activeRunId = state.activeRunId ?? fresh[0] ?? null;
  return {
    ...state,
    runIds: [...state.runIds, ...fresh],
    activeRunId,
    selectedStep: activeRunId === state.activeRunId ? state.selectedStep : -1,
  };
}

export function setActiveRun(state: ExplorerState, id: string): ExplorerState {
  if (!state.runIds.includes(id) || state.activeRunId === id) return state;
  return { ...state, activeRunId: id, selectedStep: -1, highlightedResource: null };
}

export function closeRun(state: ExplorerState, id: string): ExplorerState {
  const at = state.runIds.indexOf(id);
  if (at < 0) return state;
  const runIds = state.runIds.filter((r) => r !== id);
  const { [id]: _dropped, ...collapsed } = state.collapsed;
  const rotated = withMember(state.rotated, id, false);
  if (state.activeRunId !== id) return { ...state, runIds, collapsed, rotated };
  const activeRunId = runIds[Math.min(at, runIds.length - 1)] ?? null;
  return { ...state, runIds, collapsed, rotated, activeRunId, selectedStep: -1, highlightedResource: null };
}

/** The set with `id` in it (on) or not (off); the same set when nothing changes. */
function withMember(set: ReadonlySet<string>, id: string, on: boolean): ReadonlySet<string> {
  if (set.has(id) === on) return set;
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

/** Draws run `runId` in the other direction than the one chosen for it (on), or in that one (off). */
export function setRotated(state: ExplorerState, runId: string, on: boolean): ExplorerState {
  const rotated = withMember(state.rotated, runId, on);
  return rotated === state.rotated ? state : { ...state, rotated };
}

export function selectStep(state: ExplorerState, index: number): ExplorerState {
  if (state.selectedStep === index) return state;
  return { ...state, selectedStep: index };
}

export function toggleCollapsed(state: ExplorerState, index: number): ExplorerState {
  const runId = state.activeRunId;
  if (runId == null) return state;
  const next = new Set(state.collapsed[runId] ?? []);
  if (next.has(index)) next.delete(index);
  else next.add(index);
  return { ...state, collapsed: { ...state.collapsed, [runId]: next } };
}

export function setCollapsed(state: ExplorerState, indices: Iterable<number>): ExplorerState {
  const runId = state.activeRunId;
  if (runId == null) return state;
  return { ...state, collapsed: { ...state.collapsed, [runId]: new Set(indices) } };
}

export function setFilters(state: ExplorerState, patch: Partial<Filters>): ExplorerState {
  return { ...state, filters: { ...state.filters, ...patch } };
}

export function clearFilters(state: ExplorerState): ExplorerState {
  return { ...state, filters: { ...EMPTY_FILTERS, hideNonMatching: state.filters.hideNonMatching } };
}

export function highlightResource(state: ExplorerState, type: string | null): ExplorerState {
  return { ...state, highlightedResource: state.highlightedResource === type ? null : type };
}

export function addLoadError(state: ExplorerState, fileName: string, message: string): ExplorerState {
  const id = (state.loadErrors.at(-1)?.id ?? 0) + 1;
  return { ...state, loadErrors: [...state.loadErrors, { id, fileName, message }] };
}

export function dismissLoadError(state: ExplorerState, id: number): ExplorerState {
  return { ...state, loadErrors: state.loadErrors.filter((e) => e.id !== id) };
}
