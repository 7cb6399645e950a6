// The load worker's file reader: a second worker that reads the Blob, gunzips
// it and indexes its steps, and hands the chunks over under flow control.
// Driven here with a stand-in Worker that runs the real reader (ReadServer)
// in this thread and copies every message with structuredClone (moving the
// transferred buffers, as postMessage does).
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadHistoryStream, type StreamLoadStats } from '../../src/model/stream/loadHistoryStream.ts';
import type { FileLoadResult } from '../../src/model/types.ts';
import { ReadServer } from '../../src/worker/readerHandler.ts';
import type { FromReader, ToReader } from '../../src/worker/readerMessages.ts';
import { openReaderWorker, prewarmReader, READER_CREDIT } from '../../src/worker/readerStream.ts';
import { FIXTURES, fixtureBytes, gzip, loadPlain } from '../stream/helpers.ts';
import { plainResult } from './plainRuns.ts';

type Behaviour = 'normal' | 'cannot-start' | 'dies-mid-way';

class FakeReaderWorker extends EventTarget {
  static instances: FakeReaderWorker[] = [];
  static behaviour: Behaviour = 'normal';
  readonly url: string;
  terminated = false;
  /** Chunks posted and `more` messages received, to check the flow control. */
  chunks = 0;
  mores = 0;
  maxAhead = 0;
  /** Buffers the load worker sent back. */
  recycled = 0;
  readonly server = new ReadServer((message, transfer) => this.emit(message, transfer));

  constructor(url: URL, options: { type?: string }) {
    super();
    this.url = url.href;
    expect(options.type).toBe('module');
    FakeReaderWorker.instances.push(this);
    if (FakeReaderWorker.behaviour === 'cannot-start')
      queueMicrotask(() => this.fail('Failed to load module'));
  }

  postMessage(message: ToReader, transfer: Transferable[] = []): void {
    if (this.terminated || FakeReaderWorker.behaviour === 'cannot-start') return;
    const m = structuredClone(message, { transfer });
    if (m.type === 'more') {
      this.mores++;
      this.server.more();
    } else if (m.type === 'recycle') {
      this.recycled += m.buffers.length;
      this.server.recycle(m.buffers);
    } else {
      void this.server.read(m);
    }
  }

  terminate(): void {
    this.terminated = true;
  }

  private emit(message: FromReader, transfer: Transferable[]): void {
    if (this.terminated) return;
    if (message.type === 'chunk') {
      this.chunks++;
      this.maxAhead = Math.max(this.maxAhead, this.chunks - this.mores);
      if (FakeReaderWorker.behaviour === 'dies-mid-way' && this.chunks === 3) {
        queueMicrotask(() => this.fail('Uncaught Error: the reader went away'));
        return;
      }
    }
    const data = structuredClone(message, { transfer });
    queueMicrotask(() => {
      if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data }));
    });
  }

  private fail(message: string): void {
    if (this.terminated) return;
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}

async function viaReader(
  input: Blob,
  name: string,
  pieceBytes?: number,
): Promise<{ result: FileLoadResult; stats: StreamLoadStats }> {
  let stats: StreamLoadStats | undefined;
  const result = await loadHistoryStream(input, name, {
    // Each piece goes to the parser (and its buffer back to the reader) as it comes.
    batchBytes: 1,
    openBlob: (blob) => openReaderWorker(blob, pieceBytes !== undefined ? { pieceBytes } : {}),
    onStats: (s) => {
      stats = s;
    },
  });
  // Steps the scanner read keep their JSON fields behind getters: compared as plain data.
  return { result: plainResult(result) as FileLoadResult, stats: stats! };
}

const blobOf = (bytes: Uint8Array): Blob => new Blob([bytes as Uint8Array<ArrayBuffer>]);

beforeEach(() => {
  FakeReaderWorker.instances = [];
  FakeReaderWorker.behaviour = 'normal';
  vi.stubGlobal('Worker', FakeReaderWorker);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('reading through the reader worker', () => {
  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

  for (const name of fixtures) {
    it(`gives the plain loader's result for ${name}`, async () => {
      const bytes = fixtureBytes(name);
      const { result } = await viaReader(blobOf(bytes), name);
      expect(result).toEqual(await loadPlain(bytes, name));
      expect(FakeReaderWorker.instances).toHaveLength(1);
      expect(FakeReaderWorker.instances[0]!.url).toMatch(/\/src\/worker\/readWorker\.ts$/);
      // Done with the file: the reader is stopped.
      expect(FakeReaderWorker.instances[0]!.terminated).toBe(true);
    });
  }

  it('decides the steps from the records it sends, and never runs more than its credit ahead', async () => {
    const bytes = fixtureBytes('fanout-2k.json');
    const { result, stats } = await viaReader(blobOf(bytes), 'fanout-2k.json', 64 * 1024);
    expect(result).toEqual(await loadPlain(bytes, 'fanout-2k.json'));
    expect(stats.via).toBe('stream');
    // Most steps end inside the chunk they start in, and those come with their record.
    expect(stats.fromRecords).toBeGreaterThan((stats.parsedSteps + stats.skippedSteps) * 0.9);
    const reader = FakeReaderWorker.instances[0]!;
    expect(reader.chunks).toBeGreaterThan(30);
    expect(reader.maxAhead).toBeLessThanOrEqual(READER_CREDIT);
    expect(reader.maxAhead).toBeGreaterThan(0);
    // The chunks came in a few buffers, read into again after the loader sent them back.
    expect(reader.recycled).toBeGreaterThan(reader.chunks / 2);
    expect(reader.server.buffersMade).toBeGreaterThan(0);
    expect(reader.server.buffersMade).toBeLessThanOrEqual(READER_CREDIT + 2);
  });

  it('gunzips in the reader', async () => {
    const bytes = fixtureBytes('llm-branching.json');
    const { result, stats } = await viaReader(blobOf(gzip(bytes)), 'llm-branching.json.gz', 1000);
    expect(result).toEqual(await loadPlain(gzip(bytes), 'llm-branching.json.gz'));
    expect(stats.gzip).toBe(true);
    expect(stats.fromRecords).toBeGreaterThan(0);
  });

  it('reports broken gzip as the reader on this thread would', async () => {
    const broken = new Uint8Array(200_000);
    broken.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    for (let i = 10; i < broken.length; i++) broken[i] = (i * 7919) & 0xff;
    const here = await loadHistoryStream(blobOf(broken), 'broken.json.gz', { plainFallbackMaxBytes: 0 });
    const { result } = await viaReader(blobOf(broken), 'broken.json.gz');
    expect(here.ok).toBe(false);
    expect(result).toEqual(here);
  });

  it('reads on this thread when the reader cannot start', async () => {
    FakeReaderWorker.behaviour = 'cannot-start';
    const bytes = fixtureBytes('etl-linear.json');
    const { result, stats } = await viaReader(blobOf(bytes), 'etl-linear.json');
    expect(result).toEqual(await loadPlain(bytes, 'etl-linear.json'));
    expect(stats.fromRecords).toBe(0);
    expect(FakeReaderWorker.instances[0]!.terminated).toBe(true);
  });

  it('fails the file with a clear message when the reader dies while reading', async () => {
    FakeReaderWorker.behaviour = 'dies-mid-way';
    const bytes = fixtureBytes('fanout-2k.json');
    const { result } = await viaReader(blobOf(bytes), 'fanout-2k.json', 64 * 1024);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('fanout-2k.json');
      expect(result.error.message).toContain('the reader went away');
    }
  });

  it('keeps a reader started ahead once asked to, and replaces it when it is used', async () => {
    prewarmReader();
    expect(FakeReaderWorker.instances).toHaveLength(1);
    const bytes = fixtureBytes('orphan-step.json');
    const { result } = await viaReader(blobOf(bytes), 'orphan-step.json');
    expect(result).toEqual(await loadPlain(bytes, 'orphan-step.json'));
    // The spare did the reading; a new spare is started a moment later for the next file.
    await vi.waitFor(() => expect(FakeReaderWorker.instances).toHaveLength(2), { timeout: 3000 });
    expect(FakeReaderWorker.instances[0]!.terminated).toBe(true);
    expect(FakeReaderWorker.instances[1]!.terminated).toBe(false);
  });
});
