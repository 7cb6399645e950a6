// A ChunkStream over a Blob's byte stream read into a few reused buffers
// (a BYOB reader), indexed as it reads (StepIndexer). The file reader worker
// uses it so reading a large file allocates a handful of buffers instead of
// a new one per slice: every new ArrayBuffer adds to the "external memory"
// that makes V8 collect garbage, in both workers the bytes pass through.
// The consumer hands each buffer back with giveBack() once it has copied the
// bytes out. No gunzipping: the reader worker uses it for plain files only
// (readerHandler.ts) and LocalChunkStream for gzip ones.
import { StepIndexer } from './stepIndexer.ts';
import { BLOB_PIECE, type ChunkStream, FIRST_BLOB_PIECE, type IndexedChunk } from './streamSource.ts';

export class ByobChunkStream implements ChunkStream {
  rawBytesRead = 0;
  readonly gzip = false;
  /** Buffers allocated so far (the rest of the chunks reused one given back). */
  buffersMade = 0;
  private readonly free: ArrayBuffer[] = [];
  private readonly indexer = new StepIndexer();
  private first = true;
  private done = false;

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
    if (this.done) return null;
    const size = this.first ? Math.min(this.pieceBytes, FIRST_BLOB_PIECE) : this.pieceBytes;
    this.first = false;
    let buffer = this.take(size);
    let filled = 0;
    while (filled < size) {
      const { done, value } = await this.reader.read(new Uint8Array(buffer, filled, size - filled));
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
    this.rawBytesRead += filled;
    const bytes = new Uint8Array(buffer, 0, filled);
    return { bytes, records: this.indexer.push(bytes) };
  }

  /** Takes back a buffer handed out with a chunk, for a later chunk. */
  giveBack(buffer: ArrayBuffer): void {
    if (buffer.byteLength >= Math.min(this.pieceBytes, FIRST_BLOB_PIECE) && !isDetached(buffer))
      this.free.push(buffer);
  }

  async close(): Promise<void> {
    this.done = true;
    await this.reader.cancel().catch(() => undefined);
  }

  private take(size: number): ArrayBuffer {
    for (let k = this.free.length - 1; k >= 0; k--) {
      if (this.free[k]!.byteLength >= size) return this.free.splice(k, 1)[0]!;
    }
    this.buffersMade++;
    return new ArrayBuffer(Math.max(size, this.pieceBytes));
  }
}

function isDetached(buffer: ArrayBuffer): boolean {
  return (buffer as ArrayBuffer & { detached?: boolean }).detached === true;
}
