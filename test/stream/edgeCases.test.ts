// Inputs the streaming parser must get exactly right, each compared whole with
// the plain loader: repeats that differ (conflicts), repeats that only differ
// in layout, step_id not the first key, Python's NaN/Infinity in repeated
// steps, 900-deep metrics, a UTF-8 BOM, multi-byte text cut at every byte,
// unknown mode_storage lists, and layouts it hands to the plain loader.
// Also cancellation and progress.
import { describe, expect, it } from 'vitest';
import type { FileLoadResult, Run } from '../../src/model/types.ts';
import { step as producerStep } from '../model/helpers.ts';
import { fixtureBytes, loadPlain, loadStream, utf8 } from './helpers.ts';

const text = (name: string): string => new TextDecoder().decode(fixtureBytes(name));

function runOf(r: FileLoadResult): Run {
  if (!r.ok) throw new Error(`load failed: ${r.error.message}`);
  return r.runs[0]!;
}

/** Loads with both loaders (the stream one in small pieces) and expects equal results. */
async function expectSame(source: string | Uint8Array, pieceBytes = 97) {
  const bytes = typeof source === 'string' ? utf8(source) : source;
  const plain = await loadPlain(bytes, 'case.json');
  const outcome = await loadStream(new Blob([bytes as Uint8Array<ArrayBuffer>]), 'case.json', {
    pieceBytes,
    batchBytes: 1,
    plainFallbackMaxBytes: 0,
  });
  expect(outcome.result).toEqual(plain);
  return { plain, ...outcome };
}

/** Replaces the n-th (0-based) occurrence of `find` in `s`. */
function replaceNth(s: string, find: string, n: number, by: string): string {
  let at = -1;
  for (let k = 0; k <= n; k++) {
    at = s.indexOf(find, at + 1);
    if (at < 0) throw new Error(`occurrence ${n} of ${find} not found`);
  }
  return s.slice(0, at) + by + s.slice(at + find.length);
}

/** A small plain history built by hand (one-line layout, like json.dumps). */
function history(paths: unknown[][], modeStorage: Record<string, unknown[]>, extra = ''): string {
  const summary = { fsm_name: 'hand', execution_id: 'h-1', start_time: 1.0, end_time: 2.0, total_steps: 2 };
  return `{"summary": ${JSON.stringify(summary)}, "paths": ${JSON.stringify(paths)}, "mode_storage": ${JSON.stringify(modeStorage)}${extra}}`;
}

/** A producer step named after its id (test/model/helpers.ts builds the fields). */
const step = (id: string, more: Record<string, unknown> = {}) => producerStep(id, `s_${id}`, more);

describe('streaming loader edge cases', () => {
  it('reports a repeated step that differs from its first copy, like the plain loader', async () => {
    const src = text('llm-branching.json');
    // The root step is repeated at the head of every path; change its status in the second path.
    const changed = replaceNth(src, '"status": "completed"', 7, '"status": "failed"');
    const { result, stats } = await expectSame(changed);
    const warnings = runOf(result).warnings.filter((w) => w.code === 'conflicting-duplicate');
    expect(warnings.length).toBe(1);
    expect(stats.parsedSteps).toBeGreaterThan(10);
  });

  it('treats a repeat that only differs in layout as the same step', async () => {
    const src = text('llm-branching.json');
    const firstPathEnd = src.indexOf('\n    ],\n    [') + '\n    ],\n    ['.length;
    const repeatStart = src.indexOf('{', firstPathEnd);
    const repeatEnd = src.indexOf('\n      }', repeatStart) + '\n      }'.length;
    const compact = JSON.stringify(JSON.parse(src.slice(repeatStart, repeatEnd)));
    const relaid = src.slice(0, repeatStart) + compact + src.slice(repeatEnd);
    const { result } = await expectSame(relaid);
    expect(runOf(result).warnings.some((w) => w.code === 'conflicting-duplicate')).toBe(false);
  });

  it('parses steps whose step_id is not the first key', async () => {
    const a = step('a');
    const { step_id: _id, ...rest } = step('b');
    const b = { ...rest, step_id: 'b' };
    const { result, stats } = await expectSame(
      history(
        [
          [a, b],
          [a, b],
        ],
        { copy: [a, b] },
      ),
      5,
    );
    expect(runOf(result).steps.map((s) => s.stepId)).toEqual(['a', 'b']);
    // a is parsed once. b has no step_id at its head, so it cannot be looked up by id: its
    // copy in the second path is parsed again; mode_storage's copy is recognised by its
    // place (steps listed in the order first met) and its hash.
    expect(stats.parsedSteps).toBe(3);
    expect(stats.skippedSteps).toBe(3);
  });

  it("reads Python's NaN and Infinity in steps that repeat", async () => {
    const nan = JSON.stringify(step('n', { metrics: { score: 0 } })).replace('"score":0', '"score":NaN');
    const src = `{"summary": {"fsm_name": "f", "end_time": 2.0, "ratio": Infinity}, "paths": [[${nan}], [${nan}]], "mode_storage": {"copy": [${nan}]}}`;
    const { result } = await expectSame(src, 11);
    const run = runOf(result);
    expect(Number.isNaN((run.steps[0]!.metrics as { score: number }).score)).toBe(true);
    expect(run.warnings.some((w) => w.code === 'non-finite-number')).toBe(true);
  });

  it('handles metrics nested 900 levels deep', async () => {
    const deep = `${'{"a": '.repeat(900)}1${'}'.repeat(900)}`;
    const s = JSON.stringify(step('d', { metrics: { x: 0 } })).replace('{"x":0}', deep);
    const src = `{"summary": {}, "paths": [[${s}], [${s}]], "mode_storage": {"copy": [${s}]}}`;
    const { result, stats } = await expectSame(src, 4096);
    let depth = 0;
    let m = runOf(result).steps[0]!.metrics as { a?: unknown };
    while (typeof m === 'object' && m !== null && 'a' in m) {
      depth++;
      m = m.a as { a?: unknown };
    }
    expect(depth).toBe(900);
    expect(stats.skippedSteps).toBe(2);
  });

  it('skips a UTF-8 byte-order mark', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...fixtureBytes('etl-linear.json')]);
    const { result, stats } = await expectSame(bom, 2);
    expect(runOf(result).steps.length).toBe(6);
    expect(stats.via).toBe('stream');
  });

  it('decodes multi-byte UTF-8 cut at every byte', async () => {
    const e = step('e', { error: 'Zürich — naïve “quotes” 🚀\n\t"escaped"', state_name: 'état' });
    const src = history(
      [
        [step('r'), e],
        [step('r'), e],
      ],
      { copy: [step('r'), e] },
    );
    for (const pieces of [1, 2, 3]) {
      const { result } = await expectSame(src, pieces);
      expect(runOf(result).steps[1]!.error).toBe('Zürich — naïve “quotes” 🚀\n\t"escaped"');
    }
  });

  it('keeps lists of unknown data modes and warns like the plain loader', async () => {
    const src = history([[step('a')]], { copy: [step('a')], weird: [step('a'), step('z')] });
    const { result } = await expectSame(src, 13);
    const run = runOf(result);
    expect(run.warnings.some((w) => w.code === 'unknown-data-mode')).toBe(true);
    expect(run.counts.detachedSteps).toBe(1);
  });

  it('hands unusual layouts to the plain loader', async () => {
    const a = step('a');
    const layouts = [
      `{"paths": [[${JSON.stringify(a)}]], "summary": {}, "mode_storage": {}}`,
      history([[a]], { copy: [a] }, ', "version": 2'),
      `{"summary": {}, "paths": [null, [${JSON.stringify(a)}]], "mode_storage": {}}`,
      `{"summary": {}, "paths": [[${JSON.stringify(a)}, 42]]}`,
      `{"summary": {}, "mode_storage": {"copy": [${JSON.stringify(a)}]}}`,
      `{"summary": null, "paths": []}`,
      '[]',
      '   ',
    ];
    for (const src of layouts) {
      const bytes = utf8(src);
      const plain = await loadPlain(bytes, 'odd.json');
      const { result, stats } = await loadStream(bytes, 'odd.json');
      expect(result).toEqual(plain);
      expect(stats.via).toBe('plain');
    }
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const bytes = fixtureBytes('fanout-2k.json');
    const { result } = await loadStream(bytes, 'fanout-2k.json', {
      signal: controller.signal,
      pieceBytes: 4096,
      batchBytes: 4096,
      onProgress: (p) => {
        if (p.bytesRead > 100_000) controller.abort();
      },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe('cancelled');
    expect(!result.ok && result.error.message).toBe('fanout-2k.json: loading was cancelled');
  });

  it('reports progress up to the whole file and every step', async () => {
    const bytes = fixtureBytes('fanout-2k.json');
    const seen: Array<{ bytesRead: number; stepsMerged: number; totalBytes: number }> = [];
    await loadStream(new Blob([bytes as Uint8Array<ArrayBuffer>]), 'fanout-2k.json', {
      pieceBytes: 100_000,
      batchBytes: 100_000,
      onProgress: (p) => seen.push(p),
    });
    expect(seen.length).toBeGreaterThan(10);
    for (let k = 1; k < seen.length; k++) {
      expect(seen[k]!.bytesRead).toBeGreaterThanOrEqual(seen[k - 1]!.bytesRead);
      expect(seen[k]!.stepsMerged).toBeGreaterThanOrEqual(seen[k - 1]!.stepsMerged);
    }
    const last = seen[seen.length - 1]!;
    expect(last.bytesRead).toBe(bytes.length);
    expect(last.totalBytes).toBe(bytes.length);
    expect(last.stepsMerged).toBe(1809);
  });
});
