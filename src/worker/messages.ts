// Typed messages between the page (loadClient.ts) and the load worker
// (loadWorker.ts). The page sends one `load` request at a time; the worker
// answers with any number of `progress` messages and then one `result` for
// the same id. `ready` is posted once when the worker module has started, so
// the page can tell "worker failed to start" from "worker died while loading".
// Loaded runs travel packed (runTransfer.ts: columns and transferred buffers):
// their steps first, in `steps` parts (a streamed run's while the file is
// still being read), then the runs in a `packed-result`; failures travel as a
// plain `result`. `steps-reset` drops the parts sent so far (the streaming
// loader handed the file to the plain loader after sending some).
import type { FileLoadResult, LoadProgress, RunWarning } from '../model/types.ts';
import type { PackedRun, PackedSteps } from './runTransfer.ts';

/** Page -> worker. */
export interface LoadRequest {
  readonly type: 'load';
  /** Request id, echoed in every answer about this file. */
  readonly id: number;
  readonly name: string;
  /** A Blob/File is read inside the worker; bytes are copied (not transferred). */
  readonly data: Blob | Uint8Array;
}

export type WorkerRequest = LoadRequest;

/** Worker -> page: the worker module is up and listening. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Worker -> page: bytes read so far and steps merged so far for request `id`. */
export interface ProgressMessage {
  readonly type: 'progress';
  readonly id: number;
  readonly progress: LoadProgress;
}

/** Worker -> page: the final answer for request `id` (never followed by more messages for it). */
export interface ResultMessage {
  readonly type: 'result';
  readonly id: number;
  readonly result: FileLoadResult;
}

/** Worker -> page: the next steps of run `run` (0-based in the file) of request `id`. */
export interface StepsMessage {
  readonly type: 'steps';
  readonly id: number;
  readonly run: number;
  readonly part: PackedSteps;
}

/** Worker -> page: forget the `steps` parts received so far for request `id`; the right ones follow. */
export interface StepsResetMessage {
  readonly type: 'steps-reset';
  readonly id: number;
}

/** A successful FileLoadResult whose runs come without steps (those came in `steps` messages). */
export interface PackedFileLoadResult {
  readonly ok: true;
  readonly fileName: string;
  readonly runs: readonly PackedRun[];
  readonly warnings?: readonly RunWarning[];
}

/** Worker -> page: the final answer for request `id` when it has runs, packed. */
export interface PackedResultMessage {
  readonly type: 'packed-result';
  readonly id: number;
  readonly result: PackedFileLoadResult;
}

export type WorkerResponse =
  | ReadyMessage
  | ProgressMessage
  | StepsMessage
  | StepsResetMessage
  | ResultMessage
  | PackedResultMessage;

/** Narrow an unknown `MessageEvent.data` to a WorkerResponse. */
export function isWorkerResponse(value: unknown): value is WorkerResponse {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return (
    type === 'ready' ||
    type === 'progress' ||
    type === 'steps' ||
    type === 'steps-reset' ||
    type === 'result' ||
    type === 'packed-result'
  );
}

/** Narrow an unknown `MessageEvent.data` to a WorkerRequest. */
export function isWorkerRequest(value: unknown): value is WorkerRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; id?: unknown; name?: unknown };
  return v.type === 'load' && typeof v.id === 'number' && typeof v.name === 'string';
}
