// Draws the timeline on a canvas: the rows in view only (a 100,000-step run
// costs what its visible rows cost), each with its indented state name in the
// left gutter and a bar from start to end on the shared time axis, coloured
// by status with the status glyph (colour is not the only channel). An
// approximate span has a dashed border; the stretches on the critical path
// are underlined; the selected step and its path are marked as in the tree; steps
// that do not match the filters are dimmed. The time axis with its ticks sits
// on top. Pure drawing: no React, no state.
import type { Run } from '../../model/types.ts';
import { DETACHED_GROUP, type OutlineRows } from '../outline/flattenOutline.ts';
import { nodeFill, type Palette, statusStyle } from '../tree-view/colors.ts';
import { durationText } from '../tree-view/stepText.ts';
import type { TimelineData } from './timelineData.ts';
import { absoluteLabel, type TimeScale, ticks, xOf } from './timeScale.ts';

export const ROW_HEIGHT = 22;
export const AXIS_HEIGHT = 26;
export const GUTTER_WIDTH = 220;
const INDENT = 12;
const FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';

export interface TimelineFrame {
  readonly run: Run;
  readonly rows: OutlineRows;
  readonly data: TimelineData;
  /** Over the bar area (the canvas width minus the gutter). */
  readonly scale: TimeScale;
  /** CSS pixels. */
  readonly width: number;
  readonly height: number;
  readonly scrollTop: number;
  readonly palette: Palette;
  readonly selectedStep: number;
  /** Steps on the path from a root to the selection (1), or null. */
  readonly onPath: Uint8Array | null;
  /** Filter matches (1) when filters are active and dim the rest; null when none. */
  readonly matches: Uint8Array | null;
  readonly hoverRow: number;
}

/** The first and last row (inclusive) in view; last < first when none. */
export function visibleRows(count: number, scrollTop: number, height: number): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT));
  const last = Math.min(count - 1, Math.floor((scrollTop + Math.max(0, height - AXIS_HEIGHT)) / ROW_HEIGHT));
  return [first, last];
}

/** The row under a point of the canvas (CSS pixels), or -1. */
export function rowAt(rows: OutlineRows, scrollTop: number, y: number): number {
  if (y < AXIS_HEIGHT) return -1;
  const row = Math.floor((y - AXIS_HEIGHT + scrollTop) / ROW_HEIGHT);
  return row >= 0 && row < rows.count ? row : -1;
}

function fitText(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (max <= 8) return '';
  if (ctx.measureText(text).width <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= max) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? `${text.slice(0, lo)}…` : '';
}

function drawAxis(ctx: CanvasRenderingContext2D, f: TimelineFrame): void {
  const p = f.palette;
  ctx.fillStyle = p.background;
  ctx.fillRect(0, 0, f.width, AXIS_HEIGHT);
  ctx.strokeStyle = p.groupBorder;
  ctx.beginPath();
  ctx.moveTo(0, AXIS_HEIGHT - 0.5);
  ctx.lineTo(f.width, AXIS_HEIGHT - 0.5);
  ctx.stroke();
  const { ticks: list } = ticks(f.scale);
  ctx.fillStyle = p.mutedText;
  ctx.textBaseline = 'middle';
  for (const t of list) {
    const x = GUTTER_WIDTH + t.x;
    if (x < GUTTER_WIDTH) continue;
    ctx.fillRect(Math.round(x), AXIS_HEIGHT - 6, 1, 6);
    ctx.fillText(t.label, x + 3, AXIS_HEIGHT / 2 - 2);
  }
  ctx.fillStyle = p.text;
  ctx.fillText(fitText(ctx, absoluteLabel(f.scale.from), GUTTER_WIDTH - 8), 6, AXIS_HEIGHT / 2 - 2);
}

function drawGrid(ctx: CanvasRenderingContext2D, f: TimelineFrame): void {
  ctx.strokeStyle = f.palette.dark ? 'rgba(255,255,255,0.06)' : 'rgba(0,0,0,0.06)';
  ctx.beginPath();
  for (const t of ticks(f.scale).ticks) {
    const x = Math.round(GUTTER_WIDTH + t.x) + 0.5;
    if (x < GUTTER_WIDTH) continue;
    ctx.moveTo(x, AXIS_HEIGHT);
    ctx.lineTo(x, f.height);
  }
  ctx.stroke();
}

function drawRow(ctx: CanvasRenderingContext2D, f: TimelineFrame, row: number, y: number): void {
  const p = f.palette;
  const step = f.rows.step[row]!;
  const level = f.rows.level[row]!;
  const mid = y + ROW_HEIGHT / 2;
  if (step === f.selectedStep && step >= 0) {
    ctx.fillStyle = p.dark ? 'rgba(255,166,87,0.16)' : 'rgba(230,81,0,0.10)';
    ctx.fillRect(0, y, f.width, ROW_HEIGHT);
  } else if (row === f.hoverRow) {
    ctx.fillStyle = p.dark ? 'rgba(255,255,255,0.05)' : 'rgba(0,0,0,0.04)';
    ctx.fillRect(0, y, f.width, ROW_HEIGHT);
  }
  const indent = 6 + (level - 1) * INDENT;
  if (step === DETACHED_GROUP) {
    ctx.fillStyle = p.mutedText;
    ctx.fillText(
      fitText(ctx, `Detached steps (${f.rows.detachedCount})`, GUTTER_WIDTH - indent - 4),
      indent,
      mid,
    );
    return;
  }
  const s = f.run.steps[step]!;
  const style = statusStyle(s.status);
  const dim = f.matches !== null && f.matches[step] !== 1;
  ctx.globalAlpha = dim ? 0.35 : 1;
  // Gutter: fold marker, state name; the path to the selection in the selection colour.
  const marker = f.rows.hasChildren[row] ? (f.rows.collapsed[row] ? '▸ ' : '▾ ') : '';
  ctx.fillStyle = f.onPath?.[step] === 1 ? p.selection : p.text;
  ctx.fillText(fitText(ctx, `${marker}${s.stateName}`, GUTTER_WIDTH - indent - 6), indent, mid);
  const t0 = f.data.start[step]!;
  const t1 = f.data.end[step]!;
  if (Number.isFinite(t0) && Number.isFinite(t1)) {
    const x0 = GUTTER_WIDTH + xOf(f.scale, t0);
    const x1 = GUTTER_WIDTH + xOf(f.scale, t1);
    const left = Math.max(GUTTER_WIDTH, x0);
    const right = Math.min(f.width + 1, Math.max(x1, x0 + 2));
    if (right > GUTTER_WIDTH && left < f.width) {
      const barY = y + 4;
      const barH = ROW_HEIGHT - 8;
      ctx.fillStyle = nodeFill(style, p);
      ctx.fillRect(left, barY, right - left, barH);
      ctx.strokeStyle = step === f.selectedStep ? p.selection : style.color;
      ctx.lineWidth = step === f.selectedStep ? 2 : 1;
      ctx.setLineDash(f.data.approximate[step] ? [4, 3] : []);
      ctx.strokeRect(left + 0.5, barY + 0.5, Math.max(1, right - left - 1), barH - 1);
      ctx.setLineDash([]);
      ctx.lineWidth = 1;
      // The critical path: a line under the stretches of the bar that count on it.
      const counted = f.data.sections.get(step);
      if (counted) {
        ctx.fillStyle = p.text;
        for (let k = 0; k < counted.length; k += 2) {
          const a = Math.max(GUTTER_WIDTH, GUTTER_WIDTH + xOf(f.scale, counted[k]!));
          const b = Math.min(f.width, GUTTER_WIDTH + xOf(f.scale, counted[k + 1]!));
          if (b > a) ctx.fillRect(a, y + ROW_HEIGHT - 3, Math.max(2, b - a), 2);
        }
      }
      const label = `${style.glyph} ${durationText(s)}`;
      const inside = fitText(ctx, label, right - left - 8);
      ctx.fillStyle = style.color;
      if (inside === label) ctx.fillText(label, left + 4, mid);
      else if (right + 4 < f.width) ctx.fillText(fitText(ctx, label, f.width - right - 8), right + 4, mid);
    }
  }
  ctx.globalAlpha = 1;
}

export function drawTimeline(ctx: CanvasRenderingContext2D, f: TimelineFrame, dpr: number): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = f.palette.background;
  ctx.fillRect(0, 0, f.width, f.height);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  drawGrid(ctx, f);
  ctx.strokeStyle = f.palette.groupBorder;
  ctx.beginPath();
  ctx.moveTo(GUTTER_WIDTH - 0.5, AXIS_HEIGHT);
  ctx.lineTo(GUTTER_WIDTH - 0.5, f.height);
  ctx.stroke();
  const [first, last] = visibleRows(f.rows.count, f.scrollTop, f.height);
  for (let row = first; row <= last; row++) {
    drawRow(ctx, f, row, AXIS_HEIGHT + row * ROW_HEIGHT - f.scrollTop);
  }
  drawAxis(ctx, f);
}
