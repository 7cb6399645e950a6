// Writes the README screenshot of the run browser on a PostgreSQL store
// (docs/screenshots/run-browser-postgres.png, 1280x800): a throwaway server
// loaded with the real fixture dump (test/pg/pgCluster.ts), the real
// `fsm-history-explorer serve --db URL` serving the built app (run
// `npx vite build` first, or give E2E_DIST), Debian's Chromium on the address
// it prints, the six runs newest first. Usage:
//   node --import tsx scripts/screenshot-postgres.mjs
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { FIXTURE_DUMP, startPgCluster } from '../test/pg/pgCluster.ts';
import { serveDb } from '../test/pg/serveDb.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.E2E_DIST ?? path.join(ROOT, 'dist'));
const OUT = path.join(ROOT, 'docs', 'screenshots', 'run-browser-postgres.png');

const cluster = await startPgCluster();
let server;
let browser;
try {
  await cluster.createDatabase('fsm_history', [FIXTURE_DUMP]);
  server = await serveDb(['--db', cluster.url(), '--dist', DIST, '--port', '0']);
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await page.goto(server.url.href);
  const runs = page.getByRole('main', { name: 'Run browser', exact: true });
  const count = runs.getByRole('region', { name: 'Run filters', exact: true }).getByRole('status');
  await count.getByText('6 of 6 runs').waitFor();
  await runs.getByRole('grid', { name: 'Runs', exact: true }).getByText('conv-7f3a').waitFor();
  // Settle transitions and the caret before the picture.
  await page.addStyleTag({
    content:
      '*,*::before,*::after{transition:none!important;animation:none!important;caret-color:transparent!important}',
  });
  mkdirSync(path.dirname(OUT), { recursive: true });
  await page.screenshot({ path: OUT });
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
} finally {
  await browser?.close();
  await server?.stop();
  await cluster.stop();
}
