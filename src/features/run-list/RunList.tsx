// "Loaded runs": every run in the session, with its FSM name, execution id,
// file, step count and failed count. Click (or Enter/Space) switches to a run;
// the ✕ button closes it (and forgets its data). Up/Down move between runs.
import type { KeyboardEvent } from 'react';
import type { Run } from '../../model/types.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { getRun, unregisterRun } from '../../store/runRegistry.ts';
import { countOf } from '../shared-ui/format.ts';

const fmt = new Intl.NumberFormat('en-US');

/** "conv-7f3a", or "conv-7f3a (2)" for the second run with the same execution id. */
function runLabels(runs: readonly Run[]): string[] {
  const seen = new Map<string, number>();
  return runs.map((r) => {
    const n = (seen.get(r.executionId) ?? 0) + 1;
    seen.set(r.executionId, n);
    const base = r.executionId || r.id;
    return n === 1 ? base : `${base} (${n})`;
  });
}

function moveFocus(e: KeyboardEvent<HTMLUListElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('.run-item__main'));
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  e.preventDefault();
  const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
  next?.focus();
}

export function RunList() {
  const runIds = useExplorerStore((s) => s.runIds);
  const activeRunId = useExplorerStore((s) => s.activeRunId);
  const setActiveRun = useExplorerStore((s) => s.setActiveRun);
  const closeRun = useExplorerStore((s) => s.closeRun);
  const runs = runIds.map((id) => getRun(id)).filter((r): r is Run => r !== undefined);
  const labels = runLabels(runs);

  return (
    <section className="box run-list" aria-label="Loaded runs">
      <h2 className="box__title">
        Loaded runs <span className="box__count">{fmt.format(runs.length)}</span>
      </h2>
      {runs.length === 0 ? (
        <p className="box__empty">No runs loaded.</p>
      ) : (
        <ul className="run-list__items" onKeyDown={moveFocus}>
          {runs.map((run, i) => {
            const active = run.id === activeRunId;
            const label = labels[i] ?? run.id;
            const failed = run.counts.failedSteps;
            return (
              <li key={run.id} className={active ? 'run-item run-item--active' : 'run-item'}>
                <button
                  type="button"
                  className="run-item__main"
                  aria-current={active ? 'true' : undefined}
                  title={`${run.fileName} (run ${run.indexInFile + 1} in the file)`}
                  onClick={() => setActiveRun(run.id)}
                >
                  <span className="run-item__name">{run.fsmName || 'unnamed FSM'}</span>
                  <span className="run-item__id">{label}</span>
                  <span className="run-item__counts">
                    <span>{countOf(run.counts.uniqueSteps, 'step')}</span>
                    {failed > 0 ? (
                      <span className="run-item__failed">{fmt.format(failed)} failed</span>
                    ) : (
                      <span className="run-item__ok">0 failed</span>
                    )}
                  </span>
                  <span className="run-item__file">{run.fileName}</span>
                </button>
                <button
                  type="button"
                  className="run-item__close"
                  aria-label={`Close run ${label}`}
                  title="Close this run"
                  onClick={() => {
                    closeRun(run.id);
                    unregisterRun(run.id);
                  }}
                >
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
