// What a store worker does with each request (storeWorker.ts is its entry;
// kept apart so tests and the page's main-thread fallback drive it without a
// real Worker): opens one SQLite store read-only, answers run-list queries
// and facet counts from its run index, and loads runs, posting them as the
// load worker posts a loaded file (postLoadResult). Never throws.

import { toLoadErrorInfo } from '../model/errors.ts';
import { bytesSource, type SyncByteSource } from '../model/store/byteSource.ts';
import { SqliteStore } from '../model/store/sqliteStore.ts';
import type { LoadProgress } from '../model/types.ts';
import { blobByteSource, canReadBlobsSync } from './blobByteSource.ts';
import { errorMessage } from './loadErrors.ts';
import type { StoreRequest, StoreResponse } from './storeMessages.ts';
import { postLoadResult } from './workerHandler.ts';

export type PostStoreAnswer = (message: StoreResponse, transfer?: Transferable[]) => void;

const PROGRESS_INTERVAL_MS = 100;

async function sourceOf(data: Blob | Uint8Array): Promise<SyncByteSource> {
  if (data instanceof Uint8Array) return bytesSource(data);
  // Inside a worker the File is read page by page; elsewhere (the fallback) it is read whole.
  if (canReadBlobsSync()) return blobByteSource(data);
  return bytesSource(new Uint8Array(await data.arrayBuffer()));
}

export class StoreServer {
  private store: SqliteStore | null = null;
  private name = 'store';

  constructor(private readonly post: PostStoreAnswer) {}

  async handle(request: StoreRequest): Promise<void> {
    const { post } = this;
    switch (request.type) {
      case 'open': {
        this.name = request.name;
        try {
          this.store?.close();
          this.store = await SqliteStore.open(await sourceOf(request.data), request.name);
          post({ type: 'opened', id: request.id, info: this.store.info });
        } catch (err) {
          this.store = null;
          post({ type: 'open-failed', id: request.id, error: toLoadErrorInfo(request.name, err) });
        }
        return;
      }
      case 'query':
      case 'facets': {
        const store = this.store;
        if (store === null) {
          post({ type: 'failed', id: request.id, message: `${this.name}: the store is not open` });
          return;
        }
        try {
          if (request.type === 'query') {
            post({
              type: 'page',
              id: request.id,
              page: store.query(request.query, request.offset, request.limit),
            });
          } else {
            post({ type: 'facets', id: request.id, facets: store.facets() });
          }
        } catch (err) {
          post({ type: 'failed', id: request.id, message: `${this.name}: ${errorMessage(err)}` });
        }
        return;
      }
      case 'load-run':
        await this.loadRun(request.id, request.key);
        return;
    }
  }

  private async loadRun(id: number, key: number): Promise<void> {
    const store = this.store;
    const loadRequest = { type: 'load' as const, id, name: this.name, data: new Uint8Array(0) };
    if (store === null) {
      const message = `${this.name}: the store is not open`;
      postLoadResult(
        loadRequest,
        { ok: false, fileName: this.name, error: { fileName: this.name, kind: 'io', message } },
        this.post,
      );
      return;
    }
    let last = 0;
    const onProgress = (progress: LoadProgress): void => {
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      this.post({ type: 'progress', id, progress });
    };
    const result = await store.loadRun(key, { onProgress });
    postLoadResult({ ...loadRequest, name: result.fileName }, result, this.post);
  }
}
