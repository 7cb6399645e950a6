// Comparing two loaded runs (from any files or stores): pick A (the
// reference, say the good run) and B; see how many steps matched, the new
// failures in B, every difference most important first, both runs as one
// merged tree with each step marked, and per state and resource what
// changed. Steps are matched by their path of state names (model/compare).
// A difference or a tree row shows its step in the explorer. The pair is in
// the URL hash (compare=A,B).
import { useEffect, useMemo } from 'react';
import { compareRuns } from '../../model/compare/compareRuns.ts';
import type { Run } from '../../model/types.ts';
import { pairFor } from '../../store/compareState.ts';
import { useCompareStore } from '../../store/compareStore.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { getRun } from '../../store/runRegistry.ts';
import { countOf } from '../shared-ui/format.ts';
import { formatSeconds } from '../tree-view/stepText.ts';
import { ResourceChanges, StateChanges } from './ChangeTables.tsx';
import { DifferenceList } from './DifferenceList.tsx';
import { MergedTreeList } from './MergedTreeList.tsx';
import './compare.css';

function runLabel(run: Run): string {
  return `${run.fsmName} · ${run.executionId || run.id} · ${run.fileName}`;
}

function RunPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | null;
  onChange: (id: string) => void;
}) {
  const runIds = useExplorerStore((s) => s.runIds);
  return (
    <label className="field compare-picker">
      <span className="field__label">{label}</span>
      <select className="field__select" value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)}>
        {runIds.map((id) => {
          const run = getRun(id);
          return run ? (
            <option key={id} value={id}>
              {runLabel(run)}
            </option>
          ) : null;
        })}
      </select>
    </label>
  );
}

export function CompareView() {
  const runIds = useExplorerStore((s) => s.runIds);
  const active = useExplorerStore((s) => s.activeRunId);
  const chosenA = useCompareStore((s) => s.a);
  const chosenB = useCompareStore((s) => s.b);
  const chosen = { a: chosenA, b: chosenB };
  const setPair = useCompareStore((s) => s.setPair);
  const swap = useCompareStore((s) => s.swap);
  const pair = pairFor(chosen, runIds, active);
  // The pair shown is the pair kept (and so the one in the hash).
  useEffect(() => {
    if (pair.a !== chosenA || pair.b !== chosenB) setPair(pair.a, pair.b);
  }, [pair.a, pair.b, chosenA, chosenB, setPair]);
  const a = getRun(pair.a);
  const b = getRun(pair.b);
  const c = useMemo(() => (a && b ? compareRuns(a, b) : null), [a, b]);

  return (
    <main className="compare" aria-label="Compare runs">
      <h1 className="visually-hidden">Compare runs</h1>
      <section className="box compare-head" aria-label="Runs compared">
        {runIds.length < 2 ? (
          <p className="box__empty">Load two runs (or open two from a store) to compare them.</p>
        ) : (
          <div className="compare-head__pickers">
            <RunPicker label="Run A (reference)" value={pair.a} onChange={(id) => setPair(id, pair.b)} />
            <button type="button" className="btn btn--small" onClick={swap} title="Swap A and B">
              Swap A and B
            </button>
            <RunPicker label="Run B" value={pair.b} onChange={(id) => setPair(pair.a, id)} />
          </div>
        )}
        {a && b && c && (
          <p className="compare-head__facts" aria-live="polite">
            {countOf(c.matched, 'step')} matched, {c.onlyA.toLocaleString('en-US')} only in A,{' '}
            {c.onlyB.toLocaleString('en-US')} only in B; {countOf(c.differences.length, 'difference')}; run
            time {formatSeconds(c.durationA)} → {formatSeconds(c.durationB)}.{' '}
            {c.newFailures.length > 0 ? (
              <strong className="compare-worse">
                {countOf(c.newFailures.length, 'new failure')} in B:{' '}
                {c.newFailures.map((j) => b.steps[j]!.stateName).join(', ')}
              </strong>
            ) : (
              'No new failures in B.'
            )}
          </p>
        )}
        {a && b && a === b && (
          <p className="box__empty">A and B are the same run: choose another for one of them.</p>
        )}
      </section>
      {a && b && c && (
        <div className="compare-body">
          <section className="box compare-section" aria-labelledby="compare-diffs">
            <h2 id="compare-diffs" className="box__title">
              Differences, most important first
            </h2>
            <DifferenceList a={a} b={b} c={c} />
          </section>
          <section className="box compare-section" aria-labelledby="compare-tree">
            <h2 id="compare-tree" className="box__title">
              Both runs as one tree
            </h2>
            <p className="compare-legend">= same · ≠ changed · + only in B · − only in A</p>
            <MergedTreeList a={a} b={b} c={c} />
          </section>
          <section className="box compare-section" aria-labelledby="compare-states">
            <h2 id="compare-states" className="box__title">
              States, A → B
            </h2>
            <StateChanges c={c} />
          </section>
          <section className="box compare-section" aria-labelledby="compare-resources">
            <h2 id="compare-resources" className="box__title">
              Resources, A → B
            </h2>
            <ResourceChanges c={c} />
          </section>
        </div>
      )}
    </main>
  );
}
