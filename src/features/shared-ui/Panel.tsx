// The frame every panel shares: a named region with a visible heading.
import type { ReactNode } from 'react';
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
