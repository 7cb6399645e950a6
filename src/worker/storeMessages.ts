// Typed messages between the page (storeClient.ts) and a store worker
// (storeWorker.ts), one worker per open store: it keeps the database open
// while the user browses it. `open` comes first; then any number of `query`,
// `facets` and `load-run` requests, each answered for its own id. A
// `load-run` is answered exactly as a load worker answers a `load` (progress,
// `steps` parts, then `packed-result` or `result`: messages.ts), so the page
// rebuilds the run with the same code.
import type { RunPage, RunQuery, StoreFacets, StoreInfo } from '../model/store/storeTypes.ts';
import type { LoadErrorInfo } from '../model/types.ts';
import type { WorkerResponse } from './messages.ts';

export type StoreRequest =
  | { readonly type: 'open'; readonly id: number; readonly name: string; readonly data: Blob | Uint8Array }
  | {
      readonly type: 'query';
      readonly id: number;
      readonly query: RunQuery;
      readonly offset: number;
      readonly limit: number;
    }
  | { readonly type: 'facets'; readonly id: number }
  | { readonly type: 'load-run'; readonly id: number; readonly key: number };

export type StoreAnswer =
  | { readonly type: 'opened'; readonly id: number; readonly info: StoreInfo }
  | { readonly type: 'open-failed'; readonly id: number; readonly error: LoadErrorInfo }
  | { readonly type: 'page'; readonly id: number; readonly page: RunPage }
  | { readonly type: 'facets'; readonly id: number; readonly facets: StoreFacets }
  /** A query or facets request that could not be answered (a bad filter, an unreadable page). */
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

export type StoreResponse = StoreAnswer | WorkerResponse;

const REQUESTS = new Set(['open', 'query', 'facets', 'load-run']);
const ANSWERS = new Set(['opened', 'open-failed', 'page', 'facets', 'failed']);

export function isStoreRequest(value: unknown): value is StoreRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; id?: unknown };
  return typeof v.type === 'string' && REQUESTS.has(v.type) && typeof v.id === 'number';
}

export function isStoreAnswer(value: unknown): value is StoreAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; id?: unknown };
  return typeof v.type === 'string' && ANSWERS.has(v.type) && typeof v.id === 'number';
}
