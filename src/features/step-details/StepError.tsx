// A step's error message (str(exception) from the producer: may be long,
// multi-line, with markup and quotes) as wrapped preformatted text, with a copy button.
import { useState } from 'react';

export function StepError({ error }: { error: string }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const canCopy = typeof navigator !== 'undefined' && navigator.clipboard != null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(error);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <figure className="details-error-block" aria-label="Error">
      <figcaption className="panel-head">
        <strong className="details-section">Error</strong>
        {canCopy && (
          <button type="button" onClick={copy}>
            Copy error
          </button>
        )}
        <span role="status" className="panel-muted">
          {copied === 'done' ? 'Copied' : copied === 'failed' ? 'Could not copy' : ''}
        </span>
      </figcaption>
      <pre className="details-error">{error}</pre>
    </figure>
  );
}
