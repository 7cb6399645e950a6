// The page's entry for stores (SQLite files written by UnifiedDatabaseStorage):
// openStore() starts a store worker (storeWorker.ts) that keeps the database
// open, read-only, and answers the run browser's queries; opening a run loads
// it there and sends it back as a loaded file (LoadAnswer). Where workers
// cannot run (jsdom, a blocked worker), the same StoreServer runs on this
// thread. A worker that dies fails what was in flight with a message naming
// the store; the runs already opened stay (they live in the page).
import { isSqliteHeader } from '../model/store/sqliteStore.ts';
import type { RunPage, RunQuery, StoreFacets, StoreInfo } from '../model/store/storeTypes.ts';
import type { FileLoadResult, LoadErrorInfo, LoadProgress } from '../model/types.ts';
import { LoadAnswer } from './loadAnswer.ts';
import { cancelledError, errorMessage, failed, ioError } from './loadErrors.ts';
import { isWorkerResponse } from './messages.ts';
import { SpareWorker } from './spareWorker.ts';
import { StoreServer } from './storeHandler.ts';
import { isStoreAnswer, type StoreAnswer, type StoreRequest, type StoreResponse } from './storeMessages.ts';

export interface OpenRunsOptions {
  readonly onProgress?: (p: LoadProgress) => void;
  readonly signal?: AbortSignal;
}

/** One open store. Its queries reject with an Error whose message names the store. */
export interface StoreHandle {
  /** Unique in the session. */
  readonly id: string;
  readonly info: StoreInfo;
  query(q: RunQuery, offset: number, limit: number): Promise<RunPage>;
  facets(): Promise<StoreFacets>;
  /** Loads runs by key with the explorer's loaders; one result per key, in order. Never rejects. */
  openRuns(keys: readonly number[], opts?: OpenRunsOptions): Promise<FileLoadResult[]>;
  close(): void;
}

export type OpenStoreResult =
  | { readonly ok: true; readonly store: StoreHandle }
  | { readonly ok: false; readonly error: LoadErrorInfo };

/** True when the data starts with SQLite's header ("SQLite format 3\0"), whatever the file is called. */
export async function looksLikeSqlite(data: Blob | Uint8Array): Promise<boolean> {
  try {
    const head =
      data instanceof Uint8Array
        ? data.subarray(0, 16)
        : new Uint8Array(await data.slice(0, 16).arrayBuffer());
    return isSqliteHeader(head);
  } catch {
    return false;
  }
}

/** Something that takes store requests and answers them (a worker, or StoreServer on this thread). */
interface Channel {
  send(request: StoreRequest): void;
  /** Subscribes to answers; returns the unsubscribe function. */
  listen(onMessage: (m: StoreResponse) => void, onDeath: (why: string) => void): () => void;
  close(): void;
}

function workerChannel(): Channel | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./storeWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  let dead: string | null = null;
  // A worker started ahead (prewarmStoreWorker) says 'ready' before anyone listens: remembered here.
  let readySeen = false;
  worker.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isWorkerResponse(event.data) && event.data.type === 'ready') readySeen = true;
  });
  const deathListeners = new Set<(why: string) => void>();
  const die = (why: string) => {
    if (dead !== null) return;
    dead = why;
    for (const l of deathListeners) l(why);
  };
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    die((event as ErrorEvent).message || 'the store worker stopped');
  });
  worker.addEventListener('messageerror', () => die('an answer could not be passed to the page'));
  return {
    send(request) {
      if (dead !== null) throw new Error(dead);
      worker.postMessage(request);
    },
    listen(onMessage, onDeath) {
      const handler = (event: MessageEvent<unknown>) => {
        const m = event.data;
        if (isStoreAnswer(m) || isWorkerResponse(m)) onMessage(m);
      };
      worker.addEventListener('message', handler);
      deathListeners.add(onDeath);
      if (readySeen) onMessage({ type: 'ready' });
      if (dead !== null) onDeath(dead);
      return () => {
        worker.removeEventListener('message', handler);
        deathListeners.delete(onDeath);
      };
    },
    close() {
      die('the store was closed');
      worker.terminate();
    },
  };
}

function localChannel(): Channel {
  const listeners = new Set<(m: StoreResponse) => void>();
  const server = new StoreServer((m) => {
    for (const l of [...listeners]) l(m);
  });
  let queue: Promise<void> = Promise.resolve();
  let closed = false;
  return {
    send(request) {
      if (closed) throw new Error('the store was closed');
      queue = queue.then(() => server.handle(request)).catch(() => undefined);
    },
    listen(onMessage) {
      listeners.add(onMessage);
      return () => listeners.delete(onMessage);
    },
    close() {
      closed = true;
      listeners.clear();
    },
  };
}

let nextStoreId = 1;

class Store implements StoreHandle {
  private nextId = 2;

  constructor(
    readonly id: string,
    readonly info: StoreInfo,
    private readonly channel: Channel,
  ) {}

  private ask<T>(request: StoreRequest, pick: (a: StoreAnswer) => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const stop = this.channel.listen(
        (m) => {
          if (!isStoreAnswer(m) || m.id !== request.id) return;
          stop();
          if (m.type === 'failed') reject(new Error(m.message));
          else {
            const value = pick(m);
            if (value === undefined) reject(new Error(`${this.info.fileName}: unexpected answer ${m.type}`));
            else resolve(value);
          }
        },
        (why) => {
          stop();
          reject(new Error(`${this.info.fileName}: the store could not be read any more (${why})`));
        },
      );
      try {
        this.channel.send(request);
      } catch (err) {
        stop();
        reject(new Error(`${this.info.fileName}: ${errorMessage(err)}`));
      }
    });
  }

  query(q: RunQuery, offset: number, limit: number): Promise<RunPage> {
    return this.ask({ type: 'query', id: this.nextId++, query: q, offset, limit }, (a) =>
      a.type === 'page' ? a.page : undefined,
    );
  }

  facets(): Promise<StoreFacets> {
    return this.ask({ type: 'facets', id: this.nextId++ }, (a) =>
      a.type === 'facets' ? a.facets : undefined,
    );
  }

  async openRuns(keys: readonly number[], opts: OpenRunsOptions = {}): Promise<FileLoadResult[]> {
    const results: FileLoadResult[] = [];
    for (const key of keys) {
      if (opts.signal?.aborted) results.push(failed(cancelledError(this.info.fileName)));
      else results.push(await this.openRun(key, opts));
    }
    return results;
  }

  private openRun(key: number, opts: OpenRunsOptions): Promise<FileLoadResult> {
    const id = this.nextId++;
    const name = this.info.fileName;
    return new Promise<FileLoadResult>((resolve) => {
      const answer = new LoadAnswer(opts.onProgress);
      const end = (result: FileLoadResult) => {
        stop();
        opts.signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const stop = this.channel.listen(
        (m) => {
          if (!isWorkerResponse(m) || m.type === 'ready' || m.id !== id) return;
          const done = answer.take(m);
          if (done === null) return;
          end(done.ok ? done.result : failed(ioError(name, done.error)));
        },
        (why) => end(failed(ioError(name, `the store could not be read any more (${why})`))),
      );
      // The worker finishes the run anyway; its answer is then ignored.
      const onAbort = () => end(failed(cancelledError(name)));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        this.channel.send({ type: 'load-run', id, key });
      } catch (err) {
        end(failed(ioError(name, err)));
      }
    });
  }

  close(): void {
    this.channel.close();
  }
}

/**
 * Opens a store read-only and lists its runs (no step is read). Never throws:
 * a file that is not a store of execution histories comes back as an error
 * naming it (and the tables it has).
 */
/** A store worker started ahead (SQLite compiled in it) so that a store dropped next opens sooner. */
const spare = new SpareWorker<Channel>(() => workerChannel(), 1000);

/**
 * Starts a store worker ahead of the first store: called when files are
 * dragged over the page or the file picker opens, not at start, so a page
 * that never sees a store never pays for one.
 */
export function prewarmStoreWorker(): void {
  spare.prewarm();
}

export async function openStore(name: string, data: Blob | Uint8Array): Promise<OpenStoreResult> {
  const ready = spare.take();
  if (ready) spare.usedUp();
  const first = ready ?? workerChannel();
  const attempt = await openOn(first ?? localChannel(), name, data);
  // A worker that cannot start here (blocked, or no module workers): the same server on this thread.
  if (attempt === 'no-worker') return (await openOn(localChannel(), name, data)) as OpenStoreResult;
  return attempt;
}

function openFailed(error: LoadErrorInfo): OpenStoreResult {
  return { ok: false, error };
}

function openOn(
  channel: Channel,
  name: string,
  data: Blob | Uint8Array,
): Promise<OpenStoreResult | 'no-worker'> {
  return new Promise((resolve) => {
    let ready = false;
    const stop = channel.listen(
      (m) => {
        if (m.type === 'ready') ready = true;
        if (!isStoreAnswer(m) || m.id !== 1) return;
        stop();
        if (m.type === 'opened')
          resolve({ ok: true, store: new Store(`store-${nextStoreId++}`, m.info, channel) });
        else {
          channel.close();
          resolve(
            m.type === 'open-failed'
              ? { ok: false, error: m.error }
              : openFailed(ioError(name, 'unexpected answer')),
          );
        }
      },
      (why) => {
        stop();
        channel.close();
        resolve(ready ? openFailed(ioError(name, `the store worker stopped (${why})`)) : 'no-worker');
      },
    );
    try {
      channel.send({ type: 'open', id: 1, name, data });
    } catch (err) {
      stop();
      channel.close();
      resolve(openFailed(ioError(name, err)));
    }
  });
}
