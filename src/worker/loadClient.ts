// The page's entry for loading history files: loadFiles() runs the model in a
// Web Worker (loadWorker.ts), one file at a time, and falls back to the main
// thread when workers are unavailable (jsdom, Node) or fail to start. Never
// throws; returns one result per input, in order. Cancelling through the
// AbortSignal terminates the worker; unfinished files come back 'cancelled'.
// A worker that dies while loading a file fails that file only: a new worker
// takes the remaining files.
import type { FileLoadResult, LoadErrorInfo, LoadProgress } from '../model/types.ts';
import { LoadAnswer } from './loadAnswer.ts';
import { cancelledError, errorMessage, failed, ioError, isOutOfMemory, tooLargeError } from './loadErrors.ts';
import { inputSize, type LoadInput, loadOne } from './loadOne.ts';
import { isWorkerResponse, type LoadRequest } from './messages.ts';
import { SpareWorker } from './spareWorker.ts';

export type { LoadInput } from './loadOne.ts';

export interface LoadFilesOptions {
  readonly onProgress?: (p: LoadProgress) => void;
  readonly signal?: AbortSignal;
}

export async function loadFiles(
  inputs: ReadonlyArray<LoadInput>,
  opts: LoadFilesOptions = {},
): Promise<FileLoadResult[]> {
  const results: Array<FileLoadResult | undefined> = new Array(inputs.length).fill(undefined);
  const options: LoadFilesOptions = { ...opts, onProgress: safeProgress(opts.onProgress) };
  try {
    const firstLeft = typeof Worker === 'undefined' ? 0 : await loadInWorkers(inputs, results, options);
    await loadOnMainThread(inputs, firstLeft, results, options);
  } catch (err) {
    fillMissing(inputs, results, (input) => ioError(safeName(input), err));
  }
  fillMissing(inputs, results, (input) => ioError(safeName(input), 'the loader stopped unexpectedly'));
  return results as FileLoadResult[];
}

/** A progress callback that cannot break loading by throwing. */
function safeProgress(cb: LoadFilesOptions['onProgress']): LoadFilesOptions['onProgress'] {
  if (!cb) return undefined;
  return (p) => {
    try {
      cb(p);
    } catch {
      // The caller's problem; loading goes on.
    }
  };
}

function safeName(input: LoadInput | undefined): string {
  return typeof input?.name === 'string' ? input.name : 'file';
}

function fillMissing(
  inputs: ReadonlyArray<LoadInput>,
  results: Array<FileLoadResult | undefined>,
  make: (input: LoadInput) => LoadErrorInfo,
): void {
  for (let i = 0; i < inputs.length; i++) {
    if (results[i] === undefined) results[i] = failed(make(inputs[i] as LoadInput));
  }
}

/** Load inputs[from..] one by one on this thread, yielding between files so the page can paint. */
async function loadOnMainThread(
  inputs: ReadonlyArray<LoadInput>,
  from: number,
  results: Array<FileLoadResult | undefined>,
  opts: LoadFilesOptions,
): Promise<void> {
  for (let i = from; i < inputs.length; i++) {
    const input = inputs[i] as LoadInput;
    if (opts.signal?.aborted) {
      results[i] = failed(cancelledError(safeName(input)));
      continue;
    }
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    results[i] = await loadOne(input, opts);
  }
}

/** How one request to a worker ended. */
type Outcome =
  | { readonly kind: 'result'; readonly result: FileLoadResult }
  /** The worker reported an error before it ever said it was ready: it cannot start here. */
  | { readonly kind: 'no-start' }
  /** The worker died (or lost the answer) while loading this file. */
  | { readonly kind: 'crash'; readonly error: unknown }
  | { readonly kind: 'cancelled' }
  /** The input could not be sent to the worker (not cloneable): load it here instead. */
  | { readonly kind: 'not-sent' };

interface Session {
  readonly worker: Worker;
  ready: boolean;
  /** It reported an error before it was ready (seen even while nobody was loading with it). */
  failedToStart: boolean;
}

/** A load worker started ahead of time (prewarmLoadWorker); a fresh one comes a moment after each load, not to compete with drawing the new run. */
const spare = new SpareWorker<Session>(() => startWorker(), 500);

/**
 * Starts a load worker now, for the next loadFiles, and a fresh one a moment
 * after each load (the app calls this once it has drawn its first page).
 */
export function prewarmLoadWorker(): void {
  spare.prewarm();
}

function takeSession(): Session | null {
  const s = spare.take();
  // One that could not start is dropped; a new one shows (to requestLoad) whether workers can start here.
  if (s !== null && !s.failedToStart) return s;
  s?.worker.terminate();
  return startWorker();
}

function startWorker(): Session | null {
  try {
    const worker = new Worker(new URL('./loadWorker.ts', import.meta.url), { type: 'module' });
    const session: Session = { worker, ready: false, failedToStart: false };
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isWorkerResponse(event.data)) session.ready = true;
    });
    worker.addEventListener('error', () => {
      if (!session.ready) session.failedToStart = true;
    });
    return session;
  } catch {
    return null;
  }
}

/**
 * Load inputs in workers, in order. Returns the index of the first input left
 * for the main thread: inputs.length when all are done, or the point where a
 * worker could not start.
 */
async function loadInWorkers(
  inputs: ReadonlyArray<LoadInput>,
  results: Array<FileLoadResult | undefined>,
  opts: LoadFilesOptions,
): Promise<number> {
  let session: Session | null = null;
  let nextId = 1;
  try {
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i] as LoadInput;
      if (opts.signal?.aborted) {
        results[i] = failed(cancelledError(safeName(input)));
        continue;
      }
      session ??= takeSession();
      if (session === null) return i;
      const outcome = await requestLoad(session, nextId++, input, opts);
      switch (outcome.kind) {
        case 'result':
          results[i] = outcome.result;
          break;
        case 'cancelled':
          results[i] = failed(cancelledError(safeName(input)));
          session.worker.terminate();
          session = null;
          break;
        case 'crash':
          results[i] = failed(crashError(input, outcome.error));
          session.worker.terminate();
          session = null;
          break;
        case 'not-sent':
          results[i] = await loadOne(input, opts);
          break;
        case 'no-start':
          session.worker.terminate();
          session = null;
          return i;
      }
    }
    return inputs.length;
  } finally {
    session?.worker.terminate();
    spare.usedUp();
  }
}

function crashError(input: LoadInput, error: unknown): LoadErrorInfo {
  const name = safeName(input);
  if (isOutOfMemory(error)) return tooLargeError(name, inputSize(input.data));
  return ioError(name, `the loader stopped unexpectedly (${errorMessage(error) || 'no reason given'})`);
}

/** Send one load request and wait for its result, a crash, or cancellation. */
function requestLoad(
  session: Session,
  id: number,
  input: LoadInput,
  opts: LoadFilesOptions,
): Promise<Outcome> {
  const { worker } = session;
  const { signal, onProgress } = opts;
  return new Promise<Outcome>((resolve) => {
    // Steps arrive in parts before the result; each part is rebuilt as it comes.
    const answer = new LoadAnswer(onProgress);
    const finish = (outcome: Outcome): void => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onMessageError);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onMessage = (event: MessageEvent<unknown>): void => {
      const message = event.data;
      if (!isWorkerResponse(message) || message.type === 'ready' || message.id !== id) return;
      const end = answer.take(message);
      if (end === null) return;
      finish(end.ok ? { kind: 'result', result: end.result } : { kind: 'crash', error: end.error });
    };
    const onError = (event: ErrorEvent | Event): void => {
      event.preventDefault();
      if (!session.ready) finish({ kind: 'no-start' });
      else finish({ kind: 'crash', error: (event as ErrorEvent).message ?? 'worker error' });
    };
    const onMessageError = (): void => {
      finish({ kind: 'crash', error: 'the loaded file could not be passed back to the page' });
    };
    const onAbort = (): void => finish({ kind: 'cancelled' });
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onMessageError);
    signal?.addEventListener('abort', onAbort, { once: true });
    const request: LoadRequest = { type: 'load', id, name: input.name, data: input.data };
    try {
      worker.postMessage(request);
    } catch {
      finish({ kind: 'not-sent' });
    }
  });
}
