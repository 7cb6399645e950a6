// RunBuilder driven directly, the way the streaming loader drives it (repeats
// linked by id without raw data, conflicts reported by the caller), and runs
// far deeper than any call stack: a 10,000-step chain and metrics nested 900
// levels deep.
import { describe, expect, it } from 'vitest';
import { RunBuilder } from '../../src/model/runBuilder.ts';
import { pathToRoot } from '../../src/model/tree.ts';
import type { JsonValue } from '../../src/model/types.ts';
import { history, loadText, loadValue, okRuns, type Raw, step } from './helpers.ts';

const raw = (v: Raw): JsonValue => v as JsonValue;

describe('RunBuilder API for streaming callers', () => {
  it('links repeats given only their step_id, without raw data', () => {
    const b = new RunBuilder({ fileName: 'big.json', indexInFile: 0, form: 'plain' });
    b.setSummary(raw(history([]).summary as Raw), 'summary');
    const a = step('a', 'start');
    b.beginPath();
    b.addPathStep('a', raw(a), 'paths[0][0]');
    b.addPathStep('b', raw(step('b', 'left')), 'paths[0][1]');
    expect(b.hasStep('a')).toBe(true);
    expect(b.hasStep('c')).toBe(false);
    b.beginPath();
    let whereCalls = 0;
    b.addPathStep('a', null, () => {
      whereCalls++;
      return 'paths[1][0]';
    });
    b.addPathStep('c', raw(step('c', 'right')), 'paths[1][1]');
    expect(b.stepsMerged).toBe(3);
    const run = b.finish();
    expect(whereCalls).toBe(0);
    expect(run.id).toBe('big.json#0');
    expect([...run.tree.preorder].map((i) => run.steps[i]!.stepId)).toEqual(['a', 'b', 'c']);
    expect(run.counts.leaves).toBe(2);
    expect(run.counts.paths).toBe(2);
    expect(run.steps[run.currentStep]!.stepId).toBe('c');
  });

  it('reportConflict records a conflicting duplicate found by the caller', () => {
    const b = new RunBuilder({ fileName: 'big.json', indexInFile: 1, form: 'plain', id: 'big.json#1 (2)' });
    b.beginPath();
    b.addPathStep('a', raw(step('a', 'start')), 'paths[0][0]');
    b.beginPath();
    b.addPathStep('a', null, 'paths[1][0]');
    b.reportConflict('a', 'paths[1][0]', 'its text differs');
    const run = b.finish();
    expect(run.id).toBe('big.json#1 (2)');
    expect(run.warnings.map((w) => [w.code, w.message])).toEqual([
      [
        'conflicting-duplicate',
        "big.json: paths[1][0]: step 'a' (start) differs from its first copy at paths[0][0] (its text differs); kept the first",
      ],
    ]);
  });

  it('refuses raw null for a step it has never seen, and a second finish()', () => {
    const b = new RunBuilder({ fileName: 'f.json', indexInFile: 0, form: 'plain' });
    b.beginPath();
    expect(() => b.addPathStep('ghost', null, 'paths[0][0]')).toThrow("step 'ghost' was never added");
    b.finish();
    expect(() => b.finish()).toThrow('already called');
  });

  it('a step first met in mode_storage and later in paths joins the tree', () => {
    const b = new RunBuilder({ fileName: 'f.json', indexInFile: 0, form: 'plain' });
    b.addStoredStep(raw(step('late', 'x')), 'mode_storage.copy[0]', 'copy');
    b.beginPath();
    b.addPathEntry(raw(step('root', 'r')), 'paths[0][0]');
    b.addPathStep('late', null, 'paths[0][1]');
    const run = b.finish();
    expect(run.counts.detachedSteps).toBe(0);
    expect(run.steps.map((s) => [s.stepId, s.source, run.tree.depth[s.index]])).toEqual([
      ['late', 'mode_storage.copy[0]', 1],
      ['root', 'paths[0][0]', 0],
    ]);
  });

  it('stored steps under an unknown data mode key are kept and reported once', () => {
    const b = new RunBuilder({ fileName: 'f.json', indexInFile: 0, form: 'plain' });
    b.addStoredStep(raw(step('a', 'x')), 'mode_storage.shared[0]', 'shared');
    b.addStoredStep(raw(step('b', 'y')), 'mode_storage.shared[1]', 'shared');
    const run = b.finish();
    expect(run.counts.detachedSteps).toBe(2);
    expect(run.warnings.filter((w) => w.code === 'unknown-data-mode').map((w) => w.message)).toEqual([
      "f.json: mode_storage.shared[0]: mode_storage has a list for unknown data mode 'shared' (expected copy, reference or direct); its steps are kept",
    ]);
  });

  it('a flood of the same warning is capped with a count of the rest', () => {
    const b = new RunBuilder({ fileName: 'f.json', indexInFile: 0, form: 'plain' });
    b.beginPath();
    for (let k = 0; k < 50; k++) b.addPathEntry(raw({ state_name: 'no id' }), `paths[0][${k}]`);
    const run = b.finish();
    const invalid = run.warnings.filter((w) => w.code === 'invalid-step');
    expect(invalid).toHaveLength(21);
    expect(invalid.at(-1)!.message).toBe(
      "f.json: 30 more 'invalid-step' warnings like the ones above were not listed",
    );
  });
});

describe('deep runs', () => {
  it('a 10,000-step chain loads with depth 10,000', async () => {
    const n = 10_000;
    const chain = Array.from({ length: n }, (_, k) => step(`s${k}`, k % 2 === 0 ? 'poll' : 'evaluate'));
    const [run] = okRuns(await loadValue(history([chain]), 'deep.json'));
    expect(run!.counts.uniqueSteps).toBe(n);
    expect(run!.counts.maxDepth).toBe(n);
    expect(run!.counts.leaves).toBe(1);
    expect(run!.tree.depth[n - 1]).toBe(n - 1);
    expect(run!.tree.subtreeSize[0]).toBe(n);
    expect(pathToRoot(run!, n - 1)).toHaveLength(n);
    expect(run!.warnings).toEqual([]);
  });

  it('a 10,000-step chain of step records given leaf first loads with depth 10,000', async () => {
    const n = 10_000;
    const db: Record<string, unknown> = {};
    for (let k = n - 1; k >= 0; k--) {
      db[`rec-${k}`] = {
        id: `rec-${k}`,
        metadata: {},
        fields: {
          record_type: { name: 'record_type', value: 'step', type: 'string', metadata: {} },
          execution_id: { name: 'execution_id', value: 'deep', type: 'string', metadata: {} },
          parent_id: { name: 'parent_id', value: k === 0 ? null : `s${k - 1}`, type: 'string', metadata: {} },
          step_data: { name: 'step_data', value: step(`s${k}`, 'tick'), type: 'json', metadata: {} },
        },
      };
    }
    const [run] = okRuns(await loadValue(db, 'deep-db.json'));
    expect(run!.counts.maxDepth).toBe(n);
    expect(run!.counts.roots).toBe(1);
    expect(run!.steps[run!.tree.roots[0]!]!.stepId).toBe('s0');
    expect(run!.counts.detachedSteps).toBe(0);
  });

  it('metrics nested 900 levels deep load; repeats are compared and scanned without recursion', async () => {
    const depth = 900;
    const nested = (leaf: string): string => `${'{"m":['.repeat(depth)}${leaf}${']}'.repeat(depth)}`;
    const a = step('a', 'deep');
    const b = step('b', 'next');
    const base = JSON.stringify(
      history([
        [a, b],
        [a, step('c', 'other')],
      ]),
    );
    // Same deep metrics in every copy of step a (paths and mode_storage), with a NaN at the bottom.
    const withDeep = base.replace(
      /("step_id":"a"[^{}]*?"metrics":)\{\}/g,
      (_m, head: string) => `${head}${nested('NaN')}`,
    );
    expect(withDeep.split(nested('NaN')).length - 1).toBe(3);
    const [run] = okRuns(await loadText(withDeep, 'deep-metrics.json'));
    expect(run!.counts.uniqueSteps).toBe(3);
    expect(run!.warnings.map((w) => w.code)).toEqual(['non-finite-number']);
    expect(run!.warnings[0]!.message).toContain(`paths[0][0].metrics${'.m[0]'.repeat(depth)}`);
    // Walk the metrics iteratively to its bottom.
    let v = run!.steps[0]!.metrics;
    let levels = 0;
    while (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      v = (v.m as JsonValue[])[0]!;
      levels++;
    }
    expect(levels).toBe(depth);
    expect(Number.isNaN(v)).toBe(true);

    // A repeat that differs only at the bottom is a conflict.
    const conflicting = withDeep.replace(nested('NaN'), nested('1')).replace(nested('NaN'), nested('NaN'));
    const [run2] = okRuns(await loadText(conflicting, 'deep-metrics.json'));
    expect(run2!.warnings.filter((w) => w.code === 'conflicting-duplicate').map((w) => w.message)).toEqual([
      "deep-metrics.json: paths[1][0]: step 'a' (deep) differs from its first copy at paths[0][0]; kept the first",
      "deep-metrics.json: mode_storage.copy[0]: step 'a' (deep) differs from its first copy at paths[0][0]; kept the first",
    ]);
  });
});
