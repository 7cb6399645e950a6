// Where the producer's summary.resource_usage disagrees with the totals
// recomputed from the steps, say so, showing both.
import type { Run } from '../../model/types.ts';
import { countOf, formatDuration, formatNumber } from '../shared-ui/format.ts';
import { producerDifferences } from './resourceRows.ts';

export function ProducerNotes({ run }: { run: Run }) {
  const diffs = producerDifferences(run);
  if (diffs.length === 0) return null;
  return (
    <div className="panel-note">
      <p className="details-section">The producer's summary disagrees with the steps:</p>
      <ul>
        {diffs.map((d) => (
          <li key={d.type}>
            <strong>{d.type}</strong>:{' '}
            {`producer ${describe(d.producerCalls, d.producerTotal, d.producerSteps)}; recomputed ${describe(d.calls, d.total, d.steps)}`}
          </li>
        ))}
      </ul>
    </div>
  );
}

function describe(calls: number | null, total: number | null, steps: number | null): string {
  if (calls == null && total == null && steps == null) return 'not listed';
  const parts = [
    calls == null ? `${formatNumber(calls)} calls` : countOf(calls, 'call'),
    `${formatDuration(total)} total`,
    ...(steps == null ? [] : [countOf(steps, 'step')]),
  ];
  return parts.join(', ');
}
