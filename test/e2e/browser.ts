// Browser harness for the end-to-end tests: one headless Debian Chromium per
// test file, a fresh 1280x800 context per test, uncaught page errors fail the
// test, console errors are reported, and a screenshot of the page is written
// to test/e2e/out/ when a test fails. Tests run through run-e2e.mjs, which
// serves the built app and sets E2E_BASE_URL.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const OUT_DIR = path.join(HERE, 'out');

export const VIEWPORT = { width: 1280, height: 800 } as const;

/** How long one UI expectation may wait for the app before it fails. */
export const UI_TIMEOUT_MS = 10_000;

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run the end-to-end tests with `npm run test:e2e`');
  return url;
}

/**
 * Launches Debian's Chromium headless. Playwright gives every launched browser
 * its own fresh temporary user-data-dir (and removes it on close).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}

export interface PageContext {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Text of console messages of type "error" seen so far. */
  readonly consoleErrors: string[];
  /** Uncaught exceptions thrown in the page so far. */
  readonly pageErrors: string[];
}

export interface BrowserSuite {
  /** Declares a test that gets a fresh context and page at 1280x800 on the app's origin. */
  test(name: string, body: (ctx: PageContext) => Promise<void>, options?: { timeout?: number }): void;
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** Call once at the top of a test file: launches one browser for the file's tests. */
export function browserSuite(): BrowserSuite {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  return {
    test(name, body, options) {
      test(name, { timeout: options?.timeout ?? 60_000 }, async () => {
        if (!browser) throw new Error('browser did not start');
        const context = await browser.newContext({
          baseURL: baseUrl(),
          viewport: VIEWPORT,
          deviceScaleFactor: 1,
        });
        context.setDefaultTimeout(UI_TIMEOUT_MS);
        const page = await context.newPage();
        const consoleErrors: string[] = [];
        const pageErrors: string[] = [];
        page.on('console', (msg) => {
          if (msg.type() === 'error') consoleErrors.push(msg.text());
        });
        page.on('pageerror', (err) => {
          pageErrors.push(err.stack ?? err.message);
        });
        try {
          await body({ page, context, consoleErrors, pageErrors });
          if (pageErrors.length > 0) {
            throw new Error(`uncaught error(s) in the page:\n${pageErrors.join('\n')}`);
          }
        } catch (err) {
          mkdirSync(OUT_DIR, { recursive: true });
          const shot = path.join(OUT_DIR, `${slug(name)}.png`);
          await page.screenshot({ path: shot }).catch(() => undefined);
          const notes = [`screenshot: ${path.relative(process.cwd(), shot)}`];
          if (pageErrors.length > 0) notes.push(`page errors:\n  ${pageErrors.join('\n  ')}`);
          if (consoleErrors.length > 0) notes.push(`console errors:\n  ${consoleErrors.join('\n  ')}`);
          if (err instanceof Error) err.message = `${err.message}\n${notes.join('\n')}`;
          throw err;
        } finally {
          await context.close();
        }
      });
    },
  };
}
