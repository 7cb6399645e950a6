// Going from the compare view to one step: its run becomes the active one,
// the step is selected, and the explorer is shown (the compare pair stays,
// so the header's "Compare" comes back to it).
import { useBrowserStore } from '../../store/browserStore.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';

export function showStep(runId: string, step: number): void {
  const explorer = useExplorerStore.getState();
  explorer.setActiveRun(runId);
  useExplorerStore.getState().selectStep(step);
  useBrowserStore.getState().setView('explorer');
}
