// User preferences that outlive a session (dim vs hide, colour theme), as pure
// functions over a small validated record. preferencesStore.ts persists them in
// localStorage under a versioned key; a bad or old stored value falls back to defaults.

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

export interface Preferences {
  /** Hide steps that do not match the filters (true) or only dim them (false). */
  readonly hideNonMatching: boolean;
  /** 'system' follows prefers-color-scheme. */
  readonly theme: ThemeChoice;
}

export const DEFAULT_PREFERENCES: Preferences = { hideNonMatching: false, theme: 'system' };

/** Bump the version when the stored shape changes; older keys are then ignored. */
export const PREFERENCES_KEY = 'fsm-history-explorer.preferences.v1';

/** Reads a stored value; anything unexpected falls back to the default for that field. */
export function parsePreferences(text: string | null): Preferences {
  if (text == null) return DEFAULT_PREFERENCES;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return DEFAULT_PREFERENCES;
  }
  if (typeof raw !== 'object' || raw === null) return DEFAULT_PREFERENCES;
  const r = raw as Record<string, unknown>;
  return {
    hideNonMatching:
      typeof r.hideNonMatching === 'boolean' ? r.hideNonMatching : DEFAULT_PREFERENCES.hideNonMatching,
    theme: THEME_CHOICES.includes(r.theme as ThemeChoice)
      ? (r.theme as ThemeChoice)
      : DEFAULT_PREFERENCES.theme,
  };
}

export function serializePreferences(p: Preferences): string {
  return JSON.stringify({ hideNonMatching: p.hideNonMatching, theme: p.theme });
}

export function setHideNonMatching(p: Preferences, hideNonMatching: boolean): Preferences {
  return p.hideNonMatching === hideNonMatching ? p : { ...p, hideNonMatching };
}

export function setTheme(p: Preferences, theme: ThemeChoice): Preferences {
  return p.theme === theme ? p : { ...p, theme };
}

/** The next choice in the header's theme button cycle: system -> light -> dark -> system. */
export function nextTheme(theme: ThemeChoice): ThemeChoice {
  const at = THEME_CHOICES.indexOf(theme);
  return THEME_CHOICES[(at + 1) % THEME_CHOICES.length] ?? 'system';
}
