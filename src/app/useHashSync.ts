// Keeps the URL hash and the explorer state in step (format in store/urlHash.ts).
// On start (and on a hand-edited hash) the hash is read; if it names a run that
// is not loaded yet, it waits until that run arrives (e.g. from ?url=), then
// restores run, step and filters. State changes are written back with
// history.replaceState (debounced), so typing adds no history entries.
import { useEffect } from 'react';
import { useExplorerStore } from '../store/explorerStore.ts';
import { getRun } from '../store/runRegistry.ts';
import {
  applyHash,
  decodeHash,
  encodeHash,
  type HashState,
  hashFromExplorer,
  hashIsEmpty,
} from '../store/urlHash.ts';

const WRITE_DELAY_MS = 120;

export function useHashSync(): void {
  useEffect(() => {
    let pending: HashState | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const write = () => {
      timer = null;
      if (pending) return;
      const s = useExplorerStore.getState();
      const encoded = encodeHash(hashFromExplorer(s, getRun(s.activeRunId)));
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

    const readHash = () => {
      const h = decodeHash(window.location.hash);
      pending = hashIsEmpty(h) || tryApply(h) ? null : h;
    };

    readHash();
    const unsubscribe = useExplorerStore.subscribe((state, prev) => {
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
    window.addEventListener('hashchange', readHash);
    return () => {
      unsubscribe();
      window.removeEventListener('hashchange', readHash);
      if (timer !== null) clearTimeout(timer);
    };
  }, []);
}
