// A load worker started ahead of time (prewarmLoadWorker): the next load uses
// it instead of starting one, and a fresh one is started a moment after each
// load. In a file of its own: once asked for, spares are kept for the rest of
// the module's life.
import { describe, expect, it, vi } from 'vitest';
import { loadFiles, prewarmLoadWorker } from '../../src/worker/loadClient.ts';
import { FakeWorker, withFakeLoadWorker } from './fakeLoadWorker.ts';
import { fixtureBlob } from './fixtures.ts';

withFakeLoadWorker();

describe('prewarmLoadWorker', () => {
  it('has the next load use the worker started ahead, and starts a fresh one after it', async () => {
    prewarmLoadWorker();
    expect(FakeWorker.instances).toHaveLength(1);
    const ahead = FakeWorker.instances[0]!;
    const results = await loadFiles([{ name: 'etl-linear.json', data: fixtureBlob('etl-linear.json') }]);
    expect(results[0]?.ok).toBe(true);
    expect(ahead.received).toEqual(['etl-linear.json']);
    expect(ahead.terminated).toBe(true);
    // Not at once (the page is drawing the new run), but shortly after.
    expect(FakeWorker.instances).toHaveLength(1);
    await vi.waitFor(() => expect(FakeWorker.instances).toHaveLength(2), { timeout: 3000 });
    expect(FakeWorker.instances[1]!.terminated).toBe(false);
    expect(FakeWorker.instances[1]!.received).toEqual([]);
  });

  it('drops a worker started ahead that could not start, and loads all the same', async () => {
    // A fresh module: no spare left from the test before.
    vi.resetModules();
    const fresh = await import('../../src/worker/loadClient.ts');
    FakeWorker.behaviour = 'cannot-start';
    fresh.prewarmLoadWorker();
    const ahead = FakeWorker.instances[0]!;
    // Its error comes while nobody is loading with it.
    await vi.waitFor(() => expect(ahead.failedStart).toBe(true));
    const results = await fresh.loadFiles([
      { name: 'orphan-step.json', data: fixtureBlob('orphan-step.json') },
    ]);
    expect(results[0]?.ok).toBe(true);
    expect(ahead.terminated).toBe(true);
    expect(ahead.received).toEqual([]);
  });
});
