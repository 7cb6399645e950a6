// The JSON API `serve --db URL` gives the page under /__db/, over one open
// PgStore (the page never sees the URL or the password; it knows the store
// as host:port/database):
//   GET /__db/store                  StoreInfo
//   GET /__db/runs?q=QUERY&limit=N[&offset=N][&after=CURSOR]
//                                    { rows, next } (keyset pages; `next` continues)
//   GET /__db/count?q=QUERY          { total } (a query of its own: never holds up a page)
//   GET /__db/facets                 StoreFacets
//   GET /__db/run?rank=R&table=T&id=I          StoreRun (a run named by its place)
//   GET /__db/run/history?rank=R&table=T&id=I  history_data's bytes, streamed as PostgreSQL hands them over
//   GET /__db/run/steps?rank=R&table=T&id=I    the run's step rows (StepRowInput[])
// QUERY and CURSOR are JSON, checked field by field; every value goes to
// PostgreSQL as a bound parameter. Failures are { error, kind } with a status
// saying what failed (400 a bad request, 403 permission, 404 missing, 503
// cannot connect, 504 timeout), in words that never hold a secret.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunCursor, RunPlace } from '../../model/store/runQueryPg.ts';
import { QueryError } from '../../model/store/runQuerySql.ts';
import {
  type MetadataCondition,
  type RunQuery,
  SORT_COLUMNS,
  type SortColumn,
} from '../../model/store/storeTypes.ts';
import { DB_PREFIX } from './dbPrefix.ts';
import { PgFailure, type PgFailureKind } from './pgErrors.ts';
import type { PgStore } from './pgStore.ts';

const HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

class BadRequest extends Error {}

const STATUS: Record<PgFailureKind, number> = {
  connect: 503,
  login: 503,
  missing: 404,
  permission: 403,
  timeout: 504,
  refused: 400,
  other: 500,
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= 1000;
const textOrNull = (v: unknown, what: string): string | null => {
  if (v === undefined || v === null || v === '') return null;
  if (!isText(v)) throw new BadRequest(`${what} must be a string`);
  return v;
};
const numberOrNull = (v: unknown, what: string): number | null => {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new BadRequest(`${what} must be a number`);
  return v;
};

/** A RunQuery from the page, every field checked. */
export function readQuery(text: string | null): RunQuery {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text ?? '{}') as Record<string, unknown>;
  } catch {
    throw new BadRequest('q is not JSON');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new BadRequest('q must be an object');
  const sort = raw.sort ?? 'start_time';
  if (typeof sort !== 'string' || !(SORT_COLUMNS as readonly string[]).includes(sort))
    throw new BadRequest('q.sort is not a column');
  const failures = raw.failures ?? null;
  if (failures !== null && failures !== 'with' && failures !== 'without')
    throw new BadRequest('q.failures must be with or without');
  const metadata = raw.metadata ?? [];
  if (!Array.isArray(metadata) || metadata.length > 20)
    throw new BadRequest('q.metadata must be a short list');
  const conditions: MetadataCondition[] = metadata.map((c: unknown) => {
    const m = c as Record<string, unknown> | null;
    if (!m || !isText(m.key) || !isText(m.value))
      throw new BadRequest('q.metadata holds {key, value} strings');
    return { key: m.key, value: m.value };
  });
  return {
    sort: sort as SortColumn,
    desc: raw.desc !== false,
    fsm: textOrNull(raw.fsm, 'q.fsm'),
    status: textOrNull(raw.status, 'q.status'),
    failures,
    since: numberOrNull(raw.since, 'q.since'),
    until: numberOrNull(raw.until, 'q.until'),
    metadata: conditions,
    text: textOrNull(raw.text, 'q.text'),
  };
}

function readCursor(text: string | null): RunCursor | null {
  if (text === null) return null;
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new BadRequest('after is not JSON');
  }
  const value = c?.value;
  if (
    !c ||
    !(value === null || isText(value) || (typeof value === 'number' && Number.isFinite(value))) ||
    !Number.isInteger(c.rank) ||
    !isText(c.table) ||
    !isText(c.saved) ||
    !isText(c.id)
  )
    throw new BadRequest('after is not a page cursor');
  return { value, rank: c.rank as number, table: c.table, saved: c.saved, id: c.id };
}

/** Which run: its kind (rank 0 a history, 1 step rows), table and id, as the page's StoreRun tells. */
function readPlace(params: URLSearchParams): RunPlace {
  const rank = params.get('rank');
  const table = params.get('table');
  const id = params.get('id');
  if ((rank !== '0' && rank !== '1') || !isText(table) || !isText(id) || holdsNul(table) || holdsNul(id))
    throw new BadRequest('a run is named by rank (0 or 1), table and id');
  return { rank: Number(rank), table, id };
}

const holdsNul = (s: string): boolean => s.includes('\u0000');

function readCount(text: string | null, what: string, max: number, fallback: number): number {
  if (text === null) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) > max) throw new BadRequest(`${what} must be 0..${max}`);
  return Number(text);
}

/** Answers a request under DB_PREFIX (the server has checked the Host and the method). */
export async function handleDbApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  params: URLSearchParams,
  store: PgStore,
): Promise<void> {
  const rest = path.slice(DB_PREFIX.length);
  try {
    if (rest === 'store') return sendJson(res, 200, store.info);
    if (rest === 'facets') return sendJson(res, 200, await store.facets());
    if (rest === 'count') return sendJson(res, 200, { total: await store.count(readQuery(params.get('q'))) });
    if (rest === 'runs') {
      const page = await store.page(readQuery(params.get('q')), {
        after: readCursor(params.get('after')),
        offset: readCount(params.get('offset'), 'offset', 1e9, 0),
        limit: readCount(params.get('limit'), 'limit', 1000, 200),
      });
      return sendJson(res, 200, page);
    }
    const m = /^run(\/history|\/steps)?$/.exec(rest);
    if (!m) return sendJson(res, 404, { error: 'no such API', kind: 'missing' });
    const run = await store.run(readPlace(params));
    if (!run) return sendJson(res, 404, { error: 'no such run in this store (any more)', kind: 'missing' });
    if (m[1] === undefined) return sendJson(res, 200, run);
    if (m[1] === '/steps') return sendJson(res, 200, await store.stepRows(run));
    await streamHistory(req, res, store.historyChunks(run));
  } catch (err) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof BadRequest || err instanceof QueryError)
      return sendJson(res, 400, { error: err.message, kind: 'refused' });
    const f = err instanceof PgFailure ? err : new PgFailure('other', 'the request failed');
    sendJson(res, STATUS[f.kind], { error: f.message, kind: f.kind });
  }
}

/** history_data as it comes: headers once the first piece is there (so a failure before it is a JSON error). */
async function streamHistory(
  req: IncomingMessage,
  res: ServerResponse,
  chunks: AsyncGenerator<Uint8Array>,
): Promise<void> {
  let started = false;
  for await (const chunk of chunks) {
    if (!started) {
      res.writeHead(200, { ...HEADERS, 'Content-Type': 'application/json' });
      started = true;
    }
    if (!res.write(chunk)) await new Promise<void>((ok) => res.once('drain', ok).once('close', ok));
    if (res.destroyed || req.destroyed) {
      // The page went away: stop reading (the cursor's transaction ends).
      await chunks.return(undefined);
      return;
    }
  }
  if (!started) return sendJson(res, 404, { error: 'history_data is missing', kind: 'missing' });
  res.end();
}
