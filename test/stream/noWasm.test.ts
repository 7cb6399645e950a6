// Where WebAssembly cannot run (a browser with it turned off, a locked-down
// worker), every load takes the TypeScript paths: the step scanner and the
// indexer are not there, and the streaming loader still gives exactly the
// reference loader's result for every fixture, however it is fed. This file
// runs in its own module graph with WebAssembly gone before anything loads.
import { readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  // biome-ignore lint/suspicious/noExplicitAny: removing a global for this file only.
  (globalThis as any).WebAssembly = undefined;
});

const { FEEDS, FIXTURES, fixtureBytes, gzip, loadPlain, loadStream } = await import('./helpers.ts');
const { createStepScan } = await import('../../src/model/stream/wasmStepScan.ts');

const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
const NOT_PLAIN = new Set(['compressed-wrapper.json', 'file-storage-db.json']);

describe('loading without WebAssembly', () => {
  it('really has no WebAssembly: the step scanner is not there', () => {
    expect(typeof WebAssembly).toBe('undefined');
    expect(createStepScan()).toBeNull();
  });

  for (const name of fixtures) {
    it(`${name}: the streaming loader equals the reference loader in every feed`, async () => {
      const bytes = fixtureBytes(name);
      const plain = await loadPlain(bytes, name);
      const feeds = bytes.length > 100_000 ? FEEDS.filter((f) => !f.label.includes('7-byte')) : FEEDS;
      for (const feed of feeds) {
        const { result, stats } = await loadStream(feed.make(bytes), name, feed.opts);
        expect({ feed: feed.label, result }).toEqual({ feed: feed.label, result: plain });
        expect(stats.scannedSteps).toBe(0);
        expect(stats.via).toBe(NOT_PLAIN.has(name) ? 'plain' : 'stream');
      }
      const gz = gzip(bytes);
      const { result } = await loadStream(new Blob([gz as Uint8Array<ArrayBuffer>]), name, {
        pieceBytes: 333,
      });
      expect(result).toEqual(await loadPlain(gz, name));
    });
  }
});
