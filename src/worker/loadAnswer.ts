// The page's side of one load answer: a load worker's (or a store worker's
// `load-run`) progress, `steps` parts and final result for one request id,
// put back together into a FileLoadResult with the runs' steps as views on
// their parts (runTransfer.ts). Shared by loadClient and storeClient.
import type { FileLoadResult, LoadProgress } from '../model/types.ts';
import type { WorkerResponse } from './messages.ts';
import { RunAssembler } from './runTransfer.ts';

/** How an answer ended: its result, or why the result could not be put together. */
export type AnswerEnd =
  | { readonly ok: true; readonly result: FileLoadResult }
  | { readonly ok: false; readonly error: unknown };

export class LoadAnswer {
  private assembler = new RunAssembler();
  private partError: unknown = null;

  constructor(private readonly onProgress?: (p: LoadProgress) => void) {}

  /** Takes one message about this request; returns how the answer ended once it has, else null. */
  take(message: WorkerResponse): AnswerEnd | null {
    switch (message.type) {
      case 'ready':
        return null;
      case 'progress':
        this.onProgress?.(message.progress);
        return null;
      case 'steps':
        if (this.partError === null) {
          try {
            this.assembler.add(message.run, message.part);
          } catch (err) {
            this.partError = err;
          }
        }
        return null;
      case 'steps-reset':
        this.assembler = new RunAssembler();
        this.partError = null;
        return null;
      case 'result':
        return { ok: true, result: message.result };
      case 'packed-result':
        if (this.partError !== null) return { ok: false, error: this.partError };
        try {
          return {
            ok: true,
            result: { ...message.result, runs: this.assembler.finish(message.result.runs) },
          };
        } catch (err) {
          return { ok: false, error: err };
        }
    }
  }
}
