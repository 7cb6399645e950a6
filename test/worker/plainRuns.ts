// Runs that came through the page's step views (stepViews.ts) as plain
// objects, to compare field by field with the runs the loaders make.
import type { FileLoadResult, Run } from '../../src/model/types.ts';
import { plainStep } from '../../src/worker/stepViews.ts';

export function plainRuns(runs: readonly Run[]): Run[] {
  return runs.map((run) => ({ ...run, steps: run.steps.map(plainStep) }));
}

export function plainResult(result: FileLoadResult | undefined): FileLoadResult | undefined {
  return result?.ok ? { ...result, runs: plainRuns(result.runs) } : result;
}
