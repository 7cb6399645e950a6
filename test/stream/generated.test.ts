// Generated producer-form runs (bench/generate.ts, seeded): a 1,000-step
// fan-out run in both json.dumps layouts and a 10,000-step chain load from the
// streaming loader exactly as from the plain loader, with the repeated copies
// skipped unparsed and no recursion over the 10,000-deep tree.
import { describe, expect, it } from 'vitest';
import { generateToString } from '../../bench/generate.ts';
import { gzip, loadPlain, loadStream, utf8 } from './helpers.ts';

describe('streaming loader on generated runs', () => {
  for (const indent of [null, 2]) {
    it(`1k fan-out steps (${indent === null ? 'one-line' : 'indent=2'} layout) equal the plain loader`, async () => {
      const bytes = utf8(generateToString({ steps: 1000, shape: 'fanout', seed: 7, indent }));
      const plain = await loadPlain(bytes, 'gen-1k.json');
      const { result, stats } = await loadStream(
        new Blob([bytes as Uint8Array<ArrayBuffer>]),
        'gen-1k.json',
        {
          pieceBytes: 4093,
        },
      );
      expect(result).toEqual(plain);
      expect(result.ok && result.runs[0]!.steps.length).toBe(1000);
      expect(result.ok && result.runs[0]!.warnings).toEqual([]);
      expect(stats.via).toBe('stream');
      expect(stats.parsedSteps).toBe(1000);
      // Most step objects in such a file are repeats (~85%).
      expect(stats.skippedSteps / (stats.skippedSteps + stats.parsedSteps)).toBeGreaterThan(0.8);
    });
  }

  it('1k fan-out steps gzip-compressed equal the plain loader', async () => {
    const bytes = gzip(utf8(generateToString({ steps: 1000, shape: 'fanout', seed: 11, indent: null })));
    const plain = await loadPlain(bytes, 'gen-1k.json.gz');
    const { result, stats } = await loadStream(bytes, 'gen-1k.json.gz');
    expect(result).toEqual(plain);
    expect(stats.gzip).toBe(true);
  });

  it('a 10,000-deep chain equals the plain loader', async () => {
    const bytes = utf8(generateToString({ steps: 10_000, shape: 'chain', seed: 3, indent: null }));
    const plain = await loadPlain(bytes, 'chain.json');
    const { result, stats } = await loadStream(new Blob([bytes as Uint8Array<ArrayBuffer>]), 'chain.json');
    expect(result).toEqual(plain);
    expect(result.ok && result.runs[0]!.counts.maxDepth).toBe(10_000);
    expect(stats.skippedSteps).toBe(10_000);
  });
});
