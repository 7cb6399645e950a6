// A growable window over the bytes of a stream: chunks are appended at the
// end, consumed bytes are dropped from the front, and `base` remembers the
// absolute offset of bytes[0] so positions can be reported for the whole file.
// One DataView over the same memory serves the word-at-a-time hash.

export class ByteWindow {
  bytes: Uint8Array;
  view: DataView;
  /** Valid bytes are bytes[0, length). */
  length = 0;
  /** Absolute offset (in the decompressed stream) of bytes[0]. */
  base = 0;

  constructor(initialCapacity = 1 << 21) {
    this.bytes = new Uint8Array(initialCapacity);
    this.view = new DataView(this.bytes.buffer);
  }

  /**
   * Drops bytes[0, dropCount) and appends the chunks. Returns dropCount so
   * callers can shift their relative positions by it.
   */
  refill(dropCount: number, chunks: readonly Uint8Array[]): number {
    let incoming = 0;
    for (const c of chunks) incoming += c.length;
    const keep = this.length - dropCount;
    const need = keep + incoming;
    if (need > this.bytes.length) {
      let cap = this.bytes.length * 2;
      while (cap < need) cap *= 2;
      const grown = new Uint8Array(cap);
      grown.set(this.bytes.subarray(dropCount, this.length));
      this.bytes = grown;
      this.view = new DataView(grown.buffer);
    } else if (dropCount > 0 && keep > 0) {
      this.bytes.copyWithin(0, dropCount, this.length);
    }
    let at = keep;
    for (const c of chunks) {
      this.bytes.set(c, at);
      at += c.length;
    }
    this.length = need;
    this.base += dropCount;
    return dropCount;
  }
}
