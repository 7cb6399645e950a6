// The two compared runs as one tree, for drawing them once: B's tree, with
// each step of A that B does not have put under the step of B its parent
// matches (or under its own removed parent). Every row says what changed:
// 'added' (only in B), 'removed' (only in A), 'changed' (status, arc taken or
// duration differs), 'same'. Pre-order, children in B's order then A's
// removed ones; detached steps last. Explicit stack, no recursion: a
// 10,000-deep chain is fine. Pure.
import type { Run } from '../types.ts';
import type { RunComparison } from './compareRuns.ts';

export type MergedMark = 'same' | 'changed' | 'added' | 'removed';

export interface MergedRow {
  /** Step index in A, or -1 (added). */
  readonly a: number;
  /** Step index in B, or -1 (removed). */
  readonly b: number;
  readonly depth: number;
  readonly mark: MergedMark;
}

function changedSteps(c: RunComparison, bSteps: number): Uint8Array {
  const changed = new Uint8Array(bSteps);
  for (const d of c.differences) {
    if ((d.kind === 'status' || d.kind === 'arc' || d.kind === 'duration') && d.b >= 0) changed[d.b] = 1;
  }
  return changed;
}

export function mergedTree(a: Run, b: Run, c: RunComparison): MergedRow[] {
  const { aToB, bToA } = c.match;
  const changed = changedSteps(c, b.steps.length);
  const rows: MergedRow[] = [];
  // A stack of [a, b, depth]; pushed in reverse so they come off in order.
  const stack: Array<[number, number, number]> = [];
  const childrenA = (i: number): number[] => {
    const out: number[] = [];
    for (let k = a.tree.firstChild[i]!; k >= 0; k = a.tree.nextSibling[k]!) out.push(k);
    return out;
  };
  const childrenB = (j: number): number[] => {
    const out: number[] = [];
    for (let k = b.tree.firstChild[j]!; k >= 0; k = b.tree.nextSibling[k]!) out.push(k);
    return out;
  };
  /** The children of a merged node: B's (with their match in A), then A's that B does not have. */
  const kids = (i: number, j: number): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    if (j >= 0) for (const k of childrenB(j)) out.push([bToA[k]!, k]);
    if (i >= 0) for (const k of childrenA(i)) if (aToB[k]! < 0) out.push([k, -1]);
    return out;
  };
  const pushAll = (list: Array<[number, number]>, depth: number) => {
    for (let k = list.length - 1; k >= 0; k--) stack.push([list[k]![0], list[k]![1], depth]);
  };
  const walk = (top: Array<[number, number]>) => {
    pushAll(top, 0);
    while (stack.length > 0) {
      const [i, j, depth] = stack.pop()!;
      const mark: MergedMark = j < 0 ? 'removed' : i < 0 ? 'added' : changed[j] ? 'changed' : 'same';
      rows.push({ a: i, b: j, depth, mark });
      pushAll(kids(i, j), depth + 1);
    }
  };
  walk([
    ...b.tree.roots.map((j): [number, number] => [bToA[j]!, j]),
    ...a.tree.roots.filter((i) => aToB[i]! < 0).map((i): [number, number] => [i, -1]),
  ]);
  // Detached steps: never under a tree step; matched ones by their match.
  walk([
    ...b.tree.detached.map((j): [number, number] => [bToA[j]!, j]),
    ...a.tree.detached.filter((i) => aToB[i]! < 0).map((i): [number, number] => [i, -1]),
  ]);
  return rows;
}
