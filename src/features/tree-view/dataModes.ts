// Whether every step of a run has the same data mode: then the drawing leaves
// the mode letter off its nodes (the Run summary names the mode once).
// Memoised per run; one pass over the steps.
import type { Run } from '../../model/types.ts';

const memo = new WeakMap<Run, boolean>();

export function hasOneDataMode(run: Run): boolean {
  let one = memo.get(run);
  if (one === undefined) {
    const first = run.steps[0]?.dataMode;
    one = true;
    for (let i = 1; i < run.steps.length && one; i++) if (run.steps[i]!.dataMode !== first) one = false;
    memo.set(run, one);
  }
  return one;
}
