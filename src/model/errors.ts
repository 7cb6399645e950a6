// Fatal load errors: a LoadError carries the serialisable LoadErrorInfo that
// crosses the worker boundary. Every message names the file and, when known,
// the place (`line L, column C` for broken JSON, a JSON path otherwise).
import type { LoadErrorInfo } from './types.ts';

export type LoadErrorKind = LoadErrorInfo['kind'];

export class LoadError extends Error {
  readonly info: LoadErrorInfo;
  constructor(info: LoadErrorInfo) {
    super(info.message);
    this.name = 'LoadError';
    this.info = info;
  }
}

/** `file: where: reason` (where omitted when empty). */
export function placeMessage(fileName: string, where: string | undefined, reason: string): string {
  return where ? `${fileName}: ${where}: ${reason}` : `${fileName}: ${reason}`;
}

export function loadError(
  kind: LoadErrorKind,
  fileName: string,
  reason: string,
  place: { where?: string; line?: number; column?: number } = {},
): LoadError {
  const at =
    place.line !== undefined && place.column !== undefined
      ? `${place.where ? `${place.where}: ` : ''}line ${place.line}, column ${place.column}`
      : place.where;
  const info: LoadErrorInfo = {
    fileName,
    kind,
    message: placeMessage(fileName, at, reason),
    ...(place.where !== undefined ? { where: place.where } : {}),
    ...(place.line !== undefined ? { line: place.line } : {}),
    ...(place.column !== undefined ? { column: place.column } : {}),
  };
  return new LoadError(info);
}

/** Turns anything thrown into a LoadErrorInfo; unknown errors become kind 'io' (RangeError: 'too-large'). */
export function toLoadErrorInfo(fileName: string, err: unknown): LoadErrorInfo {
  if (err instanceof LoadError) return err.info;
  if (err instanceof RangeError) {
    return {
      fileName,
      kind: 'too-large',
      message: `${fileName}: the file is too large to load in the browser (${err.message}); try the \`fsm-history-explorer summary\` command instead`,
    };
  }
  if (err instanceof Error && err.name === 'AbortError') {
    return { fileName, kind: 'cancelled', message: `${fileName}: loading was cancelled` };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { fileName, kind: 'io', message: `${fileName}: could not be loaded: ${text}` };
}
