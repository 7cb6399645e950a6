// "Loaded runs": every run in the session, with its FSM name, execution id,
// file, step count and failed count. One Tab stop (a roving tabindex over the
// runs): Up/Down, Home/End move between runs, Enter or Space (or a click)
// shows one, Delete closes the focused run and moves focus to its neighbour;
// the ✕ button closes a run with the mouse. A run whose execution id is open
// already carries a "2nd copy" tag on its name line, in the UI's own font,
// apart from the id (shown exactly as in the file).
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { Run } from '../../model/types.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { getRun, unregisterRun } from '../../store/runRegistry.ts';
import { countOf } from '../shared-ui/format.ts';

const fmt = new Intl.NumberFormat('en-US');

/** Each run's execution id, and which copy of that id it is (1 for the first one open). */
function copyLabels(runs: readonly Run[]): { id: string; copy: number }[] {
  const seen = new Map<string, number>();
  return runs.map((r) => {
    const copy = (seen.get(r.executionId) ?? 0) + 1;
    seen.set(r.executionId, copy);
    return { id: r.executionId || r.id, copy };
  });
}

/** 2 -> "2nd copy", 3 -> "3rd copy", 11 -> "11th copy". */
function copyWords(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix} copy`;
}

export function RunList() {
  const runIds = useExplorerStore((s) => s.runIds);
  const activeRunId = useExplorerStore((s) => s.activeRunId);
  const setActiveRun = useExplorerStore((s) => s.setActiveRun);
  const closeRun = useExplorerStore((s) => s.closeRun);
  const runs = runIds.map((id) => getRun(id)).filter((r): r is Run => r !== undefined);
  const labels = copyLabels(runs);
  const listRef = useRef<HTMLUListElement>(null);
  /** The run holding the Tab stop; null follows the active run. */
  const [focusId, setFocusId] = useState<string | null>(null);
  /** A run to focus once it is rendered (after a keyboard move or a close). */
  const [wantFocus, setWantFocus] = useState<string | null>(null);

  const stopId = runs.some((r) => r.id === focusId)
    ? focusId
    : runs.some((r) => r.id === activeRunId)
      ? activeRunId
      : (runs[0]?.id ?? null);

  useEffect(() => {
    if (wantFocus === null) return;
    setWantFocus(null);
    listRef.current?.querySelector<HTMLElement>(`[data-run-id="${CSS.escape(wantFocus)}"]`)?.focus();
  }, [wantFocus]);

  const moveTo = (index: number) => {
    const run = runs[Math.max(0, Math.min(runs.length - 1, index))];
    if (!run) return;
    setFocusId(run.id);
    setWantFocus(run.id);
  };

  const close = (run: Run) => {
    // Focus stays in the list when it was there (Delete, or a click on ✕).
    const refocus = listRef.current?.contains(document.activeElement) ?? false;
    const at = runs.indexOf(run);
    const next = runs[at + 1] ?? runs[at - 1];
    closeRun(run.id);
    unregisterRun(run.id);
    if (next) {
      setFocusId(next.id);
      if (refocus) setWantFocus(next.id);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, run: Run) => {
    const at = runs.indexOf(run);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(at + 1);
        break;
      case 'ArrowUp':
        moveTo(at - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(runs.length - 1);
        break;
      case 'Delete':
        close(run);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <section className="box run-list" aria-label="Loaded runs">
      <h2 className="box__title">
        Loaded runs <span className="box__count">{fmt.format(runs.length)}</span>
      </h2>
      {runs.length === 0 ? (
        <p className="box__empty">No runs loaded.</p>
      ) : (
        <ul ref={listRef} className="run-list__items">
          {runs.map((run, i) => {
            const active = run.id === activeRunId;
            const { id, copy } = labels[i] ?? { id: run.id, copy: 1 };
            const named = copy > 1 ? `${id} (${copyWords(copy)})` : id;
            const failed = run.counts.failedSteps;
            return (
              <li key={run.id} className={active ? 'run-item run-item--active' : 'run-item'}>
                <button
                  type="button"
                  className="run-item__main"
                  data-run-id={run.id}
                  tabIndex={run.id === stopId ? 0 : -1}
                  aria-current={active ? 'true' : undefined}
                  aria-keyshortcuts="Delete"
                  title={`${run.fileName} (run ${run.indexInFile + 1} in the file). Delete closes it.`}
                  onClick={() => {
                    setFocusId(run.id);
                    setActiveRun(run.id);
                  }}
                  onKeyDown={(e) => onKeyDown(e, run)}
                >
                  <span className="run-item__name">
                    <span className="run-item__fsm">{run.fsmName || 'unnamed FSM'}</span>
                    {copy > 1 && (
                      <>
                        {' '}
                        <span
                          className="run-item__copy"
                          title={`${id} is open already: this is its ${copyWords(copy)}, from ${run.fileName}`}
                        >
                          {copyWords(copy)}
                        </span>
                      </>
                    )}
                  </span>{' '}
                  <span className="run-item__id">{id}</span>{' '}
                  <span className="run-item__counts">
                    <span>{countOf(run.counts.uniqueSteps, 'step')}</span>{' '}
                    {failed > 0 ? (
                      <span className="run-item__failed">{fmt.format(failed)} failed</span>
                    ) : (
                      <span className="run-item__ok">0 failed</span>
                    )}
                  </span>{' '}
                  <span className="run-item__file">{run.fileName}</span>
                </button>
                <button
                  type="button"
                  className="run-item__close"
                  tabIndex={-1}
                  aria-label={`Close run ${named}`}
                  title="Close this run (Delete)"
                  onClick={() => close(run)}
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
