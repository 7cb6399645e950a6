// What the load worker does with one request: load the file with loadOne and
// post throttled progress and then the result (runs packed, their buffers
// transferred: runTransfer.ts). Kept apart from the worker entry
// (loadWorker.ts) so tests can drive it without a real Worker.
import type { ChunkStream } from '../model/stream/streamSource.ts';
import type { FileLoadResult, LoadProgress, Step } from '../model/types.ts';
import { errorFromException, failed } from './loadErrors.ts';
import { inputSize, loadOne } from './loadOne.ts';
import type { LoadRequest, PackedFileLoadResult, WorkerResponse } from './messages.ts';
import { packRunHeader, packSteps, partBuffers } from './runTransfer.ts';

/** Posts a message to the page, moving the listed buffers with it. */
export type PostToPage = (message: WorkerResponse, transfer?: Transferable[]) => void;

/** Progress messages closer together than this are coalesced (the latest one wins). */
const PROGRESS_INTERVAL_MS = 100;
/** Steps per `steps` message: parts go while the file is still read, so little is left to send at the end. */
const STEPS_PER_PART = 8192;

export interface HandleOptions {
  /** Steps per `steps` message (tests use small parts). */
  readonly stepsPerPart?: number;
  /** Reads a Blob/File on another thread (the worker entry passes its reader worker). */
  readonly openBlob?: (blob: Blob) => ChunkStream | null;
}

export async function handleLoadRequest(
  request: LoadRequest,
  post: PostToPage,
  opts: HandleOptions = {},
): Promise<void> {
  let lastPosted = Number.NEGATIVE_INFINITY;
  let pending: LoadProgress | null = null;
  const flush = (): void => {
    if (pending === null) return;
    try {
      post({ type: 'progress', id: request.id, progress: pending });
    } catch {
      // A lost progress message is harmless; the result still follows.
    }
    pending = null;
    lastPosted = Date.now();
  };
  const onProgress = (p: LoadProgress): void => {
    pending = p;
    if (Date.now() - lastPosted >= PROGRESS_INTERVAL_MS) flush();
  };
  const stepsPerPart = Math.max(1, opts.stepsPerPart ?? STEPS_PER_PART);
  // A streamed run's steps go to the page in whole parts while the file is still being read,
  // and the rest once they are all made, so little is left to pack and copy at the end.
  const early: EarlySteps = { steps: null, sent: 0, error: null };
  const onStepsMade = (steps: readonly Step[], all: boolean): void => {
    if (early.error !== null) return;
    const whole = Math.floor((steps.length - early.sent) / stepsPerPart) * stepsPerPart;
    const to = all ? steps.length : early.sent + whole;
    try {
      postSteps(request.id, 0, steps, early.sent, to, stepsPerPart, post);
      early.steps = steps;
      early.sent = to;
    } catch (err) {
      early.error = err;
    }
  };
  const result = await loadOne(
    { name: request.name, data: request.data },
    { onProgress, onStepsMade, ...(opts.openBlob ? { openBlob: opts.openBlob } : {}) },
  );
  flush();
  postResult(request, result, post, stepsPerPart, early);
}

/** The steps of the first run posted before its result, or why they could not be. */
interface EarlySteps {
  /** The steps array they came from (the streamed run's, if it is the result). */
  steps: readonly Step[] | null;
  sent: number;
  error: unknown;
}

/** Posts steps [from, to) of run `run` in parts. */
function postSteps(
  id: number,
  run: number,
  steps: readonly Step[],
  from: number,
  to: number,
  stepsPerPart: number,
  post: PostToPage,
): void {
  for (let at = from; at < to; at += stepsPerPart) {
    const part = packSteps(steps, at, Math.min(to, at + stepsPerPart));
    post({ type: 'steps', id, run, part }, partBuffers(part));
  }
}

/** Posts a finished load's result as for a `load` request: its steps in parts, then the packed runs. */
export function postLoadResult(
  request: LoadRequest,
  result: FileLoadResult,
  post: PostToPage,
  stepsPerPart = STEPS_PER_PART,
): void {
  postResult(request, result, post, stepsPerPart, { steps: null, sent: 0, error: null });
}

function postResult(
  request: LoadRequest,
  result: FileLoadResult,
  post: PostToPage,
  stepsPerPart: number,
  early: EarlySteps,
): void {
  try {
    if (result.ok) {
      const { id } = request;
      if (early.error !== null) throw early.error;
      // Parts of a streamed run that is not the result (the plain loader took over): dropped.
      let sent = early.sent;
      if (sent > 0 && result.runs[0]?.steps !== early.steps) {
        post({ type: 'steps-reset', id });
        sent = 0;
      }
      result.runs.forEach((run, k) => {
        const from = k === 0 ? sent : 0;
        postSteps(id, k, run.steps, from, run.steps.length, stepsPerPart, post);
      });
      const transfer: Transferable[] = [];
      const runs = result.runs.map((run) => {
        const p = packRunHeader(run);
        transfer.push(...p.transfer);
        return p.header;
      });
      const packed: PackedFileLoadResult = { ...result, runs };
      post({ type: 'packed-result', id, result: packed }, transfer);
    } else {
      post({ type: 'result', id: request.id, result });
    }
  } catch (err) {
    // The result could not be copied to the page (too big, or not cloneable).
    const error = errorFromException(request.name, inputSize(request.data), err);
    post({ type: 'result', id: request.id, result: failed(error) });
  }
}
