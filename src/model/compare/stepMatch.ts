// Which step of run A is which step of run B. Step ids differ between runs,
// so steps are matched by where they are: the path of state names from the
// root, with each step's position among its same-named siblings (the third
// `call_llm` under `plan` in A is the third one in B, so repeated retries
// line up in order). Detached steps (outside the tree) match by state name
// and order among the detached. Keys are interned once for both runs, so a
// 10,000-deep chain costs O(steps), not O(steps x depth); the walk is the
// tree's preorder, no recursion. Pure.
import type { Run } from '../types.ts';

export interface StepMatch {
  /** For each step of A, the matching step of B, or -1. */
  readonly aToB: Int32Array;
  /** For each step of B, the matching step of A, or -1. */
  readonly bToA: Int32Array;
  /** For each step of A / B, its position among same-named siblings (0 for the first). */
  readonly ordinalA: Int32Array;
  readonly ordinalB: Int32Array;
}

const ROOT = -1;
const DETACHED = -2;

/** Each step's key (an id shared by A and B) and ordinal among same-named siblings. */
function keyRun(run: Run, intern: Map<string, number>): { keys: Int32Array; ordinals: Int32Array } {
  const n = run.steps.length;
  const keys = new Int32Array(n).fill(-1);
  const ordinals = new Int32Array(n);
  const seen = new Map<string, number>();
  const place = (i: number, parentKey: number): void => {
    const name = run.steps[i]!.stateName;
    const slot = `${parentKey}\u0000${name}`;
    const k = seen.get(slot) ?? 0;
    seen.set(slot, k + 1);
    const text = `${slot}\u0000${k}`;
    let key = intern.get(text);
    if (key === undefined) {
      key = intern.size;
      intern.set(text, key);
    }
    keys[i] = key;
    ordinals[i] = k;
  };
  const { preorder, parent, detached } = run.tree;
  for (let p = 0; p < preorder.length; p++) {
    const i = preorder[p]!;
    const up = parent[i]!;
    place(i, up >= 0 ? keys[up]! : ROOT);
  }
  for (const i of detached) place(i, DETACHED);
  return { keys, ordinals };
}

export function matchSteps(a: Run, b: Run): StepMatch {
  const intern = new Map<string, number>();
  const ka = keyRun(a, intern);
  const kb = keyRun(b, intern);
  const bByKey = new Int32Array(intern.size).fill(-1);
  for (let i = 0; i < kb.keys.length; i++) if (kb.keys[i]! >= 0) bByKey[kb.keys[i]!] = i;
  const aToB = new Int32Array(a.steps.length).fill(-1);
  const bToA = new Int32Array(b.steps.length).fill(-1);
  for (let i = 0; i < ka.keys.length; i++) {
    const key = ka.keys[i]!;
    if (key < 0) continue;
    const j = bByKey[key]!;
    if (j >= 0) {
      aToB[i] = j;
      bToA[j] = i;
    }
  }
  return { aToB, bToA, ordinalA: ka.ordinals, ordinalB: kb.ordinals };
}
