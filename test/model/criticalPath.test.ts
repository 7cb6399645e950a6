// The critical path: from the root, at each level the child whose subtree
// ended last, with each step's own time on the chain adding up to the total;
// open and untimed steps follow the timeline's rules (marked approximate); a
// 10,000-deep chain without recursion.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { criticalPath, stepSpan } from '../../src/model/criticalPath.ts';
import { loadHistoryFile } from '../../src/model/loadFile.ts';
import type { Run } from '../../src/model/types.ts';
import { history, loadValue, okRuns, type Raw, step } from './helpers.ts';

const at = (start: number, end: number | null, extra: Raw = {}) => ({
  timestamp: start,
  start_time: start,
  end_time: end,
  duration: end === null ? null : end - start,
  ...extra,
});

async function runOf(paths: Raw[][]): Promise<Run> {
  return okRuns(await loadValue(history(paths)))[0]!;
}

const ids = (run: Run, path: { steps: readonly { index: number }[] }) =>
  path.steps.map((s) => run.steps[s.index]!.stepId);

describe('criticalPath', () => {
  it('follows the child that ended last at each level; shares add up to the total', async () => {
    // root 0..10 -> fast 1..3, slow 2..9 -> slow's children a 2..4, b 4..8.5
    const root = step('root', 'start', at(0, 10));
    const fast = step('fast', 'lookup', at(1, 3));
    const slow = step('slow', 'plan', at(2, 9));
    const a = step('a', 'call_llm', at(2, 4));
    const b = step('b', 'call_llm', at(4, 8.5));
    const run = await runOf([
      [root, fast],
      [root, slow, a],
      [root, slow, b],
    ]);
    const path = criticalPath(run);
    expect(ids(run, path)).toEqual(['root', 'slow', 'b']);
    expect(path.total).toBe(10);
    expect(path.start).toBe(0);
    expect(path.end).toBe(10);
    expect(path.approximate).toBe(false);
    // root: 0..2 before slow, and 9..10 after it; slow: 2..4 before b, 8.5..9 after; b: 4..8.5.
    expect(path.steps.map((s) => s.self)).toEqual([3, 2.5, 4.5]);
    expect(path.steps.reduce((x, s) => x + s.share, 0)).toBeCloseTo(1);
    expect(path.waiting).toBe(0);
    expect(path.sections.map((x) => [run.steps[x.index]!.stepId, x.from, x.to])).toEqual([
      ['root', 0, 2],
      ['slow', 2, 4],
      ['b', 4, 8.5],
      ['slow', 8.5, 9],
      ['root', 9, 10],
    ]);
  });

  it('an FSM chain: each state after its parent; a branch that started late waits, and says so', async () => {
    // receive 0..1 -> classify 1..2 -> [retrieve 2..5 -> answer 5..6], and classify -> lookup 6.5..7
    const receive = step('receive', 'receive_message', at(0, 1));
    const classify = step('classify', 'classify_intent', at(1, 2));
    const retrieve = step('retrieve', 'retrieve_context', at(2, 5));
    const answer = step('answer', 'draft_answer', at(5, 6));
    const lookup = step('lookup', 'faq_lookup', at(6.5, 7));
    const run = await runOf([
      [receive, classify, retrieve, answer],
      [receive, classify, lookup],
    ]);
    const path = criticalPath(run);
    expect(ids(run, path)).toEqual(['receive', 'classify', 'lookup']);
    expect(path.steps.map((s) => s.self)).toEqual([1, 1, 0.5]);
    expect(path.total).toBe(7);
    expect(path.waiting).toBe(4.5);
  });

  it('an open step runs to the last time known and makes the path approximate', async () => {
    const root = step('root', 'start', at(0, 2));
    const open = step('open', 'wait', { ...at(1, null), status: 'in_progress', duration: null });
    const done = step('done', 'work', at(1, 5));
    const run = okRuns(
      await loadValue(
        history(
          [
            [root, open],
            [root, done],
          ],
          { summary: { start_time: 0, end_time: null, duration: null } },
        ),
      ),
    )[0]!;
    const end = 5;
    expect(stepSpan(run.steps.find((s) => s.stepId === 'open')!, end)).toEqual({
      start: 1,
      end: 5,
      approximate: true,
    });
    const path = criticalPath(run);
    expect(path.end).toBe(5);
    expect(ids(run, path)[0]).toBe('root');
    // The open step and the finished one both end at 5: the recorded end decides.
    expect(ids(run, path)).toEqual(['root', 'done']);
    expect(path.approximate).toBe(false);
    // Without the finished step, the open one is on the path, approximate.
    const alone = okRuns(
      await loadValue(
        history([[root, open]], { summary: { start_time: 0, end_time: null, duration: null } }),
      ),
    )[0]!;
    const openPath = criticalPath(alone);
    expect(ids(alone, openPath)).toEqual(['root', 'open']);
    expect(openPath.approximate).toBe(true);
  });

  it('every fixture gives a chain from a root down to a leaf, root first', async () => {
    const dir = join(import.meta.dirname, '..', 'fixtures');
    for (const name of [
      'llm-branching.json',
      'fanout-2k.json',
      'etl-linear.json',
      'advanced-open-run.json',
    ]) {
      const run = okRuns(await loadHistoryFile(new Uint8Array(readFileSync(join(dir, name))), name))[0]!;
      const path = criticalPath(run);
      expect(path.steps.length, name).toBeGreaterThan(0);
      const first = path.steps[0]!.index;
      expect(run.tree.parent[first], name).toBe(-1);
      const last = path.steps.at(-1)!.index;
      expect(run.tree.childCount[last], name).toBe(0);
      for (let k = 1; k < path.steps.length; k++) {
        expect(run.tree.parent[path.steps[k]!.index], name).toBe(path.steps[k - 1]!.index);
      }
    }
  });

  it('a 10,000-deep chain is walked without recursion', async () => {
    const chain = Array.from({ length: 10_000 }, (_, i) =>
      step(`s${i}`, i % 2 ? 'validate' : 'call_llm', at(i, i + 1)),
    );
    const run = await runOf([chain]);
    const path = criticalPath(run);
    expect(path.steps).toHaveLength(10_000);
    expect(path.total).toBe(10_000);
  });

  it('an empty run has no path', async () => {
    const path = criticalPath(await runOf([]));
    expect(path).toEqual({
      steps: [],
      sections: [],
      total: 0,
      waiting: 0,
      start: null,
      end: null,
      approximate: false,
    });
  });
});
