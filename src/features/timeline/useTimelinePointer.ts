// The timeline's pointer: a drag pans the time axis and scrolls the rows, a
// press without moving selects the step under it, and hovering marks the row
// and shows its tooltip. The scene (scale, scroll) is the view's ref; only
// the hover is React state (the tooltip is HTML).
import { type PointerEvent as ReactPointerEvent, type RefObject, useRef, useState } from 'react';
import type { OutlineRows } from '../outline/flattenOutline.ts';
import { rowAt } from './drawTimeline.ts';
import { panBy, type TimeScale } from './timeScale.ts';

export interface TimelineScene {
  scale: TimeScale | null;
  scrollTop: number;
  width: number;
  height: number;
  dpr: number;
  hoverRow: number;
  fittedRun: object | null;
}

export interface TimelineHover {
  readonly row: number;
  readonly x: number;
  readonly y: number;
}

interface Options {
  readonly scene: RefObject<TimelineScene>;
  readonly rows: () => OutlineRows | null;
  readonly redraw: () => void;
  readonly maxScroll: () => number;
  readonly select: (step: number) => void;
}

export function useTimelinePointer(o: Options) {
  const [hover, setHover] = useState<TimelineHover | null>(null);
  const press = useRef<{
    x: number;
    y: number;
    scrollTop: number;
    scale: TimeScale | null;
    moved: boolean;
  } | null>(null);
  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    press.current = {
      x: e.clientX,
      y: e.clientY,
      scrollTop: o.scene.current.scrollTop,
      scale: o.scene.current.scale,
      moved: false,
    };
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const scene = o.scene.current;
    const box = e.currentTarget.getBoundingClientRect();
    const p = press.current;
    if (p) {
      const dx = e.clientX - p.x;
      const dy = e.clientY - p.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) p.moved = true;
      if (p.moved && p.scale) {
        scene.scale = panBy(p.scale, -dx);
        scene.scrollTop = Math.max(0, Math.min(o.maxScroll(), p.scrollTop - dy));
        o.redraw();
      }
      return;
    }
    const r = o.rows();
    const row = r ? rowAt(r, scene.scrollTop, e.clientY - box.top) : -1;
    if (row !== scene.hoverRow) {
      scene.hoverRow = row;
      o.redraw();
    }
    setHover(row >= 0 ? { row, x: e.clientX - box.left, y: e.clientY - box.top } : null);
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const p = press.current;
    press.current = null;
    if (!p || p.moved) return;
    const r = o.rows();
    const row = r
      ? rowAt(r, o.scene.current.scrollTop, e.clientY - e.currentTarget.getBoundingClientRect().top)
      : -1;
    const step = row >= 0 && r ? r.step[row]! : -1;
    if (step >= 0) o.select(step);
  };
  const handlers = {
    onPointerDown,
    onPointerMove,
    onPointerUp,
    onPointerCancel: () => {
      press.current = null;
    },
    onPointerLeave: () => {
      o.scene.current.hoverRow = -1;
      setHover(null);
      o.redraw();
    },
  };
  return { hover, handlers };
}
