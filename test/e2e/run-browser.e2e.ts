// The run browser in the real browser with the real store worker: a SQLite
// store (sqlite-histories.db, WAL mode as UnifiedDatabaseStorage leaves it)
// dropped on the page lists its 6 runs; "Has failures" leaves conv-7f3a; it
// opens by a click and by the keyboard into the explorer, whose failed
// draft_answer "timed out"; the view switch goes back with the query kept,
// which is also in the URL hash and comes back on a reload (?url=). The
// split-tables store, picked in the file input, names its tables; a store with
// no table of records is an alert naming the file and its tables, and the runs
// already loaded stay.
import assert from 'node:assert/strict';
import { makeStore } from '../model/store/makeStore.ts';
import {
  alerts,
  eventually,
  expectLoadedRun,
  expectText,
  expectTexts,
  openApp,
  openFixtures,
  runEntries,
  stepDetails,
  stepTree,
  treeItem,
} from './app.ts';
import { browserSuite } from './browser.ts';
import { stepsPattern } from './fixture-facts.ts';
import {
  dropFiles,
  expectListedRows,
  expectRunCount,
  expectStoreListed,
  expectStoreWorker,
  explorer,
  runBrowser,
  runGrid,
  runRow,
  storeFixture,
  storeRegion,
  viewButton,
} from './stores.ts';

const e2e = browserSuite();
const STORE = 'sqlite-histories.db';

function hashParams(url: string): URLSearchParams {
  return new URLSearchParams(new URL(url).hash.replace(/^#/, ''));
}

/** The explorer shows conv-7f3a: its failed draft_answer, whose details say it timed out. */
async function expectConvOpened(page: import('playwright-core').Page): Promise<void> {
  await explorer(page).waitFor();
  assert.equal(await runBrowser(page).count(), 0, 'the run browser gave way to the explorer');
  await expectLoadedRun(page, ['support_agent', 'conv-7f3a', stepsPattern('10'), `${STORE} › records`]);
  await treeItem(page, 'draft_answer failed 3.10 s').click();
  await expectTexts(stepDetails(page), ['draft_answer', 'timed out'], '"Step details"');
}

e2e.test(
  'a dropped store lists 6 runs; "Has failures" leaves conv-7f3a; a click opens it',
  async ({ page }) => {
    await openApp(page);
    await dropFiles(page, [storeFixture(STORE)]);
    await expectStoreListed(page, STORE, 6);
    await expectStoreWorker(page);
    await expectTexts(storeRegion(page), [/SQLite store/i, 'records', '45 rows: 5 histories, 40 step rows']);
    assert.equal(await viewButton(page, 'Run browser').getAttribute('aria-pressed'), 'true');

    const hasFailures = runBrowser(page).getByRole('button', { name: 'Has failures', exact: true });
    await hasFailures.click();
    await expectRunCount(page, '1 of 6 runs');
    const [only] = await expectListedRows(page, 1);
    assert.match(only ?? '', /support_agent[\s\S]*conv-7f3a[\s\S]*1 failed/);
    await eventually(
      async () => hashParams(page.url()),
      (h) => h.get('store') === STORE && h.get('view') === 'runs' && h.get('failures') === 'with',
      (h) => `expected the hash to hold store=${STORE}, view=runs and failures=with; saw "${h}"`,
    );

    await runRow(page, 'conv-7f3a').click();
    await expectConvOpened(page);
    assert.equal(await viewButton(page, 'Explorer').getAttribute('aria-pressed'), 'true');
    assert.equal(hashParams(page.url()).get('view'), null, 'the hash no longer says the browser is shown');

    // Back to the browser: the query is kept.
    await viewButton(page, 'Run browser').click();
    await expectRunCount(page, '1 of 6 runs');
    assert.equal(await hasFailures.getAttribute('aria-pressed'), 'true');
    await expectListedRows(page, 1);
    assert.equal(hashParams(page.url()).get('failures'), 'with');
    assert.equal(await alerts(page).count(), 0, 'no error message');
  },
);

e2e.test('keyboard: the grid is one Tab stop; arrows, End and Enter open conv-7f3a', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [storeFixture(STORE)]);
  await expectStoreListed(page, STORE, 6);
  const grid = runGrid(page);
  await grid.focus();
  const activeRow = () =>
    grid.evaluate((el) => {
      const id = el.getAttribute('aria-activedescendant');
      return (id && document.getElementById(id)?.textContent) || '';
    });
  const expectActive = (id: string) =>
    eventually(
      activeRow,
      (t) => t.includes(id),
      (t) => `expected the grid's current row to be ${id}, saw ${JSON.stringify(t)}`,
    );
  // Newest first: batch-17, the open b1e2c3d4 run, ingest-0042, inv-2025-0917, etl-…, conv-7f3a.
  await expectActive('batch-17');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expectActive('ingest-0042');
  await page.keyboard.press('ArrowUp');
  await expectActive('b1e2c3d4');
  await page.keyboard.press('End');
  await expectActive('conv-7f3a');
  await page.keyboard.press('Enter');
  await expectConvOpened(page);
  assert.equal((await runEntries(page)).length, 1, 'one run opened');
});

e2e.test(
  'the split-tables store, picked in the file input, opens and names its two tables',
  async ({ page }) => {
    await openApp(page);
    await openFixtures(page, ['db/sqlite-histories-split-tables.db']);
    await expectStoreListed(page, 'sqlite-histories-split-tables.db', 2);
    await expectTexts(storeRegion(page), [
      /Tables/i,
      'fsm_histories 2 rows: 2 histories, 0 step rows',
      'fsm_steps 16 rows: 0 histories, 16 step rows',
    ]);
    const rows = await expectListedRows(page, 2);
    for (const row of rows) assert.match(row, /fsm_histories/, 'each run names its table');
    await runRow(page, 'etl-2025-09-20-001').click();
    await expectLoadedRun(page, ['customer_etl', 'etl-2025-09-20-001', stepsPattern('6')]);
    await stepTree(page).getByRole('treeitem').first().waitFor();
  },
);

e2e.test(
  'a store with no table of records: an alert names it and its tables; loaded runs stay',
  async ({ page }) => {
    await openApp(page);
    await openFixtures(page, ['llm-branching.json']);
    await expectLoadedRun(page, ['support_agent', 'conv-7f3a', stepsPattern('10')]);

    const bytes = await makeStore(['CREATE TABLE users (id INTEGER, name TEXT)', 'CREATE TABLE orders (n)']);
    await dropFiles(page, [{ name: 'app.sqlite', bytes }]);
    const alert = alerts(page).filter({ hasText: 'app.sqlite' }).first();
    await alert.waitFor();
    await expectTexts(
      alert,
      ['Could not load app.sqlite', 'no table of execution-history records', 'tables found: users, orders'],
      'the alert',
    );
    await expectLoadedRun(page, ['support_agent', 'conv-7f3a', stepsPattern('10')]);
    assert.equal((await runEntries(page)).length, 1, 'the run already loaded is still the only one');
    assert.equal(await runBrowser(page).count(), 0, 'no run browser for a store that did not open');
    assert.equal(await viewButton(page, 'Run browser').count(), 0, 'no view switch without a store');
    await treeItem(page, 'draft_answer failed 3.10 s').waitFor();
  },
);

e2e.test(
  'the query in the hash comes back when the store is opened again (?url= and a reload)',
  async ({ page }) => {
    await openApp(
      page,
      `/?url=/__fixtures/db/${STORE}#store=${STORE}&view=runs&fsm=log_ingest&sort=steps&order=asc`,
    );
    await runBrowser(page).waitFor();
    await expectRunCount(page, '1 of 6 runs');
    const [row] = await expectListedRows(page, 1);
    assert.match(row ?? '', /ingest-0042/);
    const fsm = runBrowser(page).getByRole('combobox', { name: 'FSM' });
    assert.equal(await fsm.inputValue(), 'log_ingest');
    const steps = runGrid(page).getByRole('columnheader', { name: /Steps/ });
    assert.equal(await steps.getAttribute('aria-sort'), 'ascending');

    await fsm.selectOption('');
    await expectRunCount(page, '6 of 6 runs');
    await runBrowser(page).getByRole('button', { name: 'Has failures', exact: true }).click();
    await expectRunCount(page, '1 of 6 runs');
    await eventually(
      async () => hashParams(page.url()),
      (h) => h.get('failures') === 'with' && h.get('fsm') === null && h.get('sort') === 'steps',
      (h) => `expected the hash to hold failures=with, no fsm, sort=steps; saw "${h}"`,
    );
    await page.reload();
    await runBrowser(page).waitFor();
    await expectRunCount(page, '1 of 6 runs');
    await expectText(runGrid(page), 'conv-7f3a', 'the grid');
  },
);
