// Helpers for the run browser's component tests: the whole app with fresh
// stores, real SQLite stores given to the real "Open history files" input
// (the store runs through openStore's main-thread fallback: jsdom has no
// Worker), and the browser's controls found by role and name.
import { screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import { fixtureBytes, openFiles } from '../shell/helpers.tsx';

export type User = ReturnType<typeof userEvent.setup>;

export function storeFile(name: string, bytes: Uint8Array = fixtureBytes(`db/${name}`)): File {
  return new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/vnd.sqlite3' });
}

export const browserView = (): HTMLElement => screen.getByRole('main', { name: 'Run browser' });
export const runGrid = (): HTMLElement => screen.getByRole('grid', { name: 'Runs' });

/** Opens the store through the file input and waits for the run browser to list `runs` of them. */
export async function openStoreFile(user: User, file: File, runs: number): Promise<void> {
  await openFiles(user, [file]);
  await screen.findByRole('main', { name: 'Run browser' }, { timeout: 15000 });
  if (runs > 0) await expectCount(`${runs} of ${runs} ${runs === 1 ? 'run' : 'runs'}`);
}

/** Waits until the live count reads exactly `text` (e.g. "1 of 6 runs"). */
export async function expectCount(text: string): Promise<void> {
  await waitFor(() => expect(screen.getByText(/\S+ of [\d,]+ runs?$/)).toHaveTextContent(text), {
    timeout: 10000,
  });
}

/** The execution ids of the listed runs, top to bottom, once no row is still loading. */
export async function listedIds(expected: number): Promise<string[]> {
  let ids: string[] = [];
  await waitFor(
    () => {
      const rows = within(runGrid()).getAllByRole('row').slice(1);
      expect(rows.some((r) => r.textContent?.includes('Loading…'))).toBe(false);
      // Cells of a role="grid" table are gridcells in browsers; jsdom's role mapping calls them cells.
      ids = rows.map((r) => r.querySelectorAll('td')[2]?.textContent ?? '');
      expect(ids).toHaveLength(expected);
    },
    { timeout: 10000 },
  );
  return ids;
}
