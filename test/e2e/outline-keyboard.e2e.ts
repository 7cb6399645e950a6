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

/** Presses Tab until the focus is inside the "Step tree" (at most 80 times). */
async function tabIntoTree(page: Page): Promise<void> {
  const tree = stepTree(page);
  await tree.waitFor();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const inside = await tree.evaluate((el) => el.contains(document.activeElement));
    if (inside) return;
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
  await treeItem(page, 'draft_answer failed').waitFor();

  const names = await stepTree(page)
    .getByRole('treeitem')
    .evaluateAll((els) => els.length);
  assert.equal(names, LLM.preorder.length, 'all ten steps are in the outline, expanded');

  await tabIntoTree(page);
  // Nothing is selected yet, so the first item takes the focus.
  await expectFocusedTreeItem(page, 'receive_message completed');

  await press(page, 'ArrowDown', 'classify_intent completed');
  await press(page, 'ArrowDown', 'retrieve_context completed');
  await press(page, 'ArrowDown', 'rank_passages completed');
  await press(page, 'ArrowDown', 'draft_answer failed');
  await press(page, 'ArrowUp', 'rank_passages completed');
  await press(page, 'End', 'faq_lookup skipped');
  await press(page, 'Home', 'receive_message completed');

  // Right on an open item goes to its first child.
  await expectAttribute(treeItem(page, 'receive_message completed'), 'aria-expanded', 'true');
  await press(page, 'ArrowRight', 'classify_intent completed');

  // Left on an open item closes it; its descendants leave the outline.
  await press(page, 'ArrowLeft', 'classify_intent completed');
  await expectAttribute(treeItem(page, 'classify_intent completed'), 'aria-expanded', 'false');
  await eventually(
    () => treeItem(page, 'retrieve_context completed').count(),
    (n) => n === 0,
    () => 'retrieve_context is still shown under the closed classify_intent',
  );
  // End now reaches the last visible item: classify_intent itself.
  await press(page, 'End', 'classify_intent completed');

  // Left on a closed item goes to its parent.
  await press(page, 'ArrowLeft', 'receive_message completed');
  await press(page, 'ArrowDown', 'classify_intent completed');

  // Right on a closed item opens it (focus stays), Right again enters it.
  await press(page, 'ArrowRight', 'classify_intent completed');
  await expectAttribute(treeItem(page, 'classify_intent completed'), 'aria-expanded', 'true');
  await press(page, 'ArrowRight', 'retrieve_context completed');
  await press(page, 'ArrowDown', 'rank_passages completed');
  await press(page, 'ArrowDown', 'draft_answer failed');

  // Left on a leaf goes to its parent; Down comes back.
  await press(page, 'ArrowLeft', 'rank_passages completed');
  await press(page, 'ArrowDown', 'draft_answer failed');

  // Enter selects the focused step.
  await page.keyboard.press('Enter');
  await expectSelectedTreeItem(page, 'draft_answer failed');
  await expectTexts(stepDetails(page), ['draft_answer', LLM.error], '"Step details"');
  await expectFocusedTreeItem(page, 'draft_answer failed');

  await press(page, 'ArrowDown', 'draft_answer completed');
  await page.keyboard.press('Enter');
  await expectSelectedTreeItem(page, 'draft_answer completed');
  await expectTexts(stepDetails(page), ['draft_answer', 'completed'], '"Step details"');
});

e2e.test('the outline gives the selected step the focus when tabbed into', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, [LLM.file]);
  await treeItem(page, 'policy_check completed').click();
  await expectSelectedTreeItem(page, 'policy_check completed');
  // Leave the tree, then come back with the keyboard.
  await page.getByRole('combobox', { name: 'Filter by state' }).focus();
  await tabIntoTree(page);
  await expectFocusedTreeItem(page, 'policy_check completed');
  await press(page, 'ArrowDown', 'escalate_to_human skipped');
  await press(page, 'ArrowUp', 'policy_check completed');
});

/** Name and level of the tree item that has the focus (DOM focus or active descendant). */
function focusedItem(page: Page): Promise<{ name: string; level: string | null; isLast: boolean } | null> {
  return page.evaluate(() => {
    const a = document.activeElement;
    const id = a?.getAttribute('aria-activedescendant');
    const el = id ? document.getElementById(id) : a;
    if (el?.getAttribute('role') !== 'treeitem') return null;
    const items = el.closest('[role="tree"]')?.querySelectorAll('[role="treeitem"]');
    return {
      name: el.getAttribute('aria-label') ?? (el.textContent ?? '').trim(),
      level: el.getAttribute('aria-level'),
      isLast: items ? items[items.length - 1] === el : false,
    };
  });
}

e2e.test('fanout-2k: End and Home reach both ends of a 1,809-step outline', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, ['fanout-2k.json']);
  await treeItem(page, 'plan completed').waitFor();
  await tabIntoTree(page);
  await expectFocusedTreeItem(page, 'plan completed');

  // The last step in pre-order is the last batch's batch_done, a child of dispatch_batch.
  await page.keyboard.press('End');
  await eventually(
    () => focusedItem(page),
    (f) => f?.name === 'batch_done completed' && f.isLast,
    (f) =>
      `after End: expected the last item "batch_done completed" to have the focus, saw ${JSON.stringify(f)}`,
  );
  const atEnd = await focusedItem(page);
  if (atEnd?.level !== null) assert.equal(atEnd?.level, '3', 'batch_done is at level 3');
  await page.keyboard.press('Enter');
  await expectTexts(stepDetails(page), ['batch_done', 'completed'], '"Step details"');

  await press(page, 'Home', 'plan completed');
  await press(page, 'ArrowDown', 'dispatch_batch completed');
});
