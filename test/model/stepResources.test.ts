// The resource totals the producer's summary is checked against: over the
// given steps only (the tree, not detached steps), in that order, with types
// in the order first met and durations summed only where finite numbers.
import { describe, expect, it } from 'vitest';
import { StepResources } from '../../src/model/stepResources.ts';
import { history, loadValue, okRuns, step } from './helpers.ts';

describe('StepResources', () => {
  it('sums calls and finite durations per type over the steps asked for, types as first met', () => {
    const r = new StepResources();
    r.add({ llm: { duration: 1.5 }, db: { duration: 0.25 } });
    r.add({});
    r.add({ db: { duration: Number.NaN }, http: 'not an object' });
    r.add({ llm: { duration: 2 }, http: { duration: 1 } });
    expect([...r.totals([3, 2, 1, 0])]).toEqual([
      ['llm', { calls: 2, duration: 3.5 }],
      ['http', { calls: 2, duration: 1 }],
      ['db', { calls: 2, duration: 0.25 }],
    ]);
    expect([...r.totals([1, 2])]).toEqual([
      ['db', { calls: 1, duration: 0 }],
      ['http', { calls: 1, duration: 0 }],
    ]);
    expect(r.totals([]).size).toBe(0);
  });

  it('grows past its first arrays', () => {
    const r = new StepResources();
    for (let i = 0; i < 3000; i++) r.add(i % 3 === 0 ? {} : { a: { duration: 1 }, b: { duration: 2 } });
    const order = Array.from({ length: 3000 }, (_, i) => i);
    expect([...r.totals(order)]).toEqual([
      ['a', { calls: 2000, duration: 2000 }],
      ['b', { calls: 2000, duration: 4000 }],
    ]);
  });

  it("checks the producer's totals against the tree steps, not the detached ones", async () => {
    const a = step('a', 'plan', { resource_usage: { llm: { duration: 1.25 } } });
    const b = step('b', 'fetch', { resource_usage: { llm: { duration: 2 }, cache: { duration: 0.5 } } });
    const lost = step('lost', 'fetch', { resource_usage: { llm: { duration: 10 } } });
    const h = history([[a, b]], {
      modeStorage: { copy: [a, b, lost], reference: [], direct: [] },
      summary: {
        total_steps: 3,
        completed_steps: 3,
        resource_usage: { llm: { total_calls: 2, total_duration: 3, steps: [] } },
      },
    });
    const [run] = okRuns(await loadValue(h));
    const texts = run!.warnings.filter((w) => w.code === 'counter-mismatch').map((w) => w.message);
    expect(texts).toEqual([
      'run.json: summary.resource_usage.llm.total_duration: the producer says 3, the steps in the tree add up to 3.25',
      "run.json: summary.resource_usage: the producer lists no 'cache' usage, the steps in the tree use it once",
    ]);
  });
});
