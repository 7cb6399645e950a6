// Helpers for the end-to-end tests of stores and the run browser: files given
// to the page by a real drag and drop (a DataTransfer holding Files built in
// the page from the bytes, dispatched as dragenter, dragover and drop), the
// run browser's landmarks and controls by role and name, and a check that the
// store is read by the store worker, not by the main-thread fallback.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { eventually, expectText, fixturePath, visibleText } from './app.ts';

export interface DroppedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly type?: string;
}

export function storeFixture(name: string): DroppedFile {
  return { name, bytes: readFileSync(fixturePath(`db/${name}`)), type: 'application/vnd.sqlite3' };
}

/**
 * Drops the files on the page as a user dragging them from the file manager:
 * the page builds the Files and the DataTransfer, and the drag events are
 * dispatched on the page's content (they bubble to the window's listeners).
 */
export async function dropFiles(page: Page, files: readonly DroppedFile[]): Promise<void> {
  const payload = files.map((f) => ({
    name: f.name,
    type: f.type ?? '',
    base64: Buffer.from(f.bytes).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return dt;
  }, payload);
  try {
    await page.dispatchEvent('.app', 'dragenter', { dataTransfer });
    await page.dispatchEvent('.app', 'dragover', { dataTransfer });
    // While a drag of files is over the page, it says where to drop them.
    await page.getByText('Drop to open', { exact: true }).waitFor();
    await page.dispatchEvent('.app', 'drop', { dataTransfer });
    await page.getByText('Drop to open', { exact: true }).waitFor({ state: 'detached' });
  } finally {
    await dataTransfer.dispose();
  }
}

// --- the run browser, by role and name --------------------------------------

export const runBrowser = (page: Page): Locator =>
  page.getByRole('main', { name: 'Run browser', exact: true });
export const explorer = (page: Page): Locator => page.getByRole('main', { name: 'Explorer', exact: true });
export const storeRegion = (page: Page): Locator =>
  runBrowser(page).getByRole('region', { name: 'Store', exact: true });
export const runFilters = (page: Page): Locator =>
  runBrowser(page).getByRole('region', { name: 'Run filters', exact: true });
export const runGrid = (page: Page): Locator =>
  runBrowser(page).getByRole('grid', { name: 'Runs', exact: true });
export const runRow = (page: Page, id: string): Locator =>
  runGrid(page).getByRole('row').filter({ hasText: id });
export const viewButton = (page: Page, name: 'Explorer' | 'Run browser'): Locator =>
  page.getByRole('banner').getByRole('button', { name, exact: true });

/** Waits until the run browser's live count reads exactly `text` (e.g. "1 of 6 runs"). */
export async function expectRunCount(page: Page, text: string): Promise<void> {
  await eventually(
    () => visibleText(runFilters(page).getByRole('status')),
    (t) => t.trim() === text,
    (t) => `run browser: expected the count "${text}", saw ${JSON.stringify(t)}`,
  );
}

/** The first cell's text of each listed run (its fsm name), once every row in view has arrived. */
export async function expectListedRows(page: Page, n: number): Promise<string[]> {
  const rows = runGrid(page).locator('tbody').getByRole('row');
  return eventually(
    async () => rows.allInnerTexts(),
    (texts) => texts.length === n && texts.every((t) => !t.includes('Loading…')),
    (texts) => `run browser: expected ${n} listed run(s), saw ${JSON.stringify(texts)}`,
  );
}

/** Waits for the run browser to show the store with all `runs` of its runs listed. */
export async function expectStoreListed(page: Page, fileName: string, runs: number): Promise<void> {
  await runBrowser(page).waitFor();
  await expectText(storeRegion(page), fileName, '"Store"');
  await expectRunCount(page, `${runs} of ${runs} ${runs === 1 ? 'run' : 'runs'}`);
  await expectListedRows(page, runs);
}

const SQLITE_WASM = /sqlite3[^/]*\.wasm/;

/**
 * The store is read in its own worker: a store worker is running, it fetched
 * SQLite's WebAssembly, and the page itself never did (the main-thread
 * fallback would have).
 */
export async function expectStoreWorker(page: Page): Promise<void> {
  const worker = await eventually(
    async () => page.workers().find((w) => /storeWorker/.test(w.url())),
    (w) => w !== undefined,
    () => `expected a store worker, saw workers ${JSON.stringify(page.workers().map((w) => w.url()))}`,
  );
  assert.ok(worker);
  const workerFetched = await worker.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => e.name),
  );
  assert.ok(
    workerFetched.some((u) => SQLITE_WASM.test(u)),
    `the store worker loaded SQLite's wasm; it fetched ${JSON.stringify(workerFetched)}`,
  );
  const pageFetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.ok(
    !pageFetched.some((u) => SQLITE_WASM.test(u)),
    `the page itself did not load SQLite (no main-thread fallback); it fetched ${JSON.stringify(pageFetched)}`,
  );
}
