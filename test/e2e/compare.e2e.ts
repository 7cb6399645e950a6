// Comparing a failing run with a good one in Chromium: two histories written
// in the producer's form, "Compare" in the header, A and B chosen, the new
// failure named, the first difference opens the failed step in the explorer;
// axe finds nothing wrong in the view.
import assert from 'node:assert/strict';
import { button, expectTexts, openApp, openFiles, stepDetails, writeTempFile } from './app.ts';
import { expectNoAxeViolations } from './axe.ts';
import { browserSuite } from './browser.ts';
import { makeHistory, type StepSpec } from './make-history.ts';

const e2e = browserSuite();

function pair(): [string, string] {
  const steps = (failed: boolean): StepSpec[] => [
    { id: 's1', state: 'start' },
    { id: 's2', state: 'call_llm', parent: 's1' },
    { id: 's3', state: 'validate', parent: 's2', status: failed ? 'failed' : 'completed' },
  ];
  return [
    writeTempFile('good.json', makeHistory({ fsmName: 'agent', executionId: 'good-1', steps: steps(false) })),
    writeTempFile('bad.json', makeHistory({ fsmName: 'agent', executionId: 'bad-1', steps: steps(true) })),
  ];
}

e2e.test('compare: the new failure is named and its difference opens the step', async ({ page }) => {
  await openApp(page);
  await openFiles(page, pair());
  await button(page, 'Compare').click();
  const view = page.getByRole('main', { name: 'Compare runs', exact: true });
  await view.getByRole('combobox', { name: 'Run A (reference)' }).selectOption('good.json#0');
  await view.getByRole('combobox', { name: 'Run B' }).selectOption('bad.json#0');
  await view.getByText('1 new failure in B: validate').waitFor();
  const first = view.getByRole('region', { name: 'Differences' }).getByRole('button').first();
  assert.match((await first.textContent()) ?? '', /status.*start › call_llm › validate.*completed → failed/);
  await expectNoAxeViolations(page, { label: 'the compare view' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page, { label: 'the compare view, dark theme' });
  await page.emulateMedia({ colorScheme: 'light' });
  await first.click();
  await expectTexts(stepDetails(page), ['validate', 'failed'], '"Step details" of the failed step');
});
