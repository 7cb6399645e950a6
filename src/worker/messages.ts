// Typed messages between the page (loadClient.ts) and the load worker
// (loadWorker.ts). The page sends one `load` request at a time; the worker
// answers with any number of `progress` messages and then one `result` for
// the same id. `ready` is posted once when the worker module has started, so
// the page can tell "worker failed to start" from "worker died while loading".
import type { FileLoadResult, LoadProgress } from '../model/types.ts';

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

export type WorkerResponse = ReadyMessage | ProgressMessage | ResultMessage;

/** Narrow an unknown `MessageEvent.data` to a WorkerResponse. */
export function isWorkerResponse(value: unknown): value is WorkerResponse {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'progress' || type === 'result';
}

/** Narrow an unknown `MessageEvent.data` to a WorkerRequest. */
export function isWorkerRequest(value: unknown): value is WorkerRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; id?: unknown; name?: unknown };
  return v.type === 'load' && typeof v.id === 'number' && typeof v.name === 'string';
}
