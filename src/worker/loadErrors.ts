// Load failures that do not come from the file's content: out of memory
// ('too-large'), cancellation, and read errors. Shared by the worker, the
// main-thread fallback and the client (which also sees worker crashes).
import type { FileLoadResult, LoadErrorInfo } from '../model/types.ts';

const MEMORY_MESSAGES = [
  /out of memory/i,
  /array buffer allocation failed/i,
  /invalid string length/i,
  /invalid typed array length/i,
  /invalid array buffer length/i,
  /allocation failed/i,
  /heap limit/i,
];

/** True when an error (or message) says the engine ran out of memory or hit a size limit. */
export function isOutOfMemory(err: unknown): boolean {
  const message = errorMessage(err);
  if (MEMORY_MESSAGES.some((re) => re.test(message))) return true;
  // Every other RangeError thrown while reading or parsing a file is a size limit
  // (array, string or buffer length), except a too-deep recursion.
  return err instanceof RangeError && !/call stack/i.test(message);
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  if (typeof err === 'object' && err !== null && 'message' in err) return String(err.message);
  return String(err);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `${(n / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

/** Quote a file name for a shell command line when it needs it. */
function shellWord(name: string): string {
  return /^[\w.\-/+@:,]+$/.test(name) ? name : `'${name.replaceAll("'", `'\\''`)}'`;
}

export function tooLargeError(fileName: string, totalBytes: number): LoadErrorInfo {
  const size = totalBytes > 0 ? ` (${formatBytes(totalBytes)})` : '';
  return {
    fileName,
    kind: 'too-large',
    message:
      `${fileName}: this file is too big to open in the browser${size}: the browser ran out of memory. ` +
      `Summarise it on the command line instead: npx fsm-history-explorer summary ${shellWord(fileName)}`,
  };
}

export function cancelledError(fileName: string): LoadErrorInfo {
  return { fileName, kind: 'cancelled', message: `${fileName}: loading was cancelled` };
}

export function ioError(fileName: string, err: unknown): LoadErrorInfo {
  return { fileName, kind: 'io', message: `${fileName}: could not be read: ${errorMessage(err)}` };
}

/** The error for an exception thrown while loading a file. */
export function errorFromException(fileName: string, totalBytes: number, err: unknown): LoadErrorInfo {
  if (isOutOfMemory(err)) return tooLargeError(fileName, totalBytes);
  if (err instanceof Error && err.name === 'AbortError') return cancelledError(fileName);
  return ioError(fileName, err);
}

export function failed(error: LoadErrorInfo): FileLoadResult {
  return { ok: false, fileName: error.fileName, error };
}

/** A model failure whose message is really "out of memory" becomes a plain 'too-large' error. */
export function normaliseResult(result: FileLoadResult, totalBytes: number): FileLoadResult {
  if (result.ok || result.error.kind === 'too-large' || result.error.kind === 'cancelled') return result;
  if (!MEMORY_MESSAGES.some((re) => re.test(result.error.message))) return result;
  return failed(tooLargeError(result.fileName, totalBytes));
}
