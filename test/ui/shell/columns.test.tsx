// @vitest-environment jsdom
// The workspace's side columns: each has a keyboard splitter (role separator)
// that resizes it within limits, and the width is remembered for next time.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { columnLimits, defaultWidths } from '../../../src/app/useColumnWidths.ts';
import { findRuns, fixtureFile, openFiles, renderApp, resetAfterTest } from './helpers.tsx';

const LEFT = 'Width of the runs and outline column';
const RIGHT = 'Width of the run summary and step details column';

beforeEach(() => localStorage.clear());
afterEach(() => {
  resetAfterTest();
  localStorage.clear();
});

const workspace = () => screen.getByRole('main', { name: 'Explorer' });
const splitter = (name: string) => screen.getByRole('separator', { name });

describe('column splitters', () => {
  it('resize the left column with the arrow keys, Home and End, within limits', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('llm-branching.json')]);
    await findRuns(1);
    const start = defaultWidths(window.innerWidth).left;
    const limits = columnLimits(window.innerWidth).left;
    const left = splitter(LEFT);
    expect(left).toHaveAttribute('aria-orientation', 'vertical');
    expect(left).toHaveAttribute('aria-valuenow', String(start));
    expect(workspace().style.getPropertyValue('--left-w')).toBe(`${start}px`);

    left.focus();
    await user.keyboard('{ArrowRight}');
    expect(left).toHaveAttribute('aria-valuenow', String(start + 16));
    expect(workspace().style.getPropertyValue('--left-w')).toBe(`${start + 16}px`);
    await user.keyboard('{Shift>}{ArrowLeft}{/Shift}');
    // Shift moves four times as far, but never below the minimum.
    expect(left).toHaveAttribute('aria-valuenow', String(Math.max(limits.min, start + 16 - 64)));
    await user.keyboard('{End}');
    expect(left).toHaveAttribute('aria-valuenow', String(limits.max));
    await user.keyboard('{ArrowRight}');
    expect(left).toHaveAttribute('aria-valuenow', String(limits.max));
    await user.keyboard('{Home}');
    expect(left).toHaveAttribute('aria-valuenow', String(limits.min));
  });

  it('widen the right column with Left (it sits right of its splitter) and remember it', async () => {
    const first = renderApp();
    await openFiles(first.user, [fixtureFile('llm-branching.json')]);
    await findRuns(1);
    const start = defaultWidths(window.innerWidth).right;
    const right = splitter(RIGHT);
    right.focus();
    await first.user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(right).toHaveAttribute('aria-valuenow', String(start + 32));
    expect(workspace().style.getPropertyValue('--right-w')).toBe(`${start + 32}px`);

    cleanup();
    const again = renderApp();
    await openFiles(again.user, [fixtureFile('llm-branching.json')]);
    await findRuns(1);
    expect(splitter(RIGHT)).toHaveAttribute('aria-valuenow', String(start + 32));
    expect(splitter(LEFT)).toHaveAttribute('aria-valuenow', String(defaultWidths(window.innerWidth).left));
  });
});
