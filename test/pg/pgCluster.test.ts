// The test cluster itself: started from nothing, listening on 127.0.0.1, its
// server not running as root, the fixture dump (COPY) and its --inserts twin
// loaded with the same rows, the reader role able to read and not to write,
// and nothing left behind once stopped.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DUMP, FIXTURE_INSERTS_DUMP, type PgCluster, pgBinDir, startPgCluster } from './pgCluster.ts';

/** psql over TCP as the reader, with its password in PGPASSWORD; stdout, or the error text. */
function readerPsql(c: PgCluster, sql: string, database = 'fsm_history'): Promise<string> {
  const args = [
    '-X',
    '-At',
    '-v',
    'ON_ERROR_STOP=1',
    '-h',
    c.host,
    '-p',
    String(c.port),
    '-U',
    c.reader.user,
  ];
  return new Promise((resolve) => {
    execFile(
      join(pgBinDir(), 'psql'),
      [...args, '-d', database, '-c', sql],
      { env: { ...process.env, PGPASSWORD: c.reader.password } },
      (err, stdout, stderr) => resolve(err ? `ERROR ${stderr}` : stdout.trim()),
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

const CONTENT =
  "SELECT md5(string_agg(id || data::text || coalesce(metadata::text, 'NULL'), ',' ORDER BY id)) FROM records";

describe('the throwaway PostgreSQL cluster', () => {
  let c: PgCluster;
  beforeAll(async () => {
    c = await startPgCluster();
    await c.createDatabase('fsm_history', [FIXTURE_DUMP]);
    await c.createDatabase('fsm_inserts', [FIXTURE_INSERTS_DUMP]);
  }, 60_000);
  afterAll(async () => {
    await c?.stop();
  });

  it('holds the fixture: 45 rows, 5 histories and 40 step rows, readable over TCP with a password', async () => {
    expect(
      await readerPsql(
        c,
        "SELECT count(*), count(*) FILTER (WHERE data ? 'history_data'), count(*) FILTER (WHERE data ? 'step_data') FROM records",
      ),
    ).toBe('45|5|40');
    expect(await readerPsql(c, CONTENT, 'fsm_inserts')).toBe(await readerPsql(c, CONTENT));
  });

  it('listens on 127.0.0.1 only and runs the server as an unprivileged user', async () => {
    expect(await c.psql('SHOW listen_addresses')).toBe('127.0.0.1\n');
    const pid = Number(await c.psql('SELECT pg_backend_pid()'));
    const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    expect(uid).toBeDefined();
    if (process.getuid?.() === 0) expect(uid).not.toBe('0');
  });

  it('the reader cannot write', async () => {
    expect(await readerPsql(c, "DELETE FROM records WHERE id = 'conv-7f3a'")).toMatch(/permission denied/);
    expect(await readerPsql(c, "SELECT count(*) FROM records WHERE id = 'conv-7f3a'")).toBe('1');
  });

  it('stop() ends the server and removes its folder', async () => {
    const other = await startPgCluster();
    expect(await portOpen(other.port)).toBe(true);
    await other.stop();
    expect(await portOpen(other.port)).toBe(false);
    expect(existsSync(other.dir)).toBe(false);
  }, 60_000);
});
