// ByteWindow: the window over the stream's bytes, with chunks used where they
// lie when they come with free room before them (headroom): the window's
// bytes are always the stream's bytes from `base`, whichever way each chunk
// came in, and a chunk is handed back only once the window no longer needs it.
import { describe, expect, it } from 'vitest';
import { Prng } from '../../bench/gen/prng.ts';
import { ByteWindow } from '../../src/model/stream/byteWindow.ts';

/** A chunk of `data` in a buffer of its own, with `room` free bytes before it (filled with junk). */
function chunkWithRoom(data: Uint8Array, room: number): Uint8Array {
  const buffer = new ArrayBuffer(room + data.length + 7);
  new Uint8Array(buffer).fill(0xee);
  const bytes = new Uint8Array(buffer, room, data.length);
  bytes.set(data);
  return bytes;
}

describe('ByteWindow', () => {
  it('keeps the stream bytes from base whether chunks are used in place or copied', () => {
    const rng = new Prng(7);
    const stream = new Uint8Array(200_000).map(() => rng.int(0, 255));
    const w = new ByteWindow(16);
    let at = 0;
    let inPlace = 0;
    let copied = 0;
    const held = new Set<Uint8Array>();
    while (at < stream.length) {
      const n = Math.min(stream.length - at, rng.int(1, 9000));
      const room = rng.int(0, 3) === 0 ? 0 : rng.int(0, 4000);
      const chunk = chunkWithRoom(stream.subarray(at, at + n), room);
      // Keep up to 5,000 bytes of what the window holds (sometimes more than the room).
      const drop = Math.max(0, w.length - rng.int(0, 5000));
      const keep = w.length - drop;
      const released = w.refill(drop, [chunk], room);
      if (room > 0 && room >= keep) {
        inPlace++;
        expect(w.bytes.buffer).toBe(chunk.buffer);
      } else {
        copied++;
        expect(released).toContain(chunk);
      }
      for (const r of released) {
        expect(held.has(r) || r === chunk).toBe(true);
        held.delete(r);
      }
      if (!released.includes(chunk)) held.add(chunk);
      // Only the chunk the window lies in is still held.
      expect(held.size).toBeLessThanOrEqual(1);
      at += n;
      expect(w.base + w.length).toBe(at);
      expect([...w.bytes.subarray(0, w.length)]).toEqual([...stream.subarray(w.base, at)]);
      // The DataView starts where the bytes do.
      if (w.length > 0) expect(w.view.getUint8(w.length - 1)).toBe(stream[at - 1]);
    }
    expect(inPlace).toBeGreaterThan(10);
    expect(copied).toBeGreaterThan(10);
  });

  it('copies several chunks at once, and hands back the chunk it lay in', () => {
    const w = new ByteWindow(4);
    const a = chunkWithRoom(new Uint8Array([1, 2, 3]), 8);
    expect(w.refill(0, [a], 8)).toEqual([]);
    expect(w.bytes.buffer).toBe(a.buffer);
    const b = chunkWithRoom(new Uint8Array([4, 5]), 8);
    const c = chunkWithRoom(new Uint8Array([6]), 8);
    expect(w.refill(1, [b, c], 0)).toEqual([a, b, c]);
    expect([...w.bytes.subarray(0, w.length)]).toEqual([2, 3, 4, 5, 6]);
    expect(w.base).toBe(1);
  });
});
