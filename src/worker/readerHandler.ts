// What the file reader worker does with one read request (readWorker.ts is
// its entry; kept apart so tests can drive it without a real Worker): reads
// the Blob with LocalChunkStream (slices read ahead, gunzip on the fly) with
// the step index on, and posts each chunk and its records, moving their
// buffers, never more than `credit` chunks ahead of the load worker.
import { GzipError, LocalChunkStream } from '../model/stream/streamSource.ts';
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

  constructor(private readonly post: PostToLoader) {}

  /** The load worker took a chunk: one more may come. */
  more(): void {
    this.credit++;
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  async read(request: ReadRequest): Promise<void> {
    this.credit = request.credit;
    const stream = new LocalChunkStream(request.blob, {
      index: true,
      ...(request.pieceBytes !== undefined ? { pieceBytes: request.pieceBytes } : {}),
    });
    try {
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
        const bytes = ownBuffer(chunk.bytes);
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
      await stream.close();
    }
  }
}
