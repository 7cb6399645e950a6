// Test helper (zustand's recommended pattern): puts every store and the run
// registry back to their initial state. Call it in beforeEach/afterEach.
import { useExplorerStore } from './explorerStore.ts';
import { useLoadingStore } from './loadingStore.ts';
import { usePreferencesStore } from './preferencesStore.ts';
import { clearRuns } from './runRegistry.ts';

export function resetStores(): void {
  useExplorerStore.getState().reset();
  useLoadingStore.getState().reset();
  usePreferencesStore.getState().reset();
  clearRuns();
}
