// Test helper: builds a Run by hand (tree links and all) from a short list of
// step specs, so the tree view and outline can be tested without the loader.
// Iterative throughout, so it also builds 10,000-deep chains.
import type { DurationSource, JsonObject, Run, Step } from '../../../src/model/types.ts';

export interface StepSpec {
  readonly name: string;
  /** Index of the parent spec; -1 for a root; 'detached' for a step outside the tree. */
  readonly parent: number | 'detached';
  readonly status?: string;
  readonly mode?: string;
  readonly arc?: string | null;
  readonly duration?: number | null;
  readonly durationSource?: DurationSource;
  readonly resources?: JsonObject;
}

export function makeRun(specs: readonly StepSpec[], id = 'test.json#0'): Run {
  const n = specs.length;
  const parent = new Int32Array(n).fill(-1);
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  const lastChild = new Int32Array(n).fill(-1);
  const childCount = new Int32Array(n);
  const depth = new Int32Array(n);
  const subtreeSize = new Int32Array(n);
  const roots: number[] = [];
  const detached: number[] = [];

  for (let i = 0; i < n; i++) {
    const p = specs[i]!.parent;
    if (p === 'detached') {
      detached.push(i);
      continue;
    }
    if (p < 0) {
      roots.push(i);
      continue;
    }
    if (p >= i) throw new Error(`makeRun: parent ${p} of step ${i} must come first`);
    parent[i] = p;
    childCount[p]!++;
    if (lastChild[p]! < 0) firstChild[p] = i;
    else nextSibling[lastChild[p]!] = i;
    lastChild[p] = i;
  }

  const preorder: number[] = [];
  const stack: number[] = [...roots].reverse();
  while (stack.length > 0) {
    const i = stack.pop()!;
    preorder.push(i);
    depth[i] = parent[i]! >= 0 ? depth[parent[i]!]! + 1 : 0;
    const kids: number[] = [];
    for (let c = firstChild[i]!; c >= 0; c = nextSibling[c]!) kids.push(c);
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]!);
  }
  for (const i of detached) subtreeSize[i] = 1;
  for (let k = preorder.length - 1; k >= 0; k--) {
    const i = preorder[k]!;
    subtreeSize[i]! += 1;
    if (parent[i]! >= 0) subtreeSize[parent[i]!]! += subtreeSize[i]!;
  }

  const steps: Step[] = specs.map((s, index) => {
    const duration = s.duration === undefined ? 0.5 : s.duration;
    return {
      index,
      stepId: `step-${index}`,
      stateName: s.name,
      networkName: 'main',
      timestamp: 1000 + index,
      startTime: 1000 + index,
      endTime: duration == null ? null : 1000 + index + duration,
      recordedDuration: duration,
      duration,
      durationSource: s.durationSource ?? (duration == null ? 'none' : 'recorded'),
      dataMode: s.mode ?? 'copy',
      status: s.status ?? 'completed',
      arcTaken: s.arc ?? null,
      error: null,
      metrics: {},
      resourceUsage: s.resources ?? {},
      streamProgress: null,
      chunksProcessed: 0,
      recordsProcessed: 0,
      detached: s.parent === 'detached',
      source: s.parent === 'detached' ? `mode_storage.copy[${index}]` : `paths[0][${depth[index]}]`,
    };
  });

  const statusCounts: Record<string, number> = {};
  for (const s of steps) statusCounts[s.status] = (statusCounts[s.status] ?? 0) + 1;
  let maxDepth = 0;
  for (const i of preorder) maxDepth = Math.max(maxDepth, depth[i]! + 1);
  const failed = statusCounts.failed ?? 0;
  const skipped = statusCounts.skipped ?? 0;
  let leaves = 0;
  for (const i of preorder) if (childCount[i] === 0) leaves++;

  return {
    id,
    fileName: id.split('#')[0] ?? id,
    indexInFile: 0,
    form: 'plain',
    fsmName: 'test_fsm',
    executionId: 'exec-1',
    dataMode: 'copy',
    startTime: 1000,
    endTime: 1000 + n,
    duration: n,
    producer: null,
    steps,
    tree: {
      parent,
      firstChild,
      nextSibling,
      childCount,
      depth,
      subtreeSize,
      roots,
      detached,
      preorder: Int32Array.from(preorder),
    },
    counts: {
      uniqueSteps: n,
      treeSteps: preorder.length,
      detachedSteps: detached.length,
      roots: roots.length,
      leaves,
      maxDepth,
      paths: leaves,
      statusCounts,
      failedSteps: failed,
      skippedSteps: skipped,
      completedSteps: n - failed - skipped,
    },
    currentStep: n - 1,
    open: false,
    pruned: false,
    warnings: [],
  };
}

/** A chain of `n` steps, each the only child of the one before. */
export function chainRun(n: number): Run {
  const specs: StepSpec[] = [];
  for (let i = 0; i < n; i++) specs.push({ name: `s${i}`, parent: i - 1 });
  return makeRun(specs, `chain-${n}.json#0`);
}

/** One root with `fan` children, each with `fan` children (1 + fan + fan^2 steps). */
export function fanRun(fan: number): Run {
  const specs: StepSpec[] = [{ name: 'root', parent: -1 }];
  for (let a = 0; a < fan; a++) {
    const ai = specs.length;
    specs.push({ name: `branch_${a}`, parent: 0, arc: 'go' });
    for (let b = 0; b < fan; b++)
      specs.push({ name: `leaf_${a}_${b}`, parent: ai, status: b % 3 ? 'completed' : 'failed' });
  }
  return makeRun(specs, `fan-${fan}.json#0`);
}

/**
 * The shape of llm-branching.json: receive -> classify -> (retrieve -> rank ->
 * draft (failed) | draft -> policy -> (escalate skipped | respond)) | faq (skipped).
 */
export function branchingRun(): Run {
  return makeRun([
    { name: 'receive_message', parent: -1, arc: 'classify', mode: 'reference' },
    { name: 'classify_intent', parent: 0, arc: 'retrieve', mode: 'reference' },
    {
      name: 'retrieve_context',
      parent: 1,
      arc: 'rank',
      mode: 'reference',
      resources: { vector_store: { duration: 0.31 } },
    },
    {
      name: 'rank_passages',
      parent: 2,
      arc: 'draft',
      mode: 'reference',
      resources: { llm: { duration: 1 } },
    },
    {
      name: 'draft_answer',
      parent: 3,
      status: 'failed',
      mode: 'reference',
      resources: { llm: { duration: 2 } },
    },
    { name: 'draft_answer', parent: 3, arc: 'check', mode: 'reference', resources: { llm: { duration: 2 } } },
    { name: 'policy_check', parent: 5, arc: 'respond', mode: 'reference' },
    { name: 'escalate_to_human', parent: 6, status: 'skipped', mode: 'reference', duration: null },
    { name: 'respond', parent: 6, arc: 'done', mode: 'reference', durationSource: 'end-start' },
    { name: 'faq_lookup', parent: 1, status: 'skipped', mode: 'reference', duration: null },
  ]);
}
