// The real stores in test/fixtures/db/ (written by UnifiedDatabaseStorage
// through dataknobs_data's SQLite backend) give the same runs as the same
// histories saved as JSON files by the same generator (test/fixtures/*.json,
// matched by execution id): the same steps, tree, statuses and resources.
// (The two were made in separate generator runs, so their step ids differ:
// steps are compared by state, parent's state, status, timing and error.)
// Where no JSON twin exists, the facts come from DATABASE_FORMAT.md section 3.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourceAggregates } from '../../../src/model/aggregate.ts';
import { loadHistoryFile } from '../../../src/model/loadFile.ts';
import { bytesSource } from '../../../src/model/store/byteSource.ts';
import { SqliteStore } from '../../../src/model/store/sqliteStore.ts';
import type { FileLoadResult, Run } from '../../../src/model/types.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

async function openFixture(name: string): Promise<SqliteStore> {
  return SqliteStore.open(bytesSource(new Uint8Array(readFileSync(join(FIXTURES, 'db', name)))), name);
}

function only(r: FileLoadResult): Run {
  if (!r.ok) throw new Error(r.error.message);
  expect(r.runs).toHaveLength(1);
  return r.runs[0]!;
}

async function jsonRun(file: string, executionId: string): Promise<Run> {
  const r = await loadHistoryFile(new Uint8Array(readFileSync(join(FIXTURES, file))), file);
  if (!r.ok) throw new Error(r.error.message);
  const run = r.runs.find((x) => x.executionId === executionId);
  if (!run) throw new Error(`${file} has no run ${executionId}`);
  return run;
}

/** What must agree between a store's run and the same history as a file. */
function shape(run: Run) {
  const stateOf = (i: number) => run.steps[i]?.stateName ?? null;
  // The clock of the two generator runs started at different times: compare times from the first step.
  const t0 = Math.min(...run.steps.map((s) => s.timestamp ?? Number.POSITIVE_INFINITY));
  const ms = (t: number | null) => (t === null ? null : Math.round((t - t0) * 1000));
  return {
    executionId: run.executionId,
    steps: run.steps
      .map((s) => ({
        state: s.stateName,
        status: s.status,
        parent: stateOf(run.tree.parent[s.index] ?? -1),
        depth: run.tree.depth[s.index],
        timestamp: ms(s.timestamp),
        duration: s.duration === null ? null : Math.round(s.duration * 1000),
        error: s.error,
        resources: Object.keys(s.resourceUsage).sort(),
      }))
      .sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0) || (a.state < b.state ? -1 : 1)),
    statusCounts: run.counts.statusCounts,
    resources: resourceAggregates(run).map((r) => [r.type, r.calls, Number(r.totalDuration.toFixed(6))]),
  };
}

const TWINS: ReadonlyArray<[string, string]> = [
  ['conv-7f3a', 'llm-branching.json'],
  ['etl-2025-09-20-001', 'etl-linear.json'],
  ['ingest-0042', 'stream-direct.json'],
];

describe('sqlite-histories.db (one records table, WAL mode)', () => {
  it('lists six runs without opening them, newest first', async () => {
    const store = await openFixture('sqlite-histories.db');
    expect(store.info.tables).toEqual([{ name: 'records', rows: 45, historyRows: 5, stepRows: 40 }]);
    expect(store.info.problems).toEqual([]);
    const page = store.query({ sort: 'start_time', desc: true }, 0, 100);
    expect(page.total).toBe(6);
    const byId = new Map(page.rows.map((r) => [r.id, r]));
    expect(byId.get('conv-7f3a')).toMatchObject({
      kind: 'history',
      fsmName: 'support_agent',
      status: 'completed',
      steps: 10,
      failed: 1,
      skipped: 2,
      stepRows: 10,
      compressed: false,
    });
    expect(byId.get('ingest-0042')).toMatchObject({ compressed: true, steps: 15, stepRows: 15 });
    expect(byId.get('inv-2025-0917')).toMatchObject({
      kind: 'history',
      stepRows: 0,
      metadata: null,
      skipped: 1,
    });
    expect(byId.get('b1e2c3d4-0000-4000-8000-000000000001')).toMatchObject({
      status: 'in_progress',
      endTime: null,
      duration: null,
    });
    expect(byId.get('batch-17')).toMatchObject({ kind: 'steps', steps: 4, failed: 0, fsmName: null });
    const starts = page.rows.map((r) => r.startTime ?? Number.NEGATIVE_INFINITY);
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    store.close();
  });

  for (const [exec, file] of TWINS) {
    it(`${exec} opens as ${file} does`, async () => {
      const store = await openFixture('sqlite-histories.db');
      const key = store.runs().find((r) => r.id === exec)!.key;
      const fromStore = only(await store.loadRun(key));
      expect(shape(fromStore)).toEqual(shape(await jsonRun(file, exec)));
      expect(fromStore.fileName).toBe(`sqlite-histories.db › records › ${exec}`);
      store.close();
    });
  }

  it('batch-17, kept as step rows only, is one root with three children', async () => {
    const store = await openFixture('sqlite-histories.db');
    const run = only(await store.loadRun(store.runs().find((r) => r.id === 'batch-17')!.key));
    expect(run.form).toBe('store-steps');
    expect(run.executionId).toBe('batch-17');
    expect(run.steps).toHaveLength(4);
    expect(run.tree.roots).toHaveLength(1);
    const root = run.tree.roots[0]!;
    expect(run.steps.filter((s) => run.tree.parent[s.index] === root)).toHaveLength(3);
    expect(run.counts.statusCounts).toEqual({ completed: 4 });
    expect(run.warnings).toEqual([]);
    store.close();
  });

  it('the open run (saved five times as it went) has its last step in progress', async () => {
    const store = await openFixture('sqlite-histories.db');
    const exec = 'b1e2c3d4-0000-4000-8000-000000000001';
    const run = only(await store.loadRun(store.runs().find((r) => r.id === exec)!.key));
    expect(run.open).toBe(true);
    expect(run.fsmName).toBe('order_workflow');
    expect(run.counts.statusCounts).toEqual({ completed: 4, in_progress: 1 });
    const ship = run.steps.find((s) => s.status === 'in_progress')!;
    expect(ship.stateName).toBe('ship');
    expect(ship.endTime).toBeNull();
    expect(ship.resourceUsage).toMatchObject({ http: { endpoint: 'carrier/label', status: 202 } });
    expect(run.steps.filter((s) => s.status === 'completed').every((s) => s.startTime === null)).toBe(true);
    store.close();
  });

  it('inv-2025-0917 (no JSON twin) has the facts DATABASE_FORMAT.md gives', async () => {
    const store = await openFixture('sqlite-histories.db');
    const run = only(await store.loadRun(store.runs().find((r) => r.id === 'inv-2025-0917')!.key));
    expect(run.fsmName).toBe('invoice_approval');
    expect(run.steps).toHaveLength(5);
    expect(run.counts.statusCounts).toEqual({ completed: 4, skipped: 1 });
    expect(run.counts.paths).toBe(2);
    const skipped = run.steps.find((s) => s.status === 'skipped')!;
    expect(skipped.metrics).toMatchObject({ skip_reason: expect.any(String), reason: expect.any(String) });
    store.close();
  });

  it('the filters of the real code find the same runs (tenant_id=globex, failed=True)', async () => {
    const store = await openFixture('sqlite-histories.db');
    const ids = (q: Parameters<SqliteStore['query']>[0]) => store.query(q, 0, 100).rows.map((r) => r.id);
    expect(
      ids({ sort: 'start_time', desc: true, metadata: [{ key: 'tenant_id', value: 'globex' }] }),
    ).toEqual(['ingest-0042']);
    expect(ids({ sort: 'start_time', desc: true, failures: 'with' })).toEqual(['conv-7f3a']);
    expect(ids({ sort: 'start_time', desc: true, metadata: [{ key: 'user.id', value: 'u-311' }] })).toEqual([
      'conv-7f3a',
    ]);
    expect(ids({ sort: 'start_time', desc: true, metadata: [{ key: 'run_no', value: '1' }] })).toEqual([
      'etl-2025-09-20-001',
    ]);
    expect(ids({ sort: 'fsm_name', desc: false, status: 'completed' })).toEqual([
      'etl-2025-09-20-001',
      'inv-2025-0917',
      'ingest-0042',
      'conv-7f3a',
      'batch-17',
    ]);
    expect(ids({ sort: 'start_time', desc: true, text: 'INV-2025' })).toEqual(['inv-2025-0917']);
    expect(ids({ sort: 'start_time', desc: true, fsm: 'log_ingest' })).toEqual(['ingest-0042']);
    const conv = store.runs().find((r) => r.id === 'conv-7f3a')!;
    expect(ids({ sort: 'start_time', desc: true, since: conv.startTime, until: conv.startTime })).toEqual([
      'conv-7f3a',
    ]);
    expect(store.facets().statuses).toEqual([
      { value: 'completed', count: 5 },
      { value: 'in_progress', count: 1 },
    ]);
    store.close();
  });
});

describe('sqlite-histories-split-tables.db (histories and steps in two tables)', () => {
  it('finds both tables by shape and says where each run came from', async () => {
    const store = await openFixture('sqlite-histories-split-tables.db');
    expect(store.info.tables.map((t) => [t.name, t.historyRows, t.stepRows])).toEqual([
      ['fsm_histories', 2, 0],
      ['fsm_steps', 0, 16],
    ]);
    const runs = store.runs();
    expect(runs.map((r) => [r.id, r.table, r.kind, r.stepRows])).toEqual([
      ['conv-7f3a', 'fsm_histories', 'history', 10],
      ['etl-2025-09-20-001', 'fsm_histories', 'history', 6],
    ]);
    for (const r of runs) {
      const twin = r.id === 'conv-7f3a' ? 'llm-branching.json' : 'etl-linear.json';
      expect(shape(only(await store.loadRun(r.key)))).toEqual(shape(await jsonRun(twin, r.id)));
    }
    store.close();
  });
});
