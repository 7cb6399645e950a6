// The safety points of a shared production database, each against the real
// server: the test cluster itself (127.0.0.1 only, an unprivileged server,
// gone once stopped); nothing but reads (a write is refused even for a user
// allowed to write, and a transaction cannot be turned read-write);
// injection through every filter, the page cursor and the table and schema
// names is harmless (values mean themselves, as in memory; bad names are
// refused before any connection); and every failure says what failed without
// the URL or the password.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDatabase } from '../../src/cli/pg/pgConnection.ts';
import { PgStore, type PgStoreOptions } from '../../src/cli/pg/pgStore.ts';
import { QueryError } from '../../src/model/store/runQuerySql.ts';
import type { RunQuery } from '../../src/model/store/storeTypes.ts';
import { FIXTURE_DUMP, type PgCluster, pgBinDir, startPgCluster } from './pgCluster.ts';
import { expectSameAnswers } from './sameAnswers.ts';

/** psql over TCP as the reader, with its password in PGPASSWORD; stdout, or the error text. */
function readerPsql(c: PgCluster, sql: string): Promise<string> {
  const args = ['-X', '-At', '-h', c.host, '-p', String(c.port), '-U', c.reader.user, '-d', 'fsm_history'];
  return new Promise((resolve) => {
    execFile(
      join(pgBinDir(), 'psql'),
      [...args, '-c', sql],
      { env: { ...process.env, PGPASSWORD: c.reader.password } },
      (err, out, stderr) => resolve(err ? `ERROR ${stderr}` : out.trim()),
    );
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

const NASTY = [
  "'; DROP TABLE records; --",
  "x' OR '1'='1",
  '%',
  '_',
  '\\',
  '\u0000',
  '$1',
  'conv-7f3a\u0000',
  '"',
  "''",
  'é',
];

describe('PostgreSQL safety', () => {
  let c: PgCluster;
  const options = (o: Partial<PgStoreOptions> = {}): PgStoreOptions => ({
    url: c.url(),
    schema: 'public',
    table: null,
    statementTimeout: '5s',
    ...o,
  });
  const failure = async (o: Partial<PgStoreOptions>): Promise<Error> => {
    try {
      const s = await PgStore.open(options(o));
      await s.close();
    } catch (err) {
      return err as Error;
    }
    throw new Error('expected PgStore.open to fail');
  };

  beforeAll(async () => {
    c = await startPgCluster();
    await c.createDatabase('fsm_history', [FIXTURE_DUMP]);
    await c.psql(
      `CREATE SCHEMA locked; CREATE TABLE locked.records AS SELECT * FROM public.records LIMIT 1;
       GRANT SELECT ON locked.records TO ${c.reader.user};`,
      'fsm_history',
    );
  }, 60_000);
  afterAll(async () => {
    await c?.stop();
  });

  it('the test server listens on 127.0.0.1 only, not as root, and the reader role cannot write', async () => {
    expect(await c.psql('SHOW listen_addresses')).toBe('127.0.0.1\n');
    const pid = Number(await c.psql('SELECT pg_backend_pid()'));
    const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (process.getuid?.() === 0) expect(uid).not.toBe('0');
    expect(await readerPsql(c, "DELETE FROM records WHERE id = 'conv-7f3a'")).toMatch(/permission denied/);
    const other = await startPgCluster();
    expect(await portOpen(other.port)).toBe(true);
    await other.stop();
    expect(await portOpen(other.port)).toBe(false);
    expect(existsSync(other.dir)).toBe(false);
  }, 60_000);

  it('refuses every write, also as a user allowed to write, and a transaction cannot be made read-write', async () => {
    const store = await PgStore.open(options({ url: c.url({ login: c.admin }) }));
    try {
      for (const sql of [
        "DELETE FROM records WHERE id = 'conv-7f3a'",
        "UPDATE records SET data = '{}'",
        "INSERT INTO records (id, data) VALUES ('x', '{}')",
        'CREATE TABLE evil (id int)',
        "SET TRANSACTION READ WRITE; DELETE FROM records WHERE id = 'conv-7f3a'",
      ]) {
        await expect(store.query(sql), sql).rejects.toThrow(
          /refused|read-write mode must be set before any query/,
        );
      }
      expect(await store.query('SELECT count(*)::int AS n FROM records')).toEqual([{ n: 45 }]);
    } finally {
      await store.close();
    }
  });

  it('values in every filter mean themselves: the same (empty) answers as in memory, nothing else happens', async () => {
    const store = await PgStore.open(options());
    try {
      const queries: RunQuery[] = NASTY.flatMap((v): RunQuery[] => [
        { sort: 'start_time', desc: true, fsm: v },
        { sort: 'start_time', desc: true, status: v },
        { sort: 'start_time', desc: true, text: v },
        { sort: 'start_time', desc: true, metadata: [{ key: 'tenant_id', value: v }] },
        ...(v.includes('"')
          ? []
          : [{ sort: 'start_time', desc: true, metadata: [{ key: `${v}.x`, value: 'acme' }] } as RunQuery]),
      ]);
      queries.push(
        { sort: 'start_time; DROP TABLE records' as RunQuery['sort'], desc: false },
        { sort: 'start_time', desc: true, since: Number.NaN, until: Number.POSITIVE_INFINITY },
        { sort: 'start_time', desc: true, metadata: [{ key: 'user.plan") || true || ("', value: 'pro' }] },
      );
      await expectSameAnswers(
        store,
        queries.filter((q) => !q.metadata?.some((m) => m.key.includes('"'))),
      );
      await expect(store.page(queries.at(-1)!, { after: null, offset: 0, limit: 10 })).rejects.toThrow(
        QueryError,
      );
      for (const after of [
        { value: "'; DROP TABLE records; --", rank: 0, table: 'records', saved: '2026-01-01', id: 'x' },
        { value: 1, rank: 0, table: "records'; --", saved: "'; DROP TABLE records; --", id: "x'" },
      ]) {
        await expect(
          store.page({ sort: 'start_time', desc: true }, { after, offset: 0, limit: 5 }),
        ).rejects.toThrow();
      }
      expect(
        (await store.page({ sort: 'start_time', desc: true }, { after: null, offset: 0, limit: 10 })).rows,
      ).toHaveLength(6);
      expect(await readerPsql(c, 'SELECT count(*) FROM records')).toBe('45');
    } finally {
      await store.close();
    }
  });

  it('refuses a table or schema name that is not a plain identifier before connecting to anything', async () => {
    const nowhere = 'postgres://fsm_reader:topsecret-pw@127.0.0.1:1/fsm_history';
    for (const [o, what] of [
      [{ table: 'records"; DROP TABLE records; --' }, '--table'],
      [{ table: 'public.records' }, '--table'],
      [{ schema: 'public; SELECT 1' }, '--schema'],
      [{ schema: '' }, '--schema'],
      [{ statementTimeout: "5s'; SET x" }, '--statement-timeout'],
    ] as const) {
      const err = await failure({ url: nowhere, ...o });
      expect(err.message).toMatch(new RegExp(`^${what} .* is not `));
      expect(err.message).not.toMatch(/topsecret/);
    }
    expect(await readerPsql(c, 'SELECT count(*) FROM records')).toBe('45');
  });

  it('says what failed, naming the store and never the password', async () => {
    const label = `127.0.0.1:${c.port}`;
    const cases: Array<[Partial<PgStoreOptions>, RegExp]> = [
      [
        { url: c.url({ password: 'wrong-secret-pw' }) },
        /^cannot log in to .* as fsm_reader: password authentication failed$/,
      ],
      [
        { url: c.url({ password: null }) },
        /as fsm_reader: no password given \(put it in the URL, in PGPASSWORD or in ~\/\.pgpass\)$/,
      ],
      [
        { url: `postgres://fsm_reader:wrong-secret-pw@127.0.0.1:1/fsm_history` },
        /^cannot connect to 127\.0\.0\.1:1\/fsm_history: connection refused/,
      ],
      [{ url: c.url({ database: 'nosuchdb' }) }, /nosuchdb/],
      [{ table: 'Records' }, new RegExp(`^${label}/fsm_history: no table Records \\(or no access to it\\)$`)],
      [{ schema: 'nosuch' }, /no schema nosuch/],
      [{ schema: 'locked' }, /permission denied \(permission denied for schema locked\)$/],
      [{ url: 'postgres://fsm_reader:wrong-secret-pw@[::1' }, /^the --db URL cannot be read/],
    ];
    const saved = process.env.PGPASSWORD;
    delete process.env.PGPASSWORD;
    try {
      for (const [o, want] of cases) {
        const err = await failure(o);
        expect(err.message).toMatch(want);
        expect(err.message).not.toMatch(/wrong-secret-pw|postgres:\/\/fsm_reader/);
        expect(err.message).not.toContain(c.reader.password);
      }
    } finally {
      if (saved !== undefined) process.env.PGPASSWORD = saved;
    }
    // The timeout every statement runs under (the store's own path, without the store's opening queries).
    const slow = new PgDatabase({ url: c.url(), statementTimeout: '100ms' });
    try {
      await expect(slow.query('SELECT pg_sleep(5)')).rejects.toThrow(
        /a query ran longer than the statement timeout \(100ms\) and was cancelled/,
      );
    } finally {
      await slow.close();
    }
  });
});
