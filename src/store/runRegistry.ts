// Loaded runs live here, outside zustand: the store keeps only their ids
// (jaeger-ui style), so store updates never copy or diff large run data.
import type { Run } from '../model/types.ts';

const runs = new Map<string, Run>();

export function registerRun(run: Run): void {
  runs.set(run.id, run);
}

export function unregisterRun(id: string): void {
  runs.delete(id);
}

export function getRun(id: string | null | undefined): Run | undefined {
  return id == null ? undefined : runs.get(id);
}

export function hasRun(id: string): boolean {
  return runs.has(id);
}

/** Test helper: forget every run. */
export function clearRuns(): void {
  runs.clear();
}
