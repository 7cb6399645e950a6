// Test helper (zustand's recommended pattern): puts every store and the run
// and store registries back to their initial state. Call it in beforeEach/afterEach.
import { useBrowserStore } from './browserStore.ts';
import { useCompareStore } from './compareStore.ts';
import { useExplorerStore } from './explorerStore.ts';
import { useLoadingStore } from './loadingStore.ts';
import { usePreferencesStore } from './preferencesStore.ts';
import { clearRuns } from './runRegistry.ts';
import { clearStores } from './storeRegistry.ts';

export function resetStores(): void {
  useExplorerStore.getState().reset();
  useLoadingStore.getState().reset();
  usePreferencesStore.getState().reset();
  useBrowserStore.getState().reset();
  useCompareStore.getState().reset();
  clearRuns();
  clearStores();
}
