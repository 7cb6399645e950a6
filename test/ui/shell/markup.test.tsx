// @vitest-environment jsdom
// Text from files is text: a state name (and FSM name) holding markup shows
// as characters, and no element is created from it.
import { screen, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { findRuns, makeHistory, openFiles, renderApp, resetAfterTest, textFile } from './helpers.tsx';

afterEach(resetAfterTest);

const MARKUP = '<img src=x onerror=alert(1)>';

it('a state name containing markup shows as text; no img element is created', async () => {
  const { user, container } = renderApp();
  const text = makeHistory(`fsm ${MARKUP}`, 'xss-1', [
    { id: 'a1', state: 'start' },
    { id: 'a2', parent: 'a1', state: MARKUP, status: 'failed' },
  ]);
  await openFiles(user, [textFile('markup.json', text)]);
  const [item] = await findRuns(1);
  expect(item).toHaveTextContent(`fsm ${MARKUP}`);
  expect(screen.getByRole('region', { name: 'Run summary' })).toHaveTextContent(`fsm ${MARKUP}`);

  const combo = screen.getByRole('combobox', { name: 'Filter by state' });
  await user.click(combo);
  await user.keyboard('{ArrowDown}');
  const options = within(screen.getByRole('listbox', { name: 'State names' })).getAllByRole('option');
  expect(options.map((o) => o.textContent)).toContain(`${MARKUP}1`);
  await user.type(combo, 'onerror');
  expect(screen.getByText(/\d+ of \d+ steps/)).toHaveTextContent('1 of 2 steps');

  expect(container.querySelector('img')).toBeNull();
  expect(document.querySelector('img[src="x"]')).toBeNull();
});
