// Resource, stream and per-state aggregates, and tree navigation, on small
// hand-made runs whose answers can be checked by eye.
import { describe, expect, it } from 'vitest';
import { percentile, resourceAggregates, stateRollups, streamTotals } from '../../src/model/aggregate.ts';
import { childrenOf, pathToRoot, siblingsOf } from '../../src/model/tree.ts';
import type { Run } from '../../src/model/types.ts';
import { history, loadText, loadValue, okRuns, step } from './helpers.ts';

async function sampleRun(): Promise<Run> {
  // root -> a1 -> leaf1
  //      -> a2 -> leaf2, leaf3
  //      -> a3 (failed)
  // plus one detached step (only in mode_storage).
  const root = step('root', 'plan', { duration: 1 });
  const a1 = step('a1', 'fetch', {
    duration: 2,
    resource_usage: { http: { duration: 0.5, status: 200 }, llm: { duration: 1.5 } },
  });
  const a2 = step('a2', 'fetch', { duration: 4, resource_usage: { http: { duration: 1.25 } } });
  const a3 = step('a3', 'fetch', {
    duration: 6,
    status: 'failed',
    error: 'timeout',
    resource_usage: { http: { status: 504 } },
  });
  const l1 = step('leaf1', 'store', {
    duration: 0.1,
    chunks_processed: 2,
    records_processed: 40,
    resource_usage: { database: 'not an object' },
  });
  const l2 = step('leaf2', 'store', {
    duration: null,
    start_time: 10,
    end_time: 10.3,
    stream_progress: { position: 7 },
  });
  const l3 = step('leaf3', 'store', { duration: 0.2, chunks_processed: 1, records_processed: 2 });
  const lost = step('lost', 'store', { duration: 0.4, resource_usage: { llm: { duration: 2.5 } } });
  const h = history(
    [
      [root, a1, l1],
      [root, a2, l2],
      [root, a2, l3],
      [root, a3],
    ],
    {
      modeStorage: { copy: [root, a1, l1, a2, l2, l3, a3, lost], reference: [], direct: [] },
      summary: {
        total_steps: 8,
        failed_steps: 1,
        completed_steps: 7,
        tree_depth: 3,
        total_paths: 4,
        resource_usage: {
          http: { total_calls: 3, total_duration: 1.75, steps: [] },
          llm: { total_calls: 1, total_duration: 1.5, steps: [] },
          database: { total_calls: 1, total_duration: 0, steps: [] },
        },
        stream_progress: { total_chunks: 3, total_records: 42, streams_processed: 2 },
      },
    },
  );
  const [run] = okRuns(await loadValue(h));
  return run!;
}

const ids = (run: Run, list: readonly number[]) => list.map((i) => run.steps[i]!.stepId);

describe('sample run facts', () => {
  it('has the shape described above and the producer counters agree', async () => {
    const run = await sampleRun();
    expect(run.counts).toMatchObject({
      uniqueSteps: 8,
      treeSteps: 7,
      detachedSteps: 1,
      leaves: 4,
      maxDepth: 3,
    });
    expect(run.warnings.map((w) => w.code)).toEqual(['unknown-parent', 'approximate-duration']);
  });
});

describe('resourceAggregates', () => {
  it('counts steps per type, sums finite durations, largest total first', async () => {
    const run = await sampleRun();
    const res = resourceAggregates(run);
    expect(
      res.map((a) => ({ ...a, totalDuration: Number(a.totalDuration.toFixed(6)), steps: ids(run, a.steps) })),
    ).toEqual([
      { type: 'llm', calls: 2, totalDuration: 4, meanDuration: 2, maxDuration: 2.5, steps: ['a1', 'lost'] },
      {
        type: 'http',
        calls: 3,
        totalDuration: 1.75,
        meanDuration: 0.875,
        maxDuration: 1.25,
        steps: ['a1', 'a2', 'a3'],
      },
      { type: 'database', calls: 1, totalDuration: 0, meanDuration: 0, maxDuration: 0, steps: ['leaf1'] },
    ]);
  });

  it('ignores non-finite durations (Python NaN) but still counts the call', async () => {
    const text = JSON.stringify(
      history([[step('a', 'x', { resource_usage: { llm: { duration: 1 } } })]]),
    ).replace('"duration":1}', '"duration":NaN}');
    const [run] = okRuns(await loadText(text));
    expect(resourceAggregates(run!)).toEqual([
      { type: 'llm', calls: 1, totalDuration: 0, meanDuration: 0, maxDuration: 0, steps: [0] },
    ]);
  });
});

describe('streamTotals', () => {
  it("sums the steps' chunks and records; streams_processed is the producer's counter", async () => {
    const run = await sampleRun();
    const st = streamTotals(run);
    expect({ ...st, steps: ids(run, st.steps) }).toEqual({
      chunks: 3,
      records: 42,
      streamsProcessed: 2,
      steps: ['leaf1', 'leaf2', 'leaf3'],
    });
  });
});

describe('stateRollups', () => {
  it('groups by state in order of first step, with status counts and nearest-rank percentiles', async () => {
    const run = await sampleRun();
    const rows = stateRollups(run).map((r) => ({ ...r, totalDuration: Number(r.totalDuration.toFixed(6)) }));
    expect(rows).toEqual([
      {
        stateName: 'plan',
        count: 1,
        statusCounts: { completed: 1 },
        failed: 0,
        totalDuration: 1,
        p50: 1,
        p95: 1,
        maxDuration: 1,
      },
      {
        stateName: 'fetch',
        count: 3,
        statusCounts: { completed: 2, failed: 1 },
        failed: 1,
        totalDuration: 12,
        p50: 4,
        p95: 6,
        maxDuration: 6,
      },
      {
        stateName: 'store',
        count: 4,
        statusCounts: { completed: 4 },
        failed: 0,
        // 0.1 + 0.3 (approximate, end - start) + 0.2 + 0.4
        totalDuration: 1,
        p50: 0.2,
        p95: 0.4,
        maxDuration: 0.4,
      },
    ]);
  });

  it('percentile uses nearest rank and gives null for no data', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.95)).toBe(4);
    expect(percentile([5], 0.01)).toBe(5);
  });
});

describe('tree navigation', () => {
  it('pathToRoot lists root first; a detached step is alone', async () => {
    const run = await sampleRun();
    const byId = (id: string) => run.steps.find((s) => s.stepId === id)!.index;
    expect(ids(run, pathToRoot(run, byId('leaf3')))).toEqual(['root', 'a2', 'leaf3']);
    expect(ids(run, pathToRoot(run, byId('root')))).toEqual(['root']);
    expect(ids(run, pathToRoot(run, byId('lost')))).toEqual(['lost']);
    expect(pathToRoot(run, -1)).toEqual([]);
    expect(pathToRoot(run, 99)).toEqual([]);
  });

  it('siblingsOf includes the step itself, in child order', async () => {
    const run = await sampleRun();
    const byId = (id: string) => run.steps.find((s) => s.stepId === id)!.index;
    expect(ids(run, siblingsOf(run, byId('a2')))).toEqual(['a1', 'a2', 'a3']);
    expect(ids(run, siblingsOf(run, byId('leaf2')))).toEqual(['leaf2', 'leaf3']);
    expect(ids(run, siblingsOf(run, byId('leaf1')))).toEqual(['leaf1']);
    expect(ids(run, siblingsOf(run, byId('root')))).toEqual(['root']);
    expect(ids(run, siblingsOf(run, byId('lost')))).toEqual(['lost']);
    expect(siblingsOf(run, 1000)).toEqual([]);
    expect(ids(run, childrenOf(run, byId('root')))).toEqual(['a1', 'a2', 'a3']);
    expect(childrenOf(run, byId('lost'))).toEqual([]);
  });
});
