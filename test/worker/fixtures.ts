// Fixture bytes and small hand-made bad inputs for the loading tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function fixtureBytes(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))));
}

export function fixtureBlob(name: string): Blob {
  return new Blob([fixtureBytes(name)]);
}

/** A Blob built from 64 KB parts, so that it streams in several chunks as a file on disk does. */
export function chunkedBlob(name: string): Blob {
  const bytes = fixtureBytes(name);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let at = 0; at < bytes.byteLength; at += 65536) parts.push(bytes.subarray(at, at + 65536));
  return new Blob(parts);
}

export const TRUNCATED = new TextEncoder().encode(
  '{\n  "summary": {\n    "fsm_name": "x",\n    "execution_id": ',
);

/** Something shaped like a File whose reading runs out of memory. */
export function hugeBlob(): Blob {
  return {
    size: 600 * 1024 * 1024,
    stream() {
      throw new RangeError('Array buffer allocation failed');
    },
  } as unknown as Blob;
}
