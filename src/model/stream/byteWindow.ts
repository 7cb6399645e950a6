// A growable window over the bytes of a stream: chunks are appended at the
// end, consumed bytes are dropped from the front, and `base` remembers the
// absolute offset of bytes[0] so positions can be reported for the whole file.
// One DataView over the same memory serves the word-at-a-time hash.
//
// A chunk with free room before its bytes in its buffer (headroom, at least
// the bytes still kept) is used where it lies: the kept bytes are copied in
// front of it and the window becomes a view of that buffer, so the chunk
// itself is never copied. Its buffer is then the window's until the next
// refill, which hands the chunk back (refill returns the chunks whose bytes
// it no longer needs, for their buffers to be reused).

export class ByteWindow {
  bytes: Uint8Array;
  view: DataView;
  /** Valid bytes are bytes[0, length). */
  length = 0;
  /** Absolute offset (in the decompressed stream) of bytes[0]. */
  base = 0;
  /** The window's own buffer (bytes is a view of it unless a chunk is borrowed). */
  private own: Uint8Array;
  /** The chunk whose buffer `bytes` lies in, null when it lies in `own`. */
  private borrowed: Uint8Array | null = null;

  constructor(initialCapacity = 1 << 21) {
    this.own = new Uint8Array(initialCapacity);
    this.bytes = this.own;
    this.view = new DataView(this.own.buffer);
  }

  /**
   * Drops bytes[0, dropCount) and appends the chunks. `headroom`: bytes free
   * for the window's use just before the single chunk given (0: none).
   * Returns the chunks whose bytes the window no longer needs.
   */
  refill(dropCount: number, chunks: readonly Uint8Array[], headroom = 0): Uint8Array[] {
    const keep = this.length - dropCount;
    const released: Uint8Array[] = this.borrowed === null ? [] : [this.borrowed];
    const only = chunks.length === 1 ? chunks[0]! : null;
    if (
      only !== null &&
      only.length > 0 &&
      headroom > 0 &&
      headroom >= keep &&
      only.buffer instanceof ArrayBuffer
    ) {
      const start = only.byteOffset - keep;
      const bytes = new Uint8Array(only.buffer, start, keep + only.length);
      if (keep > 0) bytes.set(this.bytes.subarray(dropCount, this.length));
      this.bytes = bytes;
      this.view = new DataView(only.buffer, start, bytes.length);
      this.borrowed = only;
      this.length = bytes.length;
      this.base += dropCount;
      return released;
    }
    let incoming = 0;
    for (const c of chunks) incoming += c.length;
    const need = keep + incoming;
    if (need > this.own.length) {
      let cap = this.own.length * 2;
      while (cap < need) cap *= 2;
      const grown = new Uint8Array(cap);
      grown.set(this.bytes.subarray(dropCount, this.length));
      this.own = grown;
    } else if (this.borrowed !== null) {
      this.own.set(this.bytes.subarray(dropCount, this.length));
    } else if (dropCount > 0 && keep > 0) {
      this.own.copyWithin(0, dropCount, this.length);
    }
    if (this.bytes !== this.own) {
      this.bytes = this.own;
      this.view = new DataView(this.own.buffer);
    }
    this.borrowed = null;
    let at = keep;
    for (const c of chunks) {
      this.bytes.set(c, at);
      at += c.length;
      released.push(c);
    }
    this.length = need;
    this.base += dropCount;
    return released;
  }
}
