// Messages between the load worker and its file reader (readWorker.ts), a
// second worker that reads a Blob/File, gunzips it where needed and indexes
// its step objects (StepIndexer), so the load worker only decides and parses.
// Reading has to happen on a thread that is free: the browser hands a slice's
// bytes over only when the reading thread's event loop takes them, so a busy
// parser would stall its own reads. The reader runs at most `credit` chunks
// ahead of what the load worker has taken.

/** Load worker -> reader: read this Blob. */
export interface ReadRequest {
  readonly type: 'read';
  readonly blob: Blob;
  /** Chunks the reader may send before it waits for `more`. */
  readonly credit: number;
  /** Size of the slices read (default: LocalChunkStream's); tests use small ones. */
  readonly pieceBytes?: number;
}

/** Load worker -> reader: one more chunk may come. */
export interface MoreMessage {
  readonly type: 'more';
}

/** Load worker -> reader: buffers of chunks it has copied out, to read into again. */
export interface RecycleMessage {
  readonly type: 'recycle';
  readonly buffers: readonly ArrayBuffer[];
}

export type ToReader = ReadRequest | MoreMessage | RecycleMessage;

/** Reader -> load worker: the next (decompressed) bytes and the records of the step objects that end in them. */
export interface ChunkMessage {
  readonly type: 'chunk';
  readonly bytes: Uint8Array;
  readonly records: Float64Array;
  readonly rawBytesRead: number;
  readonly gzip: boolean;
}

/** Reader -> load worker: no more bytes. */
export interface EndMessage {
  readonly type: 'end';
  readonly rawBytesRead: number;
  readonly gzip: boolean;
}

/** Reader -> load worker: reading stopped on an error. */
export interface ReadErrorMessage {
  readonly type: 'error';
  /** 'gzip' when the decompressor rejected the data, 'memory' for a RangeError, 'read' otherwise. */
  readonly kind: 'gzip' | 'memory' | 'read';
  readonly message: string;
}

export type FromReader = ChunkMessage | EndMessage | ReadErrorMessage;
