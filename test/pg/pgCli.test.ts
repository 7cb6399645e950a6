// `summary --db` as a real child process against a real server: the fixture
// dump reported with the same facts, order and exit codes as the SQLite
// fixture of the same histories; --run and --since selected in SQL; the
// password from the URL, PGPASSWORD or ~/.pgpass (and a ~/.pgpass others can
// read is ignored, as psql ignores it); bad names refused before connecting;
// failures named without the password.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, REPO } from '../cli/runCli.ts';
import { FIXTURE_DUMP, type PgCluster, startPgCluster } from './pgCluster.ts';
import { PG_RECORDS_DDL } from './pgRows.ts';

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI with exactly this environment besides PATH (no PGPASSWORD or HOME of ours leaks in). */
function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: REPO,
        maxBuffer: 64 << 20,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', HOME: '/nonexistent', ...env },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

type Doc = Record<string, Array<Record<string, unknown>>>;
const SQLITE = join(FIXTURES, 'db', 'sqlite-histories.db');
const withoutWarnings = (doc: Doc) =>
  Object.values(doc).map((runs) =>
    runs.map(({ warnings, ...facts }) => ({ ...facts, warnings: (warnings as unknown[]).length })),
  );

// Each run of the CLI starts Node and tsx: on a busy 2-core machine that alone can take seconds.
describe('summary --db on a PostgreSQL store', { timeout: 120_000 }, () => {
  let c: PgCluster;
  let home: string;
  let label: string;
  beforeAll(async () => {
    c = await startPgCluster();
    await c.createDatabase('fsm_history', [FIXTURE_DUMP]);
    await c.createDatabase('empty', []);
    await c.psql(
      `${PG_RECORDS_DDL('public', 'records')} GRANT SELECT ON records TO ${c.reader.user}`,
      'empty',
    );
    home = mkdtempSync(join(tmpdir(), 'fsm-pg-home-'));
    label = `127.0.0.1:${c.port}/fsm_history`;
  }, 60_000);
  afterAll(async () => {
    rmSync(home, { recursive: true, force: true });
    await c?.stop();
  });

  it('reports the six runs of the SQLite fixture, in its order, with the same facts', async () => {
    const [pg, sqlite] = await Promise.all([
      cli(['summary', '--json', '--db', c.url()]),
      cli(['summary', '--json', SQLITE]),
    ]);
    expect(pg.stderr).toBe('');
    expect(pg.code).toBe(0);
    const doc = JSON.parse(pg.stdout) as Doc;
    const ids = [
      'conv-7f3a',
      'etl-2025-09-20-001',
      'inv-2025-0917',
      'ingest-0042',
      'b1e2c3d4-0000-4000-8000-000000000001',
      'batch-17',
    ];
    expect(Object.keys(doc)).toEqual(ids.map((id) => `${label} › records › ${id}`));
    expect(withoutWarnings(doc)).toEqual(withoutWarnings(JSON.parse(sqlite.stdout) as Doc));
    expect(pg.stdout).not.toContain(c.reader.password);
  });

  it('prints a heading, then each run; --run and --since choose in SQL and say so', async () => {
    const text = await cli(['summary', '--db', c.url()]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(`${label}: PostgreSQL store, 6 runs (table records)`);
    expect(text.stdout).toContain(`${label} › records › conv-7f3a`);
    const some = await cli([
      'summary',
      '--db',
      c.url(),
      '--run',
      'batch-17',
      '--run=conv-7f3a',
      '--since',
      '2025-09-20',
    ]);
    expect(some.stdout.split('\n')[0]).toBe(
      `${label}: PostgreSQL store, 6 runs, 2 selected by --run and --since 2025-09-20 (table records)`,
    );
    // The ingest run started at 1758401813.05 (2025-09-20T20:56:53Z); the open run and batch-17 after it.
    const since = await cli(['summary', '--json', '--db', c.url(), '--since', '2025-09-20T20:56:00Z']);
    expect(Object.keys(JSON.parse(since.stdout) as Doc).map((k) => k.split(' › ')[2])).toEqual([
      'ingest-0042',
      'b1e2c3d4-0000-4000-8000-000000000001',
      'batch-17',
    ]);
    const none = await cli(['summary', '--json', '--db', c.url(), '--since', '2030-01-01']);
    expect([none.code, JSON.parse(none.stdout)]).toEqual([0, { [label]: [] }]);
    const missing = await cli(['summary', '--db', c.url(), '--run', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `fsm-history-explorer: --run nope: no run with this execution id (or row id) in ${label}\n`,
    );
  });

  it('an empty store has no runs, and that is not an error', async () => {
    const r = await cli(['summary', '--db', c.url({ database: 'empty' })]);
    expect([r.code, r.stdout]).toEqual([
      0,
      `127.0.0.1:${c.port}/empty: PostgreSQL store, no runs (table records, 0 rows)\n`,
    ]);
  });

  it('takes the password from the URL, PGPASSWORD or ~/.pgpass, and ignores a ~/.pgpass others can read', async () => {
    const bare = c.url({ password: null });
    expect((await cli(['summary', '--db', c.url()])).code).toBe(0);
    expect((await cli(['summary', '--db', bare], { PGPASSWORD: c.reader.password })).code).toBe(0);
    const pgpass = join(home, '.pgpass');
    writeFileSync(
      pgpass,
      `# comment\n127.0.0.1:${c.port}:fsm_history:${c.reader.user}:${c.reader.password}\n`,
    );
    chmodSync(pgpass, 0o600);
    const fromFile = await cli(['summary', '--db', bare], { HOME: home });
    expect([fromFile.code, fromFile.stderr]).toEqual([0, '']);
    chmodSync(pgpass, 0o644);
    const open = await cli(['summary', '--db', bare], { HOME: home });
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/has group or world access/);
    expect(open.stderr).toMatch(/cannot log in to .* as fsm_reader: no password given/);
    expect(open.stderr).not.toContain(c.reader.password);
  });

  it('refuses bad names before connecting (exit 1), and says what failed without the password (exit 2)', async () => {
    const nowhere = 'postgres://fsm_reader:not-this-pw@127.0.0.1:1/fsm_history';
    const bad = await cli(['summary', '--db', nowhere, '--table', 'records; DROP TABLE records']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^fsm-history-explorer: --table "records; DROP TABLE records" is not a plain identifier/,
    );
    const refused = await cli(['summary', '--db', nowhere]);
    expect([refused.code, refused.stderr]).toEqual([
      2,
      'fsm-history-explorer: cannot connect to 127.0.0.1:1/fsm_history: connection refused (is the server running and listening there?)\n',
    ]);
    const wrong = await cli(['summary', '--db', c.url({ password: 'not-this-pw' })]);
    expect([wrong.code, wrong.stderr]).toEqual([
      2,
      `fsm-history-explorer: cannot log in to ${label} as fsm_reader: password authentication failed\n`,
    ]);
    const schema = await cli(['summary', '--db', c.url(), '--schema', 'nosuch']);
    expect([schema.code, schema.stderr]).toEqual([
      2,
      `fsm-history-explorer: ${label}: no schema nosuch (or no access to it)\n`,
    ]);
  });
});
