// The differences between the two runs, most important first (new failures,
// then other status changes, then by seconds), each a button that shows the
// step in the explorer (in B, or in A for a step B does not have).
import { type RunComparison, type StepDifference, stepPath } from '../../model/compare/compareRuns.ts';
import type { Run } from '../../model/types.ts';
import { formatSeconds } from '../tree-view/stepText.ts';
import { KIND, percent, signedSeconds } from './compareText.ts';
import { showStep } from './showStep.ts';
import { VirtualRows } from './VirtualRows.tsx';

const ROW = 44;

function change(a: Run, b: Run, d: StepDifference): string {
  switch (d.kind) {
    case 'status':
      return `${d.from} → ${d.to}${b.steps[d.b]!.error ? `: ${b.steps[d.b]!.error!.split('\n')[0]}` : ''}`;
    case 'duration':
      return `${formatSeconds(a.steps[d.a]!.duration)} → ${formatSeconds(b.steps[d.b]!.duration)}, ${signedSeconds(d.delta ?? 0, formatSeconds)}${percent(d.ratio)}`;
    case 'arc':
      return `${d.from ?? 'none'} → ${d.to ?? 'none'}`;
    case 'only-a':
      return `${d.from}, ${formatSeconds(a.steps[d.a]!.duration)}`;
    case 'only-b':
      return `${d.to}, ${formatSeconds(b.steps[d.b]!.duration)}`;
  }
}

export function DifferenceList({ a, b, c }: { a: Run; b: Run; c: RunComparison }) {
  if (c.differences.length === 0) {
    return (
      <p className="box__empty">No differences: every step matched with the same status, arc and duration.</p>
    );
  }
  return (
    <VirtualRows
      count={c.differences.length}
      rowHeight={ROW}
      label="Differences"
      className="compare-rows--differences"
      row={(i) => {
        const d = c.differences[i]!;
        const inB = d.b >= 0;
        const path = inB ? stepPath(b, d.b, c.match.ordinalB) : stepPath(a, d.a, c.match.ordinalA);
        const failedNow = (d.kind === 'status' || d.kind === 'only-b') && d.to === 'failed';
        return (
          <button
            type="button"
            className={`compare-diff${failedNow ? ' compare-diff--failed' : ''}`}
            title={`${path}: ${change(a, b, d)} (${inB ? 'show this step in run B' : 'show this step in run A'})`}
            onClick={() => (inB ? showStep(b.id, d.b) : showStep(a.id, d.a))}
          >
            <span className="compare-diff__line">
              <span className="compare-diff__kind">
                <span aria-hidden="true">{KIND[d.kind].symbol}</span> {KIND[d.kind].label}
              </span>
              <span className="compare-diff__path">{path}</span>
            </span>
            <span className="compare-diff__change">{change(a, b, d)}</span>
          </button>
        );
      }}
    />
  );
}
