// The run browser: a view of its own over one open store (the header's
// "Run browser" switch, or opening a store, shows it). The store's overview,
// the filters, then every matching run in a virtualised table, listed without
// reading a step. Opening runs (a click, Enter, or "Open N runs" for the
// selection) loads them through the store's worker with the usual progress
// bar; they join "Loaded runs" and the explorer shows the first one. The query
// and the selection are in the browser store (ids and UI state only); the
// store handle is in the store registry.
import { useCallback, useMemo, useState } from 'react';
import type { SortColumn, StoreRun } from '../../model/store/storeTypes.ts';
import { effectiveQuery, queryOf, selectionOf } from '../../store/browserState.ts';
import { useBrowserStore } from '../../store/browserStore.ts';
import { getStore } from '../../store/storeRegistry.ts';
import type { StoreHandle } from '../../worker/storeClient.ts';
import { openStoreRuns } from '../loading/openStoreRuns.ts';
import { formatNumber } from '../shared-ui/format.ts';
import { RunFilters } from './RunFilters.tsx';
import { RunTable, useRunWindow } from './RunTable.tsx';
import { knownRun } from './runWindow.ts';
import { StoreOverview } from './StoreOverview.tsx';
import { useStoreFacets } from './useStoreFacets.ts';
import './runBrowser.css';

export function RunBrowser() {
  const storeId = useBrowserStore((s) => s.shownStoreId);
  const store = getStore(storeId);
  if (!store) return null;
  return <StoreBrowser key={store.id} store={store} />;
}

function StoreBrowser({ store }: { store: StoreHandle }) {
  const edited = useBrowserStore((s) => queryOf(s, store.id));
  const selection = useBrowserStore((s) => selectionOf(s, store.id));
  const toggleSelected = useBrowserStore((s) => s.toggleSelected);
  const setSelection = useBrowserStore((s) => s.setSelection);
  const setSort = useBrowserStore((s) => s.setSort);
  const query = useMemo(() => effectiveQuery(edited), [edited]);
  const [attempt, setAttempt] = useState(0);
  const win = useRunWindow(store, query, attempt);
  const facets = useStoreFacets(store);

  const open = useCallback((runs: readonly StoreRun[]) => void openStoreRuns(store, runs), [store]);
  const openOne = useCallback((run: StoreRun) => open([run]), [open]);
  const openSelected = useCallback(() => {
    const runs = [...selection]
      .map((key) => knownRun(store, key))
      .filter((r): r is StoreRun => r !== undefined)
      .sort(
        (a, b) =>
          (win.positionOf(a.key) ?? Number.MAX_SAFE_INTEGER) -
            (win.positionOf(b.key) ?? Number.MAX_SAFE_INTEGER) || a.key - b.key,
      );
    open(runs);
  }, [selection, store, win, open]);
  const onSort = useCallback((sort: SortColumn, desc: boolean) => setSort(sort, desc), [setSort]);

  const empty = store.info.runs === 0;
  // While a server's store still counts, the filters say "… of N".
  const matching = win.counting ? null : win.total;
  const n = selection.size;

  return (
    <main className="run-browser" aria-label="Run browser">
      <h1 className="visually-hidden">Run browser</h1>
      <StoreOverview store={store} />
      <RunFilters query={edited} facets={facets} matching={matching} total={store.info.runs} />
      <section className="box run-results" aria-label="Runs in the store">
        <div className="run-results__bar">
          <button type="button" className="btn btn--primary" disabled={n === 0} onClick={openSelected}>
            {n === 1 ? 'Open 1 run' : `Open ${formatNumber(n)} runs`}
          </button>
          <button
            type="button"
            className="btn btn--small btn--ghost"
            disabled={n === 0}
            onClick={() => setSelection([])}
          >
            Clear selection
          </button>
          <span className="run-results__hint">
            Click a run to open it · <kbd>Space</kbd> or Ctrl-click selects · <kbd>Enter</kbd> opens
          </span>
        </div>
        {win.error !== null && (
          <p className="run-results__error" role="alert">
            {win.error}{' '}
            <button type="button" className="btn btn--small" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          </p>
        )}
        {empty ? (
          <p className="box__empty run-results__empty">No runs in this store.</p>
        ) : matching === 0 && win.error === null ? (
          <p className="box__empty run-results__empty">
            No run matches these filters. Clear the filters to see all {formatNumber(store.info.runs)}.
          </p>
        ) : (
          <RunTable
            win={win}
            query={query}
            selection={selection}
            onToggle={toggleSelected}
            onSort={onSort}
            onOpen={openOne}
            onOpenSelected={openSelected}
            sourceLabel={store.info.engine === 'files' ? 'File' : 'Table'}
          />
        )}
      </section>
    </main>
  );
}
