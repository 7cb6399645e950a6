// Accessibility of the run browser, checked by axe-core in Chromium on the
// real store: the browser with the store open and every run listed, with a
// filter that leaves no row, with runs selected (in the light and the dark
// theme), and the explorer after a run is opened from the store (light and
// dark). The whole page is checked each time, header included, with no
// exception allowed.
import { openApp } from './app.ts';
import { expectNoAxeViolations } from './axe.ts';
import { browserSuite } from './browser.ts';
import {
  dropFiles,
  expectRunCount,
  expectStoreListed,
  explorer,
  runBrowser,
  runGrid,
  runRow,
  storeFixture,
} from './stores.ts';

const e2e = browserSuite();
const STORE = 'sqlite-histories.db';

e2e.test(
  'axe: the run browser with the store open, with no matching run, with a selection',
  async ({ page }) => {
    await openApp(page);
    await dropFiles(page, [storeFixture(STORE)]);
    await expectStoreListed(page, STORE, 6);
    await expectNoAxeViolations(page, { label: 'the run browser, 6 runs listed' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page, { label: 'the run browser, 6 runs listed, dark theme' });
    await page.emulateMedia({ colorScheme: 'light' });

    const ids = runBrowser(page).getByRole('searchbox', { name: 'Text in ids' });
    await ids.fill('no-such-run');
    await expectRunCount(page, '0 of 6 runs');
    await runBrowser(page).getByText('No run matches these filters.').waitFor();
    await expectNoAxeViolations(page, { label: 'the run browser, a filter with 0 rows' });

    await ids.fill('');
    await expectRunCount(page, '6 of 6 runs');
    await runBrowser(page).getByRole('checkbox', { name: 'Select conv-7f3a' }).check();
    await runBrowser(page).getByRole('checkbox', { name: 'Select ingest-0042' }).check();
    await runGrid(page).focus();
    await runBrowser(page).getByRole('button', { name: 'Open 2 runs', exact: true }).waitFor();
    await expectNoAxeViolations(page, { label: 'the run browser, 2 runs selected, the grid focused' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page, { label: 'the run browser, 2 runs selected, dark theme' });
  },
);

e2e.test('axe: the explorer on a run opened from the store', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [storeFixture(STORE)]);
  await expectStoreListed(page, STORE, 6);
  await runRow(page, 'conv-7f3a').click();
  await explorer(page).getByRole('treeitem', { name: 'draft_answer failed 3.10 s', exact: true }).click();
  await explorer(page).getByRole('region', { name: 'Step details' }).getByText('timed out').first().waitFor();
  await expectNoAxeViolations(page, { label: 'the explorer on conv-7f3a, draft_answer selected' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page, {
    label: 'the explorer on conv-7f3a, draft_answer selected, dark theme',
  });
});
