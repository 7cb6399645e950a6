// The `diff` command's report, as one JSON document and as text, from a
// RunComparison (model/compare). Steps are named by their path of state
// names (stepPath) and step ids in each run. Text from the files is stripped
// of terminal control characters.
import {
  type RunComparison,
  type StepDifference,
  stateChanged,
  stepPath,
} from '../model/compare/compareRuns.ts';
import type { Run } from '../model/types.ts';
import { clean, formatCount, formatDuration } from './summaryText.ts';

export interface DiffSide {
  readonly file: string;
  readonly run: Run;
}

/** How many differences the text report lists (JSON has them all). */
const TEXT_DIFFERENCES = 40;

function side(s: DiffSide) {
  const r = s.run;
  return {
    file: s.file,
    fsm_name: r.fsmName,
    execution_id: r.executionId,
    steps: r.steps.length,
    failed_steps: r.counts.failedSteps,
    duration: r.duration,
  };
}

function differenceJson(a: Run, b: Run, c: RunComparison, d: StepDifference) {
  const inB = d.b >= 0;
  return {
    kind: d.kind,
    path: inB ? stepPath(b, d.b, c.match.ordinalB) : stepPath(a, d.a, c.match.ordinalA),
    state_name: inB ? b.steps[d.b]!.stateName : a.steps[d.a]!.stateName,
    a_step_id: d.a >= 0 ? a.steps[d.a]!.stepId : null,
    b_step_id: inB ? b.steps[d.b]!.stepId : null,
    from: d.from,
    to: d.to,
    delta_seconds: d.delta,
    ratio: d.ratio,
  };
}

export function diffJson(a: DiffSide, b: DiffSide, c: RunComparison): string {
  const ra = a.run;
  const rb = b.run;
  const doc = {
    a: side(a),
    b: side(b),
    matched_steps: c.matched,
    only_in_a: c.onlyA,
    only_in_b: c.onlyB,
    new_failures: c.newFailures.map((j) => ({
      path: stepPath(rb, j, c.match.ordinalB),
      state_name: rb.steps[j]!.stateName,
      step_id: rb.steps[j]!.stepId,
      error: rb.steps[j]!.error,
    })),
    differences: c.differences.map((d) => differenceJson(ra, rb, c, d)),
    states: c.states.map((s) => ({
      state_name: s.stateName,
      count_a: s.countA,
      count_b: s.countB,
      failed_a: s.failedA,
      failed_b: s.failedB,
      p50_a: s.p50A,
      p50_b: s.p50B,
      p95_a: s.p95A,
      p95_b: s.p95B,
    })),
    resources: c.resources.map((r) => ({
      type: r.type,
      calls_a: r.callsA,
      calls_b: r.callsB,
      seconds_a: r.secondsA,
      seconds_b: r.secondsB,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function signed(seconds: number): string {
  return `${seconds >= 0 ? '+' : ''}${formatDuration(seconds)}`;
}

function differenceLine(a: Run, b: Run, c: RunComparison, d: StepDifference): string {
  const path = clean(d.b >= 0 ? stepPath(b, d.b, c.match.ordinalB) : stepPath(a, d.a, c.match.ordinalA));
  switch (d.kind) {
    case 'status': {
      const error = b.steps[d.b]!.error;
      return `status     ${path}: ${clean(d.from ?? '')} -> ${clean(d.to ?? '')}${error ? ` (${clean(error.split('\n')[0] ?? '')})` : ''}`;
    }
    case 'duration': {
      const pct = d.ratio === null ? '' : ` (${d.ratio >= 0 ? '+' : ''}${Math.round(d.ratio * 100)}%)`;
      return `duration   ${path}: ${formatDuration(a.steps[d.a]!.duration)} -> ${formatDuration(b.steps[d.b]!.duration)}, ${signed(d.delta ?? 0)}${pct}`;
    }
    case 'arc':
      return `arc        ${path}: ${clean(d.from ?? 'none')} -> ${clean(d.to ?? 'none')}`;
    case 'only-a':
      return `only in A  ${path} (${clean(d.from ?? '')})`;
    case 'only-b':
      return `only in B  ${path} (${clean(d.to ?? '')})`;
  }
}

function title(label: string, s: DiffSide): string {
  const r = s.run;
  return `${label}: ${clean(s.file)}  ${clean(r.fsmName)} ${clean(r.executionId)}, ${formatCount(r.steps.length)} steps, ${formatCount(r.counts.failedSteps)} failed, ${formatDuration(r.duration)}`;
}

export function diffText(a: DiffSide, b: DiffSide, c: RunComparison): string {
  const ra = a.run;
  const rb = b.run;
  const out = [title('A', a), title('B', b), ''];
  out.push(
    `${formatCount(c.matched)} steps matched, ${formatCount(c.onlyA)} only in A, ${formatCount(c.onlyB)} only in B; ${formatCount(c.differences.length)} differences`,
  );
  if (c.newFailures.length > 0) {
    out.push('', `New failures in B (${formatCount(c.newFailures.length)}):`);
    for (const j of c.newFailures) {
      const error = rb.steps[j]!.error;
      out.push(
        `  ${clean(stepPath(rb, j, c.match.ordinalB))}${error ? `: ${clean(error.split('\n')[0] ?? '')}` : ''}`,
      );
    }
  }
  if (c.differences.length > 0) {
    out.push('', 'Differences, most important first:');
    for (const d of c.differences.slice(0, TEXT_DIFFERENCES)) out.push(`  ${differenceLine(ra, rb, c, d)}`);
    const more = c.differences.length - TEXT_DIFFERENCES;
    if (more > 0) out.push(`  … and ${formatCount(more)} more (--json lists them all)`);
  }
  const states = c.states.filter(stateChanged);
  if (states.length > 0) {
    out.push('', 'States that changed (count, failed, p50, p95: A -> B):');
    for (const s of states) {
      out.push(
        `  ${clean(s.stateName)}: ${s.countA} -> ${s.countB}, failed ${s.failedA} -> ${s.failedB}, p50 ${formatDuration(s.p50A)} -> ${formatDuration(s.p50B)}, p95 ${formatDuration(s.p95A)} -> ${formatDuration(s.p95B)}`,
      );
    }
  }
  const resources = c.resources.filter((r) => r.callsA !== r.callsB || r.secondsA !== r.secondsB);
  if (resources.length > 0) {
    out.push('', 'Resources (calls, time: A -> B):');
    for (const r of resources) {
      out.push(
        `  ${clean(r.type)}: ${r.callsA} -> ${r.callsB} calls, ${formatDuration(r.secondsA)} -> ${formatDuration(r.secondsB)}`,
      );
    }
  }
  out.push(
    '',
    c.newFailures.length > 0
      ? 'Result: B has failures that A does not (exit 1).'
      : 'Result: no new failures in B (exit 0).',
  );
  return `${out.join('\n')}\n`;
}
