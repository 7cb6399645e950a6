// Helpers for the shell's component tests: render the whole app with fresh
// stores, open files through the real "Open history files" input, and build
// small history files for cases the fixtures do not cover.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import { resetStores } from '../../../src/store/resetStores.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

export function fixtureFile(name: string): File {
  return new File([fixtureBytes(name) as Uint8Array<ArrayBuffer>], name, { type: 'application/json' });
}

export function textFile(name: string, text: string): File {
  return new File([text], name, { type: 'application/json' });
}

/** Fresh stores and the given page address, then the app. */
export function renderApp(url = '/') {
  resetStores();
  window.history.replaceState(null, '', url);
  const user = userEvent.setup();
  const utils = render(<App />);
  return { user, ...utils };
}

export function resetAfterTest(): void {
  cleanup();
  resetStores();
  window.history.replaceState(null, '', '/');
}

export function fileInput(): HTMLInputElement {
  return screen.getByLabelText('Open history files') as HTMLInputElement;
}

export async function openFiles(user: ReturnType<typeof userEvent.setup>, files: File[]): Promise<void> {
  await user.upload(fileInput(), files);
}

export function runsRegion(): HTMLElement {
  return screen.getByRole('region', { name: 'Loaded runs' });
}

/** Waits until "Loaded runs" lists exactly `n` runs; returns their list items. */
export async function findRuns(n: number): Promise<HTMLElement[]> {
  let items: HTMLElement[] = [];
  await waitFor(
    () => {
      items = within(runsRegion()).getAllByRole('listitem');
      expect(items).toHaveLength(n);
    },
    { timeout: 15000 },
  );
  return items;
}

export interface StepSpec {
  readonly id: string;
  readonly state: string;
  readonly parent?: string;
  readonly status?: string;
  readonly mode?: string;
  readonly network?: string;
}

/** A plain-form history (summary, paths, mode_storage) as JSON text; summary values can be overridden. */
export function makeHistory(
  fsmName: string,
  executionId: string,
  specs: readonly StepSpec[],
  summaryOverrides: Record<string, unknown> = {},
): string {
  const t0 = 1758400000;
  const steps = specs.map((s, i) => ({
    step_id: s.id,
    state_name: s.state,
    network_name: s.network ?? 'main',
    timestamp: t0 + i,
    start_time: t0 + i,
    end_time: t0 + i + 0.5,
    duration: 0.5,
    data_mode: s.mode ?? 'copy',
    status: s.status ?? 'completed',
    arc_taken: null,
    error: null,
    metrics: {},
    resource_usage: {},
    stream_progress: null,
    chunks_processed: 0,
    records_processed: 0,
  }));
  const byId = new Map(steps.map((s) => [s.step_id, s]));
  const parentOf = new Map(specs.map((s) => [s.id, s.parent]));
  const hasChild = new Set(specs.map((s) => s.parent).filter((p) => p !== undefined));
  const paths = specs
    .filter((s) => !hasChild.has(s.id))
    .map((leaf) => {
      const chain: unknown[] = [];
      let id: string | undefined = leaf.id;
      while (id !== undefined) {
        chain.unshift(byId.get(id));
        id = parentOf.get(id);
      }
      return chain;
    });
  const failed = steps.filter((s) => s.status === 'failed').length;
  const skipped = steps.filter((s) => s.status === 'skipped').length;
  return JSON.stringify({
    summary: {
      fsm_name: fsmName,
      execution_id: executionId,
      start_time: t0,
      end_time: t0 + steps.length,
      duration: steps.length,
      total_steps: steps.length,
      failed_steps: failed,
      skipped_steps: skipped,
      completed_steps: steps.length - failed - skipped,
      data_mode: 'copy',
      tree_depth: Math.max(0, ...paths.map((p) => p.length)),
      total_paths: paths.length,
      resource_usage: {},
      stream_progress: { total_chunks: 0, total_records: 0, streams_processed: 0 },
      ...summaryOverrides,
    },
    paths,
    mode_storage: { copy: steps, reference: [], direct: [] },
  });
}
