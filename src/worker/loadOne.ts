// Loads one input (a Blob/File or bytes) into runs with the streaming loader:
// a Blob/File is read in slices and its steps merged while reading (repeated
// steps skipped without being materialised), bytes go through the same code.
// Memory failures become a plain 'too-large' error. Never throws. The same
// code runs inside the worker and on the main thread when no worker is available.
import { loadHistoryStream } from '../model/stream/loadHistoryStream.ts';
import type { ChunkStream } from '../model/stream/streamSource.ts';
import type { FileLoadResult, LoadProgress, Step } from '../model/types.ts';
import { cancelledError, errorFromException, failed, normaliseResult, tooLargeError } from './loadErrors.ts';

export interface LoadInput {
  readonly name: string;
  readonly data: Blob | Uint8Array;
}

export interface LoadOneOptions {
  readonly onProgress?: (p: LoadProgress) => void;
  readonly signal?: AbortSignal;
  /** Reads a Blob/File on another thread (the load worker's reader worker, readerStream.ts). */
  readonly openBlob?: (blob: Blob) => ChunkStream | null;
  /** The streamed run's steps, before its tree is built (StreamLoadOptions.onStepsMade). */
  readonly onStepsMade?: (steps: readonly Step[], all: boolean) => void;
}

/** Size in bytes of an input; 0 when it is not something we can measure. */
export function inputSize(data: Blob | Uint8Array): number {
  if (data instanceof Uint8Array) return data.byteLength;
  const size = (data as Partial<Blob> | null)?.size;
  return typeof size === 'number' ? size : 0;
}

export async function loadOne(input: LoadInput, opts: LoadOneOptions = {}): Promise<FileLoadResult> {
  const { name, data } = input;
  const totalBytes = inputSize(data);
  if (opts.signal?.aborted) return failed(cancelledError(name));
  try {
    const result = await loadHistoryStream(data, name, {
      ...(opts.openBlob ? { openBlob: opts.openBlob } : {}),
      ...(opts.onStepsMade ? { onStepsMade: opts.onStepsMade } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (!result.ok && result.error.kind === 'too-large') return failed(tooLargeError(name, totalBytes));
    return normaliseResult(result, totalBytes);
  } catch (err) {
    return failed(errorFromException(name, totalBytes, err));
  }
}
