// Every real producer file in test/fixtures/ loads with its exact facts. The
// expected numbers were worked out independently of this code (a one-off
// Python script over the fixtures: merge paths by step_id, add mode_storage-
// only steps as detached, count leaves/depth/statuses, sum resource entries'
// "duration" and the steps' chunk/record counters).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourceAggregates, stateRollups, streamTotals } from '../../src/model/aggregate.ts';
import { loadHistoryFile } from '../../src/model/loadFile.ts';
import type { FileLoadResult, Run } from '../../src/model/types.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

interface Facts {
  readonly fsmName: string;
  readonly form: Run['form'];
  readonly unique: number;
  readonly tree: number;
  readonly detached: number;
  readonly roots: number;
  readonly leaves: number;
  readonly maxDepth: number;
  readonly paths: number;
  readonly status: Record<string, number>;
  /** type -> [calls, total duration] */
  readonly resources: Record<string, [number, number]>;
  /** chunks, records, streaming steps, producer's streams_processed */
  readonly stream: [number, number, number, number];
  readonly warnings: string[];
  readonly current: string | null;
  readonly open: boolean;
  readonly pruned: boolean;
}

const LLM_BRANCHING: Omit<Facts, 'form' | 'warnings'> = {
  fsmName: 'support_agent',
  unique: 10,
  tree: 10,
  detached: 0,
  roots: 1,
  leaves: 4,
  maxDepth: 7,
  paths: 4,
  status: { completed: 7, failed: 1, skipped: 2 },
  resources: { llm: [4, 6.21], vector_store: [1, 0.31] },
  stream: [0, 0, 0, 0],
  current: 'faq_lookup',
  open: false,
  pruned: false,
};
const ETL: Omit<Facts, 'form' | 'warnings'> = {
  fsmName: 'customer_etl',
  unique: 6,
  tree: 6,
  detached: 0,
  roots: 1,
  leaves: 1,
  maxDepth: 6,
  paths: 1,
  status: { completed: 6 },
  resources: { database: [2, 4.05] },
  stream: [0, 0, 0, 0],
  current: 'complete',
  open: false,
  pruned: false,
};
const STREAM: Omit<Facts, 'form' | 'warnings'> = {
  fsmName: 'log_ingest',
  unique: 15,
  tree: 15,
  detached: 0,
  roots: 1,
  leaves: 1,
  maxDepth: 15,
  paths: 1,
  status: { completed: 15 },
  resources: { database: [1, 0.55], filesystem: [1, 0.04] },
  stream: [12, 56873, 12, 1],
  current: 'close',
  open: false,
  pruned: false,
};

const EXPECTED: Record<string, Facts[]> = {
  'advanced-open-run.json': [
    {
      fsmName: 'order_workflow',
      form: 'plain',
      unique: 5,
      tree: 5,
      detached: 0,
      roots: 1,
      leaves: 1,
      maxDepth: 5,
      paths: 1,
      status: { completed: 4, in_progress: 1 },
      resources: {},
      stream: [0, 0, 0, 0],
      warnings: ['open-run', 'approximate-duration'],
      current: 'ship',
      open: true,
      pruned: false,
    },
  ],
  'compressed-wrapper.json': [{ ...LLM_BRANCHING, form: 'compressed-wrapper', warnings: [] }],
  'direct-pruned.json': [
    {
      fsmName: 'sensor_loop',
      form: 'plain',
      unique: 9,
      tree: 5,
      detached: 4,
      roots: 1,
      leaves: 1,
      maxDepth: 5,
      paths: 1,
      status: { completed: 9 },
      resources: {},
      stream: [0, 0, 0, 0],
      warnings: ['pruned-tree'],
      current: 'poll',
      open: false,
      pruned: true,
    },
  ],
  'empty.json': [
    {
      fsmName: 'noop',
      form: 'plain',
      unique: 0,
      tree: 0,
      detached: 0,
      roots: 0,
      leaves: 0,
      maxDepth: 0,
      paths: 0,
      status: {},
      resources: {},
      stream: [0, 0, 0, 0],
      warnings: [],
      current: null,
      open: false,
      pruned: false,
    },
  ],
  'etl-linear.json': [{ ...ETL, form: 'plain', warnings: [] }],
  'fanout-2k.json': [
    {
      fsmName: 'enrichment_pipeline',
      form: 'plain',
      unique: 1809,
      tree: 1809,
      detached: 0,
      roots: 1,
      leaves: 620,
      maxDepth: 5,
      paths: 620,
      status: { completed: 1745, failed: 32, skipped: 32 },
      resources: { database: [568, 12.296196], http: [600, 47.039488], llm: [568, 84.730989] },
      stream: [568, 14091, 568, 0],
      warnings: [],
      current: 'batch_done',
      open: false,
      pruned: false,
    },
  ],
  'file-storage-db.json': [
    { ...ETL, form: 'file-storage', warnings: [] },
    { ...LLM_BRANCHING, form: 'file-storage', warnings: [] },
    { ...STREAM, form: 'file-storage', warnings: [] },
  ],
  // The round trip repeats shared steps per path; the producer's resource totals count each repeat.
  'llm-branching-roundtrip.json': [
    { ...LLM_BRANCHING, form: 'plain', warnings: ['counter-mismatch', 'counter-mismatch'] },
  ],
  'llm-branching.json': [{ ...LLM_BRANCHING, form: 'plain', warnings: [] }],
  'orphan-step.json': [
    {
      fsmName: 'batch_runner',
      form: 'plain',
      unique: 5,
      tree: 4,
      detached: 1,
      roots: 1,
      leaves: 3,
      maxDepth: 2,
      paths: 3,
      status: { completed: 4, in_progress: 1 },
      resources: {},
      stream: [0, 0, 0, 0],
      warnings: ['unknown-parent'],
      current: 'worker',
      open: false,
      pruned: false,
    },
  ],
  'python-nan-metrics.json': [{ ...ETL, form: 'plain', warnings: ['non-finite-number'] }],
  'stream-direct.json': [{ ...STREAM, form: 'plain', warnings: [] }],
};

async function load(name: string): Promise<FileLoadResult> {
  return loadHistoryFile(new Uint8Array(readFileSync(join(FIXTURES, name))), name);
}

async function loadOk(name: string): Promise<readonly Run[]> {
  const r = await load(name);
  if (!r.ok) throw new Error(r.error.message);
  return r.runs;
}

describe('fixtures', () => {
  it('has an expectation for every fixture file', () => {
    const files = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, runs] of Object.entries(EXPECTED)) {
    it(`${file}: ${runs.length} run(s) with the expected facts`, async () => {
      const loaded = await loadOk(file);
      expect(loaded).toHaveLength(runs.length);
      runs.forEach((want, i) => {
        const run = loaded[i]!;
        expect(run.id).toBe(`${file}#${i}`);
        expect(run.indexInFile).toBe(i);
        expect(run.form).toBe(want.form);
        expect(run.fsmName).toBe(want.fsmName);
        const c = run.counts;
        expect({
          unique: c.uniqueSteps,
          tree: c.treeSteps,
          detached: c.detachedSteps,
          roots: c.roots,
          leaves: c.leaves,
          maxDepth: c.maxDepth,
          paths: c.paths,
        }).toEqual({
          unique: want.unique,
          tree: want.tree,
          detached: want.detached,
          roots: want.roots,
          leaves: want.leaves,
          maxDepth: want.maxDepth,
          paths: want.paths,
        });
        expect(run.steps).toHaveLength(want.unique);
        expect(run.tree.preorder).toHaveLength(want.tree);
        expect(run.tree.detached).toHaveLength(want.detached);
        expect(run.steps.filter((s) => s.detached)).toHaveLength(want.detached);
        expect(c.statusCounts).toEqual(want.status);

        const res = resourceAggregates(run);
        expect(Object.fromEntries(res.map((a) => [a.type, a.calls]))).toEqual(
          Object.fromEntries(Object.entries(want.resources).map(([t, [calls]]) => [t, calls])),
        );
        for (const a of res) expect(a.totalDuration).toBeCloseTo(want.resources[a.type]![1], 5);

        const st = streamTotals(run);
        expect([st.chunks, st.records, st.steps.length, st.streamsProcessed]).toEqual(want.stream);

        expect(run.warnings.map((w) => w.code)).toEqual(want.warnings);
        for (const w of run.warnings) expect(w.message.startsWith(`${file}: `)).toBe(true);
        expect(run.currentStep === -1 ? null : run.steps[run.currentStep]!.stateName).toBe(want.current);
        expect(run.open).toBe(want.open);
        expect(run.pruned).toBe(want.pruned);
      });
    });
  }

  it('fanout-2k.json: 1,809 steps, 620 leaves, depth 5, consistent tree links', async () => {
    const [run] = await loadOk('fanout-2k.json');
    const { tree } = run!;
    expect(run!.counts.uniqueSteps).toBe(1809);
    let leaves = 0;
    let childSum = 0;
    for (let i = 0; i < run!.steps.length; i++) {
      if (tree.childCount[i] === 0) leaves++;
      childSum += tree.childCount[i]!;
      const p = tree.parent[i]!;
      if (p >= 0) expect(tree.depth[i]).toBe(tree.depth[p]! + 1);
    }
    expect(leaves).toBe(620);
    expect(childSum).toBe(1809 - 1);
    expect(tree.subtreeSize[tree.roots[0]!]).toBe(1809);
    expect(Math.max(...tree.depth) + 1).toBe(5);
    // Per-state roll-ups (nearest-rank percentiles), checked against the Python count.
    const fetch = stateRollups(run!).find((r) => r.stateName === 'fetch_record')!;
    expect(fetch.count).toBe(600);
    expect(fetch.statusCounts).toEqual({ completed: 568, failed: 32 });
    expect(fetch.failed).toBe(32);
    expect(fetch.totalDuration).toBeCloseTo(65.51873230934143, 9);
    expect(fetch.p50).toBe(0.11180782318115234);
    expect(fetch.p95).toBe(0.1915297508239746);
    expect(fetch.maxDuration).toBe(0.1998610496520996);
    expect(stateRollups(run!).map((r) => [r.stateName, r.count])).toEqual([
      ['plan', 1],
      ['dispatch_batch', 20],
      ['fetch_record', 600],
      ['enrich', 568],
      ['store', 568],
      ['skip_record', 32],
      ['batch_done', 20],
    ]);
    const max = Object.fromEntries(resourceAggregates(run!).map((a) => [a.type, a.maxDuration]));
    expect(max).toEqual({ http: 0.1499336151803849, llm: 0.2787326776160815, database: 0.03994399661012647 });
  });

  it('orphan-step.json: the in-progress worker outside paths is detached', async () => {
    const [run] = await loadOk('orphan-step.json');
    const detached = run!.tree.detached.map((i) => run!.steps[i]!);
    expect(detached.map((s) => [s.stepId, s.stateName, s.status, s.source])).toEqual([
      ['c88ae136-b0ff-4bda-8c22-d65cae6f8312', 'worker', 'in_progress', 'mode_storage.copy[4]'],
    ]);
    expect(detached[0]!.durationSource).toBe('none');
    expect(run!.tree.parent[detached[0]!.index]).toBe(-1);
  });

  it('direct-pruned.json: the 4 pruned steps are the oldest ones, in first-seen order', async () => {
    const [run] = await loadOk('direct-pruned.json');
    const d = run!.tree.detached.map((i) => run!.steps[i]!);
    expect(d.map((s) => s.stepId)).toEqual([
      '4366dc7a-eb07-45d3-aac5-f60f5e0fff9b',
      'c9ebc4d6-95ec-446f-8072-80740b128598',
      'cbb78a89-e92b-4b01-9b6e-cf26c957e2b6',
      '799f76e4-b5b2-4c97-acb6-ccfb9128b95c',
    ]);
    expect(run!.steps[run!.tree.roots[0]!]!.stepId).toBe('eb6656de-8a9d-4827-b321-3907a76b991b');
    expect(run!.producer?.treeDepth).toBe(5);
  });

  it('advanced-open-run.json: open, with approximate durations end_time - timestamp', async () => {
    const [run] = await loadOk('advanced-open-run.json');
    expect(run!.endTime).toBeNull();
    expect(run!.duration).toBeNull();
    const byName = Object.fromEntries(run!.steps.map((s) => [s.stateName, s]));
    expect(byName.received!.durationSource).toBe('end-timestamp');
    expect(byName.received!.duration).toBeCloseTo(0.2, 6);
    expect(byName.received!.recordedDuration).toBeNull();
    expect(run!.steps.filter((s) => s.durationSource === 'end-timestamp')).toHaveLength(4);
    expect(byName.ship!.status).toBe('in_progress');
    expect(byName.ship!.durationSource).toBe('none');
    expect(byName.ship!.duration).toBeNull();
  });

  it('python-nan-metrics.json: NaN and Infinity load as numbers', async () => {
    const [run] = await loadOk('python-nan-metrics.json');
    const step = run!.steps.find((s) => s.source === 'paths[0][2]')!;
    const m = step.metrics as Record<string, number>;
    expect(Number.isNaN(m.drop_ratio)).toBe(true);
    expect(m.max_latency).toBe(Number.POSITIVE_INFINITY);
    const w = run!.warnings.find((x) => x.code === 'non-finite-number')!;
    expect(w.message).toContain('paths[0][2].metrics.drop_ratio');
    expect(w.message).toContain('2 non-finite numbers');
  });

  it('llm-branching-roundtrip.json gives the same tree as llm-branching.json', async () => {
    const [a] = await loadOk('llm-branching.json');
    const [b] = await loadOk('llm-branching-roundtrip.json');
    const shape = (run: Run) =>
      [...run.tree.preorder].map((i) => {
        const p = run.tree.parent[i]!;
        return [
          run.steps[i]!.stepId,
          p < 0 ? null : run.steps[p]!.stepId,
          run.tree.depth[i],
          run.steps[i]!.status,
        ];
      });
    expect(shape(b!)).toEqual(shape(a!));
    expect(b!.warnings.map((w) => w.message)).toEqual([
      "llm-branching-roundtrip.json: summary.resource_usage.llm.total_calls: the producer says 9, the steps in the tree use 'llm' 4 times",
      "llm-branching-roundtrip.json: summary.resource_usage.vector_store.total_calls: the producer says 3, the steps in the tree use 'vector_store' once",
    ]);
  });

  it('llm-branching.json: branches keep first-seen child order; the failed draft is a leaf', async () => {
    const [run] = await loadOk('llm-branching.json');
    const r = run!;
    const kids = (i: number): string[] => {
      const out: string[] = [];
      for (let c = r.tree.firstChild[i]!; c !== -1; c = r.tree.nextSibling[c]!) {
        out.push(`${r.steps[c]!.stateName} ${r.steps[c]!.status}`);
      }
      return out;
    };
    const byId = (prefix: string) => r.steps.find((s) => s.stepId.startsWith(prefix))!.index;
    expect(kids(byId('bd85ae6d'))).toEqual(['draft_answer failed', 'draft_answer completed']);
    expect(kids(byId('6015bda4'))).toEqual([]);
    expect(kids(byId('8dc74ab3'))).toEqual(['escalate_to_human skipped', 'respond completed']);
    expect(kids(byId('c289a329'))).toEqual(['retrieve_context completed', 'faq_lookup skipped']);
  });

  it('a gzip-compressed copy of a fixture loads the same (detected by magic bytes, any name)', async () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'llm-branching.json')));
    const gz = new Uint8Array(
      await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
    );
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    const r = await loadHistoryFile(gz, 'llm-branching.dat');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.runs[0]!.counts.uniqueSteps).toBe(10);
    expect(r.runs[0]!.counts.leaves).toBe(4);
    expect(r.runs[0]!.id).toBe('llm-branching.dat#0');
  });

  it('reports progress: bytes read of total and steps merged', async () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'fanout-2k.json')));
    const seen: Array<[number, number, number]> = [];
    const r = await loadHistoryFile(bytes, 'fanout-2k.json', {
      onProgress: (p) => seen.push([p.bytesRead, p.totalBytes, p.stepsMerged]),
    });
    expect(r.ok).toBe(true);
    expect(seen[0]).toEqual([0, bytes.length, 0]);
    expect(seen.at(-1)).toEqual([bytes.length, bytes.length, 1809]);
    for (let k = 1; k < seen.length; k++) expect(seen[k]![2]).toBeGreaterThanOrEqual(seen[k - 1]![2]);
  });

  it('an aborted signal gives error kind cancelled', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const r = await loadHistoryFile(
      new Uint8Array(readFileSync(join(FIXTURES, 'etl-linear.json'))),
      'etl.json',
      {
        signal: ctl.signal,
      },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('cancelled');
    expect(r.error.message).toBe('etl.json: loading was cancelled');
  });

  it('aborting after decoding started still cancels (checked between phases)', async () => {
    const ctl = new AbortController();
    const r = await loadHistoryFile(
      new Uint8Array(readFileSync(join(FIXTURES, 'etl-linear.json'))),
      'etl.json',
      {
        signal: ctl.signal,
        onProgress: (p) => {
          if (p.bytesRead === p.totalBytes) ctl.abort();
        },
      },
    );
    expect(r.ok ? 'ok' : r.error.kind).toBe('cancelled');
  });
});
