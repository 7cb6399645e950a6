// Hand-made Run objects for the UI and store tests: a list of step specs with
// parent links becomes a full Run (tree links, counts) without the loader.
// Parents come before their children; iterative, so 10,000-deep chains work.
import type { JsonObject, JsonValue, Run, Step, StepTree } from '../../src/model/types.ts';

export interface StepSpec {
  state: string;
  /** Index of the parent spec; omitted for roots; 'detached' for steps outside the tree. */
  parent?: number | 'detached';
  status?: string;
  network?: string;
  dataMode?: string;
  timestamp?: number | null;
  start?: number | null;
  end?: number | null;
  /** Recorded duration (seconds). */
  duration?: number | null;
  /** Effective duration when it differs from the recorded one. */
  effectiveDuration?: number | null;
  durationSource?: Step['durationSource'];
  arc?: string | null;
  error?: string | null;
  metrics?: JsonValue;
  resources?: JsonObject;
  stream?: JsonValue;
  chunks?: number;
  records?: number;
  id?: string;
}

export function handRun(specs: readonly StepSpec[], id = 'test.json#0', extra: Partial<Run> = {}): Run {
  const n = specs.length;
  const parent = new Int32Array(n).fill(-1);
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  const childCount = new Int32Array(n);
  const depth = new Int32Array(n);
  const subtreeSize = new Int32Array(n).fill(1);
  const roots: number[] = [];
  const detached: number[] = [];
  const lastChild = new Int32Array(n).fill(-1);
  specs.forEach((s, i) => {
    if (s.parent === 'detached') {
      detached.push(i);
      return;
    }
    if (s.parent == null) {
      roots.push(i);
      return;
    }
    const p = s.parent;
    if (p >= i) throw new Error(`handRun: parent ${p} of step ${i} must come first`);
    parent[i] = p;
    depth[i] = (depth[p] ?? 0) + 1;
    childCount[p] = (childCount[p] ?? 0) + 1;
    const last = lastChild[p] ?? -1;
    if (last < 0) firstChild[p] = i;
    else nextSibling[last] = i;
    lastChild[p] = i;
  });
  for (let i = n - 1; i >= 0; i--) {
    const p = parent[i] ?? -1;
    if (p >= 0) subtreeSize[p] = (subtreeSize[p] ?? 1) + (subtreeSize[i] ?? 1);
  }
  const preorder: number[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const i = stack.pop()!;
    preorder.push(i);
    const kids: number[] = [];
    for (let c = firstChild[i] ?? -1; c >= 0; c = nextSibling[c] ?? -1) kids.push(c);
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]!);
  }
  const tree: StepTree = {
    parent,
    firstChild,
    nextSibling,
    childCount,
    depth,
    subtreeSize,
    roots,
    detached,
    preorder: Int32Array.from(preorder),
  };
  const steps: Step[] = specs.map((s, i) => {
    const recorded = s.duration === undefined ? 0.1 : s.duration;
    const effective = s.effectiveDuration === undefined ? recorded : s.effectiveDuration;
    return {
      index: i,
      stepId: s.id ?? `step-${i}`,
      stateName: s.state,
      networkName: s.network ?? 'main',
      timestamp: s.timestamp === undefined ? 1000 + i : s.timestamp,
      startTime: s.start === undefined ? 1000 + i : s.start,
      endTime: s.end === undefined ? 1000 + i + (recorded ?? 0) : s.end,
      recordedDuration: recorded,
      duration: effective,
      durationSource: s.durationSource ?? (recorded == null ? 'none' : 'recorded'),
      dataMode: s.dataMode ?? 'copy',
      status: s.status ?? 'completed',
      arcTaken: s.arc ?? null,
      error: s.error ?? null,
      metrics: s.metrics ?? {},
      resourceUsage: s.resources ?? {},
      streamProgress: s.stream ?? null,
      chunksProcessed: s.chunks ?? 0,
      recordsProcessed: s.records ?? 0,
      detached: s.parent === 'detached',
      source: s.parent === 'detached' ? `mode_storage.copy[${i}]` : `paths[0][${i}]`,
    };
  });
  const statusCounts: Record<string, number> = {};
  for (const s of steps) statusCounts[s.status] = (statusCounts[s.status] ?? 0) + 1;
  let maxDepth = 0;
  let leaves = 0;
  for (const i of preorder) {
    maxDepth = Math.max(maxDepth, (depth[i] ?? 0) + 1);
    if ((childCount[i] ?? 0) === 0) leaves++;
  }
  const failed = statusCounts.failed ?? 0;
  const skipped = statusCounts.skipped ?? 0;
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
    tree,
    counts: {
      uniqueSteps: n,
      treeSteps: n - detached.length,
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
    metadata: null,
    ...extra,
  };
}
