// Recomputed counters (RunCounts) and the comparison with the producer's own
// summary. The producer computes tree_depth, total_paths, resource_usage and
// stream_progress over its tree only (the steps in `paths`), and total/failed/
// skipped over every step it added; the checks compare like with like, so a
// pruned or orphan-holding run does not produce false mismatches.
import { isObject, joinKey } from './jsonUtil.ts';
import type { StepResources } from './stepResources.ts';
import type { ProducerSummary, RunCounts, Step, StepTree } from './types.ts';
import type { WarningSink } from './warnings.ts';

export function computeCounts(steps: readonly Step[], tree: StepTree, paths: number): RunCounts {
  const statusCounts: Record<string, number> = {};
  let leaves = 0;
  let maxDepth = 0;
  for (let k = 0; k < tree.preorder.length; k++) {
    const i = tree.preorder[k]!;
    if (tree.childCount[i] === 0) leaves++;
    const d = tree.depth[i]! + 1;
    if (d > maxDepth) maxDepth = d;
  }
  // Indexed loops over the steps here and in finish(): they run once per load, often before the
  // engine has optimised them, and a for-of there allocates an iterator result per step.
  for (let i = 0; i < steps.length; i++) {
    const status = steps[i]!.status;
    statusCounts[status] = (statusCounts[status] ?? 0) + 1;
  }
  const failedSteps = statusCounts.failed ?? 0;
  const skippedSteps = statusCounts.skipped ?? 0;
  return {
    uniqueSteps: steps.length,
    treeSteps: tree.preorder.length,
    detachedSteps: tree.detached.length,
    roots: tree.roots.length,
    leaves,
    maxDepth,
    paths,
    statusCounts,
    failedSteps,
    skippedSteps,
    completedSteps: steps.length - failedSteps - skippedSteps,
  };
}

function closeEnough(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Adds a 'counter-mismatch' warning for every producer counter that the steps do not reproduce. */
export function checkCounters(
  producer: ProducerSummary,
  counts: RunCounts,
  steps: readonly Step[],
  tree: StepTree,
  pruned: boolean,
  summaryWhere: string,
  warnings: WarningSink,
  /** The steps' resource usage, noted as they were made. */
  resources: StepResources,
): void {
  const at = (key: string) => joinKey(summaryWhere, key);
  const mismatch = (key: string, theirs: number | null, ours: number, what: string): void => {
    if (theirs === null || theirs === ours) return;
    warnings.add('counter-mismatch', at(key), `the producer says ${theirs}, ${what} ${ours}`);
  };
  mismatch('total_steps', producer.totalSteps, counts.uniqueSteps, 'the distinct steps in the file number');
  mismatch('failed_steps', producer.failedSteps, counts.failedSteps, "steps with status 'failed' number");
  mismatch('skipped_steps', producer.skippedSteps, counts.skippedSteps, "steps with status 'skipped' number");
  mismatch(
    'completed_steps',
    producer.completedSteps,
    counts.completedSteps,
    'distinct steps minus failed and skipped give',
  );
  const cut = pruned ? ' (both describe the cut tree)' : '';
  mismatch('tree_depth', producer.treeDepth, counts.maxDepth, `the deepest path in the tree${cut} has`);
  mismatch('total_paths', producer.totalPaths, counts.leaves, `the leaves of the tree${cut} number`);

  const ru = producer.resourceUsage;
  if (ru) {
    // Over the tree steps only, as the producer counts them.
    const ours = resources.totals(tree.preorder);
    for (const type of Object.keys(ru)) {
      const theirs = ru[type];
      const mine = ours.get(type) ?? { calls: 0, duration: 0 };
      if (!isObject(theirs)) continue;
      const calls = theirs.total_calls;
      if (typeof calls === 'number' && calls !== mine.calls) {
        warnings.add(
          'counter-mismatch',
          joinKey(joinKey(at('resource_usage'), type), 'total_calls'),
          `the producer says ${calls}, the steps in the tree use '${type}' ${times(mine.calls)}`,
        );
      } else {
        const dur = theirs.total_duration;
        if (typeof dur === 'number' && Number.isFinite(dur) && !closeEnough(dur, mine.duration)) {
          warnings.add(
            'counter-mismatch',
            joinKey(joinKey(at('resource_usage'), type), 'total_duration'),
            `the producer says ${dur}, the steps in the tree add up to ${mine.duration}`,
          );
        }
      }
    }
    for (const [type, mine] of ours) {
      if (!Object.hasOwn(ru, type)) {
        warnings.add(
          'counter-mismatch',
          at('resource_usage'),
          `the producer lists no '${type}' usage, the steps in the tree use it ${times(mine.calls)}`,
        );
      }
    }
  }

  const sp = producer.streamProgress;
  if (sp) {
    let chunks = 0;
    let records = 0;
    for (let k = 0; k < tree.preorder.length; k++) {
      const s = steps[tree.preorder[k]!]!;
      chunks += s.chunksProcessed;
      records += s.recordsProcessed;
    }
    const check = (key: string, ours: number, what: string): void => {
      const v = sp[key];
      if (typeof v === 'number' && v !== ours) {
        warnings.add(
          'counter-mismatch',
          joinKey(at('stream_progress'), key),
          `the producer says ${v}, the steps in the tree add up to ${ours} ${what}`,
        );
      }
    };
    check('total_chunks', chunks, 'chunks');
    check('total_records', records, 'records');
  }
}

/** 0 -> "0 times", 1 -> "once", 4 -> "4 times". */
function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}
