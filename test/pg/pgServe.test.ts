// `serve --db URL` as a real child process on a real server, and the page's
// remote store handle (worker/remoteStoreClient.ts) against it, in Node: the
// JSON API behind today's guards (127.0.0.1, Host check), never showing the
// URL or the password; pages chained by cursor, the count apart, facets;
// runs opened through the explorer's loaders (a history, a run of step rows);
// bad requests refused; and when the server stops, every request says so,
// the runs opened stay, and a retry works once it is back on its port.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreRun } from '../../src/model/store/storeTypes.ts';
import type { FileLoadResult } from '../../src/model/types.ts';
import { openRemoteStore } from '../../src/worker/remoteStoreClient.ts';
import type { StoreHandle } from '../../src/worker/storeClient.ts';
import { FIXTURE_DUMP, type PgCluster, startPgCluster } from './pgCluster.ts';
import { getWithHost, type ServedDb, serveDb } from './serveDb.ts';

async function handle(server: ServedDb): Promise<StoreHandle> {
  const opened = await openRemoteStore(new URL('/__db/', server.url).href);
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.store;
}

function okRun(r: FileLoadResult | undefined) {
  if (!r?.ok) throw new Error(r ? r.error.message : 'no result');
  return r.runs[0]!;
}

describe('serve --db: the JSON API and the page handle over it', { timeout: 120_000 }, () => {
  let c: PgCluster;
  let dist: string;
  let server: ServedDb;
  const args = () => ['--db', c.url(), '--dist', dist, '--port', String(server?.port ?? 0)];

  beforeAll(async () => {
    c = await startPgCluster();
    await c.createDatabase('fsm_history', [FIXTURE_DUMP]);
    dist = await mkdtemp(join(tmpdir(), 'fsm-serve-db-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    server = await serveDb(args());
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dist, { recursive: true, force: true });
    await c?.stop();
  });

  it('prints the store and an address on 127.0.0.1 that opens it; the page never sees the URL or password', async () => {
    expect(server.url.hostname).toBe('127.0.0.1');
    expect(server.url.searchParams.get('db')).toBe('/__db/');
    expect(server.stdout()).toContain(
      `/__db/  127.0.0.1:${c.port}/fsm_history: PostgreSQL store, 6 runs (table records)`,
    );
    expect(server.stdout()).not.toContain(c.reader.password);
    const info = await (await fetch(new URL('/__db/store', server.url))).text();
    expect(JSON.parse(info)).toMatchObject({
      fileName: `127.0.0.1:${c.port}/fsm_history`,
      engine: 'postgres',
      runs: 6,
    });
    expect(info).not.toContain(c.reader.password);
    expect(info).not.toContain('postgres://');
    expect((await getWithHost(server.port, '/__db/store', `evil.example:${server.port}`)).status).toBe(403);
    const bad = await fetch(new URL('/__db/runs?q=%7B%22sort%22%3A%22x%3B%20DROP%22%7D', server.url));
    expect([bad.status, await bad.json()]).toEqual([
      400,
      { error: 'q.sort is not a column', kind: 'refused' },
    ]);
    expect((await fetch(new URL('/__db/run?rank=0&table=records&id=nope', server.url))).status).toBe(404);
    expect((await fetch(new URL('/__db/run?rank=2&table=records&id=nope', server.url))).status).toBe(400);
  });

  it('lists, filters, counts and pages in the server; opens a history and a run of step rows', async () => {
    const store = await handle(server);
    expect(store.info.engine).toBe('postgres');
    const first = await store.query({ sort: 'start_time', desc: true }, 0, 4);
    expect(first.rows.map((r) => r.id)).toEqual([
      'batch-17',
      'b1e2c3d4-0000-4000-8000-000000000001',
      'ingest-0042',
      'inv-2025-0917',
    ]);
    expect(await (first.counted ?? Promise.resolve(first.total))).toBe(6);
    const second = await store.query({ sort: 'start_time', desc: true }, 4, 4);
    expect([second.total, second.counted, second.rows.map((r) => r.id)]).toEqual([
      6,
      undefined,
      ['etl-2025-09-20-001', 'conv-7f3a'],
    ]);
    const failed = await store.query({ sort: 'start_time', desc: true, failures: 'with' }, 0, 200);
    expect(failed.rows.map((r: StoreRun) => r.id)).toEqual(['conv-7f3a']);
    expect((await store.facets()).statuses).toEqual([
      { value: 'completed', count: 5 },
      { value: 'in_progress', count: 1 },
    ]);
    const batch = first.rows[0]!;
    const [conv, steps] = await store.openRuns([failed.rows[0]!.key, batch.key]);
    const draft = okRun(conv).steps.find((s) => s.stateName === 'draft_answer' && s.status === 'failed');
    expect(draft?.error).toMatch(/timed out/);
    expect(okRun(conv).fileName).toBe(`127.0.0.1:${c.port}/fsm_history › records › conv-7f3a`);
    expect(okRun(steps).counts.uniqueSteps).toBe(4);
    await expect(
      store.query({ sort: 'start_time', desc: true, metadata: [{ key: 'a"b', value: 'x' }] }, 0, 10),
    ).rejects.toThrow(/^127\.0\.0\.1:\d+\/fsm_history: metadata key "a\\"b" is not a dotted key$/);
  });

  it('when the server stops, requests say so and opened runs stay; once it is back, the same handle works', async () => {
    const store = await handle(server);
    const page = await store.query({ sort: 'fsm_name', desc: false }, 0, 10);
    const [opened] = await store.openRuns([page.rows[0]!.key]);
    const run = okRun(opened);
    await server.stop();
    const gone = /the server cannot be reached .*it may have stopped\. The runs already opened stay/;
    await expect(store.query({ sort: 'fsm_name', desc: true }, 0, 10)).rejects.toThrow(gone);
    const [lost] = await store.openRuns([page.rows[1]!.key]);
    expect(lost?.ok ? '' : lost?.error.message).toMatch(gone);
    expect(run.counts.uniqueSteps).toBeGreaterThan(0);
    server = await serveDb(args());
    expect((await store.query({ sort: 'fsm_name', desc: true }, 0, 10)).rows).toHaveLength(6);
    expect(okRun((await store.openRuns([page.rows[1]!.key]))[0]).executionId).toBe(page.rows[1]!.executionId);
  });
});
