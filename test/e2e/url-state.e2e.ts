// Links that reopen a view: `?url=` loads a file from the server, and the URL
// hash (#run=..&step=..&state=..&mode=..&status=..&hide=1&rotate=1) brings back the run,
// the selected step, the filters and the drawing's direction after a reload or
// when opened fresh.
import assert from 'node:assert/strict';
import {
  eventually,
  expectLoadedRun,
  expectNoText,
  expectSelectedTreeItem,
  expectStepCount,
  expectTexts,
  openApp,
  stateFilter,
  stepDetails,
  treeItem,
} from './app.ts';
import { browserSuite } from './browser.ts';
import { LLM, stepsPattern } from './fixture-facts.ts';

const e2e = browserSuite();
const LINK = `/?url=/__fixtures/${LLM.file}`;

function hashParams(url: string): URLSearchParams {
  return new URLSearchParams(new URL(url).hash.replace(/^#/, ''));
}

e2e.test('?url= loads a file; the hash keeps run, step and filter across a reload', async ({ page }) => {
  await openApp(page, LINK);
  await expectLoadedRun(page, ['support_agent', 'conv-7f3a', stepsPattern('10')]);

  await treeItem(page, 'draft_answer failed 3.10 s').click();
  await stateFilter(page).fill('draft');
  await expectStepCount(page, '2 of 10 steps');

  const hash = await eventually(
    async () => hashParams(page.url()),
    (h) => h.get('step') === LLM.failedStepId && h.get('state') === 'draft' && Boolean(h.get('run')),
    (h) => `expected the hash to hold run, step=${LLM.failedStepId} and state=draft; saw "${h}"`,
  );

  await page.reload();
  await expectLoadedRun(page, ['support_agent', 'conv-7f3a', stepsPattern('10')]);
  await expectSelectedTreeItem(page, 'draft_answer failed 3.10 s');
  await expectTexts(stepDetails(page), ['draft_answer', LLM.error], '"Step details" after reload');
  await expectStepCount(page, '2 of 10 steps');
  assert.equal(await stateFilter(page).inputValue(), 'draft', '"Filter by state" keeps its text');
  assert.equal(hashParams(page.url()).get('run'), hash.get('run'), 'the run stays the same');
});

e2e.test('a link with a hash opens on the given step with status and mode filters', async ({ page }) => {
  // Learn the run id the app uses for this file from its own hash.
  await openApp(page, LINK);
  await treeItem(page, 'draft_answer failed 3.10 s').click();
  const run = await eventually(
    async () => hashParams(page.url()).get('run'),
    (r) => Boolean(r),
    () => 'expected the hash to name the run after selecting a step',
  );

  const hash = new URLSearchParams({
    run: run ?? '',
    step: LLM.retryStepId,
    status: 'completed',
    mode: 'reference',
  });
  await page.goto('about:blank');
  await openApp(page, `${LINK}#${hash}`);
  await expectSelectedTreeItem(page, 'draft_answer completed 2.20 s');
  await expectTexts(stepDetails(page), ['draft_answer', 'completed'], '"Step details"');
  await expectNoText(stepDetails(page), 'timed out', '"Step details"');
  // 7 completed steps, all in reference mode.
  await expectStepCount(page, '7 of 10 steps');
});

e2e.test('hide=1 in the hash hides steps that do not match (ancestors stay)', async ({ page }) => {
  await openApp(page, LINK);
  await treeItem(page, 'draft_answer failed 3.10 s').click();
  const run = await eventually(
    async () => hashParams(page.url()).get('run'),
    (r) => Boolean(r),
    () => 'expected the hash to name the run after selecting a step',
  );
  const hash = new URLSearchParams({ run: run ?? '', status: 'failed', hide: '1' });
  await page.goto('about:blank');
  await openApp(page, `${LINK}#${hash}`);
  await expectStepCount(page, '1 of 10 steps');
  await treeItem(page, 'draft_answer failed 3.10 s').waitFor();
  await treeItem(page, 'rank_passages completed 200 ms').waitFor();
  await eventually(
    async () => ({
      faq: await treeItem(page, 'faq_lookup skipped 80 ms').count(),
      respond: await treeItem(page, 'respond completed 50 ms').count(),
    }),
    (n) => n.faq === 0 && n.respond === 0,
    (n) => `steps outside the failed branch are still in the outline: ${JSON.stringify(n)}`,
  );
});

e2e.test('"Rotate layout" turns the drawing, and the hash keeps it across a reload', async ({ page }) => {
  await openApp(page, LINK);
  await expectLoadedRun(page, ['support_agent', 'conv-7f3a', stepsPattern('10')]);
  const rotate = page.getByRole('button', { name: 'Rotate layout' });
  const before = await rotate.getAttribute('title');
  assert.match(before ?? '', /^Draw the tree (left to right|top to bottom)$/);
  await rotate.click();
  const turned = await eventually(
    async () => rotate.getAttribute('title'),
    (t) => t !== before,
    (t) => `expected "Rotate layout" to offer the other direction after a click; it still says "${t}"`,
  );
  await eventually(
    async () => hashParams(page.url()),
    (h) => h.get('rotate') === '1' && Boolean(h.get('run')),
    (h) => `expected rotate=1 and the run in the hash; saw "${h}"`,
  );
  await page.reload();
  await expectLoadedRun(page, ['support_agent', 'conv-7f3a', stepsPattern('10')]);
  await eventually(
    async () => rotate.getAttribute('title'),
    (t) => t === turned,
    (t) => `expected the drawing to stay turned after a reload ("${turned}"); the button says "${t}"`,
  );
  // And back: the hash forgets it.
  await rotate.click();
  await eventually(
    async () => hashParams(page.url()).get('rotate'),
    (r) => r === null,
    (r) => `expected no rotate in the hash after turning back; saw rotate=${r}`,
  );
});
