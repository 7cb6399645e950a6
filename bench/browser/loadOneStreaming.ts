// What src/worker/loadOne.ts becomes with the streaming loader: the same
// exports and behaviour, but a Blob/File is streamed (read in slices, steps
// merged while reading) instead of being read whole into memory and parsed
// as one string. The benchmark builds the app a second time with this module
// in place of the worker's loadOne (bench/vite.stream.config.ts), so both
// loaders can be measured in the real app until the worker switches over.
import { loadHistoryStream } from '../../src/model/stream/loadHistoryStream.ts';
import type { FileLoadResult, LoadProgress } from '../../src/model/types.ts';
import {
  cancelledError,
  errorFromException,
  failed,
  normaliseResult,
  tooLargeError,
} from '../../src/worker/loadErrors.ts';

export interface LoadInput {
  readonly name: string;
  readonly data: Blob | Uint8Array;
}

export interface LoadOneOptions {
  readonly onProgress?: (p: LoadProgress) => void;
  readonly signal?: AbortSignal;
}

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
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (!result.ok && result.error.kind === 'too-large') return failed(tooLargeError(name, totalBytes));
    return normaliseResult(result, totalBytes);
  } catch (err) {
    return failed(errorFromException(name, totalBytes, err));
  }
}
