// The streaming parser queues builder calls while it scans a window and
// parses the window's new steps in one JSON.parse: these inputs check that
// the queue keeps the plain loader's result when the first copy of a step
// makes no step (invalid), when its head's step_id is not its real one
// (duplicate key), when a differing copy is repeated, when one step needs the
// Python dialect, and when a later step is broken. Each is loaded whole in
// one batch and in tiny pieces, with and without the step index (whose
// records let path copies be skipped in runs), and compared with the plain
// loader.
import { describe, expect, it } from 'vitest';
import type { FileLoadResult } from '../../src/model/types.ts';
import { loadPlain, loadStream, utf8 } from './helpers.ts';

const stepText = (id: string, status = 'completed', extra = ''): string =>
  `{"step_id": "${id}", "state_name": "s_${id}", "network_name": "main", "timestamp": 1.5, ` +
  `"start_time": 1.5, "end_time": 1.75, "duration": 0.25, "data_mode": "copy", "status": "${status}", ` +
  `"arc_taken": null, "error": null, "metrics": {"n": 1}, "resource_usage": {}, "stream_progress": null, ` +
  `"chunks_processed": 0, "records_processed": 0${extra}}`;

function doc(paths: string[][], copy: string[]): string {
  const summary =
    '{"fsm_name": "batch", "execution_id": "b-1", "start_time": 1.0, "end_time": 2.0, "total_steps": 3}';
  return `{"summary": ${summary}, "paths": [${paths.map((p) => `[${p.join(', ')}]`).join(', ')}], "mode_storage": {"copy": [${copy.join(', ')}]}}`;
}

/**
 * Loads with the plain loader and the streaming loader (one batch, then
 * 5-byte pieces, each also from the step index's records); all must be equal.
 */
async function expectSame(source: string): Promise<FileLoadResult> {
  const bytes = utf8(source);
  const plain = await loadPlain(bytes, 'batch.json');
  for (const opts of [
    {},
    { pieceBytes: 5, batchBytes: 1 },
    { indexSteps: true },
    { pieceBytes: 5, batchBytes: 1, indexSteps: true },
  ]) {
    const { result, stats } = await loadStream(bytes, 'batch.json', { ...opts, plainFallbackMaxBytes: 0 });
    expect(result).toEqual(plain);
    expect(stats.via).toBe('stream');
  }
  return plain;
}

function codes(r: FileLoadResult): string[] {
  if (!r.ok) throw new Error(r.error.message);
  return r.runs[0]!.warnings.map((w) => w.code);
}

describe('batched parsing keeps the plain loader result', () => {
  it('repeats of an invalid first copy are each reported, as the plain loader does', async () => {
    // The head says step_id "x", but a second step_id key (a number) wins in JSON.parse: invalid.
    const bad = stepText('x', 'completed', ', "step_id": 5');
    const a = stepText('a');
    const r = await expectSame(
      doc(
        [
          [a, bad],
          [a, bad],
          [a, bad],
        ],
        [a, bad],
      ),
    );
    expect(codes(r).filter((c) => c === 'invalid-step').length).toBeGreaterThanOrEqual(1);
    if (r.ok) expect(r.runs[0]!.steps.length).toBe(1);
  });

  it("a head step_id that is not the step's real id (duplicate key) links the right step", async () => {
    const twoIds = stepText('p', 'completed', ', "step_id": "q"');
    const realP = stepText('p', 'failed');
    const r = await expectSame(doc([[twoIds, realP], [twoIds, realP], [realP]], [twoIds, realP]));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.runs[0]!.steps.map((s) => s.stepId).sort()).toEqual(['p', 'q']);
  });

  it('a differing copy repeated several times in one window warns like the plain loader', async () => {
    const a = stepText('a');
    const aChanged = stepText('a', 'failed');
    const b = stepText('b');
    const r = await expectSame(doc([[a, b], [aChanged, b], [aChanged], [a]], [a, b]));
    expect(codes(r).filter((c) => c === 'conflicting-duplicate').length).toBeGreaterThanOrEqual(1);
  });

  it('mode_storage in another order than first met, with a differing stored copy', async () => {
    const a = stepText('a');
    const b = stepText('b');
    const c = stepText('c');
    const cChanged = stepText('c', 'failed');
    const r = await expectSame(
      doc(
        [
          [a, b],
          [a, c],
        ],
        [cChanged, b, a, c],
      ),
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.runs[0]!.steps.map((s) => s.stepId)).toEqual(['a', 'b', 'c']);
    expect(codes(r)).toContain('conflicting-duplicate');
  });

  it("one step with Python's NaN among many plain ones", async () => {
    const steps = Array.from({ length: 20 }, (_, k) => stepText(`s${k}`));
    const nan = stepText('nan', 'completed').replace('"metrics": {"n": 1}', '"metrics": {"n": NaN}');
    const r = await expectSame(
      doc(
        [
          [...steps.slice(0, 10), nan],
          [...steps.slice(0, 10), nan],
        ],
        [...steps, nan],
      ),
    );
    expect(codes(r)).toContain('non-finite-number');
  });

  it('a broken step after good ones in the same window gives the same line and column', async () => {
    const good = Array.from({ length: 5 }, (_, k) => stepText(`g${k}`));
    const broken = stepText('z').replace('"state_name": "s_z"', '"state_name": "s_z" "oops": 1');
    const src = doc([[...good, broken]], good).replace(/, \[/g, ',\n[');
    const r = await expectSame(src);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.line).toBeGreaterThan(0);
  });
});
