// A throwaway PostgreSQL cluster for the tests of PostgreSQL stores: initdb
// into a temporary folder, the server started with pg_ctl listening on
// 127.0.0.1 only, on a free port (and on a socket inside that folder), with
// password (scram) logins over TCP. As root the server runs as an
// unprivileged user (`postgres` where Debian's package made it, else
// `nobody`), as PostgreSQL requires. stop() ends it and removes the folder;
// if the test process dies first, an exit hook and a watchdog process do it.
// Used by Vitest files (beforeAll/afterAll) and by the end-to-end tests alike.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DUMP = fileURLToPath(new URL('../fixtures/db/postgres-histories.sql', import.meta.url));
export const FIXTURE_INSERTS_DUMP = fileURLToPath(
  new URL('../fixtures/db/postgres-histories-inserts.sql', import.meta.url),
);

export interface Login {
  readonly user: string;
  readonly password: string;
}

export interface PgCluster {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The temporary folder holding the data directory, the socket and the log. */
  readonly dir: string;
  /** The superuser. */
  readonly admin: Login;
  /** A role that can log in and only read: SELECT on the tables of the databases made by createDatabase. */
  readonly reader: Login;
  /** A connection URL over TCP (the reader's, with its password, unless told otherwise). */
  url(opts?: { login?: Login | null; password?: string | null; database?: string }): string;
  /** Runs SQL as the superuser through psql over the socket; psql's output. Rejects with psql's stderr. */
  psql(sql: string, database?: string): Promise<string>;
  /** Makes a database, loads each dump into it (psql -f) and lets the reader read it. */
  createDatabase(name: string, dumps: readonly string[]): Promise<void>;
  /** Stops the server (fast shutdown) and removes the folder. */
  stop(): Promise<void>;
}

/** PostgreSQL's server programs: $PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function pgBinDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) {
    throw new Error(
      'PostgreSQL is not installed (no /usr/lib/postgresql/N/bin/initdb): run scripts/ensure-postgres.sh',
    );
  }
  return join(root, versions[0], 'bin');
}

interface RunAs {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** Who runs the server: nobody special unless we are root (PostgreSQL refuses to run as root). */
function serverUser(): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0)
      return { name, uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('running as root, but there is neither a postgres nor a nobody user to run the server as');
}

/** The command line that runs `cmd` as `user` (runuser needs no login shell, so `nobody` works too). */
function asUser(user: RunAs | null, cmd: string, args: readonly string[]): [string, string[]] {
  return user === null ? [cmd, [...args]] : ['runuser', ['-u', user.name, '--', cmd, ...args]];
}

function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const secret = (): string => `pw-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;

/** Starts a fresh cluster (about 2 s). */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = pgBinDir();
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'fsm-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const admin: Login = { user: 'fsm_admin', password: secret() };
  const reader: Login = { user: 'fsm_reader', password: secret() };
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${admin.password}\n`);
  chmodSync(pwfile, 0o600);
  if (user !== null) {
    chownSync(dir, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  const pg = (name: string) => join(bin, name);
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  let started = false;
  const stopNow = () => {
    if (started) spawnSync(...asUser(user, pg('pg_ctl'), ['-D', data, 'stop', '-m', 'immediate', '-w']));
    started = false;
  };
  const onExit = () => {
    stopNow();
    removeDir();
  };
  process.once('exit', onExit);
  let watchdog: ReturnType<typeof spawn> | null = null;
  try {
    await run(
      ...asUser(user, pg('initdb'), [
        '-D',
        data,
        '-U',
        admin.user,
        `--pwfile=${pwfile}`,
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
      ]),
    );
    let port = 0;
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const options = [
        '-c listen_addresses=127.0.0.1',
        `-c port=${port}`,
        `-c unix_socket_directories=${dir}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
      ].join(' ');
      try {
        await run(
          ...asUser(user, pg('pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']),
        );
        started = true;
        break;
      } catch (err) {
        // Someone took the port between our look and the server's bind: try another.
        if (attempt >= 4) throw new Error(`${(err as Error).message}\n${serverLog(log)}`);
      }
    }
    // If this process is killed outright, the watchdog stops the server and removes the folder.
    const [stopCmd, stopArgs] = asUser(user, pg('pg_ctl'), ['-D', data, 'stop', '-m', 'immediate']);
    const quoted = [stopCmd, ...stopArgs].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    watchdog = spawn(
      'sh',
      [
        '-c',
        `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${quoted} >/dev/null 2>&1; rm -rf '${dir}'`,
      ],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.unref();
    const psqlArgs = (database: string) => [
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      dir,
      '-p',
      String(port),
      '-U',
      admin.user,
      '-d',
      database,
    ];
    const psql = (sql: string, database = 'postgres') =>
      run(pg('psql'), [...psqlArgs(database), '-At', '-c', sql]);
    await psql(`CREATE ROLE ${reader.user} LOGIN PASSWORD '${reader.password}'`);
    const cluster: PgCluster = {
      host: '127.0.0.1',
      port,
      dir,
      admin,
      reader,
      url(opts = {}) {
        const login = opts.login === undefined ? reader : opts.login;
        const password = opts.password === undefined ? login?.password : opts.password;
        const auth =
          login === null
            ? ''
            : `${encodeURIComponent(login.user)}${password ? `:${encodeURIComponent(password)}` : ''}@`;
        return `postgres://${auth}127.0.0.1:${port}/${opts.database ?? 'fsm_history'}`;
      },
      psql,
      async createDatabase(name, dumps) {
        await psql(`CREATE DATABASE ${name}`);
        for (const dump of dumps) await run(pg('psql'), [...psqlArgs(name), '-f', dump]);
        await psql(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${reader.user}`, name);
      },
      async stop() {
        if (started) {
          await run(...asUser(user, pg('pg_ctl'), ['-D', data, 'stop', '-m', 'fast', '-w'])).catch(stopNow);
          started = false;
        }
        watchdog?.kill();
        process.off('exit', onExit);
        removeDir();
      },
    };
    return cluster;
  } catch (err) {
    watchdog?.kill();
    onExit();
    process.off('exit', onExit);
    throw err;
  }
}

function serverLog(path: string): string {
  const r = spawnSync('tail', ['-n', '20', path], { encoding: 'utf8' });
  return r.status === 0 ? `server log:\n${r.stdout}` : '';
}
