// Reads one history file from disk and loads it with the model. Never throws:
// disk errors come back as a failed FileLoadResult of kind 'io' naming the file.
import { readFile } from 'node:fs/promises';
import { loadHistoryFile } from '../model/loadFile.ts';
import type { FileLoadResult, LoadErrorInfo } from '../model/types.ts';

/** Load the file at `path`; every message names the file as the user wrote it. */
export async function readHistory(path: string): Promise<FileLoadResult> {
  let bytes: Uint8Array;
  try {
    const buffer = await readFile(path);
    bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (err) {
    return { ok: false, fileName: path, error: ioError(path, err) };
  }
  try {
    return await loadHistoryFile(bytes, path);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, fileName: path, error: { fileName: path, kind: 'invalid', message } };
  }
}

function ioError(path: string, err: unknown): LoadErrorInfo {
  const code = (err as { code?: unknown } | null)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a folder, not a file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'ERR_FS_FILE_TOO_LARGE'
            ? 'too large to read into memory'
            : err instanceof Error
              ? err.message
              : String(err);
  return { fileName: path, kind: 'io', message: `${path}: ${reason}` };
}

/** The one-line problem report for stderr: names the file and, for JSON, the line and column. */
export function describeLoadError(path: string, error: LoadErrorInfo): string {
  let message = error.message.includes(path) ? error.message : `${path}: ${error.message}`;
  if (error.line !== undefined && !/\bline\b/i.test(message)) {
    message += ` (line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''})`;
  }
  return message;
}
