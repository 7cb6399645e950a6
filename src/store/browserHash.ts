// The run browser's part of the URL hash, beside the explorer's (urlHash.ts;
// no key is shared, each side ignores the other's):
//   #store=<file name>&view=runs&fsm=<name>&runstatus=<s>&failures=with|without
//    &since=<epoch s>&until=<epoch s>&meta=<key=value>,<key=value>&ids=<text>&sort=<column>&order=asc|desc
// The store is named by its file name (store ids last one session), so a
// reload that opens the same file again gets the same query back. Values are
// percent-encoded (metadata conditions one by one, so a comma in a value
// survives). Pure encode/decode and the bridge from BrowserState.
import {
  DEFAULT_RUN_QUERY,
  type MetadataCondition,
  type RunQuery,
  SORT_COLUMNS,
  type SortColumn,
} from '../model/store/storeTypes.ts';
import { type BrowserState, effectiveQuery, queryOf, replaceQuery } from './browserState.ts';

export interface BrowserHash {
  /** File name of the store the run browser shows. */
  readonly store: string | null;
  /** The run browser is the view shown (`view=runs`). */
  readonly browsing: boolean;
  /** The query, as effectiveQuery() gives it. */
  readonly query: RunQuery;
}

export const EMPTY_BROWSER_HASH: BrowserHash = { store: null, browsing: false, query: DEFAULT_RUN_QUERY };

function decodePart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function decodeConditions(raw: string): MetadataCondition[] {
  const out: MetadataCondition[] = [];
  for (const item of raw.split(',')) {
    const text = decodePart(item);
    const eq = text.indexOf('=');
    if (eq <= 0) continue;
    out.push({ key: text.slice(0, eq), value: text.slice(eq + 1) });
  }
  return out;
}

function epochSeconds(raw: string): number | null {
  if (raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** Reads the run browser's keys from a hash (with or without '#'); other keys are ignored. */
export function decodeBrowserHash(hash: string): BrowserHash {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  let store: string | null = null;
  let browsing = false;
  const q: { -readonly [K in keyof RunQuery]: RunQuery[K] } = { ...DEFAULT_RUN_QUERY };
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const raw = eq < 0 ? '' : pair.slice(eq + 1);
    const value = decodePart(raw);
    switch (key) {
      case 'store':
        if (value !== '') store = value;
        break;
      case 'view':
        browsing = value === 'runs';
        break;
      case 'fsm':
        if (value !== '') q.fsm = value;
        break;
      case 'runstatus':
        if (value !== '') q.status = value;
        break;
      case 'failures':
        if (value === 'with' || value === 'without') q.failures = value;
        break;
      case 'since': {
        const t = epochSeconds(value);
        if (t !== null) q.since = t;
        break;
      }
      case 'until': {
        const t = epochSeconds(value);
        if (t !== null) q.until = t;
        break;
      }
      case 'meta':
        q.metadata = decodeConditions(raw);
        break;
      case 'ids':
        if (value !== '') q.text = value;
        break;
      case 'sort':
        if ((SORT_COLUMNS as readonly string[]).includes(value)) q.sort = value as SortColumn;
        break;
      case 'order':
        if (value === 'asc' || value === 'desc') q.desc = value === 'desc';
        break;
    }
  }
  return { store, browsing, query: effectiveQuery(q) };
}

/** Writes the run browser's keys without a leading '#'; '' when there is nothing to keep. */
export function encodeBrowserHash(h: BrowserHash): string {
  if (h.store === null) return '';
  const q = effectiveQuery(h.query);
  const parts = [`store=${encodeURIComponent(h.store)}`];
  if (h.browsing) parts.push('view=runs');
  if (q.fsm) parts.push(`fsm=${encodeURIComponent(q.fsm)}`);
  if (q.status) parts.push(`runstatus=${encodeURIComponent(q.status)}`);
  if (q.failures) parts.push(`failures=${q.failures}`);
  if (typeof q.since === 'number') parts.push(`since=${q.since}`);
  if (typeof q.until === 'number') parts.push(`until=${q.until}`);
  if (q.metadata && q.metadata.length > 0) {
    parts.push(`meta=${q.metadata.map((c) => encodeURIComponent(`${c.key}=${c.value}`)).join(',')}`);
  }
  if (q.text) parts.push(`ids=${encodeURIComponent(q.text)}`);
  if (q.sort !== DEFAULT_RUN_QUERY.sort) parts.push(`sort=${q.sort}`);
  if (q.desc !== DEFAULT_RUN_QUERY.desc) parts.push(`order=${q.desc ? 'desc' : 'asc'}`);
  return parts.join('&');
}

/** What the hash should say for this state; `fileNameOf` names a store by its id. */
export function hashFromBrowser(
  state: BrowserState,
  fileNameOf: (storeId: string) => string | undefined,
): BrowserHash {
  const id = state.shownStoreId;
  const store = id === null ? undefined : fileNameOf(id);
  if (id === null || store === undefined) return EMPTY_BROWSER_HASH;
  return { store, browsing: state.view === 'browser', query: effectiveQuery(queryOf(state, id)) };
}

/** The open store a hash names (the first one opened with that file name), if any. */
export function storeForHash(
  state: BrowserState,
  h: BrowserHash,
  fileNameOf: (storeId: string) => string | undefined,
): string | null {
  if (h.store === null) return null;
  return state.storeIds.find((id) => fileNameOf(id) === h.store) ?? null;
}

/** Applies a decoded hash to the store it names (`storeId`): shows it with the hash's query. */
export function applyBrowserHash(state: BrowserState, h: BrowserHash, storeId: string): BrowserState {
  if (!state.storeIds.includes(storeId)) return state;
  const shown: BrowserState = { ...state, shownStoreId: storeId, view: h.browsing ? 'browser' : state.view };
  return replaceQuery(shown, h.query);
}
