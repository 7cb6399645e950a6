// Open stores live here, outside zustand (like runRegistry.ts for runs): the
// browser store keeps only their ids. Each handle owns a worker, so a store
// that leaves the registry is closed. It also remembers which loaded run each
// store run became, so opening it again shows that run instead of a copy.
import type { StoreHandle } from '../worker/storeClient.ts';

const stores = new Map<string, StoreHandle>();
const opened = new Map<string, string>();

export function registerStore(store: StoreHandle): void {
  stores.set(store.id, store);
}

export function getStore(id: string | null | undefined): StoreHandle | undefined {
  return id == null ? undefined : stores.get(id);
}

/** Closes the store (ends its worker) and forgets it. */
export function unregisterStore(id: string): void {
  stores.get(id)?.close();
  stores.delete(id);
  for (const k of [...opened.keys()]) if (k.startsWith(`${id}\n`)) opened.delete(k);
}

/** Notes that run `key` of store `storeId` was loaded as run `runId`. */
export function rememberOpenedRun(storeId: string, key: number, runId: string): void {
  opened.set(`${storeId}\n${key}`, runId);
}

/** The loaded run's id that run `key` of the store became, if it was opened. */
export function openedRun(storeId: string, key: number): string | undefined {
  return opened.get(`${storeId}\n${key}`);
}

/** Test helper: close and forget every store. */
export function clearStores(): void {
  for (const s of stores.values()) s.close();
  stores.clear();
  opened.clear();
}
