// Shared helpers for the streaming-loader tests: load the same bytes with the
// plain loader and the streaming loader (in several ways of cutting the input
// into pieces) so tests can compare the results whole.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadHistoryFile } from '../../src/model/loadFile.ts';
import {
  loadHistoryStream,
  type StreamLoadOptions,
  type StreamLoadStats,
} from '../../src/model/stream/loadHistoryStream.ts';
import type { FileLoadResult } from '../../src/model/types.ts';
import { plainResult } from '../worker/plainRuns.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function gzip(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(bytes));
}

export interface StreamOutcome {
  readonly result: FileLoadResult;
  readonly stats: StreamLoadStats;
}

export async function loadStream(
  input: Blob | Uint8Array,
  name: string,
  opts: StreamLoadOptions = {},
): Promise<StreamOutcome> {
  let stats: StreamLoadStats | undefined;
  const result = await loadHistoryStream(input, name, {
    ...opts,
    onStats: (s) => {
      stats = s;
    },
  });
  if (stats === undefined) throw new Error('loadHistoryStream did not report how it loaded');
  // Steps the scanner read keep their JSON fields behind getters: compared as plain data.
  return { result: plainResult(result) as FileLoadResult, stats };
}

export function loadPlain(bytes: Uint8Array, name: string): Promise<FileLoadResult> {
  return loadHistoryFile(bytes, name);
}

/** Ways of feeding the same bytes to the streaming loader. */
export const FEEDS: ReadonlyArray<{
  readonly label: string;
  readonly make: (b: Uint8Array) => Blob | Uint8Array;
  readonly opts: StreamLoadOptions;
}> = [
  { label: 'bytes, default pieces', make: (b) => b, opts: {} },
  {
    label: 'Blob, 1 KiB pieces',
    make: (b) => new Blob([b as Uint8Array<ArrayBuffer>]),
    opts: { pieceBytes: 1024, batchBytes: 1 },
  },
  { label: 'bytes, 7-byte pieces', make: (b) => b, opts: { pieceBytes: 7, batchBytes: 1 } },
  // The reader worker's way: steps indexed first (StepIndexer), the parser working from the records.
  { label: 'bytes, indexed', make: (b) => b, opts: { indexSteps: true } },
  {
    label: 'bytes, 5-byte pieces, indexed',
    make: (b) => b,
    opts: { pieceBytes: 5, batchBytes: 1, indexSteps: true },
  },
];
