// Where the streaming loader's bytes come from: a Blob/File (read through its
// stream(), chunk by chunk) or bytes already in memory, gunzipped on the fly
// with DecompressionStream when they start with the gzip magic 1f 8b. Counts
// the raw bytes read, for progress.
import { isGzip } from '../bytes.ts';
import { createStepIndexer, type StepIndex } from './wasmStepIndexer.ts';

export type StreamInput = Blob | Uint8Array;

/** The parts of Blob the loader needs (jsdom's Blob has no stream()). */
interface StreamableBlob {
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
  slice?: (start: number, end: number) => Blob;
  arrayBuffer?: () => Promise<ArrayBuffer>;
}

export function inputSize(input: StreamInput): number {
  return input instanceof Uint8Array ? input.byteLength : input.size;
}

export function canStream(input: StreamInput): boolean {
  return input instanceof Uint8Array || typeof (input as Partial<StreamableBlob>).stream === 'function';
}

/** The decompressor rejected the data. */
export class GzipError extends Error {
  constructor(readonly why: string) {
    super(why);
    this.name = 'GzipError';
  }
}

/** Pieces handed out for in-memory input (keeps batches and progress steady). */
export const MEMORY_PIECE = 1 << 20;
/** Blobs are read in slices of this size, the next ones while the current one is parsed. */
export const BLOB_PIECE = 8 << 20;
/** The first slice is smaller, so parsing starts as soon as possible. */
export const FIRST_BLOB_PIECE = 1 << 20;
/** Slices being read ahead at once (reading a File is slower than parsing it, so keep several coming). */
export const READ_AHEAD = 3;

export class ChunkSource {
  /** Raw (possibly compressed) bytes read so far. */
  rawBytesRead = 0;
  gzip = false;
  private reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  private memoryAt = 0;
  /** Where the next slice to request starts. */
  private blobAt = 0;
  private readonly inflight: Array<Promise<ArrayBuffer>> = [];
  private peeked: Uint8Array[] = [];
  private out: ReadableStreamDefaultReader<Uint8Array> | null = null;

  private readonly memoryPiece: number;
  private readonly blobPiece: number;

  /** `pieceBytes` overrides the read sizes (tests use tiny pieces to cut tokens at every place). */
  constructor(
    private readonly input: StreamInput,
    pieceBytes?: number,
  ) {
    this.memoryPiece = pieceBytes ?? MEMORY_PIECE;
    this.blobPiece = pieceBytes ?? BLOB_PIECE;
  }

  private async readRaw(): Promise<Uint8Array | null> {
    const input = this.input;
    if (input instanceof Uint8Array) {
      if (this.memoryAt >= input.length) return null;
      const piece = input.subarray(this.memoryAt, this.memoryAt + this.memoryPiece);
      this.memoryAt += piece.length;
      this.rawBytesRead += piece.length;
      return piece;
    }
    const blob = input as unknown as StreamableBlob;
    if (typeof blob.slice === 'function' && typeof blob.arrayBuffer === 'function')
      return this.readSlice(blob);
    this.reader ??= blob.stream().getReader();
    const { done, value } = await this.reader.read();
    if (done) return null;
    this.rawBytesRead += value.length;
    return value;
  }

  /** Blob slices read with arrayBuffer(): one I/O request per 8 MiB, READ_AHEAD of them under way while parsing. */
  private async readSlice(blob: StreamableBlob): Promise<Uint8Array | null> {
    while (this.inflight.length < READ_AHEAD && this.blobAt < blob.size) {
      const piece = this.blobAt === 0 ? Math.min(this.blobPiece, FIRST_BLOB_PIECE) : this.blobPiece;
      const end = Math.min(blob.size, this.blobAt + piece);
      const p = blob.slice!(this.blobAt, end).arrayBuffer();
      // A failed read is reported when it is awaited, not as an unhandled rejection meanwhile.
      p.catch(() => undefined);
      this.inflight.push(p);
      this.blobAt = end;
    }
    const current = this.inflight.shift();
    if (current === undefined) return null;
    const buffer = await current;
    if (buffer.byteLength === 0) return null;
    this.rawBytesRead += buffer.byteLength;
    return new Uint8Array(buffer);
  }

  /** Looks at the first bytes to decide on gzip. Call once before next(). */
  async open(): Promise<void> {
    let have = 0;
    while (have < 2) {
      const c = await this.readRaw();
      if (c === null) break;
      this.peeked.push(c);
      have += c.length;
    }
    const head = new Uint8Array(Math.min(have, 2));
    let at = 0;
    for (const c of this.peeked) {
      for (let k = 0; k < c.length && at < head.length; k++) head[at++] = c[k]!;
    }
    this.gzip = isGzip(head);
    if (!this.gzip) return;
    const raw = new ReadableStream<Uint8Array>({
      pull: async (ctrl) => {
        const c = this.peeked.shift() ?? (await this.readRaw());
        if (c === null) ctrl.close();
        else ctrl.enqueue(c);
      },
    });
    const ds = new DecompressionStream('gzip');
    this.out = raw.pipeThrough(ds as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  }

  /** The next piece of (decompressed) bytes, or null at the end. */
  async next(): Promise<Uint8Array | null> {
    if (this.out !== null) {
      try {
        const { done, value } = await this.out.read();
        return done ? null : value;
      } catch (err) {
        if (err instanceof RangeError) throw err;
        throw new GzipError(err instanceof Error ? err.message : String(err));
      }
    }
    const p = this.peeked.shift();
    if (p !== undefined) return p;
    return this.readRaw();
  }

  /** Stops reading (on cancel or error). */
  async close(): Promise<void> {
    await this.out?.cancel().catch(() => undefined);
    await this.reader?.cancel().catch(() => undefined);
  }
}

/** A piece of the (decompressed) bytes, with the index records of the step objects that end in it. */
export interface IndexedChunk {
  readonly bytes: Uint8Array;
  /** StepIndexer records, or null when nobody indexed the bytes. */
  readonly records: Float64Array | null;
  /**
   * Bytes just before `bytes` in its buffer that are free for the loader to
   * use (so it can parse the chunk where it lies); 0 or absent: none.
   */
  readonly headroom?: number;
}

/** Where the streaming loader takes its bytes from: read here, or by a reader on another thread. */
export interface ChunkStream {
  /** Raw (possibly compressed) bytes read so far. */
  readonly rawBytesRead: number;
  readonly gzip: boolean;
  open(): Promise<void>;
  /** The next piece, or null at the end. Throws GzipError, or what reading the input threw. */
  read(): Promise<IndexedChunk | null>;
  /** The loader is done with these pieces' bytes: their buffers may be reused. */
  recycle?(pieces: readonly Uint8Array[]): void;
  close(): Promise<void>;
}

/** A ChunkStream over a ChunkSource on this thread, indexing the bytes with StepIndexer when asked. */
export class LocalChunkStream implements ChunkStream {
  private readonly source: ChunkSource;
  private readonly indexer: StepIndex | null;

  constructor(input: StreamInput, opts: { readonly pieceBytes?: number; readonly index?: boolean } = {}) {
    this.source = new ChunkSource(input, opts.pieceBytes);
    this.indexer = opts.index ? createStepIndexer() : null;
  }

  get rawBytesRead(): number {
    return this.source.rawBytesRead;
  }

  get gzip(): boolean {
    return this.source.gzip;
  }

  open(): Promise<void> {
    return this.source.open();
  }

  async read(): Promise<IndexedChunk | null> {
    const bytes = await this.source.next();
    if (bytes === null) return null;
    return { bytes, records: this.indexer === null ? null : this.indexer.push(bytes) };
  }

  close(): Promise<void> {
    return this.source.close();
  }
}
