// The file reader worker's entry, started by the load worker (readerStream.ts)
// ahead of each Blob/File it loads: see readerHandler.ts and readerMessages.ts.
import { ReadServer } from './readerHandler.ts';
import type { FromReader, ToReader } from './readerMessages.ts';

interface ReaderScope {
  postMessage(message: FromReader, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToReader>) => void): void;
}

const scope = self as unknown as ReaderScope;
const server = new ReadServer((message, transfer) => scope.postMessage(message, transfer));

scope.addEventListener('message', (event) => {
  const m = event.data;
  if (m.type === 'more') server.more();
  else if (m.type === 'recycle') server.recycle(m.buffers);
  else if (m.type === 'read') void server.read(m);
});
