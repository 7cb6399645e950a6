// Opening files as a user does: every real producer file through the "Open
// history files" input, gzip-compressed files, a database file holding three runs, a broken file after
// a good one, the built-in samples on a first visit, and markup in file text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import {
  alerts,
  button,
  eventually,
  expectLoadedRun,
  expectText,
  expectTexts,
  fixturePath,
  loadedRuns,
  openApp,
  openFiles,
  openFixtures,
  runEntries,
  runSummary,
  stepDetails,
  stepTree,
  treeItem,
  writeTempFile,
} from './app.ts';
import { browserSuite } from './browser.ts';
import { FIXTURE_RUNS, stepsPattern } from './fixture-facts.ts';
import { makeHistory } from './make-history.ts';

const e2e = browserSuite();

for (const [file, runs] of Object.entries(FIXTURE_RUNS)) {
  e2e.test(`opens ${file} and lists its run(s) with their step counts`, async ({ page }) => {
    await openApp(page);
    await openFixtures(page, [file]);
    for (const run of runs) {
      await expectLoadedRun(page, [run.fsmName, run.executionId, stepsPattern(run.steps)]);
    }
    assert.equal((await runEntries(page)).length, runs.length, `"Loaded runs" lists ${runs.length} run(s)`);
    assert.equal(await alerts(page).count(), 0, `no error message for ${file}`);
  });
}

e2e.test('opens all fixtures at once: every run is listed, none is reported as failed', async ({ page }) => {
  await openApp(page);
  const files = Object.keys(FIXTURE_RUNS);
  await openFixtures(page, files);
  const total = Object.values(FIXTURE_RUNS).reduce((n, runs) => n + runs.length, 0);
  await eventually(
    () => runEntries(page),
    (entries) => entries.length === total,
    (entries) => `"Loaded runs": expected ${total} entries, saw ${entries?.length ?? 0}`,
    30_000,
  );
  await expectLoadedRun(page, ['enrichment_pipeline', 'pipe-2k', stepsPattern('1,809')]);
  await expectLoadedRun(page, ['noop', 'empty-1', stepsPattern('0')]);
  assert.equal(await alerts(page).count(), 0, 'no file was reported as failed');
});

e2e.test(
  'gzip-compressed histories open like the plain files (read and gunzipped off the page)',
  async ({ page }) => {
    await openApp(page);
    const fanout = writeTempFile('fanout-2k.json.gz', gzipSync(readFileSync(fixturePath('fanout-2k.json'))));
    const llm = writeTempFile(
      'llm-branching.json.gz',
      gzipSync(readFileSync(fixturePath('llm-branching.json'))),
    );
    await openFiles(page, [fanout, llm]);
    await expectLoadedRun(page, [
      'enrichment_pipeline',
      'pipe-2k',
      stepsPattern('1,809'),
      'fanout-2k.json.gz',
    ]);
    await expectLoadedRun(page, ['support_agent', 'conv-7f3a', stepsPattern('10'), 'llm-branching.json.gz']);
    assert.equal(await alerts(page).count(), 0, 'no error message for the gzip files');
  },
);

e2e.test('file-storage-db.json: shows its three runs and switches between them', async ({ page }) => {
  await openApp(page);
  await openFixtures(page, ['file-storage-db.json']);
  await expectLoadedRun(page, ['customer_etl', 'etl-2025-09-20-001', stepsPattern('6')]);
  await expectLoadedRun(page, ['support_agent', 'conv-7f3a', stepsPattern('10')]);
  await expectLoadedRun(page, ['log_ingest', 'ingest-0042', stepsPattern('15')]);

  await chooseRun(page, 'log_ingest');
  await expectTexts(runSummary(page), ['log_ingest', 'ingest-0042'], '"Run summary"');
  await treeItem(page, 'open_stream completed 50 ms').waitFor();
  assert.equal(
    await treeItem(page, 'draft_answer failed 3.10 s').count(),
    0,
    'the support_agent tree is not shown',
  );

  await chooseRun(page, 'support_agent');
  await expectTexts(runSummary(page), ['support_agent', 'conv-7f3a'], '"Run summary"');
  await treeItem(page, 'draft_answer failed 3.10 s').waitFor();
  assert.equal(await treeItem(page, 'open_stream completed 50 ms').count(), 0, 'the log_ingest tree is gone');

  await chooseRun(page, 'customer_etl');
  await expectTexts(runSummary(page), ['customer_etl', 'etl-2025-09-20-001'], '"Run summary"');
  await treeItem(page, 'transform completed 900 ms').waitFor();
});

e2e.test(
  'a broken file after a good one: an alert names it with line and column; runs stay',
  async ({ page }) => {
    await openApp(page);
    await openFixtures(page, ['llm-branching.json']);
    await expectLoadedRun(page, ['support_agent', 'conv-7f3a', stepsPattern('10')]);

    // The real file cut off in the middle of its 40th line.
    const text = readFileSync(fixturePath('llm-branching.json'), 'utf8');
    const lines = text.split('\n');
    const cut = `${lines.slice(0, 39).join('\n')}\n${(lines[39] ?? '').slice(0, 12)}`;
    const broken = writeTempFile('truncated-run.json', cut);
    await openFiles(page, [broken]);

    const alert = alerts(page).filter({ hasText: 'truncated-run.json' });
    await alert.first().waitFor();
    await expectTexts(alert.first(), ['truncated-run.json', /line 40\b/i, /column \d+/i], 'the alert');

    await expectLoadedRun(page, ['support_agent', 'conv-7f3a', stepsPattern('10')]);
    assert.equal((await runEntries(page)).length, 1, 'the good run is still the only one listed');
    await treeItem(page, 'draft_answer failed 3.10 s').waitFor();
  },
);

e2e.test('a JSON syntax error is reported at its exact line and column', async ({ page }) => {
  await openApp(page);
  // Line 4 starts with four spaces: the missing comma is noticed at column 5.
  const broken = writeTempFile(
    'missing-comma.json',
    '{\n  "summary": {\n    "fsm_name": "x"\n    "execution_id": "y"\n  }\n}\n',
  );
  await openFiles(page, [broken]);
  const alert = alerts(page).filter({ hasText: 'missing-comma.json' }).first();
  await alert.waitFor();
  await expectText(alert, /line 4\D{1,12}column 5\b/i, 'the alert');
});

e2e.test('"Open a sample" on a first visit loads the built-in samples', async ({ page }) => {
  await openApp(page);
  assert.equal((await runEntries(page)).length, 0, 'a first visit has no runs loaded');
  await button(page, 'Open a sample').click();
  await eventually(
    () => runEntries(page),
    (entries) => entries.length > 0 && entries.every((e) => /\d steps?\b/.test(e)),
    (entries) => `"Loaded runs": expected sample runs with step counts, saw ${JSON.stringify(entries)}`,
  );
  await stepTree(page).getByRole('treeitem').first().waitFor();
  assert.equal(await alerts(page).count(), 0, 'the samples load without errors');
});

e2e.test('markup in a state name and an error is shown as text, never run', async ({ page }) => {
  const markup = '<img src=x onerror="window.__xss=1">';
  const file = writeTempFile(
    'markup.json',
    makeHistory({
      fsmName: 'markup_check',
      executionId: 'xss-1',
      steps: [
        { id: 'a0000000-0000-4000-8000-000000000001', state: 'start' },
        {
          id: 'a0000000-0000-4000-8000-000000000002',
          parent: 'a0000000-0000-4000-8000-000000000001',
          state: markup,
          status: 'failed',
          error: `ValueError: ${markup}`,
        },
      ],
    }),
  );
  await openApp(page);
  await openFiles(page, [file]);
  await expectLoadedRun(page, ['markup_check', 'xss-1', stepsPattern('2')]);
  const item = treeItem(page, `${markup} failed 499 ms`);
  await item.click();
  await expectTexts(stepDetails(page), [markup, `ValueError: ${markup}`], '"Step details"');
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no <img src=x> element was created');
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), undefined);
});

/** Makes a run the active one by choosing its entry in "Loaded runs". */
async function chooseRun(page: import('playwright-core').Page, text: string): Promise<void> {
  const region = loadedRuns(page);
  const choices = region
    .getByRole('option')
    .or(region.getByRole('tab'))
    .or(region.getByRole('button'))
    .or(region.getByRole('link'))
    .filter({ hasText: text });
  // A close button in the same entry also mentions the run; the first control is the entry itself.
  await choices.first().click();
}
