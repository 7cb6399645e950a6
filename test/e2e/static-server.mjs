// The server of the end-to-end tests and the screenshot script: the command
// line's own server (src/cli/server.ts, the headers users get) serving the
// built app (dist/) at / and the real producer files (test/fixtures/) under
// /__fixtures/, on 127.0.0.1 and a free port. Needs tsx (`node --import tsx`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../src/cli/server.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built app; E2E_DIST may point at another build (e.g. one made with `vite build --outDir`). */
export const DIST = path.resolve(process.env.E2E_DIST ?? path.join(ROOT, 'dist'));
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/** Starts the server; resolves to { url, close() }, url without a trailing '/'. */
export async function startStaticServer() {
  const server = await startServer({
    root: DIST,
    files: [],
    port: 0,
    mounts: [{ prefix: '/__fixtures/', dir: FIXTURES }],
  });
  return { url: server.origin.replace(/\/$/, ''), close: server.close };
}
