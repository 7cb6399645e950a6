// The zustand store: ExplorerState plus actions that call the pure transitions
// of explorerState.ts. Components read slices with selectors; derived data
// (filtered steps, aggregates) comes from memoised selectors in selectors.ts.
import { create } from 'zustand';
import * as T from './explorerState.ts';

export interface ExplorerActions {
  addRuns(ids: readonly string[]): void;
  setActiveRun(id: string): void;
  closeRun(id: string): void;
  selectStep(index: number): void;
  toggleCollapsed(index: number): void;
  setCollapsed(indices: Iterable<number>): void;
  setRotated(runId: string, on: boolean): void;
  setFilters(patch: Partial<T.Filters>): void;
  clearFilters(): void;
  highlightResource(type: string | null): void;
  addLoadError(fileName: string, message: string): void;
  dismissLoadError(id: number): void;
  setDrawing(drawing: T.Drawing): void;
  /** Test helper: back to the initial state. */
  reset(): void;
}

export type ExplorerStore = T.ExplorerState & ExplorerActions;

export const useExplorerStore = create<ExplorerStore>()((set) => ({
  ...T.INITIAL_STATE,
  addRuns: (ids) => set((s) => T.addRuns(s, ids)),
  setActiveRun: (id) => set((s) => T.setActiveRun(s, id)),
  closeRun: (id) => set((s) => T.closeRun(s, id)),
  selectStep: (index) => set((s) => T.selectStep(s, index)),
  toggleCollapsed: (index) => set((s) => T.toggleCollapsed(s, index)),
  setCollapsed: (indices) => set((s) => T.setCollapsed(s, indices)),
  setRotated: (runId, on) => set((s) => T.setRotated(s, runId, on)),
  setFilters: (patch) => set((s) => T.setFilters(s, patch)),
  clearFilters: () => set((s) => T.clearFilters(s)),
  highlightResource: (type) => set((s) => T.highlightResource(s, type)),
  addLoadError: (fileName, message) => set((s) => T.addLoadError(s, fileName, message)),
  dismissLoadError: (id) => set((s) => T.dismissLoadError(s, id)),
  setDrawing: (drawing) => set((s) => T.setDrawing(s, drawing)),
  reset: () => set(T.INITIAL_STATE),
}));
