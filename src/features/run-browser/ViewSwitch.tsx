// The header's switch between the page's views: the explorer, the run
// browser (once a store or a list of loaded runs is open; opening one shows
// it by itself) and "Compare" (once two runs are loaded). Toggle buttons;
// the one pressed is the view shown.
import type { View } from '../../store/browserState.ts';
import { useBrowserStore } from '../../store/browserStore.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';

export function ViewSwitch() {
  const hasStores = useBrowserStore((s) => s.storeIds.length > 0);
  const canCompare = useExplorerStore((s) => s.runIds.length >= 2);
  const view = useBrowserStore((s) => s.view);
  const setView = useBrowserStore((s) => s.setView);
  if (!hasStores && !canCompare) return null;
  const choice = (value: View, label: string, title: string) => (
    <button
      type="button"
      className="view-switch__button"
      aria-pressed={view === value}
      title={title}
      onClick={() => setView(value)}
    >
      {label}
    </button>
  );
  return (
    <fieldset className="view-switch">
      <legend className="visually-hidden">View</legend>
      {choice('explorer', 'Explorer', 'The active run: tree, timeline and panels')}
      {hasStores && choice('browser', 'Run browser', 'Every run of the open stores and file lists')}
      {canCompare && choice('compare', 'Compare', 'Compare two loaded runs')}
    </fieldset>
  );
}
