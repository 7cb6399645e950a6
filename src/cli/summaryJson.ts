// `summary --json`: one JSON document keyed by file name (without its folder),
// each value the list of that file's runs as RunFacts. Files that failed are
// left out (their problem goes to stderr). A store's runs come one key each
// (`store.db › table › id`, see storeSummary.ts).
import { basename } from 'node:path';
import type { Run } from '../model/types.ts';
import { type RunFacts, runFacts } from './runFacts.ts';

export interface LoadedFile {
  /** The path as the user gave it. */
  readonly path: string;
  readonly runs: readonly Run[];
  /** The key in the document; the base name of `path` when absent. */
  readonly key?: string;
}

/** Keys are base names; a repeated base name gets " (2)", " (3)"... in argument order. */
export function fileKeys(paths: readonly string[]): string[] {
  return uniqueKeys(paths.map((path) => basename(path)));
}

/** The names as they are; a repeated name gets " (2)", " (3)"... in order. */
export function uniqueKeys(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((base) => {
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base} (${n})`;
    used.add(key);
    return key;
  });
}

export function summaryJson(files: readonly LoadedFile[]): string {
  const keys = uniqueKeys(files.map((f) => f.key ?? basename(f.path)));
  const doc: Record<string, RunFacts[]> = {};
  files.forEach((file, i) => {
    doc[keys[i] as string] = file.runs.map(runFacts);
  });
  return `${JSON.stringify(doc, null, 2)}\n`;
}
