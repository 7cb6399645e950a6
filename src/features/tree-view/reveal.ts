// When a step is selected from elsewhere (table, details, URL) but sits inside
// a collapsed subtree, its collapsed ancestors are opened so it can be shown.
import type { Run } from '../../model/types.ts';

/** The collapsed set without `index`'s ancestors, or null when none of them was collapsed. */
export function revealCollapsed(run: Run, collapsed: ReadonlySet<number>, index: number): Set<number> | null {
  if (index < 0 || index >= run.steps.length || collapsed.size === 0) return null;
  const next = new Set(collapsed);
  let changed = false;
  for (let a = run.tree.parent[index] ?? -1; a >= 0; a = run.tree.parent[a] ?? -1) {
    if (next.delete(a)) changed = true;
  }
  return changed ? next : null;
}

/** Slots on the path from the root to `slot` (1 = on the path); null when nothing is selected. */
export function pathSlots(parentSlot: Int32Array, count: number, slot: number): Uint8Array | null {
  if (slot < 0) return null;
  const on = new Uint8Array(count);
  for (let s = slot; s >= 0; s = parentSlot[s] ?? -1) on[s] = 1;
  return on;
}
