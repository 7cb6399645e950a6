// The benchmark generator is deterministic (own seeded PRNG) and writes
// Python's json.dumps forms: float reprs, ASCII escapes, both layouts.
import { describe, expect, it } from 'vitest';
import { PyFloat, pyDumps, pyFloat, pyString } from '../../bench/gen/pyjson.ts';
import { generateToString } from '../../bench/generate.ts';

describe('benchmark generator', () => {
  it('gives the same bytes for the same seed and different ones for another seed', () => {
    const a = generateToString({ steps: 300, shape: 'fanout', seed: 1, indent: null });
    const b = generateToString({ steps: 300, shape: 'fanout', seed: 1, indent: null });
    const c = generateToString({ steps: 300, shape: 'fanout', seed: 2, indent: null });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it("writes floats as Python's repr does", () => {
    expect(pyFloat(1)).toBe('1.0');
    expect(pyFloat(0)).toBe('0.0');
    expect(pyFloat(1e-5)).toBe('1e-05');
    expect(pyFloat(1.2345e-6)).toBe('1.2345e-06');
    expect(pyFloat(0.0001)).toBe('0.0001');
    expect(pyFloat(1e16)).toBe('1e+16');
    expect(pyFloat(1758400196.426122)).toBe('1758400196.426122');
    expect(pyFloat(Number.NaN)).toBe('NaN');
  });

  it('escapes non-ASCII like ensure_ascii', () => {
    expect(pyString('Zürich "x"\n')).toBe('"Z\\u00fcrich \\"x\\"\\n"');
  });

  it('lays out containers like json.dumps, with and without indent', () => {
    const v = { a: [1, new PyFloat(2)], b: {}, c: [] };
    expect(pyDumps(v, null)).toBe('{"a": [1, 2.0], "b": {}, "c": []}');
    expect(pyDumps(v, 2)).toBe('{\n  "a": [\n    1,\n    2.0\n  ],\n  "b": {},\n  "c": []\n}');
  });

  it('writes every root-to-leaf path in full and every step once in mode_storage', () => {
    const run = JSON.parse(generateToString({ steps: 500, shape: 'fanout', seed: 5, indent: null })) as {
      summary: { total_steps: number; total_paths: number; tree_depth: number };
      paths: Array<Array<{ step_id: string }>>;
      mode_storage: { copy: Array<{ step_id: string }> };
    };
    expect(run.mode_storage.copy.length).toBe(500);
    expect(run.summary.total_steps).toBe(500);
    expect(run.paths.length).toBe(run.summary.total_paths);
    const lengths = run.paths.map((p) => p.length);
    expect(Math.max(...lengths)).toBe(run.summary.tree_depth);
    expect(Math.min(...lengths.slice(0, -1))).toBeGreaterThanOrEqual(5);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(8);
    // Every path starts at the same root.
    expect(new Set(run.paths.map((p) => p[0]!.step_id)).size).toBe(1);
  });
});
