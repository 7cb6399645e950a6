// The streaming loader gives exactly the plain loader's result (runs, steps,
// tree, counts, warnings) for every real producer file, however the bytes are
// cut into pieces, and also when the file is gzip-compressed. Plain-form files
// really go through the streaming parser; the other forms are handed over to
// the plain loader.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEEDS, FIXTURES, fixtureBytes, gzip, loadPlain, loadStream } from './helpers.ts';

const NOT_PLAIN = new Set(['compressed-wrapper.json', 'file-storage-db.json']);
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

describe('streaming loader on every fixture', () => {
  it('has fixtures to check', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
  });

  for (const name of fixtures) {
    describe(name, () => {
      const bytes = fixtureBytes(name);
      const feeds = bytes.length > 100_000 ? FEEDS.filter((f) => !f.label.includes('7-byte')) : FEEDS;
      for (const feed of feeds) {
        it(`equals the plain loader (${feed.label})`, async () => {
          const plain = await loadPlain(bytes, name);
          const { result, stats } = await loadStream(feed.make(bytes), name, feed.opts);
          expect(plain.ok).toBe(true);
          expect(result).toEqual(plain);
          expect(stats.via).toBe(NOT_PLAIN.has(name) ? 'plain' : 'stream');
        });
      }
      it('equals the plain loader when gzip-compressed', async () => {
        const gz = gzip(bytes);
        const plain = await loadPlain(gz, name);
        const { result, stats } = await loadStream(new Blob([gz as Uint8Array<ArrayBuffer>]), name, {
          pieceBytes: 333,
        });
        expect(result).toEqual(plain);
        if (!NOT_PLAIN.has(name)) {
          expect(stats.via).toBe('stream');
          expect(stats.gzip).toBe(true);
        }
      });
    });
  }

  it('skips the repeated copies of fanout-2k without parsing them', async () => {
    const { result, stats } = await loadStream(fixtureBytes('fanout-2k.json'), 'fanout-2k.json');
    expect(result.ok && result.runs[0]!.steps.length).toBe(1809);
    expect(stats.parsedSteps).toBe(1809);
    // 620 paths of 5 (or 3) steps plus mode_storage, minus the 1,809 first copies.
    expect(stats.skippedSteps).toBe(3028);
    expect(stats.fromRecords).toBe(0);
  });

  it('decides every step of fanout-2k from the index records when the bytes are indexed', async () => {
    const plain = await loadPlain(fixtureBytes('fanout-2k.json'), 'fanout-2k.json');
    const { result, stats } = await loadStream(fixtureBytes('fanout-2k.json'), 'fanout-2k.json', {
      indexSteps: true,
    });
    expect(result).toEqual(plain);
    expect(stats.parsedSteps).toBe(1809);
    expect(stats.skippedSteps).toBe(3028);
    expect(stats.fromRecords).toBe(1809 + 3028);
  });
});
