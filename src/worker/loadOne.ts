// Loads one input (a Blob/File or bytes) into runs: reads the bytes with
// progress, hands them to the model's loadHistoryFile, and turns memory
// failures into a plain 'too-large' error. Never throws. The same code runs
// inside the worker and on the main thread when no worker is available.
import { loadHistoryFile } from '../model/loadFile.ts';
import type { FileLoadResult, LoadProgress } from '../model/types.ts';
import { cancelledError, errorFromException, failed, normaliseResult } from './loadErrors.ts';

export interface LoadInput {
  readonly name: string;
  readonly data: Blob | Uint8Array;
}

export interface LoadOneOptions {
  readonly onProgress?: (p: LoadProgress) => void;
  readonly signal?: AbortSignal;
}

/** The parts of Blob we use; jsdom's Blob has no stream(), browsers' and Node's do. */
interface BlobLike {
  readonly size: number;
  stream?: () => ReadableStream<Uint8Array>;
  arrayBuffer?: () => Promise<ArrayBuffer>;
}

/** Size in bytes of an input; 0 when it is not something we can measure. */
export function inputSize(data: Blob | Uint8Array): number {
  if (data instanceof Uint8Array) return data.byteLength;
  const size = (data as Partial<BlobLike> | null)?.size;
  return typeof size === 'number' ? size : 0;
}

export async function loadOne(input: LoadInput, opts: LoadOneOptions = {}): Promise<FileLoadResult> {
  const { name, data } = input;
  const { onProgress, signal } = opts;
  const totalBytes = inputSize(data);
  if (signal?.aborted) return failed(cancelledError(name));
  try {
    const report = (bytesRead: number): void =>
      onProgress?.({ fileName: name, bytesRead, totalBytes, stepsMerged: 0 });
    const bytes = data instanceof Uint8Array ? data : await readBlob(data, report, signal);
    report(bytes.byteLength);
    if (signal?.aborted) return failed(cancelledError(name));
    // All bytes are in hand now: later progress only adds merged steps.
    const forward = (p: LoadProgress): void =>
      onProgress?.({ ...p, fileName: name, bytesRead: bytes.byteLength, totalBytes });
    const result = await loadHistoryFile(bytes, name, {
      ...(onProgress ? { onProgress: forward } : {}),
      ...(signal ? { signal } : {}),
    });
    return normaliseResult(result, totalBytes);
  } catch (err) {
    return failed(errorFromException(name, totalBytes, err));
  }
}

/** Read a Blob chunk by chunk into one preallocated buffer, reporting bytes read. */
async function readBlob(
  blob: BlobLike,
  report: (bytesRead: number) => void,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  if (typeof blob.stream !== 'function') {
    if (typeof blob.arrayBuffer === 'function') return new Uint8Array(await blob.arrayBuffer());
    return readWithFileReader(blob as Blob);
  }
  let buffer = new Uint8Array(blob.size);
  let length = 0;
  const reader = blob.stream().getReader();
  try {
    for (;;) {
      if (signal?.aborted) {
        await reader.cancel().catch(() => undefined);
        throw new DOMException('Loading was cancelled', 'AbortError');
      }
      const { done, value } = await reader.read();
      if (done) break;
      if (length + value.byteLength > buffer.byteLength) {
        const grown = new Uint8Array(Math.max(buffer.byteLength * 2, length + value.byteLength));
        grown.set(buffer.subarray(0, length));
        buffer = grown;
      }
      buffer.set(value, length);
      length += value.byteLength;
      report(length);
    }
  } finally {
    reader.releaseLock();
  }
  return length === buffer.byteLength ? buffer : buffer.subarray(0, length);
}

function readWithFileReader(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(blob);
  });
}
