// The header's switch between the explorer and the run browser, shown once a
// store is open (opening one shows the run browser by itself). Two toggle
// buttons; the one pressed is the view shown.
import { useBrowserStore } from '../../store/browserStore.ts';

export function ViewSwitch() {
  const hasStores = useBrowserStore((s) => s.storeIds.length > 0);
  const view = useBrowserStore((s) => s.view);
  const setView = useBrowserStore((s) => s.setView);
  if (!hasStores) return null;
  return (
    <fieldset className="view-switch">
      <legend className="visually-hidden">View</legend>
      <button
        type="button"
        className="view-switch__button"
        aria-pressed={view === 'explorer'}
        onClick={() => setView('explorer')}
      >
        Explorer
      </button>
      <button
        type="button"
        className="view-switch__button"
        aria-pressed={view === 'browser'}
        onClick={() => setView('browser')}
      >
        Run browser
      </button>
    </fieldset>
  );
}
