// The loading slice: which batches of files are being read and how far along.
// Actions call the pure transitions of loadingState.ts.
import { create } from 'zustand';
import * as L from './loadingState.ts';

export interface LoadingActions {
  /** Starts a job and returns its id. */
  startJob(phase: L.LoadPhase, files: readonly L.JobFileSpec[]): number;
  setJobPhase(id: number, phase: L.LoadPhase, files: readonly L.JobFileSpec[]): void;
  jobProgress(id: number, p: L.FileProgress): void;
  finishJob(id: number): void;
  setNotice(notice: string | null): void;
  /** Test helper: back to the initial state. */
  reset(): void;
}

export type LoadingStore = L.LoadingState & LoadingActions;

export const useLoadingStore = create<LoadingStore>()((set, get) => ({
  ...L.INITIAL_LOADING,
  startJob: (phase, files) => {
    const id = get().nextJobId;
    set((s) => L.startJob(s, phase, files));
    return id;
  },
  setJobPhase: (id, phase, files) => set((s) => L.setJobPhase(s, id, phase, files)),
  jobProgress: (id, p) => set((s) => L.jobProgress(s, id, p)),
  finishJob: (id) => set((s) => L.finishJob(s, id)),
  setNotice: (notice) => set((s) => L.setNotice(s, notice)),
  reset: () => set(L.INITIAL_LOADING),
}));
