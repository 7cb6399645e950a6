// Test helper: a small hand-built Run (no loader involved) for store tests.
// Steps are given in pre-order with their parent index (-1 for a root).
import type { Run, Step, StepTree } from '../../src/model/types.ts';

export interface FakeStep {
  readonly stateName: string;
  readonly status?: string;
  readonly dataMode?: string;
  readonly networkName?: string;
  readonly parent?: number;
}

export function fakeRun(id: string, specs: readonly FakeStep[]): Run {
  const n = specs.length;
  const parent = new Int32Array(n).fill(-1);
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  const childCount = new Int32Array(n);
  const depth = new Int32Array(n);
  const subtreeSize = new Int32Array(n).fill(1);
  const roots: number[] = [];
  const lastChild = new Int32Array(n).fill(-1);
  specs.forEach((s, i) => {
    const p = s.parent ?? -1;
    parent[i] = p;
    if (p < 0) {
      roots.push(i);
      return;
    }
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
  const steps: Step[] = specs.map((s, i) => ({
    index: i,
    stepId: `${id}-step-${i}`,
    stateName: s.stateName,
    networkName: s.networkName ?? 'main',
    timestamp: 1000 + i,
    startTime: 1000 + i,
    endTime: 1000.5 + i,
    recordedDuration: 0.5,
    duration: 0.5,
    durationSource: 'recorded',
    dataMode: s.dataMode ?? 'copy',
    status: s.status ?? 'completed',
    arcTaken: null,
    error: null,
    metrics: {},
    resourceUsage: {},
    streamProgress: null,
    chunksProcessed: 0,
    recordsProcessed: 0,
    detached: false,
    source: `paths[0][${i}]`,
  }));
  const tree: StepTree = {
    parent,
    firstChild,
    nextSibling,
    childCount,
    depth,
    subtreeSize,
    roots,
    detached: [],
    preorder: Int32Array.from(steps.map((s) => s.index)),
  };
  const statusCounts: Record<string, number> = {};
  for (const s of steps) statusCounts[s.status] = (statusCounts[s.status] ?? 0) + 1;
  const failed = statusCounts.failed ?? 0;
  const skipped = statusCounts.skipped ?? 0;
  return {
    id,
    fileName: id.split('#')[0] ?? id,
    indexInFile: 0,
    form: 'plain',
    fsmName: 'fake_fsm',
    executionId: `exec-${id}`,
    dataMode: 'copy',
    startTime: 1000,
    endTime: 1000 + n,
    duration: n,
    producer: null,
    steps,
    tree,
    counts: {
      uniqueSteps: n,
      treeSteps: n,
      detachedSteps: 0,
      roots: roots.length,
      leaves: steps.filter((s) => (childCount[s.index] ?? 0) === 0).length,
      maxDepth: n === 0 ? 0 : Math.max(...depth) + 1,
      paths: steps.filter((s) => (childCount[s.index] ?? 0) === 0).length,
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
