// Which palette the canvas should use: the page's data-theme attribute when
// set, else the system's prefers-color-scheme. Also lets the canvas redraw
// when either changes.
import { DARK_PALETTE, LIGHT_PALETTE, type Palette } from './colors.ts';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function currentPalette(): Palette {
  if (typeof document === 'undefined') return LIGHT_PALETTE;
  const theme = document.documentElement.dataset.theme;
  if (theme === 'dark') return DARK_PALETTE;
  if (theme === 'light') return LIGHT_PALETTE;
  const dark = typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
  return dark ? DARK_PALETTE : LIGHT_PALETTE;
}

/** Calls `onChange` when the theme attribute or the system scheme changes; returns the unsubscribe. */
export function watchTheme(onChange: () => void): () => void {
  const observer = typeof MutationObserver === 'function' ? new MutationObserver(onChange) : null;
  observer?.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const media = typeof matchMedia === 'function' ? matchMedia(DARK_QUERY) : null;
  media?.addEventListener?.('change', onChange);
  return () => {
    observer?.disconnect();
    media?.removeEventListener?.('change', onChange);
  };
}
