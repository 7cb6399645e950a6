// Shared setup for the panel tests: register a run, make it active, reset the
// store between tests, and load real fixture files once the loader exists.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Run } from '../../../src/model/types.ts';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import { clearRuns, registerRun } from '../../../src/store/runRegistry.ts';

export function activate(run: Run, selected = -1): void {
  registerRun(run);
  const store = useExplorerStore.getState();
  store.addRuns([run.id]);
  store.setActiveRun(run.id);
  if (selected >= 0) useExplorerStore.getState().selectStep(selected);
}

export function resetStores(): void {
  useExplorerStore.getState().reset();
  clearRuns();
}

export function fixtureBytes(name: string): Uint8Array {
  // Vitest runs from the repository root (import.meta.url is not a file URL under jsdom).
  return readFileSync(resolve(process.cwd(), 'test/fixtures', name));
}

/** The first run of a real fixture file, through the model's loader. */
export async function loadFixtureRun(name: string): Promise<Run> {
  const { loadHistoryFile } = await import('../../../src/model/loadFile.ts');
  const result = await loadHistoryFile(fixtureBytes(name), name);
  if (!result.ok) throw new Error(result.error.message);
  const run = result.runs[0];
  if (!run) throw new Error(`${name}: no run`);
  return run;
}

/** Index of the first step matching a predicate (throws when none does). */
export function stepWhere(run: Run, pred: (s: Run['steps'][number]) => boolean): number {
  const s = run.steps.find(pred);
  if (!s) throw new Error('no such step');
  return s.index;
}
