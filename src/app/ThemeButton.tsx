// The header's theme switch: cycles system -> light -> dark, remembered.
import { nextTheme } from '../store/preferences.ts';
import { usePreferencesStore } from '../store/preferencesStore.ts';

const ICONS = { system: '◐', light: '☀', dark: '☾' } as const;

export function ThemeButton() {
  const theme = usePreferencesStore((s) => s.theme);
  const setTheme = usePreferencesStore((s) => s.setTheme);
  return (
    <button
      type="button"
      className="btn btn--ghost btn--icon"
      aria-label={`Colour theme: ${theme}`}
      title={`Colour theme: ${theme} (click for ${nextTheme(theme)})`}
      onClick={() => setTheme(nextTheme(theme))}
    >
      <span aria-hidden="true">{ICONS[theme]}</span>
    </button>
  );
}
