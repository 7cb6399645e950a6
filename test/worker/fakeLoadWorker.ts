// A stand-in for the load worker: runs the real worker handler in this
// thread and copies every message with structuredClone; it can fail to start
// or die on a chosen file. Tests put it in place of the global Worker.
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { isWorkerRequest, type WorkerResponse } from '../../src/worker/messages.ts';
import { handleLoadRequest } from '../../src/worker/workerHandler.ts';

type Behaviour = 'normal' | 'cannot-start';

export class FakeWorker extends EventTarget {
  static instances: FakeWorker[] = [];
  static behaviour: Behaviour = 'normal';
  /** Requests for this file name make the worker die with this message. */
  static crashOn: { name: string; message: string } | null = null;
  /** Steps per `steps` message (the handler's default when undefined). */
  static stepsPerPart: number | undefined = undefined;

  readonly url: string;
  terminated = false;
  readonly received: string[] = [];

  constructor(url: URL, options: { type?: string }) {
    super();
    this.url = url.href;
    expect(options.type).toBe('module');
    FakeWorker.instances.push(this);
    queueMicrotask(() => {
      if (FakeWorker.behaviour === 'cannot-start') this.fail('Failed to load module script');
      else this.emit({ type: 'ready' });
    });
  }

  postMessage(message: unknown): void {
    const request = structuredClone(message);
    // A worker that never started handles nothing; a started one gets requests after its 'ready'.
    if (this.terminated || FakeWorker.behaviour === 'cannot-start' || !isWorkerRequest(request)) return;
    this.received.push(request.name);
    const crash = FakeWorker.crashOn;
    if (crash && crash.name === request.name) {
      queueMicrotask(() => this.fail(crash.message));
      return;
    }
    const parts = FakeWorker.stepsPerPart;
    queueMicrotask(
      () =>
        void handleLoadRequest(
          request,
          (m) => this.emit(m),
          parts !== undefined ? { stepsPerPart: parts } : {},
        ),
    );
  }

  terminate(): void {
    this.terminated = true;
  }

  private emit(message: WorkerResponse): void {
    if (this.terminated) return;
    this.dispatchEvent(new MessageEvent('message', { data: structuredClone(message) }));
  }

  /** It has dispatched its start-up error. */
  failedStart = false;

  private fail(message: string): void {
    if (this.terminated) return;
    if (FakeWorker.behaviour === 'cannot-start') this.failedStart = true;
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}

/** Puts a fresh FakeWorker (normal, no crash) in place of the global Worker for each test of the file. */
export function withFakeLoadWorker(): void {
  beforeEach(() => {
    FakeWorker.instances = [];
    FakeWorker.behaviour = 'normal';
    FakeWorker.crashOn = null;
    FakeWorker.stepsPerPart = undefined;
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });
}
