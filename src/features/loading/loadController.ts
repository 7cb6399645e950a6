// Loads files into the session: the one path every source (file picker, drop,
// paste, ?url, samples) goes through. Bytes go to loadFiles (worker, with a
// main-thread fallback); good runs are registered (ids made unique) and added
// to the store; each failed file becomes a dismissible alert; runs already
// loaded always stay. Progress and cancellation go through the loading store.
import type { FileLoadResult, LoadProgress } from '../../model/types.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';
import type { FileProgress } from '../../store/loadingState.ts';
import { useLoadingStore } from '../../store/loadingStore.ts';
import { hasRun, registerRun } from '../../store/runRegistry.ts';
import { loadFiles } from '../../worker/loadClient.ts';
import { fetchToBlob } from './fetchToBlob.ts';
import { withUniqueId } from './uniqueRunId.ts';
import { fileNameForUrl, sampleUrls } from './urlSources.ts';

export interface LoadInput {
  readonly name: string;
  readonly data: Blob | Uint8Array;
}

const controllers = new Map<number, AbortController>();

/** Cancels every load in flight; files not yet read come back as cancelled. */
export function cancelAllLoads(): void {
  for (const c of controllers.values()) c.abort();
}

function sizeOf(data: Blob | Uint8Array): number {
  return 'byteLength' in data ? data.byteLength : data.size;
}

/** Coalesces frequent progress reports into at most one store update per interval. */
function progressSink(jobId: number): { report(p: FileProgress): void; stop(): void } {
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

/** Registers the good runs, reports the failed files; returns the ids of the runs added. */
export function acceptResults(results: readonly FileLoadResult[]): string[] {
  const explorer = useExplorerStore.getState();
  const hadActive = explorer.activeRunId !== null;
  const ids: string[] = [];
  let cancelled = 0;
  for (const r of results) {
    if (r.ok) {
      for (const run of r.runs) {
        const unique = withUniqueId(run, hasRun);
        registerRun(unique);
        ids.push(unique.id);
      }
    } else if (r.error.kind === 'cancelled') {
      cancelled++;
    } else {
      explorer.addLoadError(r.fileName, r.error.message);
    }
  }
  if (ids.length > 0) {
    explorer.addRuns(ids);
    // A later load shows what was just opened; the first load leaves the choice
    // to addRuns (and to a URL hash naming a run).
    const first = ids[0];
    if (hadActive && first !== undefined) useExplorerStore.getState().setActiveRun(first);
  }
  if (cancelled > 0) {
    useLoadingStore
      .getState()
      .setNotice(
        `Loading cancelled: ${cancelled} ${cancelled === 1 ? 'file was' : 'files were'} not loaded.`,
      );
  }
  return ids;
}

async function readJob(
  jobId: number,
  ctrl: AbortController,
  inputs: readonly LoadInput[],
): Promise<string[]> {
  const sink = progressSink(jobId);
  let results: FileLoadResult[];
  try {
    results = await loadFiles(
      inputs.map((i) => ({ name: i.name, data: i.data })),
      { signal: ctrl.signal, onProgress: (p: LoadProgress) => sink.report(p) },
    );
  } catch (e) {
    // loadFiles promises never to throw; if it does, say so per file rather than lose it.
    const message = e instanceof Error ? e.message : String(e);
    results = inputs.map((i) => ({
      ok: false,
      fileName: i.name,
      error: { fileName: i.name, kind: 'io', message: `${i.name}: could not be read: ${message}` },
    }));
  } finally {
    sink.stop();
  }
  return acceptResults(results);
}

/** Loads files (picked, dropped or pasted). Resolves with the ids of the runs added. */
export async function loadInputs(inputs: readonly LoadInput[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const loading = useLoadingStore.getState();
  const jobId = loading.startJob(
    'read',
    inputs.map((i) => ({ name: i.name, totalBytes: sizeOf(i.data) })),
  );
  const ctrl = new AbortController();
  controllers.set(jobId, ctrl);
  try {
    return await readJob(jobId, ctrl, inputs);
  } finally {
    controllers.delete(jobId);
    useLoadingStore.getState().finishJob(jobId);
  }
}

/** Loads text typed or pasted by the user, as a file named "pasted.json". */
export function loadPastedText(text: string): Promise<string[]> {
  return loadInputs([{ name: 'pasted.json', data: new Blob([text], { type: 'application/json' }) }]);
}

/** Downloads each URL (streaming, with progress), then loads what arrived. Failed downloads become alerts. */
export async function loadUrls(urls: readonly string[]): Promise<string[]> {
  if (urls.length === 0) return [];
  const names = urls.map((u) => fileNameForUrl(u));
  const loading = useLoadingStore.getState();
  const jobId = loading.startJob(
    'download',
    names.map((name) => ({ name, totalBytes: 0 })),
  );
  const ctrl = new AbortController();
  controllers.set(jobId, ctrl);
  const sink = progressSink(jobId);
  try {
    const settled = await Promise.allSettled(
      urls.map((url, i) =>
        fetchToBlob(url, ctrl.signal, (bytesRead, totalBytes) =>
          sink.report({ fileName: names[i]!, bytesRead, totalBytes }),
        ),
      ),
    );
    sink.stop();
    const inputs: LoadInput[] = [];
    let cancelled = 0;
    settled.forEach((s, i) => {
      const name = names[i]!;
      if (s.status === 'fulfilled') {
        inputs.push({ name: s.value.name, data: s.value.blob });
      } else if (ctrl.signal.aborted) {
        cancelled++;
      } else {
        const why = s.reason instanceof Error ? s.reason.message : String(s.reason);
        useExplorerStore.getState().addLoadError(name, `${name}: could not download ${urls[i]}: ${why}`);
      }
    });
    if (cancelled > 0) {
      useLoadingStore
        .getState()
        .setNotice(
          `Loading cancelled: ${cancelled} ${cancelled === 1 ? 'file was' : 'files were'} not loaded.`,
        );
    }
    if (inputs.length === 0 || ctrl.signal.aborted) return [];
    useLoadingStore.getState().setJobPhase(
      jobId,
      'read',
      inputs.map((i) => ({ name: i.name, totalBytes: sizeOf(i.data) })),
    );
    return await readJob(jobId, ctrl, inputs);
  } finally {
    sink.stop();
    controllers.delete(jobId);
    useLoadingStore.getState().finishJob(jobId);
  }
}

/** Loads the built-in samples shipped in public/samples/, relative to the document base. */
export function loadSamples(): Promise<string[]> {
  return loadUrls(sampleUrls(document.baseURI));
}
