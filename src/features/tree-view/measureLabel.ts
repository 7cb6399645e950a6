// Measures state names in the drawing's label font (for chooseGeometry's node
// width), with an offscreen canvas when the browser has one, else an estimate.
import { FONT_FAMILY } from './drawTree.ts';
import { estimateText, LABEL_WORLD_PX, type MeasureText } from './layout.ts';

let cached: MeasureText | null = null;

export function measureLabel(): MeasureText {
  if (cached) return cached;
  const ctx = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
  if (!ctx) return estimateText;
  ctx.font = `${LABEL_WORLD_PX}px ${FONT_FAMILY}`;
  cached = (text) => ctx.measureText(text).width;
  return cached;
}
