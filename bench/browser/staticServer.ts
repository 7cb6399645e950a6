// A small static file server for the benchmark: serves the built app
// directory on 127.0.0.1 at a free port (module workers need http, not file:).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mimeType } from '../../src/cli/mimeTypes.mjs';

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

export function startStaticServer(dir: string): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    void (async () => {
      let rel: string;
      try {
        rel = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      } catch {
        res.writeHead(400).end();
        return;
      }
      const file = path.resolve(root, `.${rel === '/' ? '/index.html' : rel}`);
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        const st = await stat(file);
        if (!st.isFile()) throw new Error('not a file');
        res.writeHead(200, {
          'content-type': mimeType(file),
          'content-length': st.size,
          'cache-control': 'no-store',
        });
        createReadStream(file).pipe(res);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
