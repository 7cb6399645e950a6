// Walking the "Step tree" outline with the keyboard only, as the WAI-ARIA tree
// pattern describes: Tab in, arrows move, Right/Left open, close and go to
// parent or child, Home/End jump, Enter selects the step.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  eventually,
  expectAttribute,
  expectFocusedTreeItem,
  expectSelectedTreeItem,
  expectTexts,
  openApp,
  openFixtures,
  stepDetails,
  stepTree,
  treeItem,
} from './app.ts';
import { browserSuite } from './browser.ts';
import { LLM } from './fixture-facts.ts';

const e2e = browserSuite();

/**
 * Presses Tab until the focus is inside the "Step tree" (at most 80 times);
 * none when it is there already (a run that arrives with the focus nowhere
 * gives it to the tree).
 */
async function tabIntoTree(page: Page): Promise<void> {
  const tree = stepTree(page);
  await tree.waitFor();
  const inside = () => tree.evaluate((el) => el.contains(document.activeElement));
  if (await inside()) return;
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await inside()) return;
  }
  assert.fail('the "Step tree" cannot be reached with the Tab key');
}

async function press(page: Page, key: string, focused: string): Promise<void> {
  await page.keyboard.press(key);
  await expectFocusedTreeItem(page, focused);
}

e2e.test('llm-branching: arrows, Home, End, Right/Left and Enter in the outline', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, [LLM.file]);
  await treeItem(page, 'draft_answer failed 3.10 s').waitFor();

  const names = await stepTree(page)
    .getByRole('treeitem')
    .evaluateAll((els) => els.length);
  assert.equal(names, LLM.preorder.length, 'all ten steps are in the outline, expanded');

  await tabIntoTree(page);
  // Nothing is selected yet, so the first item takes the focus.
  await expectFocusedTreeItem(page, 'receive_message completed 10 ms');

  await press(page, 'ArrowDown', 'classify_intent completed 700 ms');
  await press(page, 'ArrowDown', 'retrieve_context completed 400 ms');
  await press(page, 'ArrowDown', 'rank_passages completed 200 ms');
  await press(page, 'ArrowDown', 'draft_answer failed 3.10 s');
  await press(page, 'ArrowUp', 'rank_passages completed 200 ms');
  await press(page, 'End', 'faq_lookup skipped 80 ms');
  await press(page, 'Home', 'receive_message completed 10 ms');

  // Right on an open item goes to its first child.
  await expectAttribute(treeItem(page, 'receive_message completed 10 ms'), 'aria-expanded', 'true');
  await press(page, 'ArrowRight', 'classify_intent completed 700 ms');

  // Left on an open item closes it; its descendants leave the outline, and its
  // name says how many it hides (as its "+8" badge shows).
  const folded = 'classify_intent completed 700 ms (8 steps hidden)';
  await press(page, 'ArrowLeft', folded);
  await expectAttribute(treeItem(page, folded), 'aria-expanded', 'false');
  await eventually(
    () => treeItem(page, 'retrieve_context completed 400 ms').count(),
    (n) => n === 0,
    () => 'retrieve_context is still shown under the closed classify_intent',
  );
  // End now reaches the last visible item: classify_intent itself.
  await press(page, 'End', folded);

  // Left on a closed item goes to its parent.
  await press(page, 'ArrowLeft', 'receive_message completed 10 ms');
  await press(page, 'ArrowDown', folded);

  // Right on a closed item opens it (focus stays), Right again enters it.
  await press(page, 'ArrowRight', 'classify_intent completed 700 ms');
  await expectAttribute(treeItem(page, 'classify_intent completed 700 ms'), 'aria-expanded', 'true');
  await press(page, 'ArrowRight', 'retrieve_context completed 400 ms');
  await press(page, 'ArrowDown', 'rank_passages completed 200 ms');
  await press(page, 'ArrowDown', 'draft_answer failed 3.10 s');

  // Left on a leaf goes to its parent; Down comes back.
  await press(page, 'ArrowLeft', 'rank_passages completed 200 ms');
  await press(page, 'ArrowDown', 'draft_answer failed 3.10 s');

  // Enter selects the focused step.
  await page.keyboard.press('Enter');
  await expectSelectedTreeItem(page, 'draft_answer failed 3.10 s');
  await expectTexts(stepDetails(page), ['draft_answer', LLM.error], '"Step details"');
  await expectFocusedTreeItem(page, 'draft_answer failed 3.10 s');

  await press(page, 'ArrowDown', 'draft_answer completed 2.20 s');
  await page.keyboard.press('Enter');
  await expectSelectedTreeItem(page, 'draft_answer completed 2.20 s');
  await expectTexts(stepDetails(page), ['draft_answer', 'completed'], '"Step details"');
});

e2e.test('the outline gives the selected step the focus when tabbed into', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, [LLM.file]);
  await treeItem(page, 'policy_check completed 500 ms').click();
  await expectSelectedTreeItem(page, 'policy_check completed 500 ms');
  // Leave the tree, then come back with the keyboard.
  await page.getByRole('combobox', { name: 'Filter by state' }).focus();
  await tabIntoTree(page);
  await expectFocusedTreeItem(page, 'policy_check completed 500 ms');
  await press(page, 'ArrowDown', 'escalate_to_human skipped 0 ms');
  await press(page, 'ArrowUp', 'policy_check completed 500 ms');
});

/** Name (as Chromium computes it), level and place of the tree item that has the focus. */
async function focusedItem(
  page: Page,
): Promise<{ name: string; level: string | null; isLast: boolean } | null> {
  const place = await page.evaluate(() => {
    const el = document.activeElement;
    if (el?.getAttribute('role') !== 'treeitem') return null;
    const items = el.closest('[role="tree"]')?.querySelectorAll('[role="treeitem"]');
    return { level: el.getAttribute('aria-level'), isLast: items ? items[items.length - 1] === el : false };
  });
  if (!place) return null;
  // The accessibility tree's own name: '- treeitem "batch_done completed 10 ms" [level=3]'.
  const snapshot = await page.locator(':focus').ariaSnapshot();
  const name = /^- treeitem "(.*?)"/.exec(snapshot)?.[1] ?? '';
  return { name, ...place };
}

e2e.test('fanout-2k: End and Home reach both ends of a 1,809-step outline', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, ['fanout-2k.json']);
  await treeItem(page, 'plan completed 200 ms').waitFor();
  await tabIntoTree(page);
  await expectFocusedTreeItem(page, 'plan completed 200 ms');

  // The last step in pre-order is the last batch's batch_done, a child of dispatch_batch.
  await page.keyboard.press('End');
  await eventually(
    () => focusedItem(page),
    (f) => f?.name === 'batch_done completed 10 ms' && f.isLast,
    (f) =>
      `after End: expected the last item "batch_done completed 10 ms" to have the focus, saw ${JSON.stringify(f)}`,
  );
  const atEnd = await focusedItem(page);
  if (atEnd?.level !== null) assert.equal(atEnd?.level, '3', 'batch_done is at level 3');
  await page.keyboard.press('Enter');
  await expectTexts(stepDetails(page), ['batch_done', 'completed'], '"Step details"');

  await press(page, 'Home', 'plan completed 200 ms');
  await press(page, 'ArrowDown', 'dispatch_batch completed 10 ms');
});
