// Shared setup for the panel tests: register a run, make it active, reset the
// store between tests, and load real fixture files once the loader exists.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
  return readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)));
}
