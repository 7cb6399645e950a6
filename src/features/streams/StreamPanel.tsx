// "Stream progress": the run's stream totals (chunks, records, streams) from
// streamTotals, and the steps that streamed, each with a meter of its records
// relative to the busiest step and its stream position. Choosing one selects it.
import { useState } from 'react';
import { streamTotals } from '../../model/aggregate.ts';
import type { Run } from '../../model/types.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { memoByIdentity } from '../../store/selectors.ts';
import { countOf, formatNumber } from '../shared-ui/format.ts';
import { ActiveRunPanel, EmptyState, Panel } from '../shared-ui/Panel.tsx';
import { NumberText } from '../shared-ui/Values.tsx';
import { POSITION_NOTE, streamPosition } from '../step-details/stepFacts.ts';

const LABEL = 'Stream progress';
/** Streamed steps listed at first; more on request. */
const PAGE = 200;

const totalsOf = memoByIdentity(streamTotals);

export function StreamPanel() {
  return (
    <ActiveRunPanel
      label={LABEL}
      noRun="No run loaded yet. Chunks and records processed by streaming steps appear here."
      render={(run) => <StreamDetails key={run.id} run={run} />}
    />
  );
}

function StreamDetails({ run }: { run: Run }) {
  const totals = totalsOf(run);
  const selected = useExplorerStore((s) => s.selectedStep);
  const selectStep = useExplorerStore((s) => s.selectStep);
  const [limit, setLimit] = useState(PAGE);
  const produced = run.producer?.streamProgress ?? null;
  const producerValue = (key: string): number | null => {
    const v = produced?.[key];
    return typeof v === 'number' ? v : null;
  };
  let maxRecords = 0;
  for (const i of totals.steps) maxRecords = Math.max(maxRecords, run.steps[i]?.recordsProcessed ?? 0);
  const shown = totals.steps.slice(0, limit);

  return (
    <Panel label={LABEL}>
      <dl className="stream-totals">
        <Total name="Chunks" value={totals.chunks} producer={producerValue('total_chunks')} />
        <Total name="Records" value={totals.records} producer={producerValue('total_records')} />
        <Total
          name="Streams processed"
          value={totals.streamsProcessed}
          producer={producerValue('streams_processed')}
        />
      </dl>
      {totals.steps.length === 0 ? (
        <EmptyState>No step in this run processed a stream.</EmptyState>
      ) : (
        <>
          <h3 className="details-section">Steps that streamed ({formatNumber(totals.steps.length)})</h3>
          <ul className="stream-list" aria-label="Steps that streamed">
            {shown.map((i) => {
              const step = run.steps[i];
              if (!step) return null;
              const position = streamPosition(step.streamProgress);
              const share = maxRecords > 0 ? step.recordsProcessed / maxRecords : 0;
              return (
                <li key={i} className="stream-item" aria-current={i === selected ? 'true' : undefined}>
                  <button
                    type="button"
                    className="panel-row-button"
                    title={`${step.stateName}: select step ${step.stepId}`}
                    onClick={() => selectStep(i)}
                  >
                    {step.stateName}
                  </button>
                  <meter
                    className="stream-meter"
                    min={0}
                    max={Math.max(1, maxRecords)}
                    value={step.recordsProcessed}
                    aria-label={`Records processed by ${step.stateName}`}
                    aria-valuetext={`${countOf(step.recordsProcessed, 'record')}, ${Math.round(share * 100)}% of the most by one step`}
                    title={countOf(step.recordsProcessed, 'record')}
                  />
                  <span className="panel-muted stream-detail">
                    {countOf(step.recordsProcessed, 'record')}, {countOf(step.chunksProcessed, 'chunk')}
                    {position != null && (
                      <span title={`Stream position ${POSITION_NOTE}`}>
                        , at offset {formatNumber(position)}
                      </span>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
          {totals.steps.length > limit && (
            <button
              type="button"
              className="panel-more-button"
              onClick={() => setLimit((n) => n + PAGE)}
              title={`${countOf(totals.steps.length - limit, 'step')} not listed yet`}
            >
              Show {formatNumber(Math.min(PAGE, totals.steps.length - limit))} more of{' '}
              {formatNumber(totals.steps.length - limit)} hidden
            </button>
          )}
        </>
      )}
    </Panel>
  );
}

function Total({ name, value, producer }: { name: string; value: number; producer: number | null }) {
  const differs = producer != null && producer !== value;
  return (
    <div>
      <dt>{name}</dt>
      <dd>
        <NumberText value={value} />
        {differs && (
          <span
            className="panel-muted"
            title="The producer's summary.stream_progress disagrees with the steps"
          >
            {' '}
            (producer: {formatNumber(producer)})
          </span>
        )}
      </dd>
    </div>
  );
}
