// What a key pressed on the focused tree drawing does: zoom (+ -), pan
// (arrows, Shift for bigger steps), fit (0 F), or select the step at the
// centre of the view (Enter, Space), where the drawing's crosshair points.
// Pure: the caller applies the answer.
import { TOP_INSET } from './initialView.ts';
import { panBy, type Size, type Viewport, zoomCentered } from './viewport.ts';

const ZOOM_STEP = 1.25;
const PAN_STEP = 60;

export type KeyAction =
  | { readonly kind: 'view'; readonly vp: Viewport }
  | { readonly kind: 'fit' }
  | { readonly kind: 'select-centre' };

export const TREE_KEYS = '+ - 0 F Enter Space ArrowUp ArrowDown ArrowLeft ArrowRight';

export function keyAction(key: string, shift: boolean, vp: Viewport, size: Size): KeyAction | null {
  const step = shift ? PAN_STEP * 4 : PAN_STEP;
  const view = (next: Viewport): KeyAction => ({ kind: 'view', vp: next });
  switch (key) {
    case '+':
    case '=':
      return view(zoomCentered(vp, ZOOM_STEP, size));
    case '-':
    case '_':
      return view(zoomCentered(vp, 1 / ZOOM_STEP, size));
    case 'ArrowLeft':
      return view(panBy(vp, step, 0));
    case 'ArrowRight':
      return view(panBy(vp, -step, 0));
    case 'ArrowUp':
      return view(panBy(vp, 0, step));
    case 'ArrowDown':
      return view(panBy(vp, 0, -step));
    case '0':
    case 'f':
    case 'F':
      return { kind: 'fit' };
    case 'Enter':
    case ' ':
      return { kind: 'select-centre' };
    default:
      return null;
  }
}

/** The point the crosshair marks: the middle of the part of the view below the zoom buttons. */
export function viewCentre(size: Size): [number, number] {
  return [size.width / 2, TOP_INSET + Math.max(0, size.height - TOP_INSET) / 2];
}

export { ZOOM_STEP };
