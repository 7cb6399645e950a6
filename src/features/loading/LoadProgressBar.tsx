// The progress bar shown while files load, with a Cancel button. It appears
// only after a short delay, so quick loads do not flash it.
import { useEffect, useState } from 'react';
import { loadingTotals } from '../../store/loadingState.ts';
import { useLoadingStore } from '../../store/loadingStore.ts';
import { cancelAllLoads } from './loadJobs.ts';

const SHOW_AFTER_MS = 250;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `${(n / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

export function LoadProgressBar() {
  const busy = useLoadingStore((s) => s.jobs.length > 0);
  const [shown, setShown] = useState(false);

  useEffect(() => {
    if (!busy) {
      setShown(false);
      return;
    }
    const t = setTimeout(() => setShown(true), SHOW_AFTER_MS);
    return () => clearTimeout(t);
  }, [busy]);

  if (!busy || !shown) return null;
  return <ProgressDetails />;
}

function ProgressDetails() {
  const t = loadingTotals(useLoadingStore((s) => s.jobs));
  const percent = t.totalBytes > 0 ? Math.min(100, Math.round((t.bytesRead / t.totalBytes) * 100)) : null;
  const verb = t.phase === 'download' ? 'Downloading' : 'Reading';
  const what = t.fileCount > 1 ? `${t.fileCount} files` : (t.currentFile ?? 'file');
  const amount =
    t.totalBytes > 0
      ? `${formatBytes(t.bytesRead)} of ${formatBytes(t.totalBytes)}`
      : formatBytes(t.bytesRead);
  return (
    <div className="load-progress">
      <span className="load-progress__label">
        {verb} {what}
      </span>
      <div
        className="load-progress__bar"
        role="progressbar"
        aria-label="Loading files"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? `${amount} read` : `${percent}% (${amount})`}
      >
        <div
          className={
            percent === null
              ? 'load-progress__fill load-progress__fill--indeterminate'
              : 'load-progress__fill'
          }
          style={percent === null ? undefined : { transform: `scaleX(${percent / 100})` }}
        />
      </div>
      <span className="load-progress__amount">{amount}</span>
      <button type="button" className="btn btn--small" onClick={cancelAllLoads}>
        Cancel
      </button>
    </div>
  );
}
