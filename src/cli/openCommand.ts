// `fsm-history-explorer [open] [FILE...]`: checks the files, makes sure the app
// is built, serves it with the files on 127.0.0.1, prints the address and
// opens the browser at /?url=/__files/0&url=/__files/1... (or /?sample).
// `serve --db URL` opens the PostgreSQL store first and serves its JSON API
// (pg/dbApi.ts) with the app, at /?db=/__db/.
// Returns once the server is up; the server then keeps the process alive until Ctrl-C.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DbOptions } from './args.ts';
import { openBrowser } from './openBrowser.ts';
import { packageRoot } from './paths.ts';
import { DB_PREFIX } from './pg/dbPrefix.ts';
import { type Api, FILES_PREFIX, type RunningServer, startServer } from './server.ts';
import type { Output } from './summaryCommand.ts';

export interface OpenOptions {
  readonly files: readonly string[];
  readonly port: number;
  readonly openBrowser: boolean;
  readonly dist: string | null;
  /** `serve --db`: the run browser on a PostgreSQL store, through the JSON API under /__db/. */
  readonly db?: DbOptions;
}

/** The page address that loads the given number of files (or the samples, or the store of `serve --db`). */
export function appQuery(fileCount: number, db = false): string {
  if (db) return `?db=${encodeURIComponent(DB_PREFIX)}`;
  if (fileCount === 0) return '?sample';
  return `?${Array.from({ length: fileCount }, (_, i) => `url=${FILES_PREFIX}${i}`).join('&')}`;
}

function checkFiles(files: readonly string[], io: Output): boolean {
  let ok = true;
  for (const file of files) {
    let problem: string | null = null;
    try {
      if (!statSync(file).isFile()) problem = 'is not a file';
    } catch (err) {
      problem = (err as { code?: unknown }).code === 'ENOENT' ? 'no such file' : String(err);
    }
    if (problem !== null) {
      io.err(`fsm-history-explorer: ${file}: ${problem}\n`);
      ok = false;
    }
  }
  return ok;
}

/** The folder to serve, building dist/ first when it is missing; null when that fails. */
function appFolder(dist: string | null, io: Output): string | null {
  if (dist !== null) {
    if (existsSync(join(dist, 'index.html'))) return resolve(dist);
    io.err(`fsm-history-explorer: ${dist}: no index.html there; --dist must name a built app folder\n`);
    return null;
  }
  const root = join(packageRoot, 'dist');
  if (existsSync(join(root, 'index.html'))) return root;
  io.err('The app is not built yet (no dist/index.html): building it with `npx vite build`...\n');
  const build = spawnSync('npx', ['vite', 'build'], {
    cwd: packageRoot,
    stdio: ['ignore', 2, 2],
    shell: process.platform === 'win32',
  });
  if (build.status === 0 && existsSync(join(root, 'index.html'))) return root;
  io.err('fsm-history-explorer: the build failed; run `npx vite build` in the package folder to see why\n');
  return null;
}

export async function openCommand(options: OpenOptions, io: Output): Promise<number> {
  if (!checkFiles(options.files, io)) return 2;
  const root = appFolder(options.dist, io);
  if (root === null) return 2;
  const db = options.db ? await openDb(options.db, io) : null;
  if (db === false) return 2;
  let server: RunningServer;
  try {
    server = await startServer({
      root,
      files: options.files,
      port: options.port,
      ...(db ? { api: db.api } : {}),
    });
  } catch (err) {
    await db?.close();
    const code = (err as { code?: unknown }).code;
    const reason = code === 'EADDRINUSE' ? `port ${options.port} is already in use` : String(err);
    io.err(`fsm-history-explorer: cannot start the server: ${reason}\n`);
    return 2;
  }
  // Ctrl-C handlers go in before the address is printed: whoever reads it may stop us at once.
  const stop = (): void => {
    server
      .close()
      .then(() => db?.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const url = `${server.origin}${appQuery(options.files.length, db !== null)}`;
  const lines = [`FSM History Explorer is serving ${root} at ${server.origin}`];
  options.files.forEach((file, i) => {
    lines.push(`  ${FILES_PREFIX}${i}  ${file}`);
  });
  if (db) lines.push(`  ${DB_PREFIX}  ${db.heading}`);
  lines.push(`Open ${url}`, 'Press Ctrl-C to stop.');
  io.out(`${lines.join('\n')}\n`);
  if (options.openBrowser && !openBrowser(url)) {
    io.out('No way to open a browser was found here: open the address above yourself.\n');
  }
  return 0;
}

interface OpenDb {
  readonly api: Api;
  readonly heading: string;
  close(): Promise<void>;
}

/** Opens the PostgreSQL store (its modules are loaded only here); false when it cannot be opened (said on stderr). */
async function openDb(options: DbOptions, io: Output): Promise<OpenDb | false> {
  const [{ PgStore }, { handleDbApi }, { storeHeading }] = await Promise.all([
    import('./pg/pgStore.ts'),
    import('./pg/dbApi.ts'),
    import('./storeSummary.ts'),
  ]);
  try {
    const store = await PgStore.open(options);
    return {
      api: {
        prefix: DB_PREFIX,
        handle: (req, res, path, params) => handleDbApi(req, res, path, params, store),
      },
      heading: storeHeading(store.info.fileName, store.info, null),
      close: () => store.close(),
    };
  } catch (err) {
    io.err(`fsm-history-explorer: ${err instanceof Error ? err.message : String(err)}\n`);
    return false;
  }
}
