// Both runs drawn once as a merged tree (model/compare/mergedTree.ts): each
// step indented by depth with its mark (= same, ≠ changed, + only in B,
// − only in A: a symbol and a colour), and its status and duration in A and
// B. A row is a button that shows the step in the explorer.
import { useMemo } from 'react';
import type { RunComparison } from '../../model/compare/compareRuns.ts';
import { mergedTree } from '../../model/compare/mergedTree.ts';
import type { Run, Step } from '../../model/types.ts';
import { formatSeconds } from '../tree-view/stepText.ts';
import { MARK } from './compareText.ts';
import { showStep } from './showStep.ts';
import { VirtualRows } from './VirtualRows.tsx';

const ROW = 26;
const INDENT_REM = 0.9;
const MAX_INDENT = 24;

const side = (s: Step | undefined) => (s ? `${s.status}, ${formatSeconds(s.duration)}` : '—');

export function MergedTreeList({ a, b, c }: { a: Run; b: Run; c: RunComparison }) {
  const rows = useMemo(() => mergedTree(a, b, c), [a, b, c]);
  return (
    <VirtualRows
      count={rows.length}
      rowHeight={ROW}
      label="Merged step tree"
      className="compare-rows--tree"
      row={(i) => {
        const r = rows[i]!;
        const step = r.b >= 0 ? b.steps[r.b]! : a.steps[r.a]!;
        const mark = MARK[r.mark];
        return (
          <button
            type="button"
            className={`compare-node compare-node--${r.mark}`}
            onClick={() => (r.b >= 0 ? showStep(b.id, r.b) : showStep(a.id, r.a))}
          >
            <span className="compare-node__mark" title={mark.label}>
              <span aria-hidden="true">{mark.symbol}</span>
              <span className="visually-hidden">{mark.label}</span>
            </span>
            <span
              className="compare-node__name"
              style={{ paddingLeft: `${Math.min(r.depth, MAX_INDENT) * INDENT_REM}rem` }}
            >
              {r.depth > MAX_INDENT ? `level ${r.depth + 1} · ` : ''}
              {step.stateName}
            </span>
            <span className="compare-node__side">A: {side(r.a >= 0 ? a.steps[r.a] : undefined)}</span>
            <span className="compare-node__side">B: {side(r.b >= 0 ? b.steps[r.b] : undefined)}</span>
          </button>
        );
      }}
    />
  );
}
