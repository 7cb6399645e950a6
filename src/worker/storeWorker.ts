// The Web Worker entry for one open store (storeClient.ts starts one per
// store and ends it when the store is closed). Requests are handled one after
// another, in arrival order, by StoreServer.

import { sqliteEngine } from '../model/store/sqliteEngine.ts';
import { StoreServer } from './storeHandler.ts';
import { isStoreRequest, type StoreResponse } from './storeMessages.ts';

interface WorkerScope {
  postMessage(message: StoreResponse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

const scope = self as unknown as WorkerScope;
const server = new StoreServer((message, transfer) => scope.postMessage(message, transfer ?? []));
let queue: Promise<void> = Promise.resolve();

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (!isStoreRequest(request)) return;
  queue = queue.then(() => server.handle(request)).catch(() => undefined);
});

scope.postMessage({ type: 'ready' });
// Compile SQLite while the page sends the file; open() then finds it ready.
sqliteEngine().catch(() => undefined);
