// BlockCache between SQLite's page reads and the file: every read gives the
// file's own bytes (across block edges, after evictions, at the end of the
// file), a forward scan is read ahead in few large calls, and reads here and
// there read one block each.
import { describe, expect, it } from 'vitest';
import { BlockCache, bytesSource, type SyncByteSource } from '../../../src/model/store/byteSource.ts';

const MiB = 1024 * 1024;

function randomBytes(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function counted(bytes: Uint8Array): SyncByteSource & { calls: number[] } {
  const inner = bytesSource(bytes);
  const calls: number[] = [];
  return {
    size: inner.size,
    calls,
    read(into, offset) {
      calls.push(into.byteLength);
      return inner.read(into, offset);
    },
  };
}

describe('BlockCache', () => {
  it('a forward scan of 4 KiB pages gives the file and is read ahead in few calls', () => {
    const bytes = randomBytes(40 * MiB + 12345);
    const source = counted(bytes);
    const cache = new BlockCache(source);
    const page = new Uint8Array(4096);
    for (let at = 0; at < bytes.byteLength; at += 4096) {
      const n = cache.read(page, at);
      expect(n).toBe(Math.min(4096, bytes.byteLength - at));
      if (!page.subarray(0, n).every((b, i) => b === bytes[at + i])) throw new Error(`wrong bytes at ${at}`);
    }
    // 41 blocks: 1 + 2 + 4 + 8 + 16 + the rest, not 41 calls.
    expect(source.calls.length).toBeLessThanOrEqual(7);
    expect(Math.max(...source.calls)).toBe(16 * MiB);
    expect(cache.reads).toBe(source.calls.length);
  });

  it('reads here and there take one block each, and cross block edges', () => {
    const bytes = randomBytes(64 * MiB);
    const source = counted(bytes);
    const cache = new BlockCache(source);
    const offsets = [50 * MiB + 10, 3 * MiB - 100, 40 * MiB, 20 * MiB + 5, 60 * MiB - 1];
    for (const at of offsets) {
      const into = new Uint8Array(300);
      expect(cache.read(into, at)).toBe(300);
      expect(into).toEqual(bytes.subarray(at, at + 300));
    }
    // One block each; the reads across the edges at 3 MiB and 60 MiB take the next block too (a forward step).
    expect(source.calls.slice(0, 1)).toEqual([MiB]);
    expect(Math.max(...source.calls)).toBeLessThanOrEqual(2 * MiB);
    expect(source.calls.length).toBe(offsets.length + 2); // two reads cross an edge
  });

  it('stays right after evictions: two scans of a file larger than the cache', () => {
    const bytes = randomBytes(50 * MiB + 777);
    const cache = new BlockCache(counted(bytes), 8);
    const into = new Uint8Array(65536 + 3);
    for (let round = 0; round < 2; round++) {
      for (let at = round * 1000; at < bytes.byteLength; at += 3 * MiB + 17) {
        const n = cache.read(into, at);
        expect(into.subarray(0, n)).toEqual(bytes.subarray(at, at + n));
      }
    }
    expect(cache.read(new Uint8Array(10), bytes.byteLength)).toBe(0);
  });
});
