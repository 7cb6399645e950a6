// A ChunkStream over a Blob's byte stream read into a few reused buffers
// (a BYOB reader), indexed as it reads (StepIndexer). The file reader worker
// uses it so reading a large file allocates a handful of buffers instead of
// a new one per slice: every new ArrayBuffer adds to the "external memory"
// that makes V8 collect garbage, in both workers the bytes pass through.
// The consumer hands each buffer back with giveBack() once it has copied the
// bytes out (or parsed them where they lie: each buffer starts with free
// room for that, see HEADROOM). The next piece is read while the current one
// is indexed. No gunzipping: the reader worker uses it for plain files only
// (readerHandler.ts) and LocalChunkStream for gzip ones.
import { BLOB_PIECE, type ChunkStream, FIRST_BLOB_PIECE, type IndexedChunk } from './streamSource.ts';
import { createStepIndexer } from './wasmStepIndexer.ts';
import { yieldToEvents } from './yieldToEvents.ts';

/** Bytes indexed between two yields to the event loop (a few milliseconds of work). */
const INDEX_SLICE = 1 << 20;
/**
 * Free room left at the start of every buffer, before the bytes read into
 * it: the loader copies the end of the previous chunk it still needs there,
 * and parses the chunk where it lies instead of copying it (ByteWindow).
 */
export const HEADROOM = 64 << 10;

export class ByobChunkStream implements ChunkStream {
  rawBytesRead = 0;
  readonly gzip = false;
  /** Buffers allocated so far (the rest of the chunks reused one given back). */
  buffersMade = 0;
  private readonly free: ArrayBuffer[] = [];
  private readonly indexer = createStepIndexer();
  private first = true;
  private done = false;
  /** The next piece, being read while the current one is indexed. */
  private ahead: Promise<Uint8Array<ArrayBuffer> | null> | null = null;

  private constructor(
    private readonly reader: ReadableStreamBYOBReader,
    private readonly pieceBytes: number,
  ) {}

  /** A BYOB stream over the blob, or null when its stream() cannot be read that way. */
  static open(blob: Blob, pieceBytes = BLOB_PIECE): ByobChunkStream | null {
    try {
      const reader = blob.stream().getReader({ mode: 'byob' });
      return new ByobChunkStream(reader, Math.max(1, pieceBytes));
    } catch {
      return null;
    }
  }

  async open(): Promise<void> {}

  async read(): Promise<IndexedChunk | null> {
    const bytes = await (this.ahead ?? this.fill());
    this.ahead = null;
    if (bytes === null) return null;
    // Read the next piece while this one is indexed: the bytes arrive only while the event loop
    // runs, so the indexer yields to it between slices.
    if (!this.done) {
      const next = this.fill();
      // Its failure is reported by the read() that awaits it, not as an unhandled rejection meanwhile.
      next.catch(() => undefined);
      this.ahead = next;
    }
    this.rawBytesRead += bytes.length;
    for (let at = 0; at < bytes.length; at += INDEX_SLICE) {
      if (at > 0) await yieldToEvents();
      this.indexer.add(bytes.subarray(at, at + INDEX_SLICE));
    }
    return { bytes, records: this.indexer.take(), headroom: HEADROOM };
  }

  /** Reads the next piece into a free buffer; null at the end. */
  private async fill(): Promise<Uint8Array<ArrayBuffer> | null> {
    if (this.done) return null;
    const size = this.first ? Math.min(this.pieceBytes, FIRST_BLOB_PIECE) : this.pieceBytes;
    this.first = false;
    let buffer = this.take(size);
    let filled = 0;
    while (filled < size) {
      const { done, value } = await this.reader.read(
        new Uint8Array(buffer, HEADROOM + filled, size - filled),
      );
      if (value !== undefined) {
        buffer = value.buffer as ArrayBuffer;
        filled += value.byteLength;
      }
      if (done) {
        this.done = true;
        if (value === undefined) buffer = new ArrayBuffer(0);
        break;
      }
    }
    if (filled === 0) {
      this.giveBack(buffer);
      return null;
    }
    return new Uint8Array(buffer, HEADROOM, filled);
  }

  /** Takes back a buffer handed out with a chunk, for a later chunk. */
  giveBack(buffer: ArrayBuffer): void {
    if (buffer.byteLength >= HEADROOM + Math.min(this.pieceBytes, FIRST_BLOB_PIECE) && !isDetached(buffer))
      this.free.push(buffer);
  }

  async close(): Promise<void> {
    this.done = true;
    await this.reader.cancel().catch(() => undefined);
  }

  private take(size: number): ArrayBuffer {
    for (let k = this.free.length - 1; k >= 0; k--) {
      if (this.free[k]!.byteLength >= HEADROOM + size) return this.free.splice(k, 1)[0]!;
    }
    this.buffersMade++;
    return new ArrayBuffer(HEADROOM + Math.max(size, this.pieceBytes));
  }
}

function isDetached(buffer: ArrayBuffer): boolean {
  return (buffer as ArrayBuffer & { detached?: boolean }).detached === true;
}
