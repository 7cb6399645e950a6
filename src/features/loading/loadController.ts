// Loads files into the session: the one path every source (file picker, drop,
// paste, ?url, samples) goes through. Bytes go to loadFiles (worker, with a
// main-thread fallback); good runs are registered (ids made unique) and added
// to the store; each failed file becomes a dismissible alert; runs already
// loaded always stay. Progress and cancellation go through the loading store.
import type { FileLoadResult, LoadErrorInfo, LoadProgress } from '../../model/types.ts';
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

export interface Accepted {
  /** Ids of the runs added, in file order. */
  readonly ids: string[];
  /** Files that came back cancelled. */
  readonly cancelled: number;
}

/**
 * Registers the good runs and reports the failed files (one alert each).
 * With `activate`, the first new run becomes the active one, unless adding
 * the runs already chose one (a URL hash naming it).
 */
export function acceptResults(results: readonly FileLoadResult[], activate: boolean): Accepted {
  const explorer = useExplorerStore.getState();
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
  const first = ids[0];
  if (first !== undefined) {
    const before = useExplorerStore.getState().activeRunId;
    explorer.addRuns(ids);
    if (activate && useExplorerStore.getState().activeRunId === before) {
      useExplorerStore.getState().setActiveRun(first);
    }
  }
  return { ids, cancelled };
}

function noteCancelled(cancelled: number): void {
  if (cancelled === 0) return;
  useLoadingStore
    .getState()
    .setNotice(`Loading cancelled: ${cancelled} ${cancelled === 1 ? 'file was' : 'files were'} not loaded.`);
}

/** Reads files into results (a progress job while it runs); nothing is added to the session yet. */
async function readInputs(inputs: readonly LoadInput[]): Promise<FileLoadResult[]> {
  const jobId = useLoadingStore.getState().startJob(
    'read',
    inputs.map((i) => ({ name: i.name, totalBytes: sizeOf(i.data) })),
  );
  const ctrl = new AbortController();
  controllers.set(jobId, ctrl);
  const sink = progressSink(jobId);
  try {
    return await loadFiles(
      inputs.map((i) => ({ name: i.name, data: i.data })),
      { signal: ctrl.signal, onProgress: (p: LoadProgress) => sink.report(p) },
    );
  } catch (e) {
    // loadFiles promises never to throw; if it does, say so per file rather than lose it.
    const why = e instanceof Error ? e.message : String(e);
    return inputs.map((i) => failure(i.name, 'io', `${i.name}: could not be read: ${why}`));
  } finally {
    sink.stop();
    controllers.delete(jobId);
    useLoadingStore.getState().finishJob(jobId);
  }
}

function failure(fileName: string, kind: LoadErrorInfo['kind'], message: string): FileLoadResult {
  return { ok: false, fileName, error: { fileName, kind, message } };
}

/**
 * Loads files (picked, dropped or pasted). When runs are already open, the
 * first new one is shown. Resolves with the ids of the runs added.
 */
export async function loadInputs(inputs: readonly LoadInput[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const results = await readInputs(inputs);
  const accepted = acceptResults(results, useExplorerStore.getState().activeRunId !== null);
  noteCancelled(accepted.cancelled);
  return accepted.ids;
}

/** Loads text typed or pasted by the user, as a file named "pasted.json". */
export function loadPastedText(text: string): Promise<string[]> {
  return loadInputs([{ name: 'pasted.json', data: new Blob([text], { type: 'application/json' }) }]);
}

/**
 * Downloads each URL (streaming, with progress) and reads it as soon as it
 * has arrived; runs are added in URL order, so a small file listed before a
 * big one shows while the big one still downloads. A failed download is an
 * alert; Cancel stops what is still in flight and keeps what has loaded.
 */
export async function loadUrls(urls: readonly string[]): Promise<string[]> {
  if (urls.length === 0) return [];
  const names = urls.map((u) => fileNameForUrl(u));
  const jobId = useLoadingStore.getState().startJob(
    'download',
    names.map((name) => ({ name, totalBytes: 0 })),
  );
  const ctrl = new AbortController();
  controllers.set(jobId, ctrl);
  const sink = progressSink(jobId);
  let downloading = urls.length;
  const downloaded = () => {
    downloading--;
    if (downloading > 0) return;
    sink.stop();
    controllers.delete(jobId);
    useLoadingStore.getState().finishJob(jobId);
  };

  const reads = urls.map((url, i) => {
    const name = names[i]!;
    return fetchToBlob(url, ctrl.signal, (bytesRead, totalBytes) =>
      sink.report({ fileName: name, bytesRead, totalBytes }),
    ).then(
      (d) => {
        downloaded();
        return readInputs([{ name: d.name, data: d.blob }]);
      },
      (err: unknown) => {
        downloaded();
        if (ctrl.signal.aborted) return [failure(name, 'cancelled', `${name}: loading was cancelled`)];
        const why = err instanceof Error ? err.message : String(err);
        return [failure(name, 'io', `${name}: could not download ${url}: ${why}`)];
      },
    );
  });

  let activate = useExplorerStore.getState().activeRunId !== null;
  const ids: string[] = [];
  let cancelled = 0;
  for (const read of reads) {
    const accepted = acceptResults(await read, activate);
    if (accepted.ids.length > 0) activate = false;
    ids.push(...accepted.ids);
    cancelled += accepted.cancelled;
  }
  noteCancelled(cancelled);
  return ids;
}

/** Loads the built-in samples shipped in public/samples/, relative to the document base. */
export function loadSamples(): Promise<string[]> {
  return loadUrls(sampleUrls(document.baseURI));
}
