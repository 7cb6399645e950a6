// Accessibility checks for the end-to-end tests: injects axe-core (the
// pinned devDependency) into the page through the DevTools protocol (the
// app's CSP allows no inline script, and Playwright's evaluate is not bound
// by it), runs it on the whole page or on one region, and fails with a
// readable list of the violations: rule id, impact, what it asks for, and
// each offending node's selector and axe's summary of what is wrong.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { AxeResults, Result, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

export interface AxeCheck {
  /** CSS selector of the part of the page to check; the whole document when absent. */
  readonly include?: string;
  /** Parts inside it to leave out (CSS selectors). */
  readonly exclude?: readonly string[];
  /** What is on screen, for the failure message (e.g. "run browser, 0 rows"). */
  readonly label: string;
  /**
   * Violations known and left for later: a node breaking `rule` inside (or at)
   * `within` does not fail the check. Every other rule is still checked there.
   */
  readonly known?: readonly KnownViolation[];
}

export interface KnownViolation {
  readonly rule: string;
  /** CSS selector: the node or one of its ancestors matches it. */
  readonly within: string;
}

/** axe's default rule set (WCAG 2.x A and AA, plus best practices; not the experimental rules). */
const OPTIONS: RunOptions = { resultTypes: ['violations'] };

function describeViolation(v: Result): string {
  const nodes = v.nodes.map((n) => {
    const target = n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : String(t))).join(' | ');
    const why = (n.failureSummary ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .join('; ');
    return `    - ${target}\n      ${why}\n      ${n.html.slice(0, 200)}`;
  });
  return `  ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
}

/** Waits for the page's finite CSS transitions and animations (a theme switch fades colours) to end. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** Runs axe on the page (or the `include` part of it), once it has settled, and returns its violations. */
export async function axeViolations(page: Page, check: AxeCheck): Promise<Result[]> {
  await settle(page);
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(axeSource);
  const results = (await page.evaluate(
    async ({ include, exclude, options, known }) => {
      const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe;
      const context = {
        ...(include === null ? {} : { include: [[include]] }),
        exclude: exclude.map((e) => [e]),
      };
      const found = (await axe.run(context, options)) as {
        violations: { id: string; nodes: { target: unknown[] }[] }[];
      };
      // (No named functions in here: tsx would wrap them in a helper the page does not have.)
      for (const v of found.violations) {
        v.nodes = v.nodes.filter((n) => {
          const selector = n.target.at(-1);
          const el = typeof selector === 'string' ? document.querySelector(selector) : null;
          return el === null || !known.some((k) => k.rule === v.id && el.closest(k.within) !== null);
        });
      }
      found.violations = found.violations.filter((v) => v.nodes.length > 0);
      return found;
    },
    {
      include: check.include ?? null,
      exclude: [...(check.exclude ?? [])],
      options: OPTIONS,
      known: [...(check.known ?? [])],
    },
  )) as AxeResults;
  return results.violations;
}

/** Fails, listing every violation, unless axe finds none in what `check` names. */
export async function expectNoAxeViolations(page: Page, check: AxeCheck): Promise<void> {
  const violations = await axeViolations(page, check);
  if (violations.length === 0) return;
  const count = violations.reduce((n, v) => n + v.nodes.length, 0);
  assert.fail(
    `axe: ${violations.length} rule(s) violated on ${count} node(s) in ${check.label}` +
      `${check.include ? ` (${check.include})` : ''}:\n${violations.map(describeViolation).join('\n')}`,
  );
}
