// Keeps the URL hash and the explorer and run browser state in step (formats
// in store/urlHash.ts and store/browserHash.ts). On start (and on a
// hand-edited hash) the hash is read; if it names a run that is not loaded yet,
// it waits until that run arrives (e.g. from ?url=), then restores run, step
// and filters; if it names a store not open yet, it waits until a store of
// that file name is opened, then restores the run browser's query. State
// changes are written back with history.replaceState (debounced), so typing
// adds no history entries.
import { useEffect } from 'react';
import {
  applyBrowserHash,
  type BrowserHash,
  decodeBrowserHash,
  encodeBrowserHash,
  hashFromBrowser,
  storeForHash,
} from '../store/browserHash.ts';
import { useBrowserStore } from '../store/browserStore.ts';
import { type CompareHash, decodeCompareHash, encodeCompareHash } from '../store/compareHash.ts';
import { useCompareStore } from '../store/compareStore.ts';
import { useExplorerStore } from '../store/explorerStore.ts';
import { getRun } from '../store/runRegistry.ts';
import { getStore } from '../store/storeRegistry.ts';
import {
  applyHash,
  decodeHash,
  encodeHash,
  type HashState,
  hashFromExplorer,
  hashIsEmpty,
} from '../store/urlHash.ts';

const WRITE_DELAY_MS = 120;

const fileNameOf = (storeId: string): string | undefined => getStore(storeId)?.info.fileName;

export function useHashSync(): void {
  useEffect(() => {
    let pending: HashState | null = null;
    let pendingStore: BrowserHash | null = null;
    let pendingCompare: CompareHash | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const write = () => {
      timer = null;
      if (pending || pendingStore) return;
      const s = useExplorerStore.getState();
      const encoded = [
        encodeHash(hashFromExplorer(s, getRun(s.activeRunId))),
        encodeBrowserHash(hashFromBrowser(useBrowserStore.getState(), fileNameOf)),
        encodeCompareHash(compareForHash()),
      ]
        .filter((part) => part !== '')
        .join('&');
      if (encoded === window.location.hash.replace(/^#/, '')) return;
      const { pathname, search } = window.location;
      window.history.replaceState(
        window.history.state,
        '',
        `${pathname}${search}${encoded ? `#${encoded}` : ''}`,
      );
    };
    const scheduleWrite = () => {
      if (timer === null) timer = setTimeout(write, WRITE_DELAY_MS);
    };

    const tryApply = (h: HashState): boolean => {
      const state = useExplorerStore.getState();
      const run = h.run === null ? undefined : getRun(h.run);
      if (h.run !== null && !(run && state.runIds.includes(h.run))) return false;
      useExplorerStore.setState((s) => applyHash(s, h, run));
      return true;
    };

    /** The pair compared while the compare view shows; null otherwise. */
    const compareForHash = (): CompareHash | null => {
      const { a, b } = useCompareStore.getState();
      return useBrowserStore.getState().view === 'compare' && a !== null && b !== null ? { a, b } : null;
    };

    const tryApplyCompare = (h: CompareHash): boolean => {
      const ids = useExplorerStore.getState().runIds;
      if (!(ids.includes(h.a) && ids.includes(h.b) && getRun(h.a) && getRun(h.b))) return false;
      useCompareStore.getState().setPair(h.a, h.b);
      useBrowserStore.getState().setView('compare');
      return true;
    };

    const tryApplyStore = (h: BrowserHash): boolean => {
      const id = storeForHash(useBrowserStore.getState(), h, fileNameOf);
      if (id === null) return false;
      useBrowserStore.setState((s) => applyBrowserHash(s, h, id));
      return true;
    };

    const readHash = () => {
      const h = decodeHash(window.location.hash);
      pending = hashIsEmpty(h) || tryApply(h) ? null : h;
      const b = decodeBrowserHash(window.location.hash);
      pendingStore = b.store === null || tryApplyStore(b) ? null : b;
      const c = decodeCompareHash(window.location.hash);
      pendingCompare = c === null || tryApplyCompare(c) ? null : c;
    };

    readHash();
    const unsubscribe = useExplorerStore.subscribe((state, prev) => {
      if (pendingCompare && state.runIds !== prev.runIds && tryApplyCompare(pendingCompare)) {
        pendingCompare = null;
      }
      if (pending) {
        if (pending.run !== null && state.runIds.includes(pending.run) && getRun(pending.run)) {
          const h = pending;
          pending = null;
          tryApply(h);
          return;
        }
        // Waiting for the named run: loading others is fine, but once the user
        // changes the view themselves, their choice wins.
        const userActed =
          state.filters !== prev.filters ||
          state.selectedStep !== prev.selectedStep ||
          (prev.activeRunId !== null && state.activeRunId !== prev.activeRunId);
        if (!userActed) return;
        pending = null;
      }
      scheduleWrite();
    });
    const unsubscribeBrowser = useBrowserStore.subscribe((state, prev) => {
      if (pendingStore) {
        if (state.storeIds !== prev.storeIds && storeForHash(state, pendingStore, fileNameOf) !== null) {
          const h = pendingStore;
          pendingStore = null;
          tryApplyStore(h);
          return;
        }
        // Waiting for the named store: opening others is fine, but a query the
        // user changes themselves wins.
        const userActed = state.storeIds === prev.storeIds && state.queries !== prev.queries;
        if (!userActed) return;
        pendingStore = null;
      }
      scheduleWrite();
    });
    const unsubscribeCompare = useCompareStore.subscribe(scheduleWrite);
    window.addEventListener('hashchange', readHash);
    return () => {
      unsubscribe();
      unsubscribeBrowser();
      unsubscribeCompare();
      window.removeEventListener('hashchange', readHash);
      if (timer !== null) clearTimeout(timer);
    };
  }, []);
}
