// What a first-time visitor sees: what to drop, where it comes from, and a
// one-click sample.
import { SampleButton } from '../features/loading/SampleButton.tsx';

export function EmptyState() {
  return (
    <main className="empty" aria-labelledby="empty-title">
      <div className="empty__card">
        <div className="empty__glyph" aria-hidden="true">
          <svg viewBox="0 0 64 48" width="64" height="48">
            <title>tree</title>
            <circle cx="10" cy="24" r="5" />
            <circle cx="32" cy="12" r="5" />
            <circle cx="32" cy="36" r="5" />
            <circle cx="54" cy="6" r="4" />
            <circle cx="54" cy="20" r="4" />
            <circle cx="54" cy="42" r="4" className="empty__bad" />
            <path d="M15 22 L27 13 M15 26 L27 35 M37 11 L50 7 M37 13 L50 19 M37 37 L50 41" />
          </svg>
        </div>
        <h1 id="empty-title" className="empty__title">
          See what your state machines actually did
        </h1>
        <p className="empty__lead">
          Drop <code>dataknobs_fsm</code> execution-history files anywhere on this page to explore every run
          they hold: the branching step tree, each step&apos;s data, errors, resource use and stream progress.
        </p>
        <ul className="empty__list">
          <li>
            <strong>History JSON</strong> from <code>ExecutionHistory.to_dict()</code>
          </li>
          <li>
            <strong>Storage files</strong>: history records, compressed wrappers, <code>FileStorage</code>{' '}
            databases
          </li>
          <li>
            <strong>Gzipped</strong> <code>.json.gz</code> and Python&apos;s <code>NaN</code>/
            <code>Infinity</code> are fine
          </li>
        </ul>
        <div className="empty__actions">
          <SampleButton className="btn btn--primary btn--large" />
          <span className="empty__or">
            or use <em>Open history files</em> / <em>Paste JSON</em> above
          </span>
        </div>
        <p className="empty__privacy">Files are read in your browser and never leave your machine.</p>
        <p className="empty__keys">
          Keys: <kbd>/</kbd> filter by state · <kbd>↑</kbd>
          <kbd>↓</kbd> move in lists · <kbd>Enter</kbd> choose · <kbd>Esc</kbd> close
        </p>
      </div>
    </main>
  );
}
