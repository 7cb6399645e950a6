// The timeline in Chromium on llm-branching.json: the switch shows it in
// place of the tree, it draws (ink on the canvas, the failed step's red bar),
// a click on the failed step's row and the keyboard select steps everywhere,
// zoom changes the drawing, the choice is in the URL hash, and axe finds
// nothing wrong in it.
import assert from 'node:assert/strict';
import { button, eventually, expectTexts, openApp, openFixtures, stepDetails } from './app.ts';
import { expectNoAxeViolations } from './axe.ts';
import { browserSuite } from './browser.ts';
import { canvasStats, findRedBlob } from './canvas.ts';
import { LLM } from './fixture-facts.ts';

const e2e = browserSuite();

/** Rows of the timeline: the axis, then one per step in the outline's order. */
const AXIS = 26;
const ROW = 22;

e2e.test('the timeline draws the run; a click and the keys select steps; zoom redraws', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, [LLM.file]);
  await button(page, 'Timeline').click();
  const region = page.getByRole('region', { name: 'Timeline', exact: true });
  await region.getByText('Critical path: 3 steps, 7.25 s (6.46 s waiting between them)').waitFor();
  assert.equal(await page.getByRole('region', { name: 'Tree view' }).count(), 0, 'the tree is replaced');
  const canvas = region.getByRole('application', { name: /Timeline drawing, 10 steps/ });
  const stats = await canvasStats(page, canvas);
  assert.ok(stats.inkPixels > 2000, `the timeline has ink (${stats.inkPixels} px)`);
  // The one failed step is drawn in the failed colour.
  assert.ok(await findRedBlob(page, canvas), 'a red (failed) bar is drawn');

  // Outline order: receive_message, classify_intent, retrieve_context, rank_passages, draft_answer (failed).
  const box = await canvas.boundingBox();
  assert.ok(box);
  await page.mouse.click(box.x + box.width * 0.6, box.y + AXIS + 4 * ROW + ROW / 2);
  await expectTexts(stepDetails(page), ['draft_answer', 'failed', LLM.error], '"Step details"');

  await canvas.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expectTexts(stepDetails(page), ['classify_intent'], '"Step details" after Home, ArrowDown');

  const before = await canvas.screenshot();
  for (let k = 0; k < 4; k++) await page.keyboard.press('+');
  await eventually(
    () => canvas.screenshot(),
    (now) => !now.equals(before),
    () => 'the drawing did not change after zooming in',
  );
  await page.keyboard.press('f');

  await eventually(
    async () => new URL(page.url()).hash,
    (hash) => hash.includes('drawing=timeline'),
    (hash) => `the hash does not say drawing=timeline: ${hash}`,
  );
  await button(page, 'Tree').click();
  await page.getByRole('region', { name: 'Tree view' }).waitFor();
});

e2e.test('axe: the timeline, with a step selected, light and dark', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, [LLM.file]);
  await button(page, 'Timeline').click();
  const region = page.getByRole('region', { name: 'Timeline', exact: true });
  await region.getByText(/Critical path: 3 steps/).waitFor();
  await region.getByRole('button', { name: 'classify_intent' }).click();
  await expectNoAxeViolations(page, { include: 'section[aria-label="Timeline"]', label: 'the timeline' });
  await expectNoAxeViolations(page, {
    include: 'fieldset.drawing-switch',
    label: 'the Tree / Timeline switch',
  });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page, {
    include: 'section[aria-label="Timeline"]',
    label: 'the timeline, dark theme',
  });
});
