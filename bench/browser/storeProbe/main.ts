// The store benchmark's probe page: what the run browser does with a dropped
// store, through the app's own clients and workers, with timestamps and no
// UI. A store given to #store is opened with openStore (the store worker reads
// the File page by page and builds the run index) and its first page (the run
// browser's first query: newest first, PAGE_SIZE runs and the count) is put
// into the table; window.__storeProbe then runs the measured tasks: run-list
// queries, opening a run from the store, and loading a history file given to
// #json with loadFiles (the app's load worker), for the same run.
import { PAGE_SIZE } from '../../../src/features/run-browser/runWindow.ts';
import {
  DEFAULT_RUN_QUERY,
  type RunQuery,
  type StoreInfo,
  type StoreRun,
} from '../../../src/model/store/storeTypes.ts';
import type { FileLoadResult } from '../../../src/model/types.ts';
import { loadFiles, prewarmLoadWorker } from '../../../src/worker/loadClient.ts';
import { openStore, type StoreHandle } from '../../../src/worker/storeClient.ts';

/** A listed run's fields the benchmark compares with sqlite3's answer. */
export type ListedFields = Pick<
  StoreRun,
  | 'id'
  | 'executionId'
  | 'fsmName'
  | 'status'
  | 'startTime'
  | 'endTime'
  | 'steps'
  | 'failed'
  | 'skipped'
  | 'metadata'
>;

export interface StoreProbeState {
  /** The store input's change event (the File is in the page). */
  storeGiven: number;
  /** openStore answered (the run index is built). */
  opened: number;
  /** The first page's query answered. */
  queried: number;
  /** The first row is in the table's DOM. */
  firstRow: number;
  error: string | null;
  info: StoreInfo | null;
  /** The first page: how many runs match, and its rows. */
  total: number;
  firstPage: ListedFields[];
  jsonFile: File | null;
}

export interface TaskTiming {
  readonly ms: number;
  readonly ok: boolean;
  readonly detail: string;
  readonly steps?: number;
  readonly total?: number;
}

const state: StoreProbeState = {
  storeGiven: -1,
  opened: -1,
  queried: -1,
  firstRow: -1,
  error: null,
  info: null,
  total: 0,
  firstPage: [],
  jsonFile: null,
};
let store: StoreHandle | null = null;

const status = document.getElementById('status')!;
const body = document.querySelector('tbody')!;
const storeInput = document.getElementById('store') as HTMLInputElement;
const jsonInput = document.getElementById('json') as HTMLInputElement;

function render(rows: readonly StoreRun[]): void {
  const frag = document.createDocumentFragment();
  for (const r of rows) {
    const tr = document.createElement('tr');
    for (const v of [r.executionId ?? r.id, r.fsmName, r.status, r.startTime, r.steps, r.failed, r.kind]) {
      const td = document.createElement('td');
      td.textContent = v === null ? '' : String(v);
      tr.appendChild(td);
    }
    frag.appendChild(tr);
  }
  body.replaceChildren(frag);
}

const fields = (r: StoreRun): ListedFields => ({
  id: r.id,
  executionId: r.executionId,
  fsmName: r.fsmName,
  status: r.status,
  startTime: r.startTime,
  endTime: r.endTime,
  steps: r.steps,
  failed: r.failed,
  skipped: r.skipped,
  metadata: r.metadata,
});

storeInput.addEventListener('change', () => {
  const file = storeInput.files?.[0];
  if (!file) return;
  state.storeGiven = performance.now();
  state.opened = state.queried = state.firstRow = -1;
  state.error = null;
  store?.close();
  store = null;
  void (async () => {
    const r = await openStore(file.name, file);
    state.opened = performance.now();
    if (!r.ok) {
      state.error = r.error.message;
      status.textContent = `error: ${r.error.message}`;
      return;
    }
    store = r.store;
    state.info = r.store.info;
    try {
      const page = await r.store.query(DEFAULT_RUN_QUERY, 0, PAGE_SIZE);
      state.queried = performance.now();
      state.total = page.total;
      state.firstPage = page.rows.map(fields);
      render(page.rows);
      state.firstRow = performance.now();
      status.textContent = `${page.total} runs`;
    } catch (err) {
      state.error = err instanceof Error ? err.message : String(err);
      status.textContent = `error: ${state.error}`;
    }
  })();
});

jsonInput.addEventListener('change', () => {
  state.jsonFile = jsonInput.files?.[0] ?? null;
});

function stepsOf(r: FileLoadResult | undefined): { ok: boolean; steps: number; detail: string } {
  if (!r) return { ok: false, steps: 0, detail: 'no result' };
  if (!r.ok) return { ok: false, steps: 0, detail: r.error.message };
  return { ok: true, steps: r.runs.reduce((n, run) => n + run.steps.length, 0), detail: r.fileName };
}

function openedStore(): StoreHandle {
  if (!store) throw new Error('no store open');
  return store;
}

const probe = {
  state,
  /** One page of `q` and its count, as the run browser asks for them. */
  async query(q: RunQuery): Promise<TaskTiming> {
    const t0 = performance.now();
    const page = await openedStore().query(q, 0, PAGE_SIZE);
    const ms = performance.now() - t0;
    return { ms, ok: true, detail: `${page.rows.length} rows`, total: page.total };
  },
  async facets(): Promise<TaskTiming> {
    const t0 = performance.now();
    const f = await openedStore().facets();
    return { ms: performance.now() - t0, ok: true, detail: `${f.fsmNames.length} fsm names` };
  },
  /** Opens the run whose execution id is `executionId` (found first, not timed) from the store. */
  async openRun(executionId: string): Promise<TaskTiming> {
    const s = openedStore();
    const page = await s.query({ ...DEFAULT_RUN_QUERY, text: executionId }, 0, 10);
    const run = page.rows.find((r) => r.executionId === executionId || r.id === executionId);
    if (!run) return { ms: 0, ok: false, detail: `no run ${executionId}` };
    const t0 = performance.now();
    const [result] = await s.openRuns([run.key]);
    const ms = performance.now() - t0;
    return { ms, ...stepsOf(result) };
  },
  /** Loads the file given to #json with the app's loader (load worker). */
  async loadJson(): Promise<TaskTiming> {
    const file = state.jsonFile;
    if (!file) throw new Error('no history file given');
    const t0 = performance.now();
    const [result] = await loadFiles([{ name: file.name, data: file }]);
    const ms = performance.now() - t0;
    return { ms, ...stepsOf(result) };
  },
};

(window as unknown as { __storeProbe: typeof probe }).__storeProbe = probe;
// As the app does at start: the load worker waits ready for the first file.
prewarmLoadWorker();
status.textContent = 'ready';
