// `fsm-history-explorer diff A B [--json] [--run-a ID] [--run-b ID]`: compares
// run B with run A (say, a failing run with a good one) as model/compare does
// for the page, and prints what changed. For CI: exit 1 when B has failures
// that A does not, 0 when not, 2 when a file cannot be read or the run to
// compare cannot be told (a file holding several runs needs --run-a/-b).

import { compareRuns } from '../model/compare/compareRuns.ts';
import type { Command } from './args.ts';
import { type DiffSide, diffJson, diffText } from './diffReport.ts';
import { describeLoadError, readHistory } from './readHistory.ts';
import type { Output } from './summaryCommand.ts';
import { clean } from './summaryText.ts';

type DiffArgs = Extract<Command, { kind: 'diff' }>;

/** The run of `file` to compare, or why there is none. */
async function sideOf(file: string, runId: string | null, flag: string): Promise<DiffSide | string> {
  const result = await readHistory(file);
  if (!result.ok) return describeLoadError(file, result.error);
  const runs = runId === null ? result.runs : result.runs.filter((r) => r.executionId === runId);
  if (runs.length === 1) return { file, run: runs[0]! };
  if (runId !== null) return `${clean(file)}: ${flag} ${clean(runId)}: no run with this execution id`;
  const ids = result.runs.map((r) => clean(r.executionId)).join(', ');
  return `${clean(file)}: holds ${result.runs.length} runs (${ids}); choose one with ${flag} ID`;
}

export async function diffCommand(args: DiffArgs, io: Output): Promise<number> {
  const a = await sideOf(args.a, args.runA, '--run-a');
  const b = await sideOf(args.b, args.runB, '--run-b');
  let failed = false;
  for (const s of [a, b]) {
    if (typeof s === 'string') {
      io.err(`fsm-history-explorer: ${s}\n`);
      failed = true;
    }
  }
  if (typeof a === 'string' || typeof b === 'string' || failed) return 2;
  const comparison = compareRuns(a.run, b.run);
  io.out(args.json ? diffJson(a, b, comparison) : diffText(a, b, comparison));
  return comparison.newFailures.length > 0 ? 1 : 0;
}
