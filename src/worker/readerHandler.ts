// What the file reader worker does with one read request (readWorker.ts is
// its entry; kept apart so tests can drive it without a real Worker): reads
// the Blob into reused buffers (ByobChunkStream; gzip files with
// LocalChunkStream: slices read ahead, gunzipped on the fly) with the step
// index on, and posts each chunk and its records, moving their buffers, never
// more than `credit` chunks ahead of the load worker, which sends the buffers
// back once it has copied the bytes out.
import { isGzip } from '../model/bytes.ts';
import { ByobChunkStream } from '../model/stream/byobSource.ts';
import { type ChunkStream, GzipError, LocalChunkStream } from '../model/stream/streamSource.ts';
import type { FromReader, ReadRequest } from './readerMessages.ts';

export type PostToLoader = (message: FromReader, transfer: Transferable[]) => void;

/** Bytes whose buffer is exactly theirs, so it can be moved. */
function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const whole =
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength;
  return whole ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice();
}

export class ReadServer {
  private credit = 0;
  private wake: (() => void) | null = null;
  private byob: ByobChunkStream | null = null;

  constructor(private readonly post: PostToLoader) {}

  /** The load worker took a chunk: one more may come. */
  more(): void {
    this.credit++;
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Buffers the current read has allocated (0 when it reads in slices). */
  get buffersMade(): number {
    return this.byob?.buffersMade ?? 0;
  }

  /** The load worker is done with these buffers. */
  recycle(buffers: readonly ArrayBuffer[]): void {
    for (const b of buffers) this.byob?.giveBack(b);
  }

  /** Plain files are read into reused buffers (ByobChunkStream); gzip ones, or where that cannot be, in slices. */
  private async openStream(request: ReadRequest): Promise<ChunkStream> {
    const { blob, pieceBytes } = request;
    const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
    this.byob = isGzip(head) ? null : ByobChunkStream.open(blob, pieceBytes);
    return (
      this.byob ??
      new LocalChunkStream(blob, { index: true, ...(pieceBytes !== undefined ? { pieceBytes } : {}) })
    );
  }

  async read(request: ReadRequest): Promise<void> {
    this.credit = request.credit;
    let stream: ChunkStream | null = null;
    try {
      stream = await this.openStream(request);
      await stream.open();
      for (;;) {
        const chunk = await stream.read();
        if (chunk === null) break;
        while (this.credit <= 0) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
        }
        this.credit--;
        // A reused buffer is ours to move as it is; any other piece gets a buffer of its own.
        const bytes = this.byob !== null ? (chunk.bytes as Uint8Array<ArrayBuffer>) : ownBuffer(chunk.bytes);
        const records = chunk.records ?? new Float64Array(0);
        this.post({ type: 'chunk', bytes, records, rawBytesRead: stream.rawBytesRead, gzip: stream.gzip }, [
          bytes.buffer,
          records.buffer as ArrayBuffer,
        ]);
      }
      this.post({ type: 'end', rawBytesRead: stream.rawBytesRead, gzip: stream.gzip }, []);
    } catch (err) {
      const kind = err instanceof GzipError ? 'gzip' : err instanceof RangeError ? 'memory' : 'read';
      const message = err instanceof GzipError ? err.why : err instanceof Error ? err.message : String(err);
      this.post({ type: 'error', kind, message }, []);
      await stream?.close();
    }
  }
}
