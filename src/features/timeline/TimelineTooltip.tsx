// What hovering a timeline row says: the state, its status, when it started
// (relative to the run and in UTC), how long it took (approximate when the
// times were not all recorded), its share of the critical path, and the
// first line of its error. Plain text (React escapes it).
import type { Step } from '../../model/types.ts';
import { durationText, statusWords } from '../tree-view/stepText.ts';
import type { TimelineData } from './timelineData.ts';
import { absoluteLabel, relativeLabel } from './timeScale.ts';

interface Props {
  readonly step: Step;
  readonly data: TimelineData;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export function TimelineTooltip({ step, data, x, y, width, height }: Props) {
  const start = data.start[step.index]!;
  const lines = [`Status: ${statusWords(step.status)}`, `Duration: ${durationText(step)}`];
  if (Number.isFinite(start)) {
    lines.push(`Start: ${relativeLabel(start - data.origin, 0.001)} (${absoluteLabel(start)})`);
  }
  if (data.approximate[step.index]) lines.push('Times approximate (not all recorded)');
  const onPath = data.path.steps.find((s) => s.index === step.index);
  if (onPath) lines.push(`On the critical path: ${Math.round(onPath.share * 100)}% of it`);
  const error = step.error?.split('\n')[0];
  if (error) lines.push(`Error: ${error}`);
  const left = Math.max(4, Math.min(x + 14, width - 280));
  const top = y + 16 > height - 110 ? Math.max(4, y - 110) : y + 16;
  return (
    <div role="tooltip" className="timeline__tooltip" style={{ left, top }}>
      <strong>{step.stateName}</strong>
      {lines.join('\n')}
    </div>
  );
}
