// Comparing two runs: steps matched by their path of state names (and the
// position among same-named siblings, so retries line up), never by step id;
// every kind of difference found and ordered (new failures first); per-state
// and per-resource changes; a 10,000-deep chain compared without recursion.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns, stepPath } from '../../../src/model/compare/compareRuns.ts';
import { mergedTree } from '../../../src/model/compare/mergedTree.ts';
import { loadHistoryFile } from '../../../src/model/loadFile.ts';
import type { Run } from '../../../src/model/types.ts';
import { history, loadValue, okRuns, type Raw, step } from '../helpers.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

async function fixtureRun(name: string): Promise<Run> {
  return okRuns(await loadHistoryFile(new Uint8Array(readFileSync(join(FIXTURES, name))), name))[0]!;
}

async function runOf(paths: Raw[][]): Promise<Run> {
  return okRuns(await loadValue(history(paths)))[0]!;
}

const llm = (seconds: number) => ({ llm: { duration: seconds } });

/** start -> plan -> [call_llm, validate, call_llm, validate] and plan -> store; ids prefixed per run. */
async function pipeline(
  p: string,
  changes: { second?: Raw; extra?: boolean; noStore?: boolean; planArc?: string },
) {
  const start = step(`${p}1`, 'start', { arc_taken: 'plan' });
  const plan = step(`${p}2`, 'plan', { arc_taken: changes.planArc ?? 'call_llm' });
  const kids = [
    step(`${p}3`, 'call_llm', { duration: 1.0, resource_usage: llm(0.9) }),
    step(`${p}4`, 'validate', { duration: 0.2 }),
    step(`${p}5`, 'call_llm', { duration: 2.0, resource_usage: llm(1.8), ...changes.second }),
    step(`${p}6`, 'validate', { duration: 0.2 }),
  ];
  if (changes.extra) kids.push(step(`${p}7`, 'retry', { duration: 0.5 }));
  if (!changes.noStore) kids.push(step(`${p}8`, 'store', { duration: 0.3 }));
  return runOf(kids.map((k) => [start, plan, k]));
}

describe('compareRuns', () => {
  it('a run against its own copy: everything matched, no difference', async () => {
    for (const name of ['llm-branching.json', 'fanout-2k.json', 'orphan-step.json', 'direct-pruned.json']) {
      const a = await fixtureRun(name);
      const b = await fixtureRun(name);
      const c = compareRuns(a, b);
      expect({
        name,
        matched: c.matched,
        onlyA: c.onlyA,
        onlyB: c.onlyB,
        diffs: c.differences.length,
      }).toEqual({
        name,
        matched: a.steps.length,
        onlyA: 0,
        onlyB: 0,
        diffs: 0,
      });
      expect(c.newFailures).toEqual([]);
    }
  });

  it('matches by path and sibling order, not ids, and orders the differences', async () => {
    const a = await pipeline('a', {});
    const b = await pipeline('b', {
      second: { status: 'failed', error: 'timed out', duration: 5.0, resource_usage: llm(4.9) },
      extra: true,
      noStore: true,
      planArc: 'call_tools',
    });
    const c = compareRuns(a, b);
    const id = (run: Run, i: number) => (i < 0 ? null : run.steps[i]!.stepId);
    // a3<->b3 (first call_llm), a5<->b5 (the second one), ids never compared.
    expect(id(b, c.match.aToB[a.steps.findIndex((s) => s.stepId === 'a5')]!)).toBe('b5');
    expect(c.matched).toBe(6);
    expect(c.onlyA).toBe(1);
    expect(c.onlyB).toBe(1);

    const summary = c.differences.map((d) => [d.kind, id(a, d.a), id(b, d.b), d.from, d.to]);
    expect(summary).toEqual([
      ['status', 'a5', 'b5', 'completed', 'failed'],
      ['duration', 'a5', 'b5', null, null],
      ['only-b', null, 'b7', null, 'completed'],
      ['only-a', 'a8', null, 'completed', null],
      ['arc', 'a2', 'b2', 'call_llm', 'call_tools'],
    ]);
    const slower = c.differences[1]!;
    expect(slower.delta).toBeCloseTo(3.0);
    expect(slower.ratio).toBeCloseTo(1.5);
    expect(c.newFailures.map((j) => b.steps[j]!.stepId)).toEqual(['b5']);

    expect(c.states.find((s) => s.stateName === 'call_llm')).toMatchObject({
      countA: 2,
      countB: 2,
      failedA: 0,
      failedB: 1,
      p95A: 2.0,
      p95B: 5.0,
    });
    expect(c.states.find((s) => s.stateName === 'store')).toMatchObject({ countA: 1, countB: 0 });
    expect(c.states.find((s) => s.stateName === 'retry')).toMatchObject({ countA: 0, countB: 1 });
    expect(c.resources).toEqual([
      { type: 'llm', callsA: 2, callsB: 2, secondsA: 0.9 + 1.8, secondsB: 0.9 + 4.9 },
    ]);
    expect(
      stepPath(
        b,
        b.steps.findIndex((s) => s.stepId === 'b5'),
        c.match.ordinalB,
      ),
    ).toBe('start › plan › call_llm#2');
  });

  it('draws both runs as one tree, each step marked', async () => {
    const a = await pipeline('a', {});
    const b = await pipeline('b', {
      second: { status: 'failed', duration: 5.0 },
      extra: true,
      noStore: true,
      planArc: 'call_tools',
    });
    const rows = mergedTree(a, b, compareRuns(a, b));
    const name = (r: { a: number; b: number }) => (r.b >= 0 ? b.steps[r.b]! : a.steps[r.a]!).stepId;
    expect(rows.map((r) => [name(r), r.depth, r.mark])).toEqual([
      ['b1', 0, 'same'],
      ['b2', 1, 'changed'],
      ['b3', 2, 'same'],
      ['b4', 2, 'same'],
      ['b5', 2, 'changed'],
      ['b6', 2, 'same'],
      ['b7', 2, 'added'],
      ['a8', 2, 'removed'],
    ]);
    const same = mergedTree(a, a, compareRuns(a, a));
    expect(same.every((r) => r.mark === 'same')).toBe(true);
    expect(same).toHaveLength(a.steps.length);
  });

  it('a failure that A had too is not new', async () => {
    const failed = { second: { status: 'failed', error: 'boom' } };
    const c = compareRuns(await pipeline('a', failed), await pipeline('b', failed));
    expect(c.newFailures).toEqual([]);
    expect(c.differences).toEqual([]);
  });

  it('a 10,000-step retry chain compares without recursion; a path is cut to its last names', async () => {
    const chain = (p: string, lastStatus: string) =>
      Array.from({ length: 10_000 }, (_, i) =>
        step(`${p}${i}`, i % 2 === 0 ? 'call_llm' : 'validate', i === 9_999 ? { status: lastStatus } : {}),
      );
    const a = await runOf([chain('a', 'completed')]);
    const b = await runOf([chain('b', 'failed')]);
    const c = compareRuns(a, b);
    expect(c.matched).toBe(10_000);
    expect(c.differences.map((d) => [d.kind, d.b])).toEqual([['status', 9_999]]);
    expect(stepPath(b, 9_999, c.match.ordinalB)).toBe('… › call_llm › validate › call_llm › validate');
    const rows = mergedTree(a, b, c);
    expect(rows).toHaveLength(10_000);
    expect(rows.at(-1)).toEqual({ a: 9_999, b: 9_999, depth: 9_999, mark: 'changed' });
  });
});
