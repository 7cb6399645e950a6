// Keyboard and focus in Chromium, where layout and :focus-visible are real:
// "Open a sample" leaves the focus on the step tree, not on <body>; "Loaded
// runs" is one Tab stop whose arrows move and Enter shows a run; the tree
// drawing shows a focus ring and its centre mark when tabbed to, and Enter
// there selects the step under the mark; a column splitter's focus ring is a
// bar in the focus colour; a load error floats over the workspace instead of
// pushing it down.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import {
  alerts,
  button,
  eventually,
  expectLoadedRun,
  expectText,
  loadedRuns,
  openApp,
  openFiles,
  openFixtures,
  runSummary,
  stepDetails,
  stepTree,
  writeTempFile,
} from './app.ts';
import { browserSuite } from './browser.ts';
import { treeCanvas } from './canvas.ts';
import { stepsPattern } from './fixture-facts.ts';
import { explorer } from './stores.ts';

const e2e = browserSuite();

/** What has the focus: tag, role and accessible name (as the accessibility tree has it). */
async function focused(page: Page): Promise<string> {
  const tag = await page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el === document.body ? ' (body)' : ''}` : 'none';
  });
  if (tag.endsWith('(body)') || tag === 'none') return tag;
  return `${tag} ${(await page.locator(':focus').ariaSnapshot()).split('\n')[0]}`;
}

/** Presses Tab (at most `max` times) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, what: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  assert.fail(`${what} cannot be reached with Tab; the focus is on ${await focused(page)}`);
}

e2e.test('"Open a sample" leaves the focus on the step tree, not on the page body', async ({ page }) => {
  await openApp(page);
  await button(page, 'Open a sample').focus();
  await page.keyboard.press('Enter');
  await stepTree(page).getByRole('treeitem').first().waitFor();
  await eventually(
    () => focused(page),
    (f) => f.includes('treeitem "receive_message completed 10 ms"'),
    (f) => `after "Open a sample": expected the focus on the tree's first item, it is on ${f}`,
  );
  // And the keys work from there at once.
  await page.keyboard.press('ArrowDown');
  await eventually(
    () => focused(page),
    (f) => f.includes('treeitem "classify_intent completed 700 ms"'),
    (f) => `ArrowDown from there: the focus is on ${f}`,
  );
});

e2e.test('"Loaded runs" is one Tab stop: arrows move, Enter shows, Delete closes', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, ['file-storage-db.json']);
  await expectLoadedRun(page, ['log_ingest', 'ingest-0042', stepsPattern('15')]);
  const runButton = (name: string) => loadedRuns(page).getByRole('button', { name: new RegExp(`^${name} `) });
  await button(page, 'Open history files').focus();
  await tabTo(page, runButton('customer_etl'), 'the active run in "Loaded runs"');
  // One Tab leaves the list: neither the other runs nor any ✕ is a Tab stop.
  await page.keyboard.press('Tab');
  assert.equal(
    await loadedRuns(page).evaluate((el) => el.contains(document.activeElement)),
    false,
    `one Tab after the run list's stop, the focus is still in it: ${await focused(page)}`,
  );
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await eventually(
    () => focused(page),
    (f) => f.includes('button "log_ingest ingest-0042'),
    (f) => `after ArrowDown twice: ${f}`,
  );
  await page.keyboard.press('Enter');
  await expectText(runSummary(page), 'ingest-0042', '"Run summary"');
  await page.keyboard.press('Delete');
  await eventually(
    () => loadedRuns(page).getByRole('listitem').count(),
    (n) => n === 2,
    (n) => `after Delete: ${n} runs listed`,
  );
  await eventually(
    () => focused(page),
    (f) => f.includes('button "support_agent conv-7f3a'),
    (f) => `after Delete: the focus goes to the neighbouring run; it is on ${f}`,
  );
});

e2e.test(
  'the tree drawing: a visible focus ring and centre mark; Enter selects the step there',
  async ({ page }) => {
    await openApp(page);
    await openFixtures(page, ['llm-branching.json']);
    await stepTree(page).getByRole('treeitem').first().waitFor();
    const canvas = await treeCanvas(page);
    await page.getByRole('combobox', { name: 'Filter by state' }).focus();
    await tabTo(page, canvas, 'the tree drawing');
    const ring = await canvas.evaluate((el) => {
      const s = getComputedStyle(el);
      const stage = el.parentElement!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return {
        focusVisible: el.matches(':focus-visible'),
        style: s.outlineStyle,
        width: Number.parseFloat(s.outlineWidth),
        offset: Number.parseFloat(s.outlineOffset),
        // The ring is drawn inside the canvas, which fills a stage that clips what lies outside.
        insideStage: box.left >= stage.left && box.right <= stage.right,
      };
    });
    assert.ok(ring.focusVisible, 'the drawing matches :focus-visible after Tab');
    assert.equal(ring.style, 'solid', 'the drawing has an outline when focused');
    assert.ok(ring.width >= 2, `the ring is at least 2px wide (${ring.width})`);
    assert.ok(ring.offset <= -ring.width, `the ring is inside the drawing's box (offset ${ring.offset})`);
    const mark = page.locator('.tree-view__crosshair');
    assert.ok(await mark.isVisible(), 'the centre mark shows while the drawing has keyboard focus');

    await page.keyboard.press('Enter');
    await eventually(
      () => stepDetails(page).getByText('Step ID', { exact: true }).count(),
      (n) => n > 0,
      () => 'Enter on the drawing selected no step ("Step details" shows no step)',
    );
    const selected = await stepTree(page).locator('[role="treeitem"][aria-selected="true"]').count();
    assert.equal(selected, 1, 'the step chosen on the drawing is the outline selection too');
    await page.getByRole('combobox', { name: 'Filter by state' }).focus();
    assert.equal(await mark.isVisible(), false, 'the centre mark hides when the drawing loses focus');
  },
);

e2e.test('a column splitter focused by keyboard shows a bar in the focus colour', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, ['llm-branching.json']);
  await stepTree(page).getByRole('treeitem').first().waitFor();
  const splitter = explorer(page).getByRole('separator', { name: 'Width of the runs and outline column' });
  await page.getByRole('region', { name: 'Loaded runs' }).getByRole('button').first().focus();
  await tabTo(page, splitter, 'the left column splitter');
  // The bar fades in (a short colour transition): read it once it has settled.
  const readLook = () =>
    splitter.evaluate((el) => {
      const bar = getComputedStyle(el, '::after');
      const probe = document.createElement('span');
      probe.style.color = 'var(--focus)';
      document.body.append(probe);
      const focusColour = getComputedStyle(probe).color;
      probe.remove();
      return {
        barColour: bar.backgroundColor,
        barWidth:
          el.getBoundingClientRect().width - Number.parseFloat(bar.left) - Number.parseFloat(bar.right),
        height: el.getBoundingClientRect().height,
        focusColour,
      };
    });
  const look = await eventually(
    readLook,
    (l) => l.barColour === l.focusColour,
    (l) => `the bar is in the focus colour: ${JSON.stringify(l)}`,
  );
  assert.ok(look.barWidth >= 4, `the bar is at least 4px wide (${look.barWidth})`);
  assert.ok(look.height > 300, "the bar runs the splitter's whole height");
});

e2e.test('a load error floats over the workspace: nothing moves down', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, ['llm-branching.json']);
  await stepTree(page).getByRole('treeitem').first().waitFor();
  const top = () => explorer(page).evaluate((el) => Math.round(el.getBoundingClientRect().top));
  const treeTop = () => stepTree(page).evaluate((el) => Math.round(el.getBoundingClientRect().top));
  const before = { workspace: await top(), tree: await treeTop() };
  await openFiles(page, [writeTempFile('broken.json', '{"summary": ')]);
  const alert = alerts(page).filter({ hasText: 'broken.json' });
  await alert.waitFor();
  assert.deepEqual({ workspace: await top(), tree: await treeTop() }, before, 'the workspace stays put');
  const box = await alert.boundingBox();
  assert.ok(box && box.width > 200 && box.height > 20, `the alert is shown: ${JSON.stringify(box)}`);
  await alert.getByRole('button', { name: 'Dismiss error for broken.json' }).click();
  await alert.waitFor({ state: 'detached' });
});
