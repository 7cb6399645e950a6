// @vitest-environment jsdom
// Preferences: parsing of stored values, the pure setters, and persistence
// of the store under its versioned localStorage key.
import { beforeEach, describe, expect, it } from 'vitest';
import * as P from '../../src/store/preferences.ts';
import { usePreferencesStore } from '../../src/store/preferencesStore.ts';
import { resetStores } from '../../src/store/resetStores.ts';

beforeEach(resetStores);

describe('parsePreferences', () => {
  it('falls back to defaults for missing, broken or wrongly typed values', () => {
    expect(P.parsePreferences(null)).toEqual(P.DEFAULT_PREFERENCES);
    expect(P.parsePreferences('{oops')).toEqual(P.DEFAULT_PREFERENCES);
    expect(P.parsePreferences('42')).toEqual(P.DEFAULT_PREFERENCES);
    expect(P.parsePreferences('{"hideNonMatching":"yes","theme":"neon"}')).toEqual(P.DEFAULT_PREFERENCES);
  });

  it('reads valid values and round-trips through serializePreferences', () => {
    const p = { hideNonMatching: true, theme: 'dark' } as const;
    expect(P.parsePreferences(P.serializePreferences(p))).toEqual(p);
  });
});

describe('setters', () => {
  it('return the same object when nothing changes', () => {
    const p = P.DEFAULT_PREFERENCES;
    expect(P.setHideNonMatching(p, false)).toBe(p);
    expect(P.setTheme(p, 'system')).toBe(p);
    expect(P.setHideNonMatching(p, true).hideNonMatching).toBe(true);
    expect(P.setTheme(p, 'light').theme).toBe('light');
  });

  it('nextTheme cycles system, light, dark', () => {
    expect(P.nextTheme('system')).toBe('light');
    expect(P.nextTheme('light')).toBe('dark');
    expect(P.nextTheme('dark')).toBe('system');
  });
});

describe('usePreferencesStore', () => {
  it('saves changes under the versioned key and reset clears them', () => {
    usePreferencesStore.getState().setTheme('dark');
    usePreferencesStore.getState().setHideNonMatching(true);
    expect(JSON.parse(localStorage.getItem(P.PREFERENCES_KEY) ?? 'null')).toEqual({
      hideNonMatching: true,
      theme: 'dark',
    });
    expect(usePreferencesStore.getState().theme).toBe('dark');
    usePreferencesStore.getState().reset();
    expect(localStorage.getItem(P.PREFERENCES_KEY)).toBeNull();
    expect(usePreferencesStore.getState().hideNonMatching).toBe(false);
  });
});
