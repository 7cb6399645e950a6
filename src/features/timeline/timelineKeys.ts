// What a key does on the timeline, as data (the view applies it): zoom in and
// out about the centre (+ - or W S), pan the time axis (← → or A D), fit the
// run (F or 0), move the selection to the row above or below (↑ ↓), to the
// first or last row (Home End), fold or unfold the selected step (Enter).
// Perfetto's WASD habit and the tree view's keys together. Pure.

export type TimelineAction =
  | { readonly kind: 'zoom'; readonly factor: number }
  | { readonly kind: 'pan'; readonly pixels: number }
  | { readonly kind: 'fit' }
  | { readonly kind: 'row'; readonly delta: number }
  | { readonly kind: 'edge'; readonly last: boolean }
  | { readonly kind: 'fold' };

export const ZOOM_STEP = 1.5;
export const PAN_STEP = 80;

export function timelineAction(key: string, shift: boolean): TimelineAction | null {
  const far = shift ? 4 : 1;
  switch (key) {
    case '+':
    case '=':
    case 'w':
    case 'W':
      return { kind: 'zoom', factor: ZOOM_STEP };
    case '-':
    case '_':
    case 's':
    case 'S':
      return { kind: 'zoom', factor: 1 / ZOOM_STEP };
    case 'ArrowLeft':
    case 'a':
    case 'A':
      return { kind: 'pan', pixels: -PAN_STEP * far };
    case 'ArrowRight':
    case 'd':
    case 'D':
      return { kind: 'pan', pixels: PAN_STEP * far };
    case 'f':
    case 'F':
    case '0':
      return { kind: 'fit' };
    case 'ArrowUp':
      return { kind: 'row', delta: -1 };
    case 'ArrowDown':
      return { kind: 'row', delta: 1 };
    case 'PageUp':
      return { kind: 'row', delta: -10 };
    case 'PageDown':
      return { kind: 'row', delta: 10 };
    case 'Home':
      return { kind: 'edge', last: false };
    case 'End':
      return { kind: 'edge', last: true };
    case 'Enter':
      return { kind: 'fold' };
    default:
      return null;
  }
}
