// The Web Worker entry that loads history files off the main thread.
// Started by loadClient.ts as a module worker; answers each `load` request
// with progress messages and one result (see messages.ts). Files are read by
// a reader worker of its own (readerStream.ts), started ahead of time.
import { isWorkerRequest, type WorkerResponse } from './messages.ts';
import { openReaderWorker, prewarmReader } from './readerStream.ts';
import { handleLoadRequest, type PostToPage } from './workerHandler.ts';

interface WorkerScope {
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

const scope = self as unknown as WorkerScope;
const post: PostToPage = (message, transfer) => scope.postMessage(message, transfer ?? []);

// Requests are handled one after another, in arrival order.
let queue: Promise<void> = Promise.resolve();

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (!isWorkerRequest(request)) return;
  queue = queue
    .then(() => handleLoadRequest(request, post, { openBlob: (blob) => openReaderWorker(blob) }))
    .catch(() => undefined);
});

post({ type: 'ready' });
prewarmReader();
