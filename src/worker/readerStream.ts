// The load worker's side of the file reader worker (readWorker.ts): a
// ChunkStream whose chunks come, already indexed, from a second worker, so
// that reading and indexing run beside the parsing. When no worker can be
// started here (no Worker in this scope, or its script fails to load) it
// reads on this thread instead, as LocalChunkStream does.
import {
  type ChunkStream,
  GzipError,
  type IndexedChunk,
  LocalChunkStream,
} from '../model/stream/streamSource.ts';
import type { FromReader, ToReader } from './readerMessages.ts';
import { SpareWorker } from './spareWorker.ts';

/** Chunks the reader may be ahead of the parser (8 MiB each when read from a File). */
export const READER_CREDIT = 4;

export interface ReaderOptions {
  /** Size of the slices read (tests use small ones). */
  readonly pieceBytes?: number;
}

interface Reader {
  readonly worker: Worker;
  /** Why it failed before anyone listened (its script did not load, say); null while fine. */
  failure: string | null;
}

function startReader(): Reader {
  const worker = new Worker(new URL('./readWorker.ts', import.meta.url), { type: 'module' });
  const reader: Reader = { worker, failure: null };
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    reader.failure = e.message || 'the file reader worker failed';
  });
  return reader;
}

/** A reader started ahead of time, so a file's first bytes do not wait for a worker to start; the next one comes a moment after a file's reading ends. */
const spare = new SpareWorker<Reader>(startReader, 500);

/**
 * Starts a reader worker now, for the next openReaderWorker, and another
 * each time one is taken and done with (the load worker calls this when it starts).
 */
export function prewarmReader(): void {
  spare.prewarm();
}

/** A ChunkStream read by a reader worker, or null when this scope cannot start workers. */
export function openReaderWorker(blob: Blob, opts: ReaderOptions = {}): ChunkStream | null {
  if (typeof Worker === 'undefined') return null;
  return new WorkerChunkStream(blob, opts);
}

class WorkerChunkStream implements ChunkStream {
  private worker: Worker | null = null;
  private local: LocalChunkStream | null = null;
  private readonly inbox: Array<FromReader | { type: 'failed'; message: string }> = [];
  private wake: (() => void) | null = null;
  private ended = false;
  private raw = 0;
  private gz = false;

  constructor(
    private readonly blob: Blob,
    private readonly opts: ReaderOptions,
  ) {}

  get rawBytesRead(): number {
    return this.local?.rawBytesRead ?? this.raw;
  }

  get gzip(): boolean {
    return this.local?.gzip ?? this.gz;
  }

  async open(): Promise<void> {
    let reader: Reader;
    try {
      reader = spare.take() ?? startReader();
    } catch {
      return this.readHere();
    }
    const worker = reader.worker;
    this.worker = worker;
    if (reader.failure !== null) this.deliver({ type: 'failed', message: reader.failure });
    worker.addEventListener('message', (e: MessageEvent<FromReader>) => this.deliver(e.data));
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.deliver({ type: 'failed', message: e.message || 'the file reader worker failed' });
    });
    const request: ToReader = {
      type: 'read',
      blob: this.blob,
      credit: READER_CREDIT,
      ...(this.opts.pieceBytes !== undefined ? { pieceBytes: this.opts.pieceBytes } : {}),
    };
    worker.postMessage(request);
    // The reader could not start at all: read on this thread.
    if ((await this.peek()).type === 'failed') {
      this.stopWorker();
      this.inbox.length = 0;
      return this.readHere();
    }
  }

  async read(): Promise<IndexedChunk | null> {
    if (this.local !== null) return this.local.read();
    if (this.ended) return null;
    await this.peek();
    const m = this.inbox.shift()!;
    switch (m.type) {
      case 'chunk': {
        this.raw = m.rawBytesRead;
        this.gz = m.gzip;
        const more: ToReader = { type: 'more' };
        this.worker?.postMessage(more);
        // Reader buffers are the reader's own: the room before the bytes is free (ByobChunkStream's HEADROOM).
        return { bytes: m.bytes, records: m.records, headroom: m.bytes.byteOffset };
      }
      case 'end':
        this.raw = m.rawBytesRead;
        this.gz = m.gzip;
        this.ended = true;
        this.stopWorker();
        return null;
      case 'error':
        this.ended = true;
        this.stopWorker();
        if (m.kind === 'gzip') throw new GzipError(m.message);
        if (m.kind === 'memory') throw new RangeError(m.message);
        throw new Error(m.message);
      case 'failed':
        this.ended = true;
        this.stopWorker();
        throw new Error(`reading stopped: ${m.message}`);
    }
  }

  /** Sends the buffers of pieces the loader has copied out back to the reader, to read into again. */
  recycle(pieces: readonly Uint8Array[]): void {
    if (this.worker === null || this.local !== null) return;
    const buffers: ArrayBuffer[] = [];
    for (const p of pieces)
      if (p.buffer instanceof ArrayBuffer && !buffers.includes(p.buffer)) buffers.push(p.buffer);
    const message: ToReader = { type: 'recycle', buffers };
    this.worker.postMessage(message, buffers);
  }

  async close(): Promise<void> {
    this.ended = true;
    this.stopWorker();
    await this.local?.close();
  }

  private async readHere(): Promise<void> {
    this.local = new LocalChunkStream(
      this.blob,
      this.opts.pieceBytes !== undefined ? { pieceBytes: this.opts.pieceBytes } : {},
    );
    await this.local.open();
  }

  private deliver(m: FromReader | { type: 'failed'; message: string }): void {
    this.inbox.push(m);
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** The next message, left in the inbox. */
  private async peek(): Promise<FromReader | { type: 'failed'; message: string }> {
    while (this.inbox.length === 0) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    return this.inbox[0]!;
  }

  private stopWorker(): void {
    if (this.worker === null) return;
    this.worker.terminate();
    this.worker = null;
    spare.usedUp();
  }
}
