// Bytes -> JsonValue for one file: gunzip when the gzip magic is present,
// classify empty and binary input, strict UTF-8 (with or without BOM), then
// JSON (native fast path, Python-dialect fallback with line/column errors).
// Failures are thrown as LoadError with a message naming the file and place.
import { decodeUtf8, gunzip, isGzip, looksBinary } from './bytes.ts';
import { loadError } from './errors.ts';
import { JsonSyntaxError, parseJson } from './jsonParse.ts';
import type { JsonValue } from './types.ts';

export interface DecodedFile {
  readonly value: JsonValue;
  /** NaN / Infinity / -Infinity literals were read (Python's json.dumps dialect). */
  readonly nonFinite: boolean;
  /** The bytes were gzip-compressed. */
  readonly gzip: boolean;
  /** Size of the text after decompression, in bytes. */
  readonly textBytes: number;
}

/** gunzip if the bytes start with 1f 8b; otherwise the bytes themselves. Throws LoadError on corrupt gzip. */
export async function maybeGunzip(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ bytes: Uint8Array; gzip: boolean }> {
  if (!isGzip(bytes)) return { bytes, gzip: false };
  try {
    return { bytes: await gunzip(bytes), gzip: true };
  } catch (err) {
    if (err instanceof RangeError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw loadError('invalid', fileName, `the file starts like gzip but could not be decompressed (${why})`);
  }
}

/** Bytes (already decompressed) -> text; throws LoadError kind 'binary' or 'empty'. */
export function bytesToText(bytes: Uint8Array, fileName: string): string {
  const notText = (): never => {
    throw loadError('binary', fileName, 'does not look like text/JSON (binary or not UTF-8 data)');
  };
  if (looksBinary(bytes)) return notText();
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch (err) {
    if (err instanceof RangeError) throw err;
    // Node's TextDecoder throws a plain Error (ERR_STRING_TOO_LONG) where Chromium returns ''.
    if ((err as { code?: unknown } | null)?.code === 'ERR_STRING_TOO_LONG') throw tooLargeText(fileName);
    return notText();
  }
  if (text === '' && !isLoneBom(bytes)) throw tooLargeText(fileName);
  if (text.trim() === '') throw loadError('empty', fileName, 'the file is empty (no JSON in it)');
  return text;
}

/** Three bytes EF BB BF: a UTF-8 byte-order mark and nothing else (decodes to ''). */
function isLoneBom(bytes: Uint8Array): boolean {
  return bytes.length === 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Quotes a file name for a shell command line when it needs it. */
function shellWord(name: string): string {
  return /^[\w.\-/+@:,]+$/.test(name) ? name : `'${name.replaceAll("'", `'\\''`)}'`;
}

/**
 * Over ~512 MB of text Chromium's TextDecoder returns '' instead of throwing
 * (the string would pass V8's length limit): that is a file too large for
 * the browser, not an empty one.
 */
function tooLargeText(fileName: string): Error {
  return loadError(
    'too-large',
    fileName,
    'this file is too big to open in the browser (its text is longer than the browser can hold as one string). ' +
      `Summarise it on the command line instead: npx fsm-history-explorer summary ${shellWord(fileName)}`,
  );
}

/** Text -> JSON; throws LoadError kind 'json-syntax' with line and column. `where` names an embedded document. */
export function parseJsonText(
  text: string,
  fileName: string,
  where?: string,
): { value: JsonValue; nonFinite: boolean } {
  try {
    return parseJson(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      throw loadError('json-syntax', fileName, err.reason, {
        ...(where !== undefined ? { where } : {}),
        line: err.line,
        column: err.column,
      });
    }
    throw err;
  }
}

export async function decodeBytes(bytes: Uint8Array, fileName: string): Promise<DecodedFile> {
  if (bytes.length === 0) throw loadError('empty', fileName, 'the file is empty (0 bytes)');
  const raw = await maybeGunzip(bytes, fileName);
  if (raw.bytes.length === 0) throw loadError('empty', fileName, 'the file is empty (gzip holds 0 bytes)');
  const text = bytesToText(raw.bytes, fileName);
  const parsed = parseJsonText(text, fileName);
  return { value: parsed.value, nonFinite: parsed.nonFinite, gzip: raw.gzip, textBytes: raw.bytes.length };
}
