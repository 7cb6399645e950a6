// The compare slice: the pair of run ids compared (compareState.ts).
import { create } from 'zustand';
import * as C from './compareState.ts';

export interface CompareActions {
  setPair(a: string | null, b: string | null): void;
  swap(): void;
  reset(): void;
}

export const useCompareStore = create<C.CompareState & CompareActions>()((set) => ({
  ...C.INITIAL_COMPARE,
  setPair: (a, b) => set((s) => C.setPair(s, a, b)),
  swap: () => set((s) => C.swap(s)),
  reset: () => set(C.INITIAL_COMPARE),
}));
