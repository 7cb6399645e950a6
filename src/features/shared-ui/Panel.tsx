// The frame every panel shares: a named region with a visible heading; and
// ActiveRunPanel, the busy / no-run / content choice of the run panels.
import type { ReactNode } from 'react';
import type { Run } from '../../model/types.ts';
import { useActiveRun, useRunPending } from '../../store/selectors.ts';
import './panels.css';

interface Props {
  /** Region name and heading text (fixed by the product spec). */
  label: string;
  /** Optional controls or counts shown beside the heading. */
  aside?: ReactNode;
  /** True while the panel's content is still being prepared (aria-busy). */
  busy?: boolean;
  children?: ReactNode;
}

export function Panel({ label, aside, busy, children }: Props) {
  return (
    <section aria-label={label} className="panel" aria-busy={busy || undefined}>
      <div className="panel-head">
        <h2 className="panel-title">{label}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** The helpful text shown when a panel has nothing to show yet. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="panel-empty">{children}</p>;
}

/**
 * A panel about the active run: an empty busy frame while a newly shown run is
 * still on its way (it reaches these panels after the tree's first frame), the
 * `noRun` text when nothing is loaded, else what `render` makes of the run.
 */
export function ActiveRunPanel({
  label,
  noRun,
  render,
}: {
  label: string;
  noRun: ReactNode;
  render: (run: Run) => ReactNode;
}) {
  const run = useActiveRun();
  const pending = useRunPending(run);
  if (pending) return <Panel label={label} busy />;
  if (!run) {
    return (
      <Panel label={label}>
        <EmptyState>{noRun}</EmptyState>
      </Panel>
    );
  }
  return render(run);
}
