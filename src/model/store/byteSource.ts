// A store file read synchronously by offset, as SQLite's VFS asks for it: in
// the worker through FileReaderSync on the dropped File, in Node through
// fs.readSync, in tests from bytes. Nothing here ever writes. BlockCache sits
// between SQLite and the source so that a scan of many small page reads turns
// into a few large ones (FileReaderSync has a fixed cost per call, about
// 11 ms in Chromium, plus about 5 ms per MB): a scan that reads block after
// block gets its next blocks read ahead in one call, up to 16 MiB.

/** Bytes of one file, read by offset. `read` fills `into` from `offset` and returns how many bytes it read. */
export interface SyncByteSource {
  readonly size: number;
  read(into: Uint8Array, offset: number): number;
}

/** A source over bytes already in memory (tests, small inputs). */
export function bytesSource(bytes: Uint8Array): SyncByteSource {
  return {
    size: bytes.byteLength,
    read(into, offset) {
      const n = Math.max(0, Math.min(into.byteLength, bytes.byteLength - offset));
      into.set(bytes.subarray(offset, offset + n));
      return n;
    },
  };
}

const BLOCK = 1024 * 1024;
const DEFAULT_BLOCKS = 32;
/** Blocks read at once at most, while the reads go forward block after block. */
const MAX_AHEAD = 16;

/**
 * Reads a source in aligned 1 MiB blocks and keeps the most recently used
 * ones (32 MiB by default), so SQLite's 4 KiB page reads mostly hit memory.
 * A miss just after the last block read doubles how many blocks the
 * next read takes at once (up to MAX_AHEAD, never more than half the cache);
 * a miss elsewhere (opening a run's rows) reads one block. An evicted
 * block's buffer is reused for the next one (no garbage per block).
 */
export class BlockCache implements SyncByteSource {
  readonly size: number;
  private readonly blocks = new Map<number, Uint8Array>();
  /** The last block read from the source, and how many the next forward miss reads. */
  private lastRead = -2;
  private ahead = 1;
  private scratch = new Uint8Array(0);
  /** Calls made to the source (for tests and the benchmark). */
  reads = 0;

  constructor(
    private readonly source: SyncByteSource,
    private readonly maxBlocks = DEFAULT_BLOCKS,
  ) {
    this.size = source.size;
  }

  read(into: Uint8Array, offset: number): number {
    let done = 0;
    while (done < into.byteLength && offset + done < this.size) {
      const at = offset + done;
      const blockNo = Math.floor(at / BLOCK);
      const block = this.block(blockNo);
      const within = at - blockNo * BLOCK;
      const n = Math.min(into.byteLength - done, block.byteLength - within);
      if (n <= 0) break;
      into.set(block.subarray(within, within + n), done);
      done += n;
    }
    return done;
  }

  private block(no: number): Uint8Array {
    const hit = this.blocks.get(no);
    if (hit) {
      // Map order is insertion order: move the hit to the end (most recent).
      this.blocks.delete(no);
      this.blocks.set(no, hit);
      return hit;
    }
    const lastBlock = Math.max(0, Math.ceil(this.size / BLOCK) - 1);
    // Forward, a few blocks on at most (a scan skips the blocks it has, or pages of other tables): read more at once.
    const forward = no > this.lastRead && no <= this.lastRead + 4;
    this.ahead = forward ? Math.min(this.ahead * 2, MAX_AHEAD) : 1;
    const count = Math.max(1, Math.min(this.ahead, Math.floor(this.maxBlocks / 2), lastBlock - no + 1));
    const start = no * BLOCK;
    const want = Math.min(count * BLOCK, this.size - start);
    if (count === 1) {
      const buf = this.freeBuffer(want);
      this.reads++;
      const n = this.source.read(buf, start);
      this.lastRead = no;
      return this.keep(no, n === buf.byteLength ? buf : buf.subarray(0, n));
    }
    if (this.scratch.byteLength < want) this.scratch = new Uint8Array(MAX_AHEAD * BLOCK);
    const all = this.scratch.subarray(0, want);
    this.reads++;
    const n = this.source.read(all, start);
    let first: Uint8Array | null = null;
    for (let k = 0; k < count && k * BLOCK < n; k++) {
      const piece = all.subarray(k * BLOCK, Math.min(n, (k + 1) * BLOCK));
      // A block still cached (read earlier) is kept as it is.
      if (k > 0 && this.blocks.has(no + k)) continue;
      const buf = this.freeBuffer(piece.byteLength);
      buf.set(piece);
      this.keep(no + k, buf);
      if (k === 0) first = buf;
      this.lastRead = no + k;
    }
    // The block asked for is the most recent one: read ahead blocks are evicted first.
    if (first === null) return this.keep(no, new Uint8Array(0));
    this.blocks.delete(no);
    this.blocks.set(no, first);
    return first;
  }

  /** A buffer of `want` bytes: the oldest block's when the cache is full, else a new one. */
  private freeBuffer(want: number): Uint8Array {
    let buf: Uint8Array | undefined;
    if (this.blocks.size >= this.maxBlocks) {
      const oldest = this.blocks.keys().next().value;
      if (oldest !== undefined) {
        buf = this.blocks.get(oldest);
        this.blocks.delete(oldest);
      }
    }
    return buf !== undefined && buf.buffer.byteLength >= want
      ? new Uint8Array(buf.buffer, 0, want)
      : new Uint8Array(want);
  }

  private keep(no: number, block: Uint8Array): Uint8Array {
    this.blocks.set(no, block);
    return block;
  }
}
