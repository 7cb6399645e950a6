// Moving around the tree from the selected step: breadcrumbs from the root
// (pathToRoot) and Parent / First child / Previous branch / Next branch buttons
// (siblingsOf). Every move goes through store.selectStep.
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { pathToRoot, siblingsOf } from '../../model/tree.ts';
import type { Run } from '../../model/types.ts';
import { formatNumber } from '../shared-ui/format.ts';

/** Longer paths show their first and last crumbs around an expander. */
const HEAD = 5;
const TAIL = 20;

interface Props {
  run: Run;
  index: number;
  onSelect: (index: number) => void;
}

export function StepNavigation({ run, index, onSelect }: Props) {
  const tree = run.tree;
  const parent = tree.parent[index] ?? -1;
  const firstChild = tree.firstChild[index] ?? -1;
  const { prev, next, position, count } = useMemo(() => branchNeighbours(run, index), [run, index]);

  return (
    <div className="details-nav-block">
      <Breadcrumbs run={run} index={index} onSelect={onSelect} />
      <div className="details-nav">
        <button type="button" disabled={parent < 0} onClick={() => onSelect(parent)}>
          Parent
        </button>
        <button type="button" disabled={firstChild < 0} onClick={() => onSelect(firstChild)}>
          First child
        </button>
        <button type="button" disabled={prev < 0} onClick={() => onSelect(prev)}>
          Previous branch
        </button>
        <button type="button" disabled={next < 0} onClick={() => onSelect(next)}>
          Next branch
        </button>
        {count > 1 && (
          <span className="panel-muted">
            branch {formatNumber(position + 1)} of {formatNumber(count)}
          </span>
        )}
      </div>
    </div>
  );
}

/** Previous and next sibling of `index` (-1 at the ends), and its place among them. */
export function branchNeighbours(
  run: Run,
  index: number,
): { prev: number; next: number; position: number; count: number } {
  const sibs = siblingsOf(run, index);
  let at = sibs.indexOf(index);
  let list = sibs;
  if (at < 0) {
    // siblingsOf may leave the step itself out: put it back in tree order.
    list = withSelf(run, index, sibs);
    at = list.indexOf(index);
  }
  if (at < 0) return { prev: -1, next: -1, position: 0, count: 1 };
  return { prev: list[at - 1] ?? -1, next: list[at + 1] ?? -1, position: at, count: list.length };
}

function withSelf(run: Run, index: number, others: readonly number[]): number[] {
  const parent = run.tree.parent[index] ?? -1;
  const ordered: number[] = [];
  if (parent >= 0) {
    for (let c = run.tree.firstChild[parent] ?? -1; c >= 0; c = run.tree.nextSibling[c] ?? -1)
      ordered.push(c);
  } else if (!run.steps[index]?.detached) {
    ordered.push(...run.tree.roots);
  } else {
    ordered.push(...run.tree.detached);
  }
  const wanted = new Set([...others, index]);
  return ordered.filter((i) => wanted.has(i));
}

function Breadcrumbs({ run, index, onSelect }: Props) {
  const [showAll, setShowAll] = useState(false);
  const path = useMemo(() => pathToRoot(run, index), [run, index]);
  const long = path.length > HEAD + TAIL + 1 && !showAll;
  const head = long ? path.slice(0, HEAD) : path;
  const tail = long ? path.slice(path.length - TAIL) : [];
  const hidden = path.length - HEAD - TAIL;
  const listRef = useRef<HTMLOListElement>(null);
  // Long paths wrap into a scrolling box: keep the current step (the end) in view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the path or its expansion changes
  useLayoutEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [path, showAll]);

  const crumb = (i: number, depth: number) => {
    const step = run.steps[i];
    const current = i === index;
    return (
      <li key={i}>
        <button
          type="button"
          className="panel-row-button"
          aria-current={current ? 'step' : undefined}
          title={`depth ${depth}, ${step?.status ?? ''}, step ${step?.stepId ?? ''}`}
          onClick={() => onSelect(i)}
        >
          {step?.stateName ?? `step ${i}`}
        </button>
      </li>
    );
  };

  return (
    <nav aria-label="Path from root" className="breadcrumbs">
      <ol ref={listRef}>
        {head.map((i, k) => crumb(i, k))}
        {long && (
          <li>
            <button type="button" className="panel-row-button" onClick={() => setShowAll(true)}>
              … {formatNumber(hidden)} more
            </button>
          </li>
        )}
        {tail.map((i, k) => crumb(i, path.length - TAIL + k))}
      </ol>
    </nav>
  );
}
