// Code the store benchmark puts into the app's page before it starts
// (Playwright addInitScript: serialised, so self-contained). It timestamps, in
// the page's own clock, what a user sees after dropping a store:
//  - given: the file input's change event (the File is in the page);
//  - browserShown: the run browser is on screen (the store worker has built
//    the run index and answered `opened`, the page has registered the store);
//  - firstRow: the first run of the first page is a row of the "Runs" grid
//    (the page's first query answered and rendered);
//  - alert: the text of an alert, should the store fail to open.

export interface StoreDropState {
  given: number;
  browserShown: number;
  firstRow: number;
  alert: string | null;
}

export function installStoreDropProbe(): void {
  const state: StoreDropState = { given: -1, browserShown: -1, firstRow: -1, alert: null };
  (window as unknown as { __storeDrop: StoreDropState }).__storeDrop = state;
  document.addEventListener(
    'change',
    (e) => {
      const t = e.target as HTMLInputElement | null;
      if (t?.type === 'file' && state.given < 0) state.given = performance.now();
    },
    true,
  );
  const look = (): void => {
    if (state.given < 0) return;
    const now = performance.now();
    if (state.browserShown < 0 && document.querySelector('main[aria-label="Run browser"]')) {
      state.browserShown = now;
    }
    if (
      state.firstRow < 0 &&
      document.querySelector('[role="grid"][aria-label="Runs"] tbody tr[aria-selected]')
    ) {
      state.firstRow = now;
    }
    const alert = document.querySelector('[role="alert"]');
    if (state.alert === null && alert?.textContent) state.alert = alert.textContent;
  };
  const watch = (): void => {
    new MutationObserver(look).observe(document.documentElement, { subtree: true, childList: true });
  };
  if (document.documentElement) watch();
  else document.addEventListener('DOMContentLoaded', watch);
}
