// Byte-level helpers shared by the plain and the streaming loaders: gzip
// detection and decompression (DecompressionStream, present in browsers,
// workers and Node 20), zlib inflate for the compressed wrapper, base64,
// a binary sniff and strict UTF-8 decoding.

/** gzip files start with the magic bytes 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Runs bytes through a DecompressionStream ('gzip' or 'deflate' = zlib, RFC 1950). Rejects on corrupt data. */
export async function decompress(bytes: Uint8Array, format: 'gzip' | 'deflate'): Promise<Uint8Array> {
  const ds = new DecompressionStream(format);
  const writer = ds.writable.getWriter();
  // Errors surface through the reader; keep the writer's promises from going unhandled.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
  }
  return concat(chunks, total);
}

export function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  return decompress(bytes, 'gzip');
}

export function inflateZlib(bytes: Uint8Array): Promise<Uint8Array> {
  return decompress(bytes, 'deflate');
}

const B64 = new Int16Array(256).fill(-1);
for (let k = 0; k < 64; k++) {
  B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(k)] = k;
}
B64['-'.charCodeAt(0)] = 62;
B64['_'.charCodeAt(0)] = 63;

/** Standard or URL-safe base64 (whitespace ignored, padding optional). Throws Error on bad input. */
export function base64ToBytes(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let acc = 0;
  let bits = 0;
  let len = 0;
  let padding = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x3d) {
      padding = true;
      continue;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    const v = c < 256 ? B64[c]! : -1;
    if (v < 0 || padding) {
      throw new Error(`invalid base64 at character ${k + 1}`);
    }
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[len++] = (acc >> bits) & 0xff;
    }
  }
  if (bits >= 6) throw new Error('invalid base64 length');
  return out.subarray(0, len);
}

/**
 * True when bytes do not look like text: a NUL byte, or more than 1 in 20 of
 * the first 64 KiB being control characters other than tab, LF, CR, FF.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let k = 0; k < n; k++) {
    const b = bytes[k]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control * 20 > n;
}

/** Strict UTF-8 (a leading BOM is dropped). Throws TypeError on invalid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
