// Narrowing a run down: type a state name into "Filter by state", pick data
// modes, "Failed only", "Clear filters", and read the live "N of M steps" count.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  button,
  eventually,
  expectLoadedRun,
  expectStepCount,
  openApp,
  openFiles,
  openFixtures,
  stateFilter,
  stepTree,
  treeItem,
  writeTempFile,
} from './app.ts';
import { browserSuite } from './browser.ts';
import { stepsPattern } from './fixture-facts.ts';
import { makeHistory } from './make-history.ts';

const e2e = browserSuite();

// fanout-2k.json: 600 fetch_record (32 failed), 568 enrich, 568 store,
// 32 skip_record (skipped), 20 dispatch_batch, 20 batch_done, 1 plan.
e2e.test(
  'fanout-2k: state filter, "Failed only" and "Clear filters" change the step count',
  async ({ page }) => {
    await openApp(page);
    await openFixtures(page, ['fanout-2k.json']);
    await expectStepCount(page, '1,809 of 1,809 steps');

    await stateFilter(page).fill('enrich');
    await expectStepCount(page, '568 of 1,809 steps');

    await stateFilter(page).fill('fetch_record');
    await expectStepCount(page, '600 of 1,809 steps');

    await button(page, 'Failed only').click();
    await expectStepCount(page, '32 of 1,809 steps');

    await stateFilter(page).fill('');
    await expectStepCount(page, '32 of 1,809 steps');

    await button(page, 'Clear filters').click();
    await expectStepCount(page, '1,809 of 1,809 steps');
    assert.equal(await stateFilter(page).inputValue(), '', '"Filter by state" is emptied');
  },
);

e2e.test(
  'llm-branching: typing a state name keeps the matches and their ancestors in the outline',
  async ({ page }) => {
    await openApp(page);
    await openFixtures(page, ['llm-branching.json']);
    await expectStepCount(page, '10 of 10 steps');
    await stateFilter(page).pressSequentially('draft_answer');
    await expectStepCount(page, '2 of 10 steps');
    // Both draft_answer steps stay, and so does their ancestor chain.
    await treeItem(page, 'draft_answer failed 3.10 s').waitFor();
    await treeItem(page, 'draft_answer completed 2.20 s').waitFor();
    await treeItem(page, 'rank_passages completed 200 ms').waitFor();

    await button(page, 'Failed only').click();
    await expectStepCount(page, '1 of 10 steps');
    await button(page, 'Clear filters').click();
    await expectStepCount(page, '10 of 10 steps');
    await stepTree(page).getByRole('treeitem', { name: 'faq_lookup skipped 80 ms', exact: true }).waitFor();
  },
);

e2e.test('data mode filter: choosing modes counts only the steps in them', async ({ page }) => {
  // Six steps in a chain: 3 copy, 2 reference, 1 direct.
  const modes = ['copy', 'reference', 'copy', 'direct', 'reference', 'copy'] as const;
  const ids = modes.map((_, i) => `b0000000-0000-4000-8000-00000000000${i}`);
  const file = writeTempFile(
    'mixed-modes.json',
    makeHistory({
      fsmName: 'mixed_modes',
      executionId: 'modes-1',
      steps: modes.map((mode, i) => ({
        id: ids[i]!,
        state: `stage_${i}`,
        mode,
        ...(i > 0 ? { parent: ids[i - 1]! } : {}),
      })),
    }),
  );
  await openApp(page);
  await openFiles(page, [file]);
  await expectLoadedRun(page, ['mixed_modes', 'modes-1', stepsPattern('6')]);
  await expectStepCount(page, '6 of 6 steps');

  await chooseToggle(page, /data mode/i, 'reference');
  await expectStepCount(page, '2 of 6 steps');
  await chooseToggle(page, /data mode/i, 'direct');
  await expectStepCount(page, '3 of 6 steps');

  await button(page, 'Clear filters').click();
  await expectStepCount(page, '6 of 6 steps');
});

e2e.test('fanout-2k: data mode and status choices combine with the state filter', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, ['fanout-2k.json']);
  await expectStepCount(page, '1,809 of 1,809 steps');
  // Every step is in copy mode.
  await chooseToggle(page, /data mode/i, 'copy');
  await expectStepCount(page, '1,809 of 1,809 steps');
  await chooseToggle(page, /status/i, 'failed');
  await expectStepCount(page, '32 of 1,809 steps');
  await chooseToggle(page, /status/i, 'skipped');
  await expectStepCount(page, '64 of 1,809 steps');
  await stateFilter(page).fill('skip_record');
  await expectStepCount(page, '32 of 1,809 steps');
  // Turning copy off again leaves status and state in force.
  await chooseToggle(page, /data mode/i, 'copy');
  await expectStepCount(page, '32 of 1,809 steps');
  await button(page, 'Clear filters').click();
  await expectStepCount(page, '1,809 of 1,809 steps');
});

/**
 * Turns one value on (or off) in a filter group (e.g. "Data mode", "Status"):
 * a checkbox or toggle button named after the value (possibly followed by its
 * count), inside a control group with that name.
 */
async function chooseToggle(page: Page, groupName: RegExp, value: string): Promise<void> {
  const group = page.getByRole('group', { name: groupName });
  const name = new RegExp(`^${value}\\b`, 'i');
  const control = group
    .getByRole('checkbox', { name })
    .or(group.getByRole('button', { name }))
    .or(group.getByRole('switch', { name }))
    .or(group.getByRole('option', { name }));
  await eventually(
    () => control.count(),
    (n) => n === 1,
    (n) => `expected one control for "${value}" in a group named ${groupName}, found ${n}`,
  );
  await control.click();
}
