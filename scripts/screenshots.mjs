// Writes README screenshots of the built app (it builds nothing: run
// `npx vite build` first). Serves dist/ like the end-to-end runner, opens real
// producer files in Debian's Chromium at 1280x800 and saves one PNG per view
// to docs/screenshots/. Usage: node --import tsx scripts/screenshots.mjs [view-name...]
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { generateToString } from '../bench/generate.ts';
import { DIST, FIXTURES, ROOT, startStaticServer } from '../test/e2e/static-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const OUT = path.join(ROOT, 'docs', 'screenshots');

/** Loads files through the "Open history files" input and waits for their runs to be listed. */
async function open(page, files, fsmName) {
  await page
    .getByLabel('Open history files', { exact: true })
    .setInputFiles(files.map((f) => path.join(FIXTURES, f)));
  await page.getByRole('region', { name: 'Loaded runs' }).getByText(fsmName).first().waitFor();
  await page.getByRole('tree', { name: 'Step tree' }).getByRole('treeitem').first().waitFor();
}

/** One entry per picture: its file name and how to get the page there. */
const VIEWS = [
  {
    name: 'welcome',
    async show() {},
  },
  {
    name: 'llm-branching-failed-step',
    async show(page) {
      await open(page, ['llm-branching.json'], 'support_agent');
      await page.getByRole('treeitem', { name: 'draft_answer failed 3.10 s', exact: true }).click();
      await page.getByRole('region', { name: 'Step details' }).getByText('timed out').first().waitFor();
    },
  },
  {
    name: 'fanout-2k',
    async show(page) {
      await open(page, ['fanout-2k.json'], 'enrichment_pipeline');
    },
  },
  {
    name: 'fanout-2k-failed-only',
    async show(page) {
      await open(page, ['fanout-2k.json'], 'enrichment_pipeline');
      await page.getByRole('button', { name: 'Failed only', exact: true }).click();
      await page.getByText('32 of 1,809 steps').first().waitFor();
    },
  },
  {
    name: 'file-storage-db',
    async show(page) {
      await open(page, ['file-storage-db.json'], 'log_ingest');
    },
  },
  {
    name: 'stream-direct',
    async show(page) {
      await open(page, ['stream-direct.json'], 'log_ingest');
      await page.getByRole('treeitem', { name: 'flush completed 600 ms', exact: true }).click();
    },
  },
  {
    name: 'run-browser',
    async show(page) {
      await page
        .getByLabel('Open history files', { exact: true })
        .setInputFiles([path.join(FIXTURES, 'db', 'sqlite-histories.db')]);
      const browser = page.getByRole('main', { name: 'Run browser', exact: true });
      await browser.getByText('6 of 6 runs', { exact: true }).waitFor();
      await browser.getByRole('grid', { name: 'Runs', exact: true }).getByText('conv-7f3a').waitFor();
    },
  },
  {
    name: 'timeline',
    async show(page) {
      await open(page, ['llm-branching.json'], 'support_agent');
      await page.getByRole('button', { name: 'Timeline', exact: true }).click();
      await page
        .getByRole('region', { name: 'Timeline', exact: true })
        .getByText(/Critical path: \d+ steps/)
        .waitFor();
      await page.getByRole('treeitem', { name: 'draft_answer failed 3.10 s', exact: true }).click();
    },
  },
  {
    name: 'compare',
    async show(page) {
      // Two nightly runs of the same pipeline in the producer's form (the benchmark's seeded generator).
      const dir = mkdtempSync(path.join(tmpdir(), 'fsm-compare-'));
      const files = [11, 12].map((seed) => {
        const file = path.join(dir, `nightly-09${seed}.json`);
        writeFileSync(file, generateToString({ steps: 300, shape: 'fanout', seed, indent: null }));
        return file;
      });
      await page.getByLabel('Open history files', { exact: true }).setInputFiles(files);
      await page
        .getByRole('region', { name: 'Loaded runs' })
        .getByText('nightly-0912.json')
        .first()
        .waitFor();
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      const view = page.getByRole('main', { name: 'Compare runs', exact: true });
      await view.getByRole('combobox', { name: 'Run A (reference)' }).selectOption('nightly-0911.json#0');
      await view.getByRole('combobox', { name: 'Run B' }).selectOption('nightly-0912.json#0');
      await view.getByText(/new failures in B/).waitFor();
    },
  },
  {
    name: 'direct-pruned',
    async show(page) {
      await open(page, ['direct-pruned.json'], 'sensor_loop');
    },
  },
];

const wanted = new Set(process.argv.slice(2));
const views = wanted.size > 0 ? VIEWS.filter((v) => wanted.has(v.name)) : VIEWS;

mkdirSync(OUT, { recursive: true });
const server = await startStaticServer();
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [...CHROMIUM_ARGS],
});
let failed = 0;
try {
  for (const view of views) {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      colorScheme: 'light',
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`${view.name}: page error: ${err.message}`));
    try {
      await page.goto('/');
      await page.getByLabel('Open history files', { exact: true }).waitFor({ state: 'attached' });
      await view.show(page);
      // Let the tree drawing settle on its next frames.
      await page.evaluate(
        () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined)))),
      );
      const file = path.join(OUT, `${view.name}.png`);
      await page.screenshot({ path: file });
      console.log(`screenshots: wrote ${path.relative(ROOT, file)}`);
    } catch (err) {
      failed++;
      console.error(`screenshots: ${view.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots: served ${path.relative(ROOT, DIST) || DIST}`);
process.exit(failed > 0 ? 1 : 0);
