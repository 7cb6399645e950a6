// Opening a store a server keeps (`serve --db URL` puts `?db=/__db/` in the
// page address): the remote store handle (worker/remoteStoreClient.ts) is
// registered and shown in the run browser like an SQLite store, under the
// name the server gives it (host:port/database, which the URL hash's
// `store=` names too); a store that cannot be opened is an alert.
import { useExplorerStore } from '../../store/explorerStore.ts';
import { openRemoteStore } from '../../worker/remoteStoreClient.ts';
import { acceptStores } from './loadController.ts';

/** A path on this page's own origin (`/__db/`), or null: the page talks to no other server. */
export function remoteStorePath(param: string | null): string | null {
  if (param === null || !param.startsWith('/') || param.startsWith('//') || param.includes('\\')) return null;
  return param;
}

export async function loadRemoteStore(path: string): Promise<void> {
  const opened = await openRemoteStore(path);
  if (opened.ok) acceptStores([opened]);
  else useExplorerStore.getState().addLoadError(opened.error.fileName, opened.error.message);
}
