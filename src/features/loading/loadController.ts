// Loads files into the session: the one path every source (file picker, drop,
// paste, ?url, samples, files served by the command line) goes through. Each
// input is sniffed by its first bytes: SQLite stores go to openStore (a store
// worker; they are registered and shown in the run browser), everything else
// to loadFiles (worker, with a main-thread fallback); good runs are registered
// (ids made unique) and added to the store; each failed file or store becomes
// a dismissible alert; runs and stores already loaded always stay. Runs opened
// from a store come back through the same acceptResults. Progress and
// cancellation go through the loading store.
import type { FileLoadResult, LoadErrorInfo, LoadProgress } from '../../model/types.ts';
import { useBrowserStore } from '../../store/browserStore.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { useLoadingStore } from '../../store/loadingStore.ts';
import { registerStore } from '../../store/storeRegistry.ts';
import { loadFiles } from '../../worker/loadClient.ts';
import { looksLikeSqlite, type OpenStoreResult, openStore } from '../../worker/storeClient.ts';
import { type Accepted, acceptResults } from './acceptResults.ts';
import { fetchToBlob } from './fetchToBlob.ts';
import { listLoadedRuns } from './loadedRunList.ts';
import { noteCancelled, progressSink, trackJob, untrackJob } from './loadJobs.ts';
import { fileNameForUrl, sampleUrls } from './urlSources.ts';

export interface LoadInput {
  readonly name: string;
  readonly data: Blob | Uint8Array;
}

function sizeOf(data: Blob | Uint8Array): number {
  return 'byteLength' in data ? data.byteLength : data.size;
}

/** What reading a batch of inputs gave; nothing is added to the session yet. */
interface ReadOutcome {
  /** One per input that is not a store, in input order. */
  readonly results: FileLoadResult[];
  /** One per store, in input order; null when the load was cancelled before it opened. */
  readonly stores: Array<OpenStoreResult | null>;
}

/** Opens one store; a store that opens after Cancel is closed again and counts as cancelled. */
async function openOneStore(input: LoadInput, signal: AbortSignal): Promise<OpenStoreResult | null> {
  let opened: OpenStoreResult;
  try {
    opened = await openStore(input.name, input.data);
  } catch (e) {
    // openStore promises never to throw; if it does, say so rather than lose it.
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { fileName: input.name, kind: 'io', message: `${input.name}: ${why}` } };
  }
  if (signal.aborted) {
    if (opened.ok) opened.store.close();
    return null;
  }
  return opened;
}

/**
 * Reads inputs (a progress job while it runs): each is sniffed by its header,
 * stores are opened, the other files read into results.
 */
async function readInputs(inputs: readonly LoadInput[]): Promise<ReadOutcome> {
  const isStore = await Promise.all(inputs.map((i) => looksLikeSqlite(i.data)));
  const files = inputs.filter((_, at) => !isStore[at]);
  const stores = inputs.filter((_, at) => isStore[at]);
  const jobId = useLoadingStore.getState().startJob('read', [
    ...files.map((i) => ({ name: i.name, totalBytes: sizeOf(i.data) })),
    // Opening a store reads only what it needs, in no predictable amount: no byte count.
    ...stores.map((i) => ({ name: i.name, totalBytes: 0 })),
  ]);
  const ctrl = trackJob(jobId);
  const sink = progressSink(jobId);
  const readFiles = async (): Promise<FileLoadResult[]> => {
    if (files.length === 0) return [];
    try {
      return await loadFiles(
        files.map((i) => ({ name: i.name, data: i.data })),
        { signal: ctrl.signal, onProgress: (p: LoadProgress) => sink.report(p) },
      );
    } catch (e) {
      // loadFiles promises never to throw; if it does, say so per file rather than lose it.
      const why = e instanceof Error ? e.message : String(e);
      return files.map((i) => failure(i.name, 'io', `${i.name}: could not be read: ${why}`));
    }
  };
  try {
    const [results, opened] = await Promise.all([
      readFiles(),
      Promise.all(stores.map((i) => openOneStore(i, ctrl.signal))),
    ]);
    return { results, stores: opened };
  } finally {
    sink.stop();
    untrackJob(jobId);
    useLoadingStore.getState().finishJob(jobId);
  }
}

/** Registers the stores that opened (the run browser shows the last one) and reports those that did not. */
export function acceptStores(stores: ReadOutcome['stores']): { opened: number; cancelled: number } {
  let opened = 0;
  let cancelled = 0;
  for (const r of stores) {
    if (r === null) cancelled++;
    else if (r.ok) {
      registerStore(r.store);
      useBrowserStore.getState().addStore(r.store.id);
      opened++;
    } else {
      useExplorerStore.getState().addLoadError(r.error.fileName, r.error.message);
    }
  }
  return { opened, cancelled };
}

/** acceptResults and acceptStores on one outcome. */
function accept(outcome: ReadOutcome, activate: boolean): Accepted {
  const files = acceptResults(outcome.results, activate);
  const stores = acceptStores(outcome.stores);
  return { ids: files.ids, cancelled: files.cancelled + stores.cancelled };
}

function failure(fileName: string, kind: LoadErrorInfo['kind'], message: string): FileLoadResult {
  return { ok: false, fileName, error: { fileName, kind, message } };
}

/**
 * Loads files (picked, dropped or pasted). When runs are already open, the
 * first new one is shown. Two or more runs (a FileStorage database, many
 * files) are also listed in the run browser (loadedRunList.ts). Resolves
 * with the ids of the runs added.
 */
export async function loadInputs(inputs: readonly LoadInput[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const outcome = await readInputs(inputs);
  const accepted = accept(outcome, useExplorerStore.getState().activeRunId !== null);
  noteCancelled(accepted.cancelled);
  listLoadedRuns(accepted.ids);
  return accepted.ids;
}

/** Loads text typed or pasted by the user, as a file named "pasted.json". */
export function loadPastedText(text: string): Promise<string[]> {
  return loadInputs([{ name: 'pasted.json', data: new Blob([text], { type: 'application/json' }) }]);
}

/**
 * Downloads each URL (streaming, with progress) and reads it (or opens it as
 * a store) as soon as it has arrived; runs are added in URL order, so a small file listed before a
 * big one shows while the big one still downloads. A failed download is an
 * alert; Cancel stops what is still in flight and keeps what has loaded.
 * Two or more runs are also listed in the run browser (not for the samples).
 */
export async function loadUrls(urls: readonly string[], opts: { list?: boolean } = {}): Promise<string[]> {
  if (urls.length === 0) return [];
  const names = urls.map((u) => fileNameForUrl(u));
  const jobId = useLoadingStore.getState().startJob(
    'download',
    names.map((name) => ({ name, totalBytes: 0 })),
  );
  const ctrl = trackJob(jobId);
  const sink = progressSink(jobId);
  let downloading = urls.length;
  const downloaded = () => {
    downloading--;
    if (downloading > 0) return;
    sink.stop();
    untrackJob(jobId);
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
        const why = err instanceof Error ? err.message : String(err);
        const result = ctrl.signal.aborted
          ? failure(name, 'cancelled', `${name}: loading was cancelled`)
          : failure(name, 'io', `${name}: could not download ${url}: ${why}`);
        return { results: [result], stores: [] } satisfies ReadOutcome;
      },
    );
  });

  let activate = useExplorerStore.getState().activeRunId !== null;
  const ids: string[] = [];
  let cancelled = 0;
  for (const read of reads) {
    const accepted = accept(await read, activate);
    if (accepted.ids.length > 0) activate = false;
    ids.push(...accepted.ids);
    cancelled += accepted.cancelled;
  }
  noteCancelled(cancelled);
  if (opts.list !== false) listLoadedRuns(ids);
  return ids;
}

/** Loads the built-in samples shipped in public/samples/, relative to the document base. */
export function loadSamples(): Promise<string[]> {
  return loadUrls(sampleUrls(document.baseURI), { list: false });
}
