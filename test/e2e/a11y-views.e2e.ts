// Accessibility of every view of the explorer, checked by axe-core in
// Chromium on the whole page, in the light and the dark theme, with no
// exception allowed: the welcome, the paste dialog, a load error (on the
// welcome and over a loaded run), each real producer file loaded, a step
// selected, filters applied (with the state suggestions open), a collapsed
// subtree, the same file opened twice, and an empty run.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  alerts,
  button,
  expectLoadedRun,
  expectStepCount,
  loadedRuns,
  openApp,
  openFiles,
  openFixtures,
  runEntries,
  stateFilter,
  stepDetails,
  stepTree,
  treeItem,
  writeTempFile,
} from './app.ts';
import { expectNoAxeViolations } from './axe.ts';
import { browserSuite } from './browser.ts';
import { FIXTURE_RUNS, stepsPattern } from './fixture-facts.ts';

const e2e = browserSuite();

/** No violation on the whole page, in the light and then the dark theme (left light again). */
async function expectCleanBothThemes(page: Page, label: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoAxeViolations(page, { label });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page, { label: `${label}, dark theme` });
  await page.emulateMedia({ colorScheme: 'light' });
}

async function openFixture(page: Page, file: string): Promise<void> {
  await openApp(page);
  await openFixtures(page, [file]);
  for (const run of FIXTURE_RUNS[file] ?? []) {
    await expectLoadedRun(page, [run.fsmName, run.executionId, stepsPattern(run.steps)]);
  }
}

e2e.test('axe: the welcome, the paste dialog and a load error on the welcome', async ({ page }) => {
  await openApp(page);
  // One control named "Open history files" (the file input behind it is hidden from assistive tech).
  assert.equal(await button(page, 'Open history files').count(), 1, 'one "Open history files" button');
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, 'one level-one heading');
  await expectCleanBothThemes(page, 'the welcome');

  await button(page, 'Paste JSON').click();
  await page.getByRole('dialog', { name: 'Paste JSON' }).waitFor();
  await expectCleanBothThemes(page, 'the paste dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Paste JSON' }).waitFor({ state: 'detached' });

  await openFiles(page, [writeTempFile('broken.json', '{"summary": {"fsm_name": ')]);
  await alerts(page).filter({ hasText: 'broken.json' }).waitFor();
  await expectCleanBothThemes(page, 'the welcome with a load error');
});

for (const file of [
  'llm-branching.json',
  'fanout-2k.json',
  'direct-pruned.json',
  'stream-direct.json',
  'file-storage-db.json',
  'advanced-open-run.json',
]) {
  e2e.test(`axe: the explorer on ${file}`, async ({ page }) => {
    await openFixture(page, file);
    await stepTree(page).getByRole('treeitem').first().waitFor();
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, 'one level-one heading');
    await expectCleanBothThemes(page, `the explorer on ${file}`);
  });
}

e2e.test(
  'axe: a selected failed step, a collapsed subtree, and a load error over the run',
  async ({ page }) => {
    await openFixture(page, 'llm-branching.json');
    await treeItem(page, 'draft_answer failed 3.10 s').click();
    await stepDetails(page).getByText('timed out').first().waitFor();
    await expectCleanBothThemes(page, 'llm-branching.json, draft_answer selected');

    await treeItem(page, 'rank_passages completed 200 ms').click();
    await page.keyboard.press('ArrowLeft');
    await treeItem(page, 'rank_passages completed 200 ms (5 steps hidden)').waitFor();
    await expectCleanBothThemes(page, 'llm-branching.json, rank_passages collapsed');

    await openFiles(page, [writeTempFile('truncated.json', '{"summary": {')]);
    await alerts(page).filter({ hasText: 'truncated.json' }).waitFor();
    await expectCleanBothThemes(page, 'llm-branching.json with a load error');
  },
);

e2e.test('axe: filters applied, and the state suggestions open', async ({ page }) => {
  await openFixture(page, 'fanout-2k.json');
  await button(page, 'Failed only').click();
  await page.getByRole('checkbox', { name: 'Hide non-matching' }).check();
  await expectStepCount(page, '32 of 1,809 steps');
  await expectCleanBothThemes(page, 'fanout-2k.json, failed only, non-matching hidden');

  await button(page, 'Failed only').click();
  await stateFilter(page).fill('enr');
  await expectStepCount(page, '568 of 1,809 steps');
  await page.getByRole('listbox', { name: 'State names' }).waitFor();
  await expectCleanBothThemes(page, 'fanout-2k.json, state filter typed, suggestions open');
});

e2e.test('axe: the same file opened twice, and an empty run', async ({ page }) => {
  await openFixture(page, 'llm-branching.json');
  await openFixtures(page, ['llm-branching.json']);
  await loadedRuns(page).getByText('2nd copy', { exact: true }).waitFor();
  await expectCleanBothThemes(page, 'llm-branching.json opened twice');

  await openApp(page);
  await openFixtures(page, ['empty.json']);
  await expectLoadedRun(page, ['noop', 'empty-1', stepsPattern('0')]);
  assert.equal((await runEntries(page)).length, 1);
  await expectCleanBothThemes(page, 'the explorer on empty.json');
});
