// A tiny static file server for the end-to-end tests and the screenshot script:
// serves the built app (dist/) at / and the real producer files
// (test/fixtures/) under /__fixtures/, on 127.0.0.1 and a free port.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mimeType } from '../../src/cli/mimeTypes.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built app; E2E_DIST may point at another build (e.g. one made with `vite build --outDir`). */
export const DIST = path.resolve(process.env.E2E_DIST ?? path.join(ROOT, 'dist'));
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/** Maps a URL path to a file under one of the mounts, or null when it escapes them. */
function resolveFile(urlPath) {
  const mounts = [
    ['/__fixtures/', FIXTURES],
    ['/', DIST],
  ];
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const rel = urlPath.slice(prefix.length);
    const file = path.resolve(dir, rel === '' ? 'index.html' : rel);
    if (file !== dir && !file.startsWith(dir + path.sep)) return null;
    return file;
  }
  return null;
}

async function handle(req, res) {
  let urlPath;
  try {
    urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end('method not allowed');
    return;
  }
  const file = resolveFile(urlPath);
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${urlPath}`);
    return;
  }
  res.writeHead(200, {
    'content-type': mimeType(file),
    'content-length': info.size,
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

/** Starts the server; resolves to { url, close() }. */
export async function startStaticServer() {
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server: no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
