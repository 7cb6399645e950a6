// The critical path in words, over the timeline: how many steps, how long,
// how much of it was waiting between steps, and the step that holds the
// largest share of it (a button that selects it).
import type { Run } from '../../model/types.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { formatSeconds } from '../tree-view/stepText.ts';
import type { TimelineData } from './timelineData.ts';

export function CriticalPathSummary({ run, data }: { run: Run | null; data: TimelineData | null }) {
  const selectStep = useExplorerStore((s) => s.selectStep);
  const path = data?.path;
  if (!run || !path || path.steps.length === 0) {
    return <span className="timeline__critical">Critical path: none (no timed steps)</span>;
  }
  let top = path.steps[0]!;
  for (const s of path.steps) if (s.self > top.self) top = s;
  const step = run.steps[top.index]!;
  const n = path.steps.length;
  return (
    <span className="timeline__critical">
      <span className="timeline__critical-key" aria-hidden="true" />
      Critical path: {n.toLocaleString('en-US')} {n === 1 ? 'step' : 'steps'}, {path.approximate ? '≈ ' : ''}
      {formatSeconds(path.total)}
      {path.waiting > 0 && ` (${formatSeconds(path.waiting)} waiting between them)`}; most in{' '}
      <button type="button" className="timeline__step-link" onClick={() => selectStep(top.index)}>
        {step.stateName}
      </button>{' '}
      ({Math.round(top.share * 100)}%)
    </span>
  );
}
