// Small UI helpers for the end-to-end tests: find the app's controls by role
// and accessible name (the names fixed by the product spec), load files through
// the real file input, and wait for text the way a user would read it.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { UI_TIMEOUT_MS } from './browser.ts';

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export function fixturePath(name: string): string {
  return path.join(FIXTURES_DIR, name);
}

/** Writes a file into a fresh temporary folder and returns its path (the file keeps its name). */
export function writeTempFile(name: string, content: string | Uint8Array): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fsm-e2e-'));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

// --- the app's landmarks and controls, by role and name -------------------

export const fileInput = (page: Page): Locator => page.getByLabel('Open history files', { exact: true });
export const loadedRuns = (page: Page): Locator => page.getByRole('region', { name: 'Loaded runs' });
export const stepDetails = (page: Page): Locator => page.getByRole('region', { name: 'Step details' });
export const runSummary = (page: Page): Locator => page.getByRole('region', { name: 'Run summary' });
export const stepTree = (page: Page): Locator => page.getByRole('tree', { name: 'Step tree' });
export const treeItem = (page: Page, name: string): Locator =>
  stepTree(page).getByRole('treeitem', { name, exact: true });
export const stateFilter = (page: Page): Locator => page.getByRole('combobox', { name: 'Filter by state' });
export const button = (page: Page, name: string): Locator => page.getByRole('button', { name, exact: true });
export const alerts = (page: Page): Locator => page.getByRole('alert');

/** Opens the app (optionally with a query/hash) and waits until the file input is there. */
export async function openApp(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await fileInput(page).waitFor({ state: 'attached' });
}

/** Loads files through the "Open history files" input, as a user picking them in the file dialog. */
export async function openFiles(page: Page, files: readonly string[]): Promise<void> {
  await fileInput(page).setInputFiles([...files]);
}

export async function openFixtures(page: Page, names: readonly string[]): Promise<void> {
  await openFiles(
    page,
    names.map((n) => fixturePath(n)),
  );
}

// --- waiting for what the user reads ---------------------------------------

/** The text as rendered (what a user reads), not the raw DOM text. */
export function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText is the rendered text a user reads.
  return locator.innerText({ timeout: 1000 });
}

/** Polls `read` until `ok` holds or the time is up; then fails with `describe(last value)`. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  describe: (value: T | undefined) => string,
  timeout = UI_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (ok(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message.split('\n')[0]})` : '';
      assert.fail(`${describe(last)}${why}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function matches(text: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}

function clip(text: string | undefined): string {
  if (text === undefined) return '<not found>';
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 600 ? `${flat.slice(0, 600)}...` : flat);
}

/** Waits until the element's visible text contains `expected`. Returns the text. */
export async function expectText(
  locator: Locator,
  expected: string | RegExp,
  label = String(locator),
  timeout = UI_TIMEOUT_MS,
): Promise<string> {
  return eventually(
    () => visibleText(locator),
    (t) => matches(t, expected),
    (t) => `${label}: expected text ${String(expected)}, saw ${clip(t)}`,
    timeout,
  );
}

/** Waits until the element's visible text contains every one of `expected`. */
export async function expectTexts(
  locator: Locator,
  expected: readonly (string | RegExp)[],
  label = String(locator),
): Promise<string> {
  return eventually(
    () => visibleText(locator),
    (t) => expected.every((e) => matches(t, e)),
    (t) =>
      `${label}: expected ${expected.map(String).join(' and ')}; missing ${expected
        .filter((e) => t === undefined || !matches(t, e))
        .map(String)
        .join(', ')}; saw ${clip(t)}`,
  );
}

/** Waits until the element's visible text does not contain `unexpected`. */
export async function expectNoText(
  locator: Locator,
  unexpected: string | RegExp,
  label = String(locator),
): Promise<string> {
  return eventually(
    () => visibleText(locator),
    (t) => !matches(t, unexpected),
    (t) => `${label}: expected no ${String(unexpected)}, saw ${clip(t)}`,
  );
}

const COUNT_RE = /(\d[\d,]*) of (\d[\d,]*) steps?\b/g;

/**
 * Waits until the page's live count reads exactly `expected` (e.g. "568 of 1,809 steps")
 * and no other "N of M steps" text on the page disagrees with it.
 */
export async function expectStepCount(page: Page, expected: string): Promise<void> {
  await eventually(
    () => visibleText(page.locator('body')),
    (t) => {
      const seen = [...t.matchAll(COUNT_RE)].map((m) => m[0]);
      return seen.length > 0 && seen.every((s) => s === expected);
    },
    (t) =>
      `expected the step count "${expected}", saw ${
        t === undefined ? '<no page>' : JSON.stringify([...t.matchAll(COUNT_RE)].map((m) => m[0]))
      }`,
  );
}

/** Waits until the element's attribute has the given value (null for absent). */
export async function expectAttribute(
  locator: Locator,
  name: string,
  expected: string | null,
  label = String(locator),
): Promise<void> {
  await eventually(
    () => locator.getAttribute(name, { timeout: 1000 }),
    (v) => v === expected,
    (v) => `${label}: expected ${name}=${JSON.stringify(expected)}, saw ${JSON.stringify(v)}`,
  );
}

/** True when the element has the focus itself or is the tree's aria-activedescendant. */
export function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const active = document.activeElement;
    if (active === el) return true;
    const id = active?.getAttribute('aria-activedescendant');
    return Boolean(id) && id === el.id;
  });
}

/** Waits until the tree item with this name is the one focused (DOM focus or active descendant). */
export async function expectFocusedTreeItem(page: Page, name: string): Promise<void> {
  await eventually(
    async () => {
      if (!(await hasFocus(treeItem(page, name)))) {
        return page.evaluate(() => {
          const a = document.activeElement;
          const id = a?.getAttribute('aria-activedescendant');
          const el = id ? document.getElementById(id) : a;
          return `focus is on <${el?.tagName.toLowerCase() ?? 'none'} role=${el?.getAttribute('role')} aria-label=${el?.getAttribute('aria-label')}> "${(el?.textContent ?? '').slice(0, 80)}"`;
        });
      }
      return 'ok';
    },
    (v) => v === 'ok',
    (v) => `expected tree item "${name}" to have the focus; ${v}`,
  );
}

/** Names of the tree items currently marked aria-selected="true". */
export async function selectedTreeItems(page: Page): Promise<string[]> {
  const items = stepTree(page).locator('[role="treeitem"][aria-selected="true"]');
  const names: string[] = [];
  for (const item of await items.all()) {
    // The accessibility tree's name: '- treeitem "draft_answer failed 3.10 s" [selected] [level=5]'.
    names.push(/^- treeitem "(.*?)"/.exec(await item.ariaSnapshot())?.[1] ?? '');
  }
  return names;
}

/** Waits until exactly the named tree item is selected. */
export async function expectSelectedTreeItem(page: Page, name: string): Promise<void> {
  await expectAttribute(treeItem(page, name), 'aria-selected', 'true', `tree item "${name}"`);
  await eventually(
    () => stepTree(page).locator('[role="treeitem"][aria-selected="true"]').count(),
    (n) => n === 1,
    (n) => `expected one selected tree item, saw ${n}: ${name}`,
  );
}

/** The run entries listed in "Loaded runs": the region's text, for matching. */
export async function expectLoadedRun(page: Page, parts: readonly (string | RegExp)[]): Promise<void> {
  const region = loadedRuns(page);
  await eventually(
    async () => {
      const entries = await runEntries(page);
      return { entries, text: await visibleText(region) };
    },
    ({ entries }) => entries.some((e) => parts.every((p) => matches(e, p))),
    (v) =>
      `"Loaded runs": expected one entry with ${parts.map(String).join(' + ')}; entries ${
        v ? JSON.stringify(v.entries.map((e) => e.replace(/\s+/g, ' ').trim())) : '<region not found>'
      }`,
  );
}

/**
 * The text of each run entry in "Loaded runs": list items, options or tabs,
 * whichever the region uses to list runs.
 */
export async function runEntries(page: Page): Promise<string[]> {
  const region = loadedRuns(page);
  for (const role of ['listitem', 'option', 'tab', 'row'] as const) {
    const items = region.getByRole(role);
    const n = await items.count();
    if (n > 0) return items.allInnerTexts();
  }
  return [];
}
