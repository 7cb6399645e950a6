// A store file read synchronously by offset, as SQLite's VFS asks for it: in
// the worker through FileReaderSync on the dropped File, in Node through
// fs.readSync, in tests from bytes. Nothing here ever writes. BlockCache sits
// between SQLite and the source so that a scan of many small page reads turns
// into a few large ones (FileReaderSync has a fixed cost per call).

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

/**
 * Reads a source in aligned 1 MiB blocks and keeps the most recently used
 * ones (32 MiB by default), so SQLite's 4 KiB page reads mostly hit memory.
 * An evicted block's buffer is reused for the next one (no garbage per block).
 */
export class BlockCache implements SyncByteSource {
  readonly size: number;
  private readonly blocks = new Map<number, Uint8Array>();

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
    const start = no * BLOCK;
    const want = Math.min(BLOCK, this.size - start);
    let buf: Uint8Array | undefined;
    if (this.blocks.size >= this.maxBlocks) {
      const oldest = this.blocks.keys().next().value;
      if (oldest !== undefined) {
        buf = this.blocks.get(oldest);
        this.blocks.delete(oldest);
      }
    }
    buf =
      buf !== undefined && buf.buffer.byteLength >= want
        ? new Uint8Array(buf.buffer, 0, want)
        : new Uint8Array(want);
    const n = this.source.read(buf, start);
    const block = n === buf.byteLength ? buf : buf.subarray(0, n);
    this.blocks.set(no, block);
    return block;
  }
}
