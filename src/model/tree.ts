// Navigation over a run's tree links (iterative, typed arrays): the path from
// a root to a step, and a step's siblings.
import type { Run } from './types.ts';

/** Step indices from the root down to `index` (inclusive). A detached step gives [index]; an invalid index []. */
export function pathToRoot(run: Run, index: number): number[] {
  if (index < 0 || index >= run.steps.length) return [];
  const out: number[] = [];
  const parent = run.tree.parent;
  for (let x = index; x >= 0; x = parent[x] ?? -1) out.push(x);
  return out.reverse();
}

/**
 * The children of the step's parent, in order, INCLUDING the step itself
 * (so the caller can find its position). For a root: all roots. For a
 * detached step: [index]. For an invalid index: [].
 */
export function siblingsOf(run: Run, index: number): number[] {
  if (index < 0 || index >= run.steps.length) return [];
  const { tree } = run;
  if (run.steps[index]!.detached) return [index];
  const p = tree.parent[index]!;
  if (p < 0) return [...tree.roots];
  const out: number[] = [];
  for (let c = tree.firstChild[p]!; c !== -1; c = tree.nextSibling[c]!) out.push(c);
  return out;
}

/** Children of a step in order (empty for leaves and detached steps). */
export function childrenOf(run: Run, index: number): number[] {
  if (index < 0 || index >= run.steps.length) return [];
  const out: number[] = [];
  for (let c = run.tree.firstChild[index]!; c !== -1; c = run.tree.nextSibling[c]!) out.push(c);
  return out;
}
