// Messages about loading: one alert per file that failed (naming the file and
// the problem, dismissible; a long message scrolls, by keyboard too) and a
// quiet status line (e.g. after a cancel). They float over the page (app.css).
import { useExplorerStore } from '../../store/explorerStore.ts';
import { useLoadingStore } from '../../store/loadingStore.ts';
import { ScrollArea } from '../shared-ui/ScrollArea.tsx';

export function LoadMessages() {
  const errors = useExplorerStore((s) => s.loadErrors);
  const dismiss = useExplorerStore((s) => s.dismissLoadError);
  const notice = useLoadingStore((s) => s.notice);
  const clearNotice = useLoadingStore((s) => s.setNotice);
  if (errors.length === 0 && notice === null) return null;
  return (
    <div className="load-messages">
      {errors.map((e) => (
        <div key={e.id} className="load-error" role="alert">
          <div className="load-error__text">
            <strong className="load-error__file">Could not load {e.fileName}</strong>
            <ScrollArea className="load-error__message" label={`Why ${e.fileName} could not be loaded`}>
              {e.message}
            </ScrollArea>
          </div>
          <button
            type="button"
            className="btn btn--small btn--ghost"
            aria-label={`Dismiss error for ${e.fileName}`}
            onClick={() => dismiss(e.id)}
          >
            ✕
          </button>
        </div>
      ))}
      {notice !== null && (
        <div className="load-notice" role="status">
          <span>{notice}</span>
          <button
            type="button"
            className="btn btn--small btn--ghost"
            aria-label="Dismiss notice"
            onClick={() => clearNotice(null)}
          >
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
