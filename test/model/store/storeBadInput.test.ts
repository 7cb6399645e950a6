// Bad stores: each fails with a message naming the file (and, for a row,
// its table and row id), and whatever can still be read stays listed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../../src/model/store/byteSource.ts';
import { SqliteStore } from '../../../src/model/store/sqliteStore.ts';
import { step as producerStep } from '../helpers.ts';
import { dumps, makeStore, RECORDS_DDL, stepRow } from './makeStore.ts';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'db', 'sqlite-histories.db');

function history(exec: string, steps: unknown[], extra: Record<string, unknown> = {}) {
  return {
    id: exec,
    data: dumps({
      id: exec,
      execution_id: exec,
      fsm_name: 'demo',
      data_mode: 'copy',
      status: 'completed',
      start_time: 100.0,
      end_time: 101.0,
      total_steps: steps.length,
      failed_steps: 0,
      skipped_steps: 0,
      record_type: 'history',
      history_data: {
        summary: { fsm_name: 'demo', execution_id: exec, total_steps: steps.length },
        paths: [steps],
        mode_storage: { copy: steps, reference: [], direct: [] },
      },
      ...extra,
    }),
  };
}

const step = (id: string, state: string) =>
  producerStep(id, state, { timestamp: 100.0, start_time: 100.0, end_time: 100.5, duration: 0.5 });

async function open(bytes: Uint8Array, name = 'bad.db') {
  return SqliteStore.open(bytesSource(bytes), name);
}

describe('stores that cannot be used', () => {
  it('a .db that is not SQLite', async () => {
    await expect(open(new TextEncoder().encode('{"summary": {}}'.repeat(400)), 'history.db')).rejects.toThrow(
      /^history\.db: could not be opened as an SQLite database \(file is not a database\)/,
    );
  });

  it('an SQLite file with no table of the record shape lists the tables it has', async () => {
    const bytes = await makeStore(['CREATE TABLE users (id INTEGER, name TEXT)', 'CREATE TABLE orders (n)']);
    await expect(open(bytes, 'app.db')).rejects.toThrow(
      /^app\.db: no table of execution-history records .*; tables found: users, orders$/,
    );
  });

  it('an empty store lists no runs and is not an error', async () => {
    const store = await open(await makeStore([RECORDS_DDL('records')]));
    expect(store.info.runs).toBe(0);
    expect(store.info.problems).toEqual([]);
    expect(store.query({ sort: 'start_time', desc: true }, 0, 10)).toEqual({ total: 0, offset: 0, rows: [] });
  });
});

describe('rows that cannot be used', () => {
  it('a row whose data is not JSON is a broken run naming table, row and place; the others open', async () => {
    const bytes = await makeStore(
      [RECORDS_DDL('records', false)],
      [history('good-1', [step('s1', 'a')]), { id: 'bad-1', data: '{"id": "bad-1",\n "status": oops}' }],
    );
    const store = await open(bytes, 'mixed.db');
    const runs = store.runs();
    expect(runs.map((r) => [r.id, r.kind])).toEqual([
      ['good-1', 'history'],
      ['bad-1', 'broken'],
    ]);
    const bad = runs[1]!;
    expect(bad.problem).toMatch(/^table records row 2 \(id bad-1\): data: line 2, column 12: /);
    const failed = await store.loadRun(bad.key);
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.message).toMatch(/^mixed\.db: table records row 2 \(id bad-1\): /);
    const good = await store.loadRun(runs[0]!.key);
    expect(good.ok && good.runs[0]!.steps.length).toBe(1);
  });

  it('a history whose history_data has the wrong type fails with its row; the others open', async () => {
    const bytes = await makeStore(
      [RECORDS_DDL('records')],
      [history('good-1', [step('s1', 'a')]), history('wrong-1', [], { history_data: [1, 2] })],
    );
    const store = await open(bytes);
    const wrong = store.runs().find((r) => r.id === 'wrong-1');
    // An array is neither a history object nor its compressed wrapper: not listed as a history.
    expect(wrong).toBeUndefined();
    expect(store.info.problems.join('\n')).toMatch(/table records row 2 \(id wrong-1\): neither a history/);
  });

  it('a history_data that is not a history fails when opened, naming the row', async () => {
    const bytes = await makeStore(
      [RECORDS_DDL('records')],
      [history('odd-1', [], { history_data: { hello: 1 } })],
    );
    const store = await open(bytes, 'odd.db');
    const r = await store.loadRun(store.runs()[0]!.key);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^odd\.db › records › odd-1: /);
  });

  it('re-saved step rows are merged by step_id, the last save kept; a changed parent is reported', async () => {
    const rows = [
      stepRow(
        'r1',
        'ex-1',
        { step_id: 'root', state_name: 'start', status: 'completed', timestamp: 1 },
        null,
      ),
      stepRow(
        'r2',
        'ex-1',
        { step_id: 'work', state_name: 'work', status: 'in_progress', timestamp: 2 },
        'root',
      ),
      stepRow('r3', 'ex-1', { step_id: 'work', state_name: 'work', status: 'failed', timestamp: 2 }, 'root'),
      stepRow(
        'r4',
        'ex-1',
        { step_id: 'next', state_name: 'next', status: 'completed', timestamp: 3 },
        'root',
      ),
      stepRow(
        'r5',
        'ex-1',
        { step_id: 'next', state_name: 'next', status: 'completed', timestamp: 3 },
        'work',
      ),
    ];
    const store = await open(await makeStore([RECORDS_DDL('records')], rows), 'steps.db');
    const listed = store.runs()[0]!;
    expect(listed).toMatchObject({ kind: 'steps', steps: 3, failed: 1, stepRows: 5, status: 'completed' });
    const r = await store.loadRun(listed.key);
    if (!r.ok) throw new Error(r.error.message);
    const run = r.runs[0]!;
    expect(run.steps.map((s) => `${s.stateName}:${s.status}`)).toEqual([
      'start:completed',
      'work:failed',
      'next:completed',
    ]);
    const next = run.steps.find((s) => s.stepId === 'next')!;
    expect(run.steps[run.tree.parent[next.index]!]?.stepId).toBe('work');
    expect(run.warnings.map((w) => w.message).join('\n')).toMatch(
      /steps\.db › records › ex-1: table records row 5 \(id r5\): step 'next' was saved again with parent_id "root" -> "work" \(first saved at table records row 4 \(id r4\)\); kept the last save/,
    );
  });

  it('a corrupt page: the runs that can still be read stay listed, the loss is named', async () => {
    const bytes = new Uint8Array(readFileSync(FIXTURE));
    // Page 3 onwards holds table rows; wreck one leaf page's header in the middle of the file.
    const pageSize = 4096;
    const victim = 12;
    bytes.fill(0xff, victim * pageSize, victim * pageSize + 64);
    const store = await open(bytes, 'wrecked.db');
    // Rows 1-12 (conv-7f3a and its steps) come before the wrecked page and stay whole.
    expect(store.runs().find((r) => r.id === 'conv-7f3a')).toMatchObject({ kind: 'history', steps: 10 });
    const conv = await store.loadRun(store.runs().find((r) => r.id === 'conv-7f3a')!.key);
    expect(conv.ok).toBe(true);
    expect(store.info.problems.join('\n')).toMatch(
      /^table records: rows 13 to \d+ could not be read \(database disk image is malformed\); the runs in them may be missing or incomplete$/m,
    );
  });
});

describe('the file is only read', () => {
  it('writes are refused and the bytes are unchanged', async () => {
    const bytes = new Uint8Array(readFileSync(FIXTURE));
    const before = bytes.slice();
    const store = await open(bytes, 'ro.db');
    for (const r of store.runs()) await store.loadRun(r.key);
    expect(() =>
      (store as unknown as { db: { exec(s: string): void } }).db.exec('DELETE FROM records'),
    ).toThrow(/readonly/);
    expect(bytes).toEqual(before);
  });
});
