// Every field of one step as a description list: identity, status, times,
// durations (recorded and effective, the latter marked approximate with the
// reason), arc, stream counters and where the step came from in the file.
import type { ReactNode } from 'react';
import type { Run, Step } from '../../model/types.ts';
import { DurationText, NumberText, TimestampText } from '../shared-ui/Values.tsx';
import { detachedText, durationExplanation, POSITION_NOTE, streamPosition } from './stepFacts.ts';

export function StepFields({ run, step }: { run: Run; step: Step }) {
  const why = durationExplanation(step);
  const position = streamPosition(step.streamProgress);
  const depth = step.detached ? null : (run.tree.depth[step.index] ?? null);
  const children = run.tree.childCount[step.index] ?? 0;
  return (
    <dl className="details-fields">
      <Field name="Step ID">
        <code>{step.stepId}</code>
      </Field>
      <Field name="State">{step.stateName}</Field>
      <Field name="Network">{step.networkName}</Field>
      <Field name="Status">
        <span className={`status-${step.status}`}>{step.status}</span>
      </Field>
      <Field name="Data mode">{step.dataMode}</Field>
      <Field name="Timestamp">
        <TimestampText epochSeconds={step.timestamp} />
      </Field>
      <Field name="Start">
        <TimestampText epochSeconds={step.startTime} />
      </Field>
      <Field name="End">
        <TimestampText epochSeconds={step.endTime} />
      </Field>
      <Field name="Recorded duration">
        {step.recordedDuration == null ? 'none' : <DurationText seconds={step.recordedDuration} />}
      </Field>
      {why != null && (
        <Field name="Effective duration">
          {step.duration != null && (
            <>
              <DurationText seconds={step.duration} /> <span className="details-approx">approx.</span>{' '}
            </>
          )}
          <span className="panel-muted">{why}</span>
        </Field>
      )}
      <Field name="Arc taken">{step.arcTaken ?? 'none'}</Field>
      <Field name="Chunks processed">
        <NumberText value={step.chunksProcessed} />
      </Field>
      <Field name="Records processed">
        <NumberText value={step.recordsProcessed} />
      </Field>
      <Field name="Stream position">
        {position == null ? (
          'none'
        ) : (
          <>
            <NumberText value={position} /> <span className="panel-muted">{POSITION_NOTE}</span>
          </>
        )}
      </Field>
      <Field name="Detached">{detachedText(run, step)}</Field>
      <Field name="Depth">{depth == null ? 'not in the tree' : <NumberText value={depth} />}</Field>
      <Field name="Children">
        <NumberText value={children} />
      </Field>
      <Field name="Source">
        <code>{step.source}</code>
      </Field>
    </dl>
  );
}

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </>
  );
}
