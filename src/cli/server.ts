// The local HTTP server behind `fsm-history-explorer open`: serves the built
// app from a folder and the user's files at /__files/<n> (streamed from disk),
// or, for `serve --db`, a store's JSON API (pg/dbApi.ts).
// The benchmark and the end-to-end tests serve the app with it too (the tests
// mount their fixture folder under a prefix), so they get what users get.
// Listens on 127.0.0.1 only, answers only requests whose Host is this
// server (against DNS rebinding), and refuses any path leaving the app folder.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { mimeType } from './mimeTypes.mjs';

export interface ServerOptions {
  /** Folder of the built app (holds index.html). */
  readonly root: string;
  /** Files served at /__files/0, /__files/1, ... */
  readonly files: readonly string[];
  /** 0 picks a free port. */
  readonly port: number;
  /** More folders, each served as it is under its URL prefix (e.g. '/__fixtures/'). */
  readonly mounts?: ReadonlyArray<{ readonly prefix: string; readonly dir: string }>;
  /** An API answering under its prefix (`serve --db`'s /__db/), after the Host and method checks. */
  readonly api?: Api;
}

export interface Api {
  readonly prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, path: string, params: URLSearchParams): Promise<void>;
}

interface Mount {
  readonly prefix: string;
  readonly dir: string;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:5173/ */
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

export const FILES_PREFIX = '/__files/';

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const root = await realpath(resolve(options.root));
  const files = options.files.map((f) => resolve(f));
  const mounts: Mount[] = [];
  for (const m of options.mounts ?? []) {
    if (!m.prefix.startsWith('/') || !m.prefix.endsWith('/') || m.prefix === '/')
      throw new Error(`a mount prefix starts and ends with '/' and is not '/' alone: ${m.prefix}`);
    mounts.push({ prefix: m.prefix, dir: await realpath(resolve(m.dir)) });
  }
  let port = options.port;
  const server = createServer((req, res) => {
    handle(req, res, root, files, mounts, port, options.api).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${text}\n`);
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  files: readonly string[],
  mounts: readonly Mount[],
  port: number,
  api?: Api,
): Promise<void> {
  const host = (req.headers.host ?? '').toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    send(res, 403, 'Forbidden: unexpected Host');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const rawPath = (req.url ?? '/').split('?')[0]?.split('#')[0] ?? '/';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    send(res, 400, 'Bad request: malformed path');
    return;
  }
  if (!path.startsWith('/') || path.includes('\0') || path.split(/[/\\]/).some((s) => s === '..')) {
    send(res, 403, 'Forbidden');
    return;
  }
  if (api && path.startsWith(api.prefix)) {
    await api.handle(req, res, path, new URLSearchParams((req.url ?? '').split('?')[1]?.split('#')[0] ?? ''));
    return;
  }
  if (path.startsWith(FILES_PREFIX)) {
    await serveUserFile(req, res, path.slice(FILES_PREFIX.length), files);
    return;
  }
  const mount = mounts.find((m) => path.startsWith(m.prefix));
  if (mount) {
    await serveStatic(req, res, mount.dir, path.slice(mount.prefix.length - 1));
    return;
  }
  await serveStatic(req, res, root, path);
}

async function serveUserFile(
  req: IncomingMessage,
  res: ServerResponse,
  indexText: string,
  files: readonly string[],
): Promise<void> {
  const file = /^\d+$/.test(indexText) ? files[Number(indexText)] : undefined;
  if (file === undefined) {
    send(res, 404, 'No such file');
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    send(res, 404, `${basename(file)} is no longer there`);
    return;
  }
  const name = basename(file);
  const encoded = encodeURIComponent(name);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(info.size),
    'Content-Disposition': `inline; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`,
    'X-File-Name': encoded,
  });
  await streamBody(req, res, file);
}

async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  path: string,
): Promise<void> {
  let target = resolve(join(root, path));
  let info = await stat(target).catch(() => null);
  if (info?.isDirectory()) {
    target = join(target, 'index.html');
    info = await stat(target).catch(() => null);
  }
  if (!info?.isFile()) {
    // Browsers ask for a favicon on their own; answer quietly when the app has none.
    if (path === '/favicon.ico') res.writeHead(204, SECURITY_HEADERS).end();
    else send(res, 404, 'Not found');
    return;
  }
  // Symbolic links must not lead out of the folder either.
  const real = await realpath(target);
  if (real !== root && !real.startsWith(root + sep)) {
    send(res, 403, 'Forbidden');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeType(real),
    'Content-Length': String(info.size),
  });
  await streamBody(req, res, real);
}

async function streamBody(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(file), res);
  } catch {
    res.destroy();
  }
}
