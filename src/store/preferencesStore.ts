// The persisted preferences slice (separate from the per-session explorer store,
// as its lifetime differs). Loads from localStorage once and saves on change;
// storage failures (private mode, quota, no window in Node) are ignored.
import { create } from 'zustand';
import * as P from './preferences.ts';

export interface PreferencesActions {
  setHideNonMatching(value: boolean): void;
  setTheme(theme: P.ThemeChoice): void;
  /** Test helper: back to the defaults (and clears the stored value). */
  reset(): void;
}

export type PreferencesStore = P.Preferences & PreferencesActions;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function readStored(): P.Preferences {
  try {
    return P.parsePreferences(storage()?.getItem(P.PREFERENCES_KEY) ?? null);
  } catch {
    return P.DEFAULT_PREFERENCES;
  }
}

function save(p: P.Preferences): void {
  try {
    storage()?.setItem(P.PREFERENCES_KEY, P.serializePreferences(p));
  } catch {
    // Preferences are a convenience: losing them is fine.
  }
}

function pick(s: P.Preferences): P.Preferences {
  return { hideNonMatching: s.hideNonMatching, theme: s.theme };
}

export const usePreferencesStore = create<PreferencesStore>()((set, get) => ({
  ...readStored(),
  setHideNonMatching: (value) => {
    const next = P.setHideNonMatching(pick(get()), value);
    set(next);
    save(next);
  },
  setTheme: (theme) => {
    const next = P.setTheme(pick(get()), theme);
    set(next);
    save(next);
  },
  reset: () => {
    try {
      storage()?.removeItem(P.PREFERENCES_KEY);
    } catch {
      // ignored, as in save()
    }
    set(P.DEFAULT_PREFERENCES);
  },
}));
