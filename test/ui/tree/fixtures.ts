// Test helper: loads a real producer file from test/fixtures through the model's loader.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHistoryFile } from '../../../src/model/loadFile.ts';
import type { Run } from '../../../src/model/types.ts';

export async function loadFixture(name: string): Promise<Run> {
  // Tests run from the project root (import.meta.url is not a file URL under jsdom).
  const path = join(process.cwd(), 'test', 'fixtures', name);
  const result = await loadHistoryFile(new Uint8Array(readFileSync(path)), name);
  if (!result.ok) throw new Error(result.error.message);
  const run = result.runs[0];
  if (!run) throw new Error(`${name}: no run`);
  return run;
}
