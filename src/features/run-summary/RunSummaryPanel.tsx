// "Run summary": what the run is (FSM, execution id, data mode, input form),
// when it ran, and its counters recomputed from the steps, with the producer's
// own summary value shown beside any counter where the two disagree. Also the
// pruned/open badges and the loader's warnings.
import { useState } from 'react';
import type { Run } from '../../model/types.ts';
import { useActiveRun } from '../../store/selectors.ts';
import {
  exactDuration,
  exactTimestamp,
  formatDuration,
  formatTimeOfDay,
  formatTimestamp,
  sameUtcDay,
} from '../shared-ui/format.ts';
import { ScrollArea } from '../shared-ui/ScrollArea.tsx';

const fmt = new Intl.NumberFormat('en-US');
const WARNINGS_SHOWN = 20;

const FORM_LABELS: Record<string, string> = {
  plain: 'plain to_dict()',
  'compressed-wrapper': 'compressed',
  'history-record': 'history record',
  'file-storage': 'FileStorage db',
  'store-steps': 'database step rows',
};

/** A UTC timestamp; only the time of day when it falls on the same day as `sameDayAs`. */
function Time({ seconds, sameDayAs = null }: { seconds: number | null; sameDayAs?: number | null }) {
  if (seconds === null) return <span className="muted">unknown</span>;
  const short = sameDayAs !== null && sameUtcDay(seconds, sameDayAs);
  return (
    <time
      dateTime={Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : undefined}
      title={`${formatTimestamp(seconds)}: ${exactTimestamp(seconds)}`}
    >
      {short ? formatTimeOfDay(seconds) : formatTimestamp(seconds)}
    </time>
  );
}

interface Counter {
  readonly label: string;
  readonly value: number;
  /** The producer's value, or null when it has none. */
  readonly producer: number | null;
  readonly hint?: string;
}

function counters(run: Run): Counter[] {
  const c = run.counts;
  const p = run.producer;
  return [
    { label: 'Steps', value: c.uniqueSteps, producer: p?.totalSteps ?? null, hint: 'distinct step ids' },
    {
      label: 'Completed',
      value: c.completedSteps,
      producer: p?.completedSteps ?? null,
      hint: 'steps minus failed and skipped, as the producer counts it',
    },
    { label: 'Failed', value: c.failedSteps, producer: p?.failedSteps ?? null },
    { label: 'Skipped', value: c.skippedSteps, producer: p?.skippedSteps ?? null },
    {
      label: 'Tree depth',
      value: c.maxDepth,
      producer: p?.treeDepth ?? null,
      hint: 'deepest root-to-leaf path',
    },
    {
      label: 'Paths',
      value: c.paths,
      producer: p?.totalPaths ?? null,
      hint: 'root-to-leaf paths in the file',
    },
    { label: 'Detached', value: c.detachedSteps, producer: null, hint: 'steps outside the tree' },
    { label: 'Roots', value: c.roots, producer: null },
    { label: 'Leaves', value: c.leaves, producer: null },
  ];
}

function CounterRow({ c }: { c: Counter }) {
  const differs = c.producer !== null && c.producer !== c.value;
  return (
    <div className={differs ? 'tile tile--differs' : 'tile'}>
      <dt title={c.hint ? `${c.label}: ${c.hint}` : c.label}>{c.label}</dt>
      <dd>
        <span className="num">{fmt.format(c.value)}</span>
        {differs && (
          <span
            className="badge badge--warn"
            title={`Recomputed from the steps: ${c.value}. The file's summary says ${c.producer}.`}
          >
            file says {fmt.format(c.producer ?? 0)}
          </span>
        )}
      </dd>
    </div>
  );
}

function Warnings({ run }: { run: Run }) {
  const [all, setAll] = useState(false);
  const list = run.warnings;
  if (list.length === 0) return null;
  const shown = all ? list : list.slice(0, WARNINGS_SHOWN);
  return (
    <div className="summary__warnings">
      <h3 className="subhead">
        Warnings <span className="box__count">{fmt.format(list.length)}</span>
      </h3>
      <ul className="warning-list">
        {shown.map((w, i) => (
          // Warnings have no id; their order is fixed for the run.
          // biome-ignore lint/suspicious/noArrayIndexKey: stable list per run
          <li key={i} className={`warning warning--${w.code}`}>
            {w.message}
          </li>
        ))}
      </ul>
      {list.length > shown.length && (
        <button type="button" className="btn btn--small" onClick={() => setAll(true)}>
          Show all {fmt.format(list.length)} warnings
        </button>
      )}
    </div>
  );
}

export function RunSummaryPanel() {
  const run = useActiveRun();
  return (
    <section className="box run-summary" aria-label="Run summary">
      <h2 className="box__title">Run summary</h2>
      {run ? <SummaryBody key={run.id} run={run} /> : <p className="box__empty">No run selected.</p>}
    </section>
  );
}

function SummaryBody({ run }: { run: Run }) {
  const statuses = Object.entries(run.counts.statusCounts).sort((a, b) => b[1] - a[1]);
  return (
    <ScrollArea className="box__body" label="Run summary">
      <div className="summary__head">
        <div className="summary__title">
          <div className="summary__fsm">{run.fsmName || 'unnamed FSM'}</div>
          <div className="summary__file mono" title={`Run id ${run.id}`}>
            {run.fileName}
            {run.indexInFile > 0 ? ` · run ${run.indexInFile + 1} in the file` : ''}
          </div>
        </div>
        <div className="summary__badges">
          {run.open && (
            <span
              className="badge badge--info"
              title="The run has no end time: it was still running when saved"
            >
              open run
            </span>
          )}
          {run.pruned && (
            <span
              className="badge badge--warn"
              title="Depth-limited direct mode cut old steps out of the tree; they are shown as detached"
            >
              pruned tree
            </span>
          )}
        </div>
      </div>
      <dl className="facts">
        <div className="kv kv--span4">
          <dt>Execution id</dt>
          <dd className="mono selectable" title={run.executionId}>
            {run.executionId || '—'}
          </dd>
        </div>
        <div className="kv">
          <dt>Duration</dt>
          <dd>
            {run.duration === null ? (
              <span className="muted">{run.open ? 'still running' : 'unknown'}</span>
            ) : (
              <span title={exactDuration(run.duration)}>{formatDuration(run.duration)}</span>
            )}
          </dd>
        </div>
        <div className="kv kv--half">
          <dt>Data mode</dt>
          <dd>{run.dataMode || '—'}</dd>
        </div>
        <div className="kv kv--half">
          <dt>Form</dt>
          <dd title={run.form}>{FORM_LABELS[run.form] ?? run.form}</dd>
        </div>
        <div className="kv kv--span4">
          <dt>Start</dt>
          <dd>
            <Time seconds={run.startTime} />
          </dd>
        </div>
        <div className="kv">
          <dt>End</dt>
          <dd>
            {run.endTime === null ? (
              <span className="badge badge--info">open</span>
            ) : (
              <Time seconds={run.endTime} sameDayAs={run.startTime} />
            )}
          </dd>
        </div>
      </dl>
      <h3 className="subhead">Counters</h3>
      <dl className="tiles">
        {counters(run).map((c) => (
          <CounterRow key={c.label} c={c} />
        ))}
      </dl>
      {run.producer === null && (
        <p className="note">The file has no summary of its own: counters are recomputed only.</p>
      )}
      {statuses.length > 0 && (
        <div
          className="status-bar"
          role="img"
          aria-label={`Steps by status: ${statuses.map(([st, n]) => `${st} ${fmt.format(n)}`).join(', ')}`}
        >
          {statuses.map(([s, n]) => (
            <span
              key={s}
              className={`status-bar__seg status-bar__seg--${s.replace(/[^a-z_]/gi, '')}`}
              style={{ flexGrow: n }}
              title={`${s}: ${fmt.format(n)}`}
            />
          ))}
        </div>
      )}
      <Warnings run={run} />
    </ScrollArea>
  );
}
