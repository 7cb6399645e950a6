// What the producer's quirks look like to a user (HISTORY_FORMAT.md section 2):
// Python's NaN/Infinity in metrics, steps outside the tree shown as detached,
// a pruned tree said to be pruned, an open run with approximate durations, and
// the run-wide stream and resource totals.
import {
  expectText,
  expectTexts,
  openApp,
  openFixtures,
  runSummary,
  stepDetails,
  stepTree,
  treeItem,
} from './app.ts';
import { browserSuite } from './browser.ts';

const e2e = browserSuite();

e2e.test('python-nan-metrics: NaN and Infinity metrics load and are shown', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, ['python-nan-metrics.json']);
  await treeItem(page, 'transform completed 900 ms').click();
  await expectTexts(stepDetails(page), [/drop_ratio\W+NaN/, /max_latency\W+Infinity/], '"Step details"');
});

e2e.test(
  'orphan-step: the step added under an unknown parent is shown, marked detached',
  async ({ page }) => {
    await openApp(page);
    await openFixtures(page, ['orphan-step.json']);
    await stepTree(page)
      .getByRole('treeitem', { name: /^Detached steps\b/ })
      .first()
      .waitFor();
    await treeItem(page, 'worker in progress no duration').click();
    await expectTexts(stepDetails(page), ['worker', /in.progress/, /detached\W+yes/i], '"Step details"');
    await expectText(runSummary(page), /detached/i, '"Run summary"');
  },
);

e2e.test('direct-pruned: the summary says the tree was pruned; cut steps are detached', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, ['direct-pruned.json']);
  await expectText(runSummary(page), /pruned/i, '"Run summary"');
  await stepTree(page)
    .getByRole('treeitem', { name: /^Detached steps \(4\)/ })
    .waitFor();
});

e2e.test(
  'advanced-open-run: the run is shown as open, unstarted steps have approximate durations',
  async ({ page }) => {
    await openApp(page);
    await openFixtures(page, ['advanced-open-run.json']);
    await expectText(runSummary(page), /\bopen\b/i, '"Run summary"');
    // "received" was completed without being started: no recorded duration.
    await treeItem(page, 'received completed approx. 200 ms').click();
    await expectText(stepDetails(page), /\bapprox/i, '"Step details"');
  },
);

e2e.test('stream-direct: "Stream progress" totals the chunks and records', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, ['stream-direct.json']);
  const panel = page.getByRole('region', { name: 'Stream progress' });
  await expectTexts(
    panel,
    [/Chunks\s+12\b/, /Records\s+56,873\b/, /Streams processed\s+1\b/],
    '"Stream progress"',
  );
});

e2e.test('llm-branching: "Resource usage" lists llm and vector_store calls', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, ['llm-branching.json']);
  const panel = page.getByRole('region', { name: 'Resource usage' });
  await expectTexts(panel, [/llm\s+4\s+6\.21 s/, /vector_store\s+1\s+310 ms/], '"Resource usage"');
});
