// The run browser over runs already loaded from files: a FileStorage JSON
// database holds many runs, and a user may drop hundreds of history files at
// once. Such a batch gets a run list of its own with the StoreHandle surface
// the browser uses for a database, answered in memory with the same query
// semantics as a store's SQL (model/store/runListQuery.ts): the same
// filters, sort, facets and paging, so the browser has one code path.
// "Opening" a listed run shows it (it is loaded already); a run removed from
// "Loaded runs" since comes back from the list, as a store's run would.
import { queryRunList, runListFacets, storeRunOfRun } from '../../model/store/runListQuery.ts';
import type {
  RunPage,
  RunQuery,
  StoreFacets,
  StoreInfo,
  StoreRun,
  StoreTable,
} from '../../model/store/storeTypes.ts';
import type { FileLoadResult, Run } from '../../model/types.ts';
import { useBrowserStore } from '../../store/browserStore.ts';
import { getRun, hasRun } from '../../store/runRegistry.ts';
import { registerStore, rememberOpenedRun } from '../../store/storeRegistry.ts';
import type { StoreHandle } from '../../worker/storeClient.ts';

/** A batch with at least this many runs opens in the run browser; a smaller one (2 or more) is listed there too. */
export const BROWSE_FROM_RUNS = 20;

let nextListId = 1;

class LoadedRunList implements StoreHandle {
  readonly id = `files-${nextListId++}`;
  readonly info: StoreInfo;
  private runs: readonly Run[];
  private rows: readonly StoreRun[];

  constructor(name: string, runs: readonly Run[]) {
    this.runs = runs;
    this.rows = runs.map((r, i) => storeRunOfRun(r, i + 1));
    this.info = {
      fileName: name,
      engine: 'files',
      size: 0,
      tables: filesOf(runs),
      otherTables: [],
      runs: runs.length,
      problems: [],
    };
  }

  async query(q: RunQuery, offset: number, limit: number): Promise<RunPage> {
    try {
      return queryRunList(this.rows, q, offset, limit);
    } catch (err) {
      throw new Error(`${this.info.fileName}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async facets(): Promise<StoreFacets> {
    return runListFacets(this.rows);
  }

  async openRuns(keys: readonly number[]): Promise<FileLoadResult[]> {
    return keys.map((key): FileLoadResult => {
      const run = this.runs[key - 1];
      if (run) return { ok: true, fileName: run.fileName, runs: [run] };
      const fileName = this.info.fileName;
      return {
        ok: false,
        fileName,
        error: { fileName, kind: 'invalid', message: `${fileName}: no run ${key} in this list` },
      };
    });
  }

  close(): void {
    this.runs = [];
    this.rows = [];
  }
}

/** One entry per file, in load order: its name and how many runs it gave (kept as histories or as step records). */
function filesOf(runs: readonly Run[]): StoreTable[] {
  const byFile = new Map<string, { name: string; rows: number; historyRows: number; stepRows: number }>();
  for (const r of runs) {
    let f = byFile.get(r.fileName);
    if (!f) {
      f = { name: r.fileName, rows: 0, historyRows: 0, stepRows: 0 };
      byFile.set(r.fileName, f);
    }
    f.rows++;
    if (r.form === 'file-storage' && r.producer === null) f.stepRows++;
    else f.historyRows++;
  }
  return [...byFile.values()];
}

/** What the list is called: the one file all runs came from, or how many files they came from. */
function listName(runs: readonly Run[]): string {
  const files = new Set(runs.map((r) => r.fileName));
  if (files.size === 1) return runs[0]!.fileName;
  return `${files.size.toLocaleString('en-US')} files`;
}

/**
 * Lists the runs of one load (their ids, as registered) in the run browser
 * when there are two or more; with BROWSE_FROM_RUNS or more the browser is
 * shown, otherwise the explorer stays and the browser is a click away.
 * Returns the list's id, or null when there was nothing to list.
 */
export function listLoadedRuns(ids: readonly string[]): string | null {
  const runs = ids.map((id) => getRun(id)).filter((r): r is Run => r !== undefined);
  if (runs.length < 2) return null;
  const list = new LoadedRunList(listName(runs), runs);
  registerStore(list);
  runs.forEach((r, i) => {
    if (hasRun(r.id)) rememberOpenedRun(list.id, i + 1, r.id);
  });
  const browser = useBrowserStore.getState();
  const view = browser.view;
  browser.addStore(list.id);
  if (runs.length < BROWSE_FROM_RUNS) useBrowserStore.getState().setView(view);
  return list.id;
}
