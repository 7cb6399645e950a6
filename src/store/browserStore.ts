// The run browser slice: open store ids, the view, each store's query and
// selection. Actions call the pure transitions of browserState.ts; the store
// handles themselves are in storeRegistry.ts.
import { create } from 'zustand';
import type { MetadataCondition, RunQuery, SortColumn } from '../model/store/storeTypes.ts';
import * as B from './browserState.ts';

export interface BrowserActions {
  addStore(id: string, query?: RunQuery): void;
  removeStore(id: string): void;
  showStore(id: string): void;
  setView(view: B.View): void;
  setQuery(patch: Partial<Omit<RunQuery, 'sort' | 'desc'>>): void;
  replaceQuery(query: RunQuery): void;
  setSort(sort: SortColumn, desc: boolean): void;
  clearFilters(): void;
  addCondition(condition: MetadataCondition): void;
  setCondition(index: number, patch: Partial<MetadataCondition>): void;
  removeCondition(index: number): void;
  toggleSelected(key: number): void;
  setSelection(keys: Iterable<number>): void;
  /** Test helper: back to the initial state. */
  reset(): void;
}

export type BrowserStore = B.BrowserState & BrowserActions;

export const useBrowserStore = create<BrowserStore>()((set) => ({
  ...B.INITIAL_BROWSER,
  addStore: (id, query) => set((s) => B.addStore(s, id, query)),
  removeStore: (id) => set((s) => B.removeStore(s, id)),
  showStore: (id) => set((s) => B.showStore(s, id)),
  setView: (view) => set((s) => B.setView(s, view)),
  setQuery: (patch) => set((s) => B.setQuery(s, patch)),
  replaceQuery: (query) => set((s) => B.replaceQuery(s, query)),
  setSort: (sort, desc) => set((s) => B.setSort(s, sort, desc)),
  clearFilters: () => set((s) => B.clearFilters(s)),
  addCondition: (condition) => set((s) => B.addCondition(s, condition)),
  setCondition: (index, patch) => set((s) => B.setCondition(s, index, patch)),
  removeCondition: (index) => set((s) => B.removeCondition(s, index)),
  toggleSelected: (key) => set((s) => B.toggleSelected(s, key)),
  setSelection: (keys) => set((s) => B.setSelection(s, keys)),
  reset: () => set(B.INITIAL_BROWSER),
}));
