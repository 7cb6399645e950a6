// Reads one history file from disk and loads it with the model's streaming
// loader, as the page does with a dropped File: the file is a Blob over the
// disk (fs.openAsBlob) read piece by piece, so a history of several hundred
// MB (longer than any JavaScript string) loads as it does in the browser.
// Never throws: disk errors come back as a failed FileLoadResult of kind
// 'io' naming the file.

import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { loadHistoryStream, type StreamLoadOptions } from '../model/stream/loadHistoryStream.ts';
import type { FileLoadResult, LoadErrorInfo } from '../model/types.ts';

/** Load the file at `path`; every message names the file as the user wrote it. */
export async function readHistory(
  path: string,
  opts: Pick<StreamLoadOptions, 'onStats'> = {},
): Promise<FileLoadResult> {
  let blob: Blob;
  try {
    if ((await stat(path)).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    blob = await openAsBlob(path);
  } catch (err) {
    return { ok: false, fileName: path, error: ioError(path, err) };
  }
  try {
    return await loadHistoryStream(blob, path, opts);
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
