// The URL hash as a bookmarkable view of the explorer:
//   #run=<run id>&step=<step_id>&state=<text>&mode=<m,..>&status=<s,..>&net=<n,..>&hide=1&rotate=1&drawing=timeline
// Values are percent-encoded (list items one by one, so a comma inside a value
// survives). Pure encode/decode plus the two bridges to ExplorerState; the
// app's useHashSync hook does the reading and history.replaceState writing.
import type { Run } from '../model/types.ts';
import {
  type Drawing,
  type ExplorerState,
  type Filters,
  selectStep,
  setActiveRun,
  setDrawing,
  setFilters,
  setRotated,
} from './explorerState.ts';

export interface HashState {
  readonly run: string | null;
  /** The selected step's step_id (stable across reloads, unlike its index). */
  readonly step: string | null;
  readonly stateQuery: string;
  readonly dataModes: readonly string[];
  readonly statuses: readonly string[];
  readonly networks: readonly string[];
  /** true for `hide=1`, false for `hide=0`, null when absent (keep the user's preference). */
  readonly hide: boolean | null;
  /** The run's tree drawn in the other direction than the one chosen for it ("Rotate layout"). */
  readonly rotate: boolean;
  /** The centre shows the timeline (`drawing=timeline`) instead of the tree. */
  readonly drawing: Drawing;
}

export const EMPTY_HASH: HashState = {
  run: null,
  step: null,
  stateQuery: '',
  dataModes: [],
  statuses: [],
  networks: [],
  hide: null,
  rotate: false,
  drawing: 'tree',
};

function decodePart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function decodeList(text: string): string[] {
  return text
    .split(',')
    .map(decodePart)
    .filter((v) => v !== '');
}

/** Reads a hash (with or without the leading '#'); unknown keys and empty values are ignored. */
export function decodeHash(hash: string): HashState {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  let h: HashState = EMPTY_HASH;
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const raw = eq < 0 ? '' : pair.slice(eq + 1);
    switch (key) {
      case 'run':
        if (raw !== '') h = { ...h, run: decodePart(raw) };
        break;
      case 'step':
        if (raw !== '') h = { ...h, step: decodePart(raw) };
        break;
      case 'state':
        h = { ...h, stateQuery: decodePart(raw) };
        break;
      case 'mode':
        h = { ...h, dataModes: decodeList(raw) };
        break;
      case 'status':
        h = { ...h, statuses: decodeList(raw) };
        break;
      case 'net':
        h = { ...h, networks: decodeList(raw) };
        break;
      case 'hide':
        h = {
          ...h,
          hide: raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : null,
        };
        break;
      case 'rotate':
        h = { ...h, rotate: raw === '1' || raw === 'true' };
        break;
      case 'drawing':
        h = { ...h, drawing: raw === 'timeline' ? 'timeline' : 'tree' };
        break;
    }
  }
  return h;
}

/** Writes a hash without the leading '#'; '' when there is nothing to keep. */
export function encodeHash(h: HashState): string {
  const parts: string[] = [];
  const list = (values: readonly string[]) => values.map(encodeURIComponent).join(',');
  if (h.run) parts.push(`run=${encodeURIComponent(h.run)}`);
  if (h.step) parts.push(`step=${encodeURIComponent(h.step)}`);
  if (h.stateQuery !== '') parts.push(`state=${encodeURIComponent(h.stateQuery)}`);
  if (h.dataModes.length > 0) parts.push(`mode=${list(h.dataModes)}`);
  if (h.statuses.length > 0) parts.push(`status=${list(h.statuses)}`);
  if (h.networks.length > 0) parts.push(`net=${list(h.networks)}`);
  if (h.hide !== null) parts.push(`hide=${h.hide ? 1 : 0}`);
  if (h.rotate) parts.push('rotate=1');
  if (h.drawing === 'timeline') parts.push('drawing=timeline');
  return parts.join('&');
}

/** What the hash should say for this state; `run` is the active run (to turn the step index into its step_id). */
export function hashFromExplorer(state: ExplorerState, run: Run | undefined): HashState {
  const f = state.filters;
  const step = run && state.selectedStep >= 0 ? (run.steps[state.selectedStep]?.stepId ?? null) : null;
  return {
    run: run ? run.id : null,
    step,
    stateQuery: f.stateQuery,
    dataModes: f.dataModes,
    statuses: f.statuses,
    networks: f.networks,
    hide: f.hideNonMatching ? true : null,
    rotate: run !== undefined && state.rotated.has(run.id),
    drawing: state.drawing,
  };
}

/** True when the hash asks for anything at all. */
export function hashIsEmpty(h: HashState): boolean {
  return encodeHash(h) === '';
}

/**
 * Applies a decoded hash: filters always; run and step only when `run` is the
 * loaded run the hash names (the caller waits for it to arrive). A step_id
 * the run does not have leaves the selection empty.
 */
export function applyHash(state: ExplorerState, h: HashState, run: Run | undefined): ExplorerState {
  let next = state;
  if (h.run !== null && run && run.id === h.run) {
    next = setActiveRun(next, run.id);
    const index = h.step === null ? -1 : run.steps.findIndex((s) => s.stepId === h.step);
    next = selectStep(next, index);
    next = setRotated(next, run.id, h.rotate);
  }
  const patch: Partial<Filters> = {
    stateQuery: h.stateQuery,
    dataModes: h.dataModes,
    statuses: h.statuses,
    networks: h.networks,
  };
  const withHide: Partial<Filters> = h.hide === null ? patch : { ...patch, hideNonMatching: h.hide };
  return setDrawing(setFilters(next, withHide), h.drawing);
}
