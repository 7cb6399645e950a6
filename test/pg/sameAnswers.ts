// The check that a PostgreSQL store means by a query what the run browser
// means everywhere else: for each query, the runs PostgreSQL gives (in one
// page, in pages of three chained by cursor, and from an OFFSET jump) are the
// runs queryRunList (runListQuery.ts) gives on the store's own runs, keyed in
// the store's order as every other backend keys them; the counts agree too.
import { expect } from 'vitest';
import type { PgStore } from '../../src/cli/pg/pgStore.ts';
import { queryRunList } from '../../src/model/store/runListQuery.ts';
import type { RunQuery, StoreRun } from '../../src/model/store/storeTypes.ts';
import { EVERY_SORT, FIXTURE_QUERIES } from '../model/store/runQueries.ts';

export { FIXTURE_QUERIES };

const place = (r: StoreRun): string => `${r.kind} ${r.table} ${r.id}`;

export async function expectSameAnswers(store: PgStore, queries: readonly RunQuery[]): Promise<void> {
  const rows: StoreRun[] = [];
  for await (const r of store.storeOrder({}, null)) rows.push({ ...r, key: rows.length + 1 });
  for (const q of queries) {
    const js = queryRunList(rows, q, 0, 100_000);
    const want = { q, runs: js.rows.map(place), total: js.total };
    const whole = await store.page(q, { after: null, offset: 0, limit: 100_000 });
    expect({ q, runs: whole.rows.map(place), total: await store.count(q) }).toEqual(want);
    const paged: StoreRun[] = [];
    let page = await store.page(q, { after: null, offset: 0, limit: 3 });
    paged.push(...page.rows);
    while (page.next !== null) {
      page = await store.page(q, { after: page.next, offset: paged.length, limit: 3 });
      paged.push(...page.rows);
    }
    expect({ q, runs: paged.map(place), total: js.total }).toEqual(want);
    const jump = await store.page(q, { after: null, offset: 3, limit: 2 });
    expect({ q, runs: jump.rows.map(place) }).toEqual({ q, runs: want.runs.slice(3, 5) });
  }
}

export const TRICKY_QUERIES: readonly RunQuery[] = [
  ...EVERY_SORT,
  { sort: 'start_time', desc: true, failures: 'with' },
  { sort: 'start_time', desc: true, failures: 'without' },
  { sort: 'table_name', desc: false, status: 'in_progress' },
  { sort: 'fsm_name', desc: true, fsm: 'tricky' },
  { sort: 'steps', desc: false, text: 's-' },
  { sort: 'steps', desc: false, text: 'h-' },
  { sort: 'steps', desc: false, text: 'ROW' },
  { sort: 'start_time', desc: false, since: 1758400100, until: 1758400500 },
  { sort: 'start_time', desc: false, metadata: [{ key: 'user.plan', value: 'pro' }] },
  { sort: 'start_time', desc: false, metadata: [{ key: 'on', value: 'true' }] },
  { sort: 'start_time', desc: false, metadata: [{ key: 'on', value: 'false' }] },
  { sort: 'start_time', desc: false, metadata: [{ key: 'n', value: '1.5' }] },
  { sort: 'start_time', desc: false, metadata: [{ key: 'deep.a.b', value: 'c' }] },
  { sort: 'start_time', desc: false, metadata: [{ key: 'deep.a', value: 'c' }] },
  { sort: 'start_time', desc: false, metadata: [{ key: 'flags.0', value: '1' }] },
  {
    sort: 'start_time',
    desc: false,
    metadata: [
      { key: 'tenant_id', value: 'acme' },
      { key: ' ', value: 'x' },
    ],
  },
  { sort: 'duration', desc: true, metadata: [{ key: 'worker_pool', value: 'w-eu-1' }] },
];
