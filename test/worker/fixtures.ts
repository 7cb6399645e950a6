// Fixture bytes and small hand-made bad inputs for the loading tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function fixtureBytes(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))));
}

export function fixtureBlob(name: string): Blob {
  return new Blob([fixtureBytes(name)]);
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
