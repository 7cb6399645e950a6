// loadFiles() on the worker path, with a stand-in Worker (fakeLoadWorker.ts)
// that runs the real worker handler in this thread:
// results in order, fallback when the worker cannot start, a crash that fails
// one file only, and cancellation that terminates the worker.
import { describe, expect, it } from 'vitest';
import type { FileLoadResult } from '../../src/model/types.ts';
import { loadFiles } from '../../src/worker/loadClient.ts';
import { loadOne } from '../../src/worker/loadOne.ts';
import { FakeWorker, withFakeLoadWorker } from './fakeLoadWorker.ts';
import { fixtureBlob, fixtureBytes } from './fixtures.ts';
import { plainResult } from './plainRuns.ts';

function kinds(results: readonly FileLoadResult[]): string[] {
  return results.map((r) => (r.ok ? `ok:${r.runs.length}` : r.error.kind));
}

withFakeLoadWorker();

describe('loadFiles through a worker', () => {
  it('loads every file in one module worker started from loadWorker.ts, in order', async () => {
    const results = await loadFiles([
      { name: 'fanout-2k.json', data: fixtureBlob('fanout-2k.json') },
      { name: 'file-storage-db.json', data: fixtureBytes('file-storage-db.json') },
    ]);
    expect(kinds(results)).toEqual(['ok:1', 'ok:3']);
    const fanout = results[0]?.ok ? results[0].runs[0] : undefined;
    // The run survived structured cloning, typed-array tree links included.
    expect(fanout?.counts.uniqueSteps).toBe(1809);
    expect(fanout?.tree.parent).toBeInstanceOf(Int32Array);
    expect(FakeWorker.instances).toHaveLength(1);
    expect(FakeWorker.instances[0]?.url).toMatch(/\/src\/worker\/loadWorker\.ts$/);
    expect(FakeWorker.instances[0]?.received).toEqual(['fanout-2k.json', 'file-storage-db.json']);
    expect(FakeWorker.instances[0]?.terminated).toBe(true);
  });

  it("gives the loaded runs when a streamed run's steps come while the file is read, or are dropped for the plain loader's", async () => {
    FakeWorker.stepsPerPart = 100;
    const fanout = fixtureBytes('fanout-2k.json');
    // A top-level key the streaming loader does not know, after all the steps: the plain loader takes over.
    const text = new TextDecoder().decode(fanout).trimEnd();
    const extra = new TextEncoder().encode(`${text.slice(0, -1)}, "extra": {"note": "x"}}`);
    const results = await loadFiles([
      { name: 'fanout-2k.json', data: fanout },
      { name: 'extra-key.json', data: extra },
    ]);
    expect(plainResult(results[0])).toEqual(
      plainResult(await loadOne({ name: 'fanout-2k.json', data: fanout })),
    );
    expect(plainResult(results[1])).toEqual(
      plainResult(await loadOne({ name: 'extra-key.json', data: extra })),
    );
    expect(results[1]?.ok && results[1].runs[0]?.steps.length).toBe(1809);
  });

  it('forwards progress from the worker', async () => {
    const blob = fixtureBlob('etl-linear.json');
    const seen: number[] = [];
    await loadFiles([{ name: 'etl-linear.json', data: blob }], { onProgress: (p) => seen.push(p.bytesRead) });
    expect(seen).toContain(blob.size);
  });

  it('falls back to the main thread when the worker cannot start', async () => {
    FakeWorker.behaviour = 'cannot-start';
    const results = await loadFiles([
      { name: 'orphan-step.json', data: fixtureBytes('orphan-step.json') },
      { name: 'etl-linear.json', data: fixtureBlob('etl-linear.json') },
    ]);
    expect(kinds(results)).toEqual(['ok:1', 'ok:1']);
    expect(FakeWorker.instances).toHaveLength(1);
    expect(FakeWorker.instances[0]?.terminated).toBe(true);
  });

  it('fails only the file whose worker died, and goes on in a new worker', async () => {
    FakeWorker.crashOn = {
      name: 'huge.json',
      message: 'Uncaught RangeError: Array buffer allocation failed',
    };
    const results = await loadFiles([
      { name: 'etl-linear.json', data: fixtureBytes('etl-linear.json') },
      { name: 'huge.json', data: fixtureBytes('fanout-2k.json') },
      { name: 'orphan-step.json', data: fixtureBytes('orphan-step.json') },
    ]);
    expect(kinds(results)).toEqual(['ok:1', 'too-large', 'ok:1']);
    expect(results[1]?.ok === false && results[1].error.message).toContain(
      'npx fsm-history-explorer summary huge.json',
    );
    expect(FakeWorker.instances).toHaveLength(2);
    expect(FakeWorker.instances[1]?.received).toEqual(['orphan-step.json']);
  });

  it('reports a crash that is not about memory as an io error naming the file', async () => {
    FakeWorker.crashOn = { name: 'bad.json', message: 'Uncaught TypeError: x is not a function' };
    const results = await loadFiles([{ name: 'bad.json', data: fixtureBytes('etl-linear.json') }]);
    expect(kinds(results)).toEqual(['io']);
    expect(results[0]?.ok === false && results[0].error.message).toMatch(/^bad\.json: .*x is not a function/);
  });

  it('cancelling terminates the worker and returns the unfinished files as cancelled', async () => {
    const controller = new AbortController();
    const results = await loadFiles(
      [
        { name: 'etl-linear.json', data: fixtureBytes('etl-linear.json') },
        { name: 'fanout-2k.json', data: fixtureBlob('fanout-2k.json') },
        { name: 'orphan-step.json', data: fixtureBlob('orphan-step.json') },
      ],
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.fileName === 'fanout-2k.json') controller.abort();
        },
      },
    );
    expect(kinds(results)).toEqual(['ok:1', 'cancelled', 'cancelled']);
    expect(FakeWorker.instances).toHaveLength(1);
    expect(FakeWorker.instances[0]?.terminated).toBe(true);
    expect(FakeWorker.instances[0]?.received).toEqual(['etl-linear.json', 'fanout-2k.json']);
  });
});
