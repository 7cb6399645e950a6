// Zoom and pan math for the tree drawing, as pure functions over an immutable
// Viewport: screen = world * scale + (tx, ty), in CSS pixels.
import type { Rect } from './layout.ts';

export interface Viewport {
  readonly scale: number;
  readonly tx: number;
  readonly ty: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export const MIN_SCALE = 0.002;
export const MAX_SCALE = 4;
export const IDENTITY: Viewport = { scale: 1, tx: 0, ty: 0 };

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export function worldToScreen(vp: Viewport, wx: number, wy: number): [number, number] {
  return [wx * vp.scale + vp.tx, wy * vp.scale + vp.ty];
}

export function screenToWorld(vp: Viewport, sx: number, sy: number): [number, number] {
  return [(sx - vp.tx) / vp.scale, (sy - vp.ty) / vp.scale];
}

/** The world rectangle shown in a view of `size`. */
export function visibleWorldRect(vp: Viewport, size: Size): Rect {
  const [minX, minY] = screenToWorld(vp, 0, 0);
  const [maxX, maxY] = screenToWorld(vp, size.width, size.height);
  return { minX, minY, maxX, maxY };
}

/** Zooms by `factor` keeping the world point under screen point (sx, sy) fixed. */
export function zoomAt(vp: Viewport, factor: number, sx: number, sy: number): Viewport {
  const scale = clampScale(vp.scale * factor);
  const k = scale / vp.scale;
  return { scale, tx: sx - (sx - vp.tx) * k, ty: sy - (sy - vp.ty) * k };
}

/** Zooms around the centre of the view. */
export function zoomCentered(vp: Viewport, factor: number, size: Size): Viewport {
  return zoomAt(vp, factor, size.width / 2, size.height / 2);
}

export function panBy(vp: Viewport, dx: number, dy: number): Viewport {
  return { scale: vp.scale, tx: vp.tx + dx, ty: vp.ty + dy };
}

/**
 * Scale and offset that show all of `bounds` centred in `size`, with `padding`
 * CSS pixels around it and never magnified beyond `maxScale`.
 */
export function fitBounds(bounds: Rect | null, size: Size, padding = 16, maxScale = 1.25): Viewport {
  if (!bounds || size.width <= 0 || size.height <= 0) return IDENTITY;
  const w = Math.max(1, bounds.maxX - bounds.minX);
  const h = Math.max(1, bounds.maxY - bounds.minY);
  const availW = Math.max(1, size.width - 2 * padding);
  const availH = Math.max(1, size.height - 2 * padding);
  const scale = clampScale(Math.min(availW / w, availH / h, maxScale));
  const cx = (bounds.minX + bounds.maxX) / 2;
  const cy = (bounds.minY + bounds.maxY) / 2;
  return { scale, tx: size.width / 2 - cx * scale, ty: size.height / 2 - cy * scale };
}

/**
 * The smallest pan that brings `rect` inside the view with `margin` pixels to
 * spare (centred when it cannot fit). Returns `vp` itself when nothing moves.
 */
export function ensureVisible(vp: Viewport, rect: Rect, size: Size, margin = 40): Viewport {
  const [x0, y0] = worldToScreen(vp, rect.minX, rect.minY);
  const [x1, y1] = worldToScreen(vp, rect.maxX, rect.maxY);
  const dx = axisShift(x0, x1, size.width, margin);
  const dy = axisShift(y0, y1, size.height, margin);
  return dx === 0 && dy === 0 ? vp : panBy(vp, dx, dy);
}

function axisShift(a: number, b: number, extent: number, margin: number): number {
  if (b - a > extent - 2 * margin) return extent / 2 - (a + b) / 2;
  if (a < margin) return margin - a;
  if (b > extent - margin) return extent - margin - b;
  return 0;
}
