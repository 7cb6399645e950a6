// The page at 1280x800: nothing wider than the window, and the tree drawing
// actually shows the run once it has loaded.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  eventually,
  expectLoadedRun,
  expectText,
  openApp,
  openFiles,
  openFixtures,
  stepDetails,
  treeItem,
  writeTempFile,
} from './app.ts';
import { browserSuite } from './browser.ts';
import { canvasStats, treeCanvas } from './canvas.ts';
import { FIXTURE_RUNS, stepsPattern } from './fixture-facts.ts';
import { makeHistory } from './make-history.ts';

const e2e = browserSuite();

async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    clientWidth: document.documentElement.clientWidth,
  }));
}

async function assertNoHorizontalOverflow(page: Page, when: string): Promise<void> {
  const { scrollWidth, clientWidth } = await horizontalOverflow(page);
  assert.ok(
    scrollWidth <= clientWidth,
    `${when}: the page is ${scrollWidth}px wide in a ${clientWidth}px window (horizontal scroll)`,
  );
}

e2e.test('the empty page fits 1280x800 without horizontal scrolling', async ({ page }) => {
  await openApp(page);
  await assertNoHorizontalOverflow(page, 'first visit');
});

for (const file of ['llm-branching.json', 'fanout-2k.json', 'file-storage-db.json']) {
  e2e.test(`${file}: no horizontal overflow and a drawn (non-blank) tree`, async ({ page }) => {
    await openApp(page);
    await openFixtures(page, [file]);
    const first = FIXTURE_RUNS[file]?.[0];
    assert.ok(first);
    await expectLoadedRun(page, [first.fsmName, first.executionId, stepsPattern(first.steps)]);
    await assertNoHorizontalOverflow(page, `after opening ${file}`);

    const canvas = await treeCanvas(page);
    const box = await canvas.boundingBox();
    assert.ok(
      box && box.width >= 200 && box.height >= 150,
      `the tree drawing has room: ${JSON.stringify(box)}`,
    );
    const stats = await eventually(
      () => canvasStats(page, canvas),
      (s) => s.inkPixels > 200 && s.colours > 2,
      (s) => `the tree drawing looks blank: ${JSON.stringify(s)}`,
    );
    assert.ok(stats.inkPixels > 200, 'the drawing has nodes and links');
    // The app announces the first frame of the shown run (the benchmark times load to this).
    const drawnRun = await page.evaluate(() => document.documentElement.dataset.treeDrawn ?? '');
    assert.match(drawnRun, new RegExp(`^${file.replace('.', '\\.')}#`));
  });
}

e2e.test('long state names and errors do not widen the page', async ({ page }) => {
  const longName = `state_${'x'.repeat(300)}`;
  const longError = `Traceback:\n${'/very/long/path/without/spaces'.repeat(40)}\nValueError: ${'y'.repeat(500)}`;
  const file = writeTempFile(
    'long-names.json',
    makeHistory({
      fsmName: 'long_names',
      executionId: 'long-1',
      steps: [
        { id: 'c0000000-0000-4000-8000-000000000001', state: 'start' },
        {
          id: 'c0000000-0000-4000-8000-000000000002',
          parent: 'c0000000-0000-4000-8000-000000000001',
          state: longName,
          status: 'failed',
          error: longError,
        },
      ],
    }),
  );
  await openApp(page);
  await openFiles(page, [file]);
  await treeItem(page, `${longName} failed 499 ms`).click();
  await expectText(stepDetails(page), 'ValueError', '"Step details"');
  await assertNoHorizontalOverflow(page, 'with a 300-character state name and a long error selected');
});

e2e.test(
  'the tree toolbar is one opaque bar, inside the strip the opening view leaves free',
  async ({ page }) => {
    await openApp(page);
    await openFixtures(page, ['fanout-2k.json']);
    await treeItem(page, 'plan completed 200 ms').waitFor();
    const bar = await page.evaluate(() => {
      const zoomIn = document.querySelector('button[aria-label="Zoom in"]');
      const el = zoomIn?.parentElement;
      const stage = el?.parentElement;
      if (!el || !stage) return null;
      const box = el.getBoundingClientRect();
      return {
        background: getComputedStyle(el).backgroundColor,
        buttons: el.querySelectorAll('button').length,
        // Below the buttons, initialView's fit leaves 36 px free (TOP_INSET).
        bottomInStage: box.bottom - stage.getBoundingClientRect().top,
      };
    });
    assert.ok(bar, 'the zoom buttons sit in a bar');
    assert.equal(bar.buttons, 4, 'Zoom in, Zoom out, Fit to view and Rotate layout share the bar');
    const alpha = /rgba\([^)]*,\s*([\d.]+)\)/.exec(bar.background)?.[1];
    assert.ok(
      bar.background.startsWith('rgb(') || (alpha !== undefined && Number(alpha) === 1),
      `the bar has an opaque background (${bar.background}), so nodes do not show between the buttons`,
    );
    assert.ok(
      bar.bottomInStage <= 36,
      `the bar ends ${bar.bottomInStage}px below the drawing's top (at most 36)`,
    );
  },
);
