// The view a run opens at. The whole tree when it fits at a zoom where state
// names are readable; otherwise a zoom that fits the depth axis (so every
// level shows) when that is still readable, else the readable zoom, starting
// at the roots and leaving the breadth (or the rest of the depth) to pan
// along. "Fit to view" still fits everything. Both leave a strip at the top
// free for the zoom buttons that float over the drawing.
import type { TreeLayout } from './layout.ts';
import { fitBounds, type Size, type Viewport } from './viewport.ts';

/** From this zoom typical state names fit their nodes (see chooseGeometry) at 9 CSS px or more. */
export const READABLE_SCALE = 0.45;
/** The opening view never magnifies beyond this when it does not show everything. */
const MAX_OPENING_SCALE = 1;
const PAD = 16;
/** Height of the strip under the floating zoom buttons, CSS px. */
export const TOP_INSET = 36;

/** fitBounds for the part of the view below the zoom buttons. */
export function fitBelowButtons(layout: TreeLayout | null, size: Size): Viewport {
  const area = { width: size.width, height: Math.max(1, size.height - TOP_INSET) };
  const vp = fitBounds(layout?.bounds ?? null, area, PAD);
  return layout?.bounds ? { ...vp, ty: vp.ty + TOP_INSET } : vp;
}

export function initialView(layout: TreeLayout | null, size: Size): Viewport {
  const fit = fitBelowButtons(layout, size);
  const bounds = layout?.bounds;
  if (!layout || !bounds || layout.treeCount === 0 || fit.scale >= READABLE_SCALE) return fit;

  const lr = layout.orientation === 'lr';
  const dMin = lr ? bounds.minX : bounds.minY;
  const dMax = lr ? bounds.maxX : bounds.maxY;
  const bMin = lr ? bounds.minY : bounds.minX;
  const bMax = lr ? bounds.maxY : bounds.maxX;
  // Depth runs across the width (lr) or down from below the buttons (tb); breadth the other way.
  const dStart = lr ? 0 : TOP_INSET;
  const bStart = lr ? TOP_INSET : 0;
  const dRoom = Math.max(1, (lr ? size.width : size.height) - dStart - 2 * PAD);
  const bView = lr ? size.height : size.width;
  const bRoom = Math.max(1, bView - bStart - 2 * PAD);
  const depthFit = dRoom / Math.max(1, dMax - dMin);
  const scale = depthFit >= READABLE_SCALE ? Math.min(MAX_OPENING_SCALE, depthFit) : READABLE_SCALE;

  // Depth axis: centred when it fits, else the roots at the start.
  const dExtent = (dMax - dMin) * scale;
  const dOffset =
    dExtent <= dRoom ? dStart + PAD + (dRoom - dExtent) / 2 - dMin * scale : dStart + PAD - dMin * scale;

  // Breadth axis: centred when it fits, else around the first root without showing empty space past the tree.
  const bExtent = (bMax - bMin) * scale;
  let bOffset: number;
  if (bExtent <= bRoom) bOffset = bStart + PAD + (bRoom - bExtent) / 2 - bMin * scale;
  else {
    const root = (lr ? layout.y : layout.x)[0] ?? 0;
    bOffset = bStart + (bView - bStart) / 2 - root * scale;
    bOffset = Math.min(bOffset, bStart + PAD - bMin * scale);
    bOffset = Math.max(bOffset, bView - PAD - bMax * scale);
  }
  return lr ? { scale, tx: dOffset, ty: bOffset } : { scale, tx: bOffset, ty: dOffset };
}
