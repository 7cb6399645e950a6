// The PostgreSQL store against a real server (a throwaway cluster): the
// fixture dump lists and opens the same runs as the SQLite fixture of the
// same histories; every query gets the answer runListQuery gives on the same
// runs (the one meaning of the run browser's filters and sorts), page by page
// through keyset cursors; a store made of every tricky case lists exactly
// what RunGrouper (the rules of every other backend) makes of its rows; and a
// generated store of 10,000 runs does the same, with a 1,000-step run opening.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStore } from '../../src/cli/pg/pgStore.ts';
import { runFacts } from '../../src/cli/runFacts.ts';
import { bytesSource } from '../../src/model/store/byteSource.ts';
import { queryRunList, runListFacets } from '../../src/model/store/runListQuery.ts';
import { SqliteStore } from '../../src/model/store/sqliteStore.ts';
import type { RunQuery, StoreRun } from '../../src/model/store/storeTypes.ts';
import { loadHistoryStream, type StreamLoadStats } from '../../src/model/stream/loadHistoryStream.ts';
import type { FileLoadResult } from '../../src/model/types.ts';
import { BIG_RUN, manyRuns } from './manyRuns.ts';
import { FIXTURE_DUMP, type PgCluster, startPgCluster } from './pgCluster.ts';
import {
  adminClient,
  groupedRuns,
  insertRows,
  listed,
  PG_RECORDS_DDL,
  PG_RECORDS_INDEXES,
  PG_RECORDS_TABLE,
} from './pgRows.ts';
import { expectSameAnswers, FIXTURE_QUERIES, TRICKY_QUERIES } from './sameAnswers.ts';
import { TRICKY_HISTORIES, TRICKY_STEPS } from './trickyStore.ts';

const SQLITE = fileURLToPath(new URL('../fixtures/db/sqlite-histories.db', import.meta.url));

async function all(store: PgStore): Promise<StoreRun[]> {
  const out: StoreRun[] = [];
  for await (const r of store.storeOrder({}, null)) out.push(r);
  return out;
}

function facts(r: FileLoadResult) {
  if (!r.ok) throw new Error(r.error.message);
  return r.runs.map((run) => ({ ...runFacts(run), warnings: run.warnings.length }));
}

describe('a PostgreSQL store', () => {
  let c: PgCluster;
  let admin: pg.Client[] = [];
  const open = (database: string, schema = 'public', table: string | null = null) =>
    PgStore.open({ url: c.url({ database }), schema, table, statementTimeout: '20s' });

  beforeAll(async () => {
    c = await startPgCluster();
    await c.createDatabase('fsm_history', [FIXTURE_DUMP]);
    await c.createDatabase('tricky', []);
    await c.createDatabase('many', []);
    const tricky = await adminClient(c, 'tricky');
    const many = await adminClient(c, 'many');
    admin = [tricky, many];
    await tricky.query(`CREATE SCHEMA split; ${PG_RECORDS_DDL('split', 'fsm_histories')} ${PG_RECORDS_DDL('split', 'fsm_steps')}
      CREATE TABLE split.notes (id text, body text);
      GRANT USAGE ON SCHEMA split TO ${c.reader.user}; GRANT SELECT ON ALL TABLES IN SCHEMA split TO ${c.reader.user};`);
    await insertRows(tricky, 'split', 'fsm_histories', TRICKY_HISTORIES);
    await insertRows(tricky, 'split', 'fsm_steps', TRICKY_STEPS);
    await many.query(`${PG_RECORDS_TABLE('public', 'records')} GRANT SELECT ON records TO ${c.reader.user}`);
    await insertRows(many, 'public', 'records', manyRuns(10_000));
    await many.query(`${PG_RECORDS_INDEXES('public', 'records')} ANALYZE records`);
  }, 120_000);
  afterAll(async () => {
    for (const a of admin) await a.end();
    await c?.stop();
  });

  describe('the fixture dump', () => {
    let store: PgStore;
    let sqlite: SqliteStore;
    beforeAll(async () => {
      store = await open('fsm_history');
      sqlite = await SqliteStore.open(
        bytesSource(new Uint8Array(readFileSync(SQLITE))),
        'sqlite-histories.db',
      );
    });
    afterAll(async () => {
      await store?.close();
      sqlite?.close();
    });

    it('lists the same six runs as the SQLite fixture, in the same order, with the same fields', async () => {
      expect(store.info).toMatchObject({
        engine: 'postgres',
        runs: 6,
        tables: [{ name: 'records', rows: 45, historyRows: 5, stepRows: 40 }],
        problems: [],
      });
      expect(store.info.fileName).toBe(`127.0.0.1:${c.port}/fsm_history`);
      expect((await all(store)).map(listed)).toEqual(sqlite.runs().map(listed));
    });

    it('opens every run to the same steps, statuses, resources and streams as the SQLite fixture', async () => {
      const runs = await all(store);
      const conv = runs.find((r) => r.id === 'conv-7f3a');
      expect(conv).toMatchObject({ failed: 1, skipped: 2, steps: 10, stepRows: 10 });
      for (const [i, run] of runs.entries()) {
        const fromPg = await store.loadRun(run);
        expect(fromPg.fileName).toBe(`${store.info.fileName} › records › ${run.id}`);
        expect(facts(fromPg)).toEqual(facts(await sqlite.loadRun(i + 1)));
      }
      const failed = await store.loadRun(conv!);
      const draft = failed.ok
        ? failed.runs[0]!.steps.find((s) => s.stateName === 'draft_answer' && s.status === 'failed')
        : null;
      expect(draft?.error).toMatch(/timed out/);
    });

    it('answers every query of the run browser as runListQuery does on its runs, and as SQLite does', async () => {
      await expectSameAnswers(store, FIXTURE_QUERIES);
      for (const q of FIXTURE_QUERIES) {
        const pgIds = (await store.page(q, { after: null, offset: 0, limit: 100 })).rows.map((r) => r.id);
        expect({ q, ids: pgIds }).toEqual({ q, ids: sqlite.query(q, 0, 100).rows.map((r) => r.id) });
        expect(await store.count(q)).toBe(sqlite.query(q, 0, 100).total);
      }
      expect(await store.facets()).toEqual(sqlite.facets());
    });

    it('hands history_data over in the producer order, so the streaming loader reads it (no plain fallback)', async () => {
      const conv = (await all(store)).find((r) => r.id === 'conv-7f3a')!;
      const bytes = await store.historyBytes(conv);
      expect(new TextDecoder().decode(bytes!.subarray(0, 12))).toBe('{"summary": ');
      let stats: StreamLoadStats | null = null;
      await loadHistoryStream(bytes!, 'conv', { onStats: (s) => (stats = s) });
      expect(stats).toMatchObject({ via: 'stream' });
    });
  });

  describe('a store of every tricky case, split in two tables of schema split', () => {
    let store: PgStore;
    beforeAll(async () => {
      store = await open('tricky', 'split');
    });
    afterAll(() => store?.close());

    it('finds the two record tables by their shape and reports the rows it skips', () => {
      expect(store.info.tables.map((t) => [t.name, t.rows, t.historyRows, t.stepRows])).toEqual([
        ['split.fsm_histories', 9, 6, 0],
        ['split.fsm_steps', 13, 0, 13],
      ]);
      expect(store.info.otherTables).toEqual(['split.notes']);
      expect(store.info.problems).toEqual([
        'table split.fsm_histories: 3 rows are neither a history (history_data) nor a step (step_data); skipped (ids neither-1, neither-2, null-history)',
        'table split.fsm_steps: 2 step rows without an execution_id; skipped (ids lost-1, lost-2)',
      ]);
    });

    it('lists exactly the runs RunGrouper makes of the same rows, in the same order', async () => {
      const expected = await groupedRuns(
        admin[0]!,
        store.info.tables.map((t) => ({ name: t.name, sql: t.name })),
      );
      expect((await all(store)).map(listed)).toEqual(expected.map(listed));
      expect(store.info.runs).toBe(expected.length);
    });

    it('answers every query as runListQuery does on its runs', async () => {
      await expectSameAnswers(store, TRICKY_QUERIES);
      expect(await store.facets()).toEqual(runListFacets(await all(store)));
    });

    it('opens a run kept as step rows: re-saved steps merged, the last save kept', async () => {
      const s1 = (await all(store)).find((r) => r.id === 's-1')!;
      expect(s1).toMatchObject({
        kind: 'steps',
        status: 'completed',
        steps: 3,
        failed: 1,
        skipped: 1,
        stepRows: 4,
      });
      const r = await store.loadRun(s1);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.runs[0]!.steps.map((s) => [s.stepId, s.status]).sort()).toEqual([
        ['s1-a', 'completed'],
        ['s1-b', 'failed'],
        ['s1-c', 'skipped'],
      ]);
    });
  });

  describe('a generated store of 10,000 runs', () => {
    let store: PgStore;
    beforeAll(async () => {
      store = await open('many');
    });
    afterAll(() => store?.close());

    it('lists what RunGrouper makes of its rows, and pages through them by cursor', async () => {
      const expected = await groupedRuns(admin[1]!, [{ name: 'records', sql: 'records' }]);
      expect(store.info.runs).toBe(10_000);
      expect((await all(store)).map(listed)).toEqual(expected.map(listed));
      const q: RunQuery = {
        sort: 'start_time',
        desc: true,
        failures: 'with',
        metadata: [{ key: 'user.plan', value: 'pro' }],
      };
      const keyed = expected.map((r, i) => ({ ...r, key: i + 1 }));
      const js = queryRunList(keyed, q, 0, 10_000);
      const ids: string[] = [];
      let page = await store.page(q, { after: null, offset: 0, limit: 200 });
      ids.push(...page.rows.map((r) => r.id));
      while (page.next !== null) {
        page = await store.page(q, { after: page.next, offset: ids.length, limit: 200 });
        ids.push(...page.rows.map((r) => r.id));
      }
      expect(ids).toEqual(js.rows.map((r) => r.id));
      expect(await store.count(q)).toBe(js.total);
    });

    it('opens the 1,000-step run through the streaming loader', async () => {
      const [big] = (await store.page({ sort: 'steps', desc: true }, { after: null, offset: 0, limit: 1 }))
        .rows;
      expect(big?.id).toBe(BIG_RUN);
      const r = await store.loadRun(big!);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.runs[0]!.counts.uniqueSteps).toBe(1000);
    });
  });
});
