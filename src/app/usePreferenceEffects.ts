// Applies the persisted preferences to the page: the colour theme (a
// data-theme attribute; 'system' leaves it to prefers-color-scheme) and the
// remembered dim/hide choice for non-matching steps (a URL hash may override it).
import { useEffect } from 'react';
import { useExplorerStore } from '../store/explorerStore.ts';
import { usePreferencesStore } from '../store/preferencesStore.ts';

export function usePreferenceEffects(): void {
  const theme = usePreferencesStore((s) => s.theme);

  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const hide = usePreferencesStore.getState().hideNonMatching;
    if (useExplorerStore.getState().filters.hideNonMatching !== hide) {
      useExplorerStore.getState().setFilters({ hideNonMatching: hide });
    }
  }, []);
}
