// Finding out why a run failed: in llm-branching.json the first draft_answer
// timed out and was retried. Select the failed step (outline and drawing), read
// its error in "Step details", then move to the retry branch and back.
import assert from 'node:assert/strict';
import {
  button,
  eventually,
  expectNoText,
  expectSelectedTreeItem,
  expectTexts,
  openApp,
  openFixtures,
  stepDetails,
  treeItem,
} from './app.ts';
import { browserSuite } from './browser.ts';
import { canvasStats, findRedBlob, treeCanvas } from './canvas.ts';
import { LLM } from './fixture-facts.ts';

const e2e = browserSuite();

e2e.test('selecting "draft_answer failed" in the outline shows its timeout error', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, [LLM.file]);
  await treeItem(page, 'draft_answer failed 3.10 s').click();
  await expectSelectedTreeItem(page, 'draft_answer failed 3.10 s');
  await expectTexts(stepDetails(page), ['draft_answer', 'failed', LLM.error], '"Step details"');
});

e2e.test('"Next branch" moves to the retry and "Previous branch" back to the failure', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, [LLM.file]);
  await treeItem(page, 'draft_answer failed 3.10 s').click();
  await expectTexts(stepDetails(page), [LLM.error], '"Step details"');

  // The branch buttons may sit in "Step details" or by the outline: any of them will do.
  await button(page, 'Next branch').first().click();
  await expectSelectedTreeItem(page, 'draft_answer completed 2.20 s');
  await expectTexts(stepDetails(page), ['draft_answer', 'completed'], '"Step details" (retry)');
  await expectNoText(stepDetails(page), 'timed out', '"Step details" (retry)');

  await button(page, 'Previous branch').first().click();
  await expectSelectedTreeItem(page, 'draft_answer failed 3.10 s');
  await expectTexts(stepDetails(page), ['draft_answer', 'failed', LLM.error], '"Step details" (back)');
});

e2e.test('clicking the failed (red) node in the tree drawing selects it', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, [LLM.file]);
  await treeItem(page, 'draft_answer failed 3.10 s').waitFor();
  const canvas = await treeCanvas(page);
  const stats = await eventually(
    () => canvasStats(page, canvas),
    (s) => s.inkPixels > 200,
    (s) => `the tree drawing stays blank: ${JSON.stringify(s)}`,
  );
  assert.ok(stats.colours > 2, 'the drawing uses more than two colours');
  const red = await findRedBlob(page, canvas);
  assert.ok(red, 'the only failed step (draft_answer) is drawn in red');
  await canvas.click({ position: { x: red.x, y: red.y } });
  await expectSelectedTreeItem(page, 'draft_answer failed 3.10 s');
  await expectTexts(stepDetails(page), ['draft_answer', 'failed', LLM.error], '"Step details"');
});

e2e.test('the page buttons have names: no unnamed button after selecting a step', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, [LLM.file]);
  await treeItem(page, 'draft_answer failed 3.10 s').click();
  await expectTexts(stepDetails(page), [LLM.error], '"Step details"');
  const unnamed = await page
    .getByRole('button')
    .evaluateAll((els) =>
      els
        .filter(
          (el) =>
            !(el.getAttribute('aria-label') ?? '').trim() &&
            !(el.textContent ?? '').trim() &&
            !el.getAttribute('aria-labelledby') &&
            !el.getAttribute('title') &&
            !(el instanceof HTMLInputElement && el.labels && el.labels.length > 0),
        )
        .map((el) => el.outerHTML.slice(0, 120)),
    );
  assert.deepEqual(unnamed, [], 'every button has an accessible name');
});
