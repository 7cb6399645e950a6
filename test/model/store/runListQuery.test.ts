// The in-memory run list query (loaded files) means exactly what the SQL one
// means for a store: every query below gets the same runs in the same order
// from both, on the real fixture's runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHistoryFile } from '../../../src/model/loadFile.ts';
import { bytesSource } from '../../../src/model/store/byteSource.ts';
import { queryRunList, runListFacets, storeRunOfRun } from '../../../src/model/store/runListQuery.ts';
import { SqliteStore } from '../../../src/model/store/sqliteStore.ts';
import type { RunQuery } from '../../../src/model/store/storeTypes.ts';
import { FIXTURE_QUERIES } from './runQueries.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

const QUERIES = FIXTURE_QUERIES;

describe('queryRunList', () => {
  it('agrees with the SQL run index on every query', async () => {
    const store = await SqliteStore.open(
      bytesSource(new Uint8Array(readFileSync(join(FIXTURES, 'db', 'sqlite-histories.db')))),
      'sqlite-histories.db',
    );
    const rows = store.runs();
    for (const q of QUERIES) {
      const sql = store.query(q, 0, 100);
      const js = queryRunList(rows, q, 0, 100);
      expect({ q, ids: js.rows.map((r) => r.id), total: js.total }).toEqual({
        q,
        ids: sql.rows.map((r) => r.id),
        total: sql.total,
      });
    }
    expect(queryRunList(rows, QUERIES[0]!, 2, 2).rows).toEqual(store.query(QUERIES[0]!, 2, 2).rows);
    expect(runListFacets(rows)).toEqual(store.facets());
    store.close();
  });

  it('lists the runs of a loaded FileStorage file', async () => {
    const r = await loadHistoryFile(
      new Uint8Array(readFileSync(join(FIXTURES, 'file-storage-db.json'))),
      'fs.json',
    );
    if (!r.ok) throw new Error(r.error.message);
    const rows = r.runs.map((run, i) => storeRunOfRun(run, i + 1));
    expect(
      queryRunList(rows, { sort: 'start_time', desc: true, failures: 'with' }, 0, 10).rows.map(
        (x) => x.executionId,
      ),
    ).toEqual(['conv-7f3a']);
    expect(rows.every((x) => x.table === 'fs.json')).toBe(true);
    // Each record's own metadata comes with its run, and filters like a store's metadata column.
    expect(r.runs.map((run) => run.metadata)).toEqual([
      '{"tenant_id":"acme"}',
      '{"tenant_id":"acme"}',
      '{"tenant_id":"acme"}',
    ]);
    const q: RunQuery = { sort: 'steps', desc: true, metadata: [{ key: 'tenant_id', value: 'acme' }] };
    expect(queryRunList(rows, q, 0, 10).rows.map((x) => x.executionId)).toEqual([
      'ingest-0042',
      'conv-7f3a',
      'etl-2025-09-20-001',
    ]);
    expect(runListFacets(rows).metadataKeys).toEqual([{ value: 'tenant_id', count: 3 }]);
  });

  it("a run opened from a store carries its row's metadata column", async () => {
    const store = await SqliteStore.open(
      bytesSource(new Uint8Array(readFileSync(join(FIXTURES, 'db', 'sqlite-histories.db')))),
      'sqlite-histories.db',
    );
    for (const row of store.runs()) {
      const loaded = await store.loadRun(row.key);
      if (!loaded.ok) throw new Error(loaded.error.message);
      expect({ id: row.id, metadata: loaded.runs[0]?.metadata }).toEqual({
        id: row.id,
        metadata: row.metadata,
      });
    }
    store.close();
  });
});
