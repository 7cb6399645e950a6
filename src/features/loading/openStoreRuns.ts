// Opening runs of a store (or of a list of loaded files) from the run browser.
import type { StoreRun } from '../../model/store/storeTypes.ts';
import type { FileLoadResult, LoadProgress } from '../../model/types.ts';
import { useBrowserStore } from '../../store/browserStore.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { useLoadingStore } from '../../store/loadingStore.ts';
import { getRun } from '../../store/runRegistry.ts';
import { openedRun, rememberOpenedRun } from '../../store/storeRegistry.ts';
import type { StoreHandle } from '../../worker/storeClient.ts';
import { acceptResults } from './acceptResults.ts';
import { noteCancelled, progressSink, trackJob, untrackJob } from './loadJobs.ts';

/**
 * Opens runs of a store in the explorer: they load in the store's worker (a
 * progress job with Cancel while they do) and arrive through acceptResults,
 * so they join "Loaded runs" like a file's; the first becomes the active run
 * and the explorer is shown. A run opened before and still loaded is shown
 * again rather than loaded twice. A run that fails is an alert naming the
 * store, table and row. Resolves with the ids of the runs shown.
 */
export async function openStoreRuns(store: StoreHandle, runs: readonly StoreRun[]): Promise<string[]> {
  if (runs.length === 0) return [];
  const loaded = useExplorerStore.getState().runIds;
  const already = new Map<number, string>();
  for (const r of runs) {
    const id = openedRun(store.id, r.key);
    if (id !== undefined && loaded.includes(id) && getRun(id)) already.set(r.key, id);
  }
  const toLoad = runs.filter((r) => !already.has(r.key));
  const shown: Array<string | undefined> = runs.map((r) => already.get(r.key));
  let cancelled = 0;
  if (toLoad.length > 0) {
    const jobId = useLoadingStore.getState().startJob(
      'read',
      // The names the store's loader reports progress under (store › table › id).
      toLoad.map((r) => ({ name: `${store.info.fileName} › ${r.table} › ${r.id}`, totalBytes: 0 })),
    );
    const ctrl = trackJob(jobId);
    const sink = progressSink(jobId);
    let results: FileLoadResult[];
    try {
      results = await store.openRuns(
        toLoad.map((r) => r.key),
        { signal: ctrl.signal, onProgress: (p: LoadProgress) => sink.report(p) },
      );
    } finally {
      sink.stop();
      untrackJob(jobId);
      useLoadingStore.getState().finishJob(jobId);
    }
    // One result per run, in order: register each alone to know which run it became.
    toLoad.forEach((r, i) => {
      const result = results[i];
      if (!result) return;
      const accepted = acceptResults([result], false);
      cancelled += accepted.cancelled;
      const id = accepted.ids[0];
      if (id !== undefined) {
        rememberOpenedRun(store.id, r.key, id);
        shown[runs.indexOf(r)] = id;
      }
    });
  }
  noteCancelled(cancelled);
  const ids = shown.filter((id): id is string => id !== undefined);
  const first = ids[0];
  if (first !== undefined) {
    useExplorerStore.getState().setActiveRun(first);
    useBrowserStore.getState().setView('explorer');
  }
  return ids;
}
