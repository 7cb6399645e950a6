// The loading jobs' plumbing shared by every load of the session (files,
// URLs, runs opened from a store): one AbortController per job (Cancel
// aborts them all), progress coalesced into few store updates, and the
// notice of what a cancel left unloaded.
import type { FileProgress } from '../../store/loadingState.ts';
import { useLoadingStore } from '../../store/loadingStore.ts';

const controllers = new Map<number, AbortController>();

/** The AbortController of a job that Cancel stops; untrackJob when it ends. */
export function trackJob(jobId: number): AbortController {
  const ctrl = new AbortController();
  controllers.set(jobId, ctrl);
  return ctrl;
}

export function untrackJob(jobId: number): void {
  controllers.delete(jobId);
}

/** Cancels every load in flight; files not yet read come back as cancelled. */
export function cancelAllLoads(): void {
  for (const c of controllers.values()) c.abort();
}

/** Coalesces frequent progress reports into at most one store update per interval. */
export function progressSink(jobId: number): { report(p: FileProgress): void; stop(): void } {
  const pending = new Map<string, FileProgress>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const store = useLoadingStore.getState();
    for (const p of pending.values()) store.jobProgress(jobId, p);
    pending.clear();
  };
  return {
    report(p) {
      pending.set(p.fileName, p);
      if (timer === null) timer = setTimeout(flush, 60);
    },
    stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}

export function noteCancelled(cancelled: number): void {
  if (cancelled === 0) return;
  useLoadingStore
    .getState()
    .setNotice(`Loading cancelled: ${cancelled} ${cancelled === 1 ? 'file was' : 'files were'} not loaded.`);
}
