// Where loaded runs join the session: each good run is registered (its id
// made unique) and added to "Loaded runs"; each failed file is an alert
// naming it; cancelled files are counted. Files, URLs and runs opened from a
// store all come through here.
import type { FileLoadResult } from '../../model/types.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { hasRun, registerRun } from '../../store/runRegistry.ts';
import { withUniqueId } from './uniqueRunId.ts';

export interface Accepted {
  /** Ids of the runs added, in file order. */
  readonly ids: string[];
  /** Files that came back cancelled. */
  readonly cancelled: number;
}

/**
 * Registers the good runs and reports the failed files (one alert each).
 * With `activate`, the first new run becomes the active one, unless adding
 * the runs already chose one (a URL hash naming it).
 */
export function acceptResults(results: readonly FileLoadResult[], activate: boolean): Accepted {
  const explorer = useExplorerStore.getState();
  const ids: string[] = [];
  let cancelled = 0;
  for (const r of results) {
    if (r.ok) {
      for (const run of r.runs) {
        const unique = withUniqueId(run, hasRun);
        registerRun(unique);
        ids.push(unique.id);
      }
    } else if (r.error.kind === 'cancelled') {
      cancelled++;
    } else {
      explorer.addLoadError(r.fileName, r.error.message);
    }
  }
  const first = ids[0];
  if (first !== undefined) {
    const before = useExplorerStore.getState().activeRunId;
    explorer.addRuns(ids);
    if (activate && useExplorerStore.getState().activeRunId === before) {
      useExplorerStore.getState().setActiveRun(first);
    }
  }
  return { ids, cancelled };
}
