// loadFiles() on the main-thread path (Node has no Worker): real fixtures as
// bytes and as Blobs, bad files among good ones, progress, cancellation, and
// the plain 'too-large' error.

import { describe, expect, it } from 'vitest';
import { generateToString } from '../../bench/generate.ts';
import type { FileLoadResult, LoadProgress, Run } from '../../src/model/types.ts';
import { loadFiles } from '../../src/worker/loadClient.ts';
import { fixtureBlob, fixtureBytes, hugeBlob, TRUNCATED } from './fixtures.ts';

function runsOf(result: FileLoadResult | undefined): readonly Run[] {
  if (!result?.ok) throw new Error(`expected runs, got ${result?.error.message}`);
  return result.runs;
}

describe('loadFiles on the main thread', () => {
  it('has no Worker here, so this is the fallback path', () => {
    expect(typeof Worker).toBe('undefined');
  });

  it('loads real fixtures given as bytes and as Blobs, one result per input in order', async () => {
    const results = await loadFiles([
      { name: 'fanout-2k.json', data: fixtureBlob('fanout-2k.json') },
      { name: 'file-storage-db.json', data: fixtureBytes('file-storage-db.json') },
      { name: 'orphan-step.json', data: fixtureBlob('orphan-step.json') },
    ]);
    expect(results.map((r) => r.fileName)).toEqual([
      'fanout-2k.json',
      'file-storage-db.json',
      'orphan-step.json',
    ]);
    const fanout = runsOf(results[0])[0];
    expect(fanout?.counts).toMatchObject({ uniqueSteps: 1809, leaves: 620, maxDepth: 5 });
    expect(
      runsOf(results[1])
        .map((r) => r.executionId)
        .sort(),
    ).toEqual(['conv-7f3a', 'etl-2025-09-20-001', 'ingest-0042']);
    expect(runsOf(results[2])[0]?.counts).toMatchObject({ uniqueSteps: 5, detachedSteps: 1 });
  });

  it('fails a bad file without touching the good ones around it', async () => {
    const results = await loadFiles([
      { name: 'etl-linear.json', data: fixtureBytes('etl-linear.json') },
      { name: 'truncated.json', data: new Blob([TRUNCATED]) },
      { name: 'nothing.json', data: new Uint8Array(0) },
      { name: 'direct-pruned.json', data: fixtureBlob('direct-pruned.json') },
    ]);
    expect(results).toHaveLength(4);
    expect(runsOf(results[0])[0]?.counts.uniqueSteps).toBe(6);
    const truncated = results[1];
    expect(truncated?.ok).toBe(false);
    if (truncated && !truncated.ok) {
      expect(truncated.error.kind).toBe('json-syntax');
      expect(truncated.error.message).toContain('truncated.json');
      expect(truncated.error.line).toBe(4);
    }
    expect(results[2]?.ok === false && results[2].error.kind).toBe('empty');
    expect(runsOf(results[3])[0]?.counts).toMatchObject({ uniqueSteps: 9, detachedSteps: 4 });
  });

  it('never throws, even for input that is not a Blob or bytes', async () => {
    const results = await loadFiles([
      { name: 'odd', data: null as unknown as Blob },
      { name: 'etl-linear.json', data: fixtureBytes('etl-linear.json') },
    ]);
    expect(results[0]?.ok).toBe(false);
    expect(results[0]?.ok === false && results[0].error.message).toContain('odd');
    expect(results[1]?.ok).toBe(true);
  });

  it('reports progress for every file, with bytes read reaching the file size', async () => {
    const events: LoadProgress[] = [];
    // Bigger than one slice of the streaming reader (8 MiB), so reading takes several steps.
    const fanout = new Blob([generateToString({ steps: 3000, shape: 'fanout', seed: 5, indent: null })]);
    expect(fanout.size).toBeGreaterThan(8 * 1024 * 1024);
    const orphan = fixtureBytes('orphan-step.json');
    await loadFiles(
      [
        { name: 'fanout-2k.json', data: fanout },
        { name: 'orphan-step.json', data: orphan },
      ],
      { onProgress: (p) => events.push(p) },
    );
    const fanoutEvents = events.filter((e) => e.fileName === 'fanout-2k.json');
    const readEnd = fanoutEvents.findIndex((e) => e.bytesRead === fanout.size);
    expect(readEnd).toBeGreaterThan(1);
    const reading = fanoutEvents.slice(0, readEnd + 1);
    // Bytes read only grow until all are read.
    for (let i = 1; i < reading.length; i++) {
      expect(reading[i]?.bytesRead).toBeGreaterThanOrEqual(reading[i - 1]?.bytesRead ?? 0);
    }
    expect(fanoutEvents.every((e) => e.totalBytes === fanout.size)).toBe(true);
    expect(events.some((e) => e.fileName === 'orphan-step.json' && e.bytesRead === orphan.byteLength)).toBe(
      true,
    );
    // Files are reported in order: all of the first before any of the second.
    const firstOrphan = events.findIndex((e) => e.fileName === 'orphan-step.json');
    expect(events.slice(firstOrphan).every((e) => e.fileName === 'orphan-step.json')).toBe(true);
  });

  it('keeps loading when the progress callback throws', async () => {
    const results = await loadFiles([{ name: 'etl-linear.json', data: fixtureBlob('etl-linear.json') }], {
      onProgress: () => {
        throw new Error('UI bug');
      },
    });
    expect(results[0]?.ok).toBe(true);
  });

  it('cancels: finished files keep their runs, the rest come back cancelled', async () => {
    const controller = new AbortController();
    const results = await loadFiles(
      [
        { name: 'etl-linear.json', data: fixtureBytes('etl-linear.json') },
        { name: 'fanout-2k.json', data: fixtureBlob('fanout-2k.json') },
        { name: 'llm-branching.json', data: fixtureBlob('llm-branching.json') },
      ],
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.fileName === 'fanout-2k.json') controller.abort();
        },
      },
    );
    expect(results.map((r) => r.fileName)).toEqual([
      'etl-linear.json',
      'fanout-2k.json',
      'llm-branching.json',
    ]);
    expect(results[0]?.ok).toBe(true);
    for (const r of results.slice(1)) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('cancelled');
        expect(r.error.message).toContain(r.fileName);
      }
    }
  });

  it('cancels everything when aborted before it starts', async () => {
    const results = await loadFiles(
      [
        { name: 'a.json', data: fixtureBytes('etl-linear.json') },
        { name: 'b.json', data: fixtureBlob('etl-linear.json') },
      ],
      { signal: AbortSignal.abort() },
    );
    expect(results.map((r) => (r.ok ? 'ok' : r.error.kind))).toEqual(['cancelled', 'cancelled']);
  });

  it('turns running out of memory into a plain too-large error that points to the CLI', async () => {
    const results = await loadFiles([
      { name: 'huge history.json', data: hugeBlob() },
      { name: 'etl-linear.json', data: fixtureBytes('etl-linear.json') },
    ]);
    const huge = results[0];
    expect(huge?.ok).toBe(false);
    if (huge && !huge.ok) {
      expect(huge.error.kind).toBe('too-large');
      expect(huge.error.message).toContain('huge history.json: this file is too big to open in the browser');
      expect(huge.error.message).toContain("npx fsm-history-explorer summary 'huge history.json'");
    }
    expect(results[1]?.ok).toBe(true);
  });

  it('reads Blobs without stream() (as jsdom makes them) through arrayBuffer()', async () => {
    const bytes = fixtureBytes('orphan-step.json');
    const jsdomLike = {
      size: bytes.byteLength,
      arrayBuffer: async () => bytes.slice().buffer,
    } as unknown as Blob;
    const results = await loadFiles([{ name: 'orphan-step.json', data: jsdomLike }]);
    expect(runsOf(results[0])[0]?.counts.detachedSteps).toBe(1);
  });
});
