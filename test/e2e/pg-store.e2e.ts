// The run browser on a PostgreSQL store in Chromium: a throwaway server
// loaded with the fixture dump, `fsm-history-explorer serve --db URL` serving
// the built app and the store's JSON API; the page opened at the address it
// prints lists the store's 6 runs; "Has failures" leaves conv-7f3a, which
// opens into the explorer with its failed draft_answer ("timed out"); then
// the server is stopped: the run browser says it cannot be reached and the
// opened run stays (axe finds nothing wrong with the message); started again
// on its port, "Try again" lists the run.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { FIXTURE_DUMP, type PgCluster, startPgCluster } from '../pg/pgCluster.ts';
import { type ServedDb, serveDb } from '../pg/serveDb.ts';
import {
  alerts,
  eventually,
  expectLoadedRun,
  expectTexts,
  runEntries,
  stepDetails,
  stepTree,
  visibleText,
} from './app.ts';
import { expectNoAxeViolations } from './axe.ts';
import { browserSuite } from './browser.ts';
import { stepsPattern } from './fixture-facts.ts';
import {
  expectListedRows,
  expectRunCount,
  expectStoreListed,
  explorer,
  runBrowser,
  runRow,
  storeRegion,
  viewButton,
} from './stores.ts';

/** The built app run-e2e.mjs serves (E2E_DIST may name another build). */
const DIST = path.resolve(process.env.E2E_DIST ?? fileURLToPath(new URL('../../dist', import.meta.url)));

const e2e = browserSuite();
let cluster: PgCluster;
let server: ServedDb;
let label: string;
const serve = (port: number) => serveDb(['--db', cluster.url(), '--dist', DIST, '--port', String(port)]);

before(async () => {
  cluster = await startPgCluster();
  await cluster.createDatabase('fsm_history', [FIXTURE_DUMP]);
  server = await serve(0);
  label = `127.0.0.1:${cluster.port}/fsm_history`;
});

after(async () => {
  await server?.stop();
  await cluster?.stop();
});

async function expectAlert(page: Page, pattern: RegExp): Promise<void> {
  await eventually(
    async () => (await alerts(page).allInnerTexts()).join('\n'),
    (t) => pattern.test(t),
    (t) => `expected an alert matching ${pattern}, saw ${JSON.stringify(t)}`,
  );
}

e2e.test(
  'serve --db: the run browser lists the store, "Has failures" leaves conv-7f3a, it opens; the server stops and the page says so',
  async ({ page }) => {
    await page.goto(server.url.href);
    await expectStoreListed(page, label, 6);
    await expectTexts(storeRegion(page), [
      /PostgreSQL store/i,
      'records',
      '45 rows: 5 histories, 40 step rows',
    ]);
    const text = await page.content();
    assert.ok(!text.includes(cluster.reader.password), 'the page never holds the password');

    const hasFailures = runBrowser(page).getByRole('button', { name: 'Has failures', exact: true });
    await hasFailures.click();
    await expectRunCount(page, '1 of 6 runs');
    const [only] = await expectListedRows(page, 1);
    assert.match(only ?? '', /support_agent[\s\S]*conv-7f3a[\s\S]*1 failed/);

    await runRow(page, 'conv-7f3a').click();
    await explorer(page).waitFor();
    await expectLoadedRun(page, ['support_agent', 'conv-7f3a', stepsPattern('10'), `${label} › records`]);
    // The failed draft_answer (its name may go on with the duration it shows).
    await stepTree(page)
      .getByRole('treeitem', { name: /^draft_answer failed/ })
      .click();
    await expectTexts(stepDetails(page), ['draft_answer', 'timed out'], '"Step details"');

    // The server goes away: the run browser says so at its next question; the opened run stays.
    const port = server.port;
    await server.stop();
    await viewButton(page, 'Run browser').click();
    // A query not asked before (pages already fetched stay: the store is only read).
    await runBrowser(page).getByRole('searchbox', { name: 'Text in ids', exact: true }).fill('conv');
    await expectAlert(
      page,
      /the server cannot be reached .*it may have stopped\. The runs already opened stay/,
    );
    await viewButton(page, 'Explorer').click();
    assert.equal((await runEntries(page)).length, 1, 'conv-7f3a is still loaded');
    await expectLoadedRun(page, ['support_agent', 'conv-7f3a']);
    await expectTexts(stepDetails(page), ['draft_answer', 'timed out'], '"Step details"');

    await viewButton(page, 'Run browser').click();
    await expectAlert(page, /the server cannot be reached/);
    await expectNoAxeViolations(page, { label: 'the run browser saying the server cannot be reached' });

    // Back on the same port: "Try again" asks again.
    server = await serve(port);
    await runBrowser(page).getByRole('button', { name: 'Try again', exact: true }).click();
    await expectRunCount(page, '1 of 6 runs');
    const [again] = await expectListedRows(page, 1);
    assert.match(again ?? '', /conv-7f3a/);
    assert.equal(
      (await visibleText(runBrowser(page))).includes('cannot be reached'),
      false,
      'the message is gone once the server answers',
    );
  },
  { timeout: 120_000 },
);
