// openStore() on the page's main-thread path (Node has no Worker): the real
// SQLite fixtures written by UnifiedDatabaseStorage, listed, filtered, and
// runs opened through the same StoreServer the store worker runs.
import { describe, expect, it } from 'vitest';
import type { FileLoadResult, Run } from '../../src/model/types.ts';
import { looksLikeSqlite, openStore, type StoreHandle } from '../../src/worker/storeClient.ts';
import { fixtureBlob, fixtureBytes } from './fixtures.ts';

async function open(name: string): Promise<StoreHandle> {
  const r = await openStore(name, fixtureBlob(`db/${name}`));
  if (!r.ok) throw new Error(r.error.message);
  return r.store;
}

function runOf(r: FileLoadResult | undefined): Run {
  if (!r?.ok) throw new Error(`expected a run, got ${r?.error.message}`);
  expect(r.runs).toHaveLength(1);
  return r.runs[0]!;
}

describe('openStore', () => {
  it('recognises SQLite by its header, not its name', async () => {
    expect(await looksLikeSqlite(fixtureBlob('db/sqlite-histories.db'))).toBe(true);
    expect(await looksLikeSqlite(fixtureBytes('llm-branching.json'))).toBe(false);
    expect(await looksLikeSqlite(new Uint8Array(3))).toBe(false);
  });

  it('lists the main fixture and opens a failed run and a steps-only run', async () => {
    const store = await open('sqlite-histories.db');
    expect(store.info.runs).toBe(6);
    const failed = await store.query({ sort: 'start_time', desc: true, failures: 'with' }, 0, 50);
    expect(failed.total).toBe(1);
    expect(failed.rows[0]?.executionId).toBe('conv-7f3a');
    const [conv, batch] = await store.openRuns([
      failed.rows[0]!.key,
      (await store.query({ sort: 'start_time', desc: true, text: 'batch-17' }, 0, 5)).rows[0]!.key,
    ]);
    const c = runOf(conv);
    expect(c.executionId).toBe('conv-7f3a');
    expect(c.steps.filter((s) => s.status === 'failed').map((s) => s.stateName)).toEqual(['draft_answer']);
    const b = runOf(batch);
    expect(b.form).toBe('store-steps');
    expect(b.steps).toHaveLength(4);
    expect(b.tree.roots).toHaveLength(1);
    store.close();
  });

  it('fails a bad query with a message naming the store, and the store still answers', async () => {
    const store = await open('sqlite-histories.db');
    await expect(
      store.query({ sort: 'start_time', desc: true, metadata: [{ key: 'a..b', value: 'x' }] }, 0, 5),
    ).rejects.toThrow(/sqlite-histories\.db: .*a\.\.b/);
    expect((await store.query({ sort: 'start_time', desc: true }, 0, 5)).total).toBe(6);
    store.close();
  });

  it('says what a file is when it is not a store', async () => {
    const r = await openStore('notes.db', fixtureBlob('llm-branching.json'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^notes\.db: .*SQLite/);
  });
});
