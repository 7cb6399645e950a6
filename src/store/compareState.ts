// Which two loaded runs are compared (ids only; the runs are in
// runRegistry.ts): A, the reference (say, the good run), and B. Pure
// transitions; compareStore.ts holds them. A run that is closed leaves the pair.
export interface CompareState {
  readonly a: string | null;
  readonly b: string | null;
}

export const INITIAL_COMPARE: CompareState = { a: null, b: null };

export function setPair(_state: CompareState, a: string | null, b: string | null): CompareState {
  return { a, b };
}

export function swap(state: CompareState): CompareState {
  return { a: state.b, b: state.a };
}

/**
 * The pair to show for these loaded runs: the chosen one while both are
 * loaded; else A the first loaded run other than the active one, B the
 * active run (or the first two runs); nulls when fewer than two are loaded.
 */
export function pairFor(state: CompareState, runIds: readonly string[], active: string | null): CompareState {
  const loaded = (id: string | null) => id !== null && runIds.includes(id);
  if (loaded(state.a) && loaded(state.b)) return state;
  if (runIds.length < 2) return INITIAL_COMPARE;
  const b = loaded(state.b) ? state.b : loaded(active) ? active : runIds[1]!;
  const a = loaded(state.a) && state.a !== b ? state.a : (runIds.find((id) => id !== b) ?? null);
  return { a, b };
}
