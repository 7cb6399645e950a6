// The page's handle on a store a server keeps (`serve --db URL`: a
// PostgreSQL store behind cli/pg/dbApi.ts's JSON API), with the StoreHandle
// surface the run browser uses for SQLite stores. The server does the work:
// each page of runs is one request, chained by the server's keyset cursor
// (an OFFSET request only for a page whose predecessor was never fetched),
// and the count is a request of its own whose answer comes with a later page
// (RunPage.counted), so the first rows never wait for it. Opening a run
// goes through loadStoreRun as for every store: history_data is downloaded
// as it streams into a Blob (with progress) and loaded in the load worker,
// like a large file; step rows come as JSON and go to stepRowsRun. The page
// holds only what it was sent; the URL and password stay with the server.
// When the server goes away, every request fails with a message saying so,
// and the runs already opened stay: they live in the page.
import { loadStoreRun, type RunRows } from '../model/store/loadStoreRun.ts';
import { placeOf } from '../model/store/runQueryPg.ts';
import { QueryError } from '../model/store/runQuerySql.ts';
import type { StepRowInput } from '../model/store/stepRowsRun.ts';
import type { RunPage, RunQuery, StoreFacets, StoreInfo, StoreRun } from '../model/store/storeTypes.ts';
import type { FileLoadResult } from '../model/types.ts';
import { loadFiles } from './loadClient.ts';
import { cancelledError, errorMessage, failed, ioError } from './loadErrors.ts';
import type { OpenRunsOptions, OpenStoreResult, StoreHandle } from './storeClient.ts';

let nextRemoteId = 1;

/** A request the server could not answer, or that never reached it; the message says which. */
class RemoteError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function request(url: string, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...(signal ? { signal } : {}), headers: { Accept: 'application/json' } });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new RemoteError(
      `the server cannot be reached (${errorMessage(err)}): it may have stopped. The runs already opened stay; try again once it is back`,
      0,
    );
  }
  if (res.ok) return res;
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
  throw new RemoteError(
    typeof body?.error === 'string' ? body.error : `the server answered HTTP ${res.status}`,
    res.status,
  );
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await request(url, signal);
  try {
    return (await res.json()) as T;
  } catch (err) {
    throw new RemoteError(`the server's answer could not be read (${errorMessage(err)})`, 0);
  }
}

/** A body read as it arrives into a Blob (never one big string), reporting bytes read. */
async function download(res: Response, onBytes: (n: number) => void): Promise<Blob> {
  if (!res.body) return res.blob();
  const reader = res.body.getReader();
  const parts: BlobPart[] = [];
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    read += value.byteLength;
    onBytes(read);
  }
  return new Blob(parts);
}

class RemoteStore implements StoreHandle {
  readonly id = `remote-${nextRemoteId++}`;
  /** Per query: the cursor that continues at each offset a page ended at. */
  private readonly cursors = new Map<string, Map<number, unknown>>();
  private readonly counts = new Map<string, Promise<number>>();
  private readonly counted = new Map<string, number>();
  private readonly known = new Map<number, StoreRun>();
  private closed = false;

  constructor(
    private readonly base: string,
    readonly info: StoreInfo,
  ) {}

  private url(path: string): string {
    if (this.closed) throw new RemoteError('the store was closed', 0);
    return `${this.base}${path}`;
  }

  /** The store's name before every message. */
  private named(err: unknown): Error {
    return new Error(`${this.info.fileName}: ${errorMessage(err)}`);
  }

  private count(key: string): Promise<number> {
    let p = this.counts.get(key);
    if (!p) {
      p = getJson<{ total: number }>(this.url(`count?${new URLSearchParams({ q: key })}`)).then((a) => {
        this.counted.set(key, a.total);
        return a.total;
      });
      p.catch(() => this.counts.delete(key));
      this.counts.set(key, p);
    }
    return p.catch((err: unknown) => {
      throw this.named(err);
    });
  }

  async query(q: RunQuery, offset: number, limit: number): Promise<RunPage> {
    const key = JSON.stringify(q);
    try {
      const counting = this.count(key);
      counting.catch(() => undefined);
      const params = new URLSearchParams({ q: key, limit: String(limit) });
      const after = offset > 0 ? this.cursors.get(key)?.get(offset) : undefined;
      if (after !== undefined) params.set('after', JSON.stringify(after));
      else if (offset > 0) params.set('offset', String(offset));
      const page = await getJson<{ rows: StoreRun[]; next: unknown }>(this.url(`runs?${params}`));
      let ends = this.cursors.get(key);
      if (!ends) {
        ends = new Map();
        this.cursors.set(key, ends);
      }
      if (page.next !== null) ends.set(offset + page.rows.length, page.next);
      for (const r of page.rows) this.known.set(r.key, r);
      const total = this.counted.get(key);
      if (total !== undefined) return { total, offset, rows: page.rows };
      return { total: offset + page.rows.length, offset, rows: page.rows, counted: counting };
    } catch (err) {
      throw err instanceof RemoteError ? this.named(err) : err;
    }
  }

  async facets(): Promise<StoreFacets> {
    try {
      return await getJson<StoreFacets>(this.url('facets'));
    } catch (err) {
      throw this.named(err);
    }
  }

  async openRuns(keys: readonly number[], opts: OpenRunsOptions = {}): Promise<FileLoadResult[]> {
    const results: FileLoadResult[] = [];
    for (const key of keys) {
      if (opts.signal?.aborted) results.push(failed(cancelledError(this.info.fileName)));
      else results.push(await this.openRun(key, opts));
    }
    return results;
  }

  private async openRun(key: number, opts: OpenRunsOptions): Promise<FileLoadResult> {
    const name = this.info.fileName;
    const run = this.known.get(key);
    if (run === undefined) return failed(ioError(name, `${name}: no run ${key} listed from this store`));
    const place = (r: StoreRun) => {
      const p = placeOf(r);
      return new URLSearchParams({ rank: String(p.rank), table: p.table, id: p.id });
    };
    // A server's message passes through loadStoreRun whole (as a QueryError), named by store, table and row.
    const pass = (err: unknown): never => {
      if (opts.signal?.aborted) throw err;
      throw new QueryError(errorMessage(err));
    };
    const rows: RunRows = {
      historyBytes: async (r) => {
        try {
          const res = await request(this.url(`run/history?${place(r)}`), opts.signal);
          const total = Number(res.headers.get('content-length') ?? 0);
          return await download(res, (bytesRead) =>
            opts.onProgress?.({
              fileName: `${name} › ${r.table} › ${r.id}`,
              bytesRead,
              totalBytes: total,
              stepsMerged: 0,
            }),
          );
        } catch (err) {
          if (err instanceof RemoteError && err.status === 404) return null;
          return pass(err);
        }
      },
      stepRows: (r) => getJson<StepRowInput[]>(this.url(`run/steps?${place(r)}`), opts.signal).catch(pass),
    };
    const result = await loadStoreRun(name, key, run, rows, {
      ...opts,
      // history_data goes to the load worker, as a dropped file does.
      loadHistory: async (input, fileName) => {
        const [loaded] = await loadFiles([{ name: fileName, data: input }], opts);
        return loaded ?? failed(ioError(fileName, 'the loader gave no answer'));
      },
    });
    return opts.signal?.aborted && !result.ok ? failed(cancelledError(name)) : result;
  }

  close(): void {
    this.closed = true;
  }
}

/**
 * Opens the store a server offers at `base` (a path like `/__db/` on the
 * page's own origin): asks for its description, nothing more. Never throws.
 */
export async function openRemoteStore(base: string): Promise<OpenStoreResult> {
  const root = base.endsWith('/') ? base : `${base}/`;
  try {
    const info = await getJson<StoreInfo>(`${root}store`);
    return { ok: true, store: new RemoteStore(root, info) };
  } catch (err) {
    const message = `The store at ${root}: ${errorMessage(err)}`;
    return { ok: false, error: { fileName: root, kind: 'io', message } };
  }
}
