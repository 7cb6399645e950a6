// Paints a TreeLayout on a 2D canvas context for one viewport: links, nodes,
// collapse badges, the detached group, and the overlays (selection path,
// filter dimming, resource ring). Only what the culling index returns for the
// visible rectangle is drawn. Level of detail follows the zoom: plain coloured
// boxes when far away, status glyphs and data-mode letters closer (no letter
// when the whole run has one data mode), state names
// when legible, arc names on links when closer still.
import { dataModeLetter, nodeFill, type Palette, type StatusStyle, statusStyle } from './colors.ts';
import { forEachLinkIn, forEachNodeIn } from './cull.ts';
import { hasOneDataMode } from './dataModes.ts';
import {
  badgeText,
  breadthAxis,
  depthAxis,
  LABEL_CHROME,
  LABEL_WORLD_PX,
  type Rect,
  type TreeLayout,
  toggleRect,
} from './layout.ts';
import { type Size, type Viewport, visibleWorldRect } from './viewport.ts';

/** The part of CanvasRenderingContext2D the drawing uses (a fake one counts calls in tests). */
export type DrawContext = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'fillRect'
  | 'strokeRect'
  | 'beginPath'
  | 'closePath'
  | 'moveTo'
  | 'lineTo'
  | 'arcTo'
  | 'rect'
  | 'stroke'
  | 'fill'
  | 'fillText'
  | 'measureText'
  | 'setLineDash'
  | 'save'
  | 'restore'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
  | 'globalAlpha'
>;

export interface DrawState {
  /** Selected step index, -1 for none. */
  readonly selectedStep: number;
  /** 1 for slots on the path from the root to the selected step. */
  readonly onPath: Uint8Array | null;
  /** FilterResult.matches when a filter is active (others are dimmed), else null. */
  readonly matches: Uint8Array | null;
  readonly highlightedResource: string | null;
  readonly hoverSlot: number;
  readonly palette: Palette;
}

export interface DrawStats {
  readonly nodes: number;
  readonly links: number;
  readonly labels: number;
  readonly arcLabels: number;
}

/** Zoom levels (world -> CSS pixel scale) where details appear. */
export const LOD = {
  /** Below this, nodes are plain boxes batched by colour. */
  boxes: 0.25,
  /** Status glyphs, data-mode letters, collapse handles. */
  glyphs: 0.45,
  /** State names: from here the label font can be kept at 9 CSS px or more inside the node. */
  labels: 0.375,
  /** Arc names on links. */
  arcs: 1.1,
} as const;

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", sans-serif';
/** Labels never render smaller than this many CSS pixels (else they are left out). */
const LABEL_MIN_SCREEN_PX = 9;
const SMALL_FONT = `bold 10px ${FONT_FAMILY}`;
const ARC_FONT = `italic 10px ${FONT_FAMILY}`;
const GROUP_FONT = `600 13px ${FONT_FAMILY}`;
const CHIP_W = 22;
const MODE_W = 20;
const RADIUS = 6;
const DIM_ALPHA = 0.28;
/** Where between parent and child columns the links fork (fraction of the gap). */
const FORK = 0.6;

/** Per-canvas memo of truncated labels (widths are in world units, so they do not change with zoom). */
export interface DrawCache {
  /** Per font size and room: text -> fitted text. */
  readonly labels: Map<string, Map<string, string>>;
  readonly arcs: Map<string, Map<string, string>>;
}

export function createDrawCache(): DrawCache {
  return { labels: new Map(), arcs: new Map() };
}

function memoFor(memos: Map<string, Map<string, string>>, key: string): Map<string, string> {
  let m = memos.get(key);
  if (!m) {
    if (memos.size > 64) memos.clear();
    m = new Map();
    memos.set(key, m);
  }
  return m;
}

export function drawTree(
  ctx: DrawContext,
  layout: TreeLayout | null,
  vp: Viewport,
  size: Size,
  dpr: number,
  state: DrawState,
  cache: DrawCache,
): DrawStats {
  const P = state.palette;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = P.background;
  ctx.fillRect(0, 0, size.width, size.height);
  if (!layout || layout.count === 0) return { nodes: 0, links: 0, labels: 0, arcLabels: 0 };

  const view = visibleWorldRect(vp, size);
  const s = vp.scale;
  ctx.setTransform(dpr * s, 0, 0, dpr * s, dpr * vp.tx, dpr * vp.ty);

  if (layout.detached) drawDetachedFrame(ctx, layout, vp, view, dpr, P);
  const links = drawLinks(ctx, layout, view, s, state, cache);

  const slots: number[] = [];
  forEachNodeIn(layout, view, (slot) => {
    slots.push(slot);
  });
  let labels = 0;
  if (s < LOD.boxes) drawBoxes(ctx, layout, slots, s, state);
  else labels = drawNodes(ctx, layout, slots, s, state, cache);
  ctx.globalAlpha = 1;
  return { nodes: slots.length, links: links.count, labels, arcLabels: links.arcLabels };
}

function isDim(layout: TreeLayout, slot: number, state: DrawState): boolean {
  return state.matches !== null && state.matches[layout.step[slot]!] !== 1;
}

function usesResource(layout: TreeLayout, slot: number, type: string | null): boolean {
  if (type === null) return false;
  return Object.hasOwn(layout.run.steps[layout.step[slot]!]!.resourceUsage, type);
}

function drawLinks(
  ctx: DrawContext,
  layout: TreeLayout,
  view: Rect,
  s: number,
  state: DrawState,
  cache: DrawCache,
): { count: number; arcLabels: number } {
  const P = state.palette;
  const normal: number[] = [];
  const dim: number[] = [];
  const path: number[] = [];
  forEachLinkIn(layout, view, (child) => {
    if (state.onPath?.[child] === 1) path.push(child);
    else if (isDim(layout, child, state)) dim.push(child);
    else normal.push(child);
  });
  ctx.strokeStyle = P.link;
  ctx.lineWidth = 1.5 / s;
  ctx.setLineDash([]);
  strokeElbows(ctx, layout, normal, s);
  ctx.globalAlpha = DIM_ALPHA;
  strokeElbows(ctx, layout, dim, s);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = P.selection;
  ctx.lineWidth = 3.5 / s;
  strokeElbows(ctx, layout, path, s);

  let arcLabels = 0;
  if (s >= LOD.arcs) {
    // The arc is the parent's choice: one label per parent, on its trunk.
    ctx.font = ARC_FONT;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillStyle = P.mutedText;
    let lastParent = -1;
    const lr = layout.orientation === 'lr';
    const gap = lr ? layout.levelGap - layout.nodeW : layout.levelGap - layout.nodeH;
    if (!lr) ctx.textBaseline = 'top';
    const breadth = breadthAxis(layout);
    for (const list of [normal, path, dim]) {
      for (const child of list) {
        const p = layout.parentSlot[child]!;
        if (p === lastParent) continue;
        lastParent = p;
        const arc = layout.run.steps[layout.step[p]!]!.arcTaken;
        if (!arc) continue;
        // A lone child's link is straight: the label may use the whole gap, else only the trunk.
        const alone = breadth[child] === breadth[p];
        const room = lr ? (alone ? gap : gap * FORK) - 8 : layout.nodeW / 2 - 14;
        const text = fitText(ctx, memoFor(cache.arcs, String(room)), arc, room);
        ctx.globalAlpha = list === dim ? DIM_ALPHA : 1;
        if (lr) ctx.fillText(text, layout.x[p]! + layout.nodeW / 2 + 4, layout.y[p]! - 3);
        else ctx.fillText(text, layout.x[p]! + 12, layout.y[p]! + layout.nodeH / 2 + 3);
        arcLabels++;
      }
    }
    ctx.globalAlpha = 1;
  }
  return { count: normal.length + dim.length + path.length, arcLabels };
}

function strokeElbows(ctx: DrawContext, layout: TreeLayout, children: readonly number[], s: number): void {
  if (children.length === 0) return;
  const { x, y, parentSlot } = layout;
  const b = breadthAxis(layout);
  const lr = layout.orientation === 'lr';
  ctx.beginPath();
  let lastParent = -1;
  let lastB = Number.NEGATIVE_INFINITY;
  for (const c of children) {
    const p = parentSlot[c]!;
    // Children come in breadth order: one within a pixel of its previous sibling draws the same pixels.
    if (p === lastParent && (b[c]! - lastB) * s < 1) continue;
    lastParent = p;
    lastB = b[c]!;
    if (lr) {
      const px = x[p]! + layout.nodeW / 2;
      const fx = px + (layout.levelGap - layout.nodeW) * FORK;
      ctx.moveTo(px, y[p]!);
      ctx.lineTo(fx, y[p]!);
      ctx.lineTo(fx, y[c]!);
      ctx.lineTo(x[c]! - layout.nodeW / 2, y[c]!);
    } else {
      const py = y[p]! + layout.nodeH / 2;
      const fy = py + (layout.levelGap - layout.nodeH) * FORK;
      ctx.moveTo(x[p]!, py);
      ctx.lineTo(x[p]!, fy);
      ctx.lineTo(x[c]!, fy);
      ctx.lineTo(x[c]!, y[c]! - layout.nodeH / 2);
    }
  }
  ctx.stroke();
}

/** Far away: one filled path per colour, no text. Selected and ringed nodes get a visible marker. */
function drawBoxes(
  ctx: DrawContext,
  layout: TreeLayout,
  slots: readonly number[],
  s: number,
  state: DrawState,
) {
  const P = state.palette;
  const groups = new Map<string, number[]>();
  for (const slot of slots) {
    const style = statusStyle(layout.run.steps[layout.step[slot]!]!.status);
    const key = `${isDim(layout, slot, state) ? 'd' : 'n'}${style.color}`;
    let g = groups.get(key);
    if (!g) {
      g = [];
      groups.set(key, g);
    }
    g.push(slot);
  }
  // At least ~2 CSS pixels per node, so far-away nodes stay visible.
  const minW = Math.max(layout.nodeW, 2 / s);
  const minH = Math.max(layout.nodeH, 2 / s);
  const along = depthAxis(layout);
  const across = breadthAxis(layout);
  // Dimmed first, failures last (on top).
  const order = [...groups.keys()].sort((a, b) => boxRank(a) - boxRank(b));
  for (const key of order) {
    const group = groups.get(key)!;
    ctx.globalAlpha = key.startsWith('d') ? DIM_ALPHA : 1;
    ctx.fillStyle = key.slice(1);
    ctx.beginPath();
    // Slots come column by column in breadth order: a node less than a pixel
    // past the last one drawn of its colour in its column adds nothing visible.
    let lastD = Number.NaN;
    let lastB = Number.NEGATIVE_INFINITY;
    for (const slot of group) {
      const d = along[slot]!;
      const b = across[slot]!;
      if (d === lastD && (b - lastB) * s < 1) continue;
      lastD = d;
      lastB = b;
      ctx.rect(layout.x[slot]! - minW / 2, layout.y[slot]! - minH / 2, minW, minH);
    }
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  const mark = 7 / s;
  for (const slot of slots) {
    const selected = layout.step[slot] === state.selectedStep;
    const ringed = usesResource(layout, slot, state.highlightedResource);
    if (!selected && !ringed) continue;
    ctx.strokeStyle = selected ? P.selection : P.resourceRing;
    ctx.lineWidth = (selected ? 3 : 2) / s;
    const w = Math.max(minW, mark * 2);
    const h = Math.max(minH, mark * 2);
    ctx.strokeRect(layout.x[slot]! - w / 2, layout.y[slot]! - h / 2, w, h);
  }
}

const FAILED_COLOR = statusStyle('failed').color;

function boxRank(key: string): number {
  if (key.startsWith('d')) return 0;
  return key.slice(1) === FAILED_COLOR ? 2 : 1;
}

function drawNodes(
  ctx: DrawContext,
  layout: TreeLayout,
  slots: readonly number[],
  s: number,
  state: DrawState,
  cache: DrawCache,
): number {
  const P = state.palette;
  const steps = layout.run.steps;
  const glyphs = s >= LOD.glyphs;
  const modeLetters = glyphs && !hasOneDataMode(layout.run);
  const showLabels = s >= LOD.labels;
  // Zoomed out, the label grows in world units so it stays legible on screen
  // (quantised so the truncation memo sees few sizes).
  const labelPx = Math.ceil(Math.max(LABEL_WORLD_PX, LABEL_MIN_SCREEN_PX / s) * 2) / 2;
  const labelFont = `${labelPx}px ${FONT_FAMILY}`;
  const W = layout.nodeW;
  const H = layout.nodeH;
  const labelRoom = W - LABEL_CHROME + (modeLetters ? 0 : MODE_W);
  const labelMemo = memoFor(cache.labels, `${labelPx}|${labelRoom}`);
  let labels = 0;
  ctx.setLineDash([]);
  for (const slot of slots) {
    const step = steps[layout.step[slot]!]!;
    const style = statusStyle(step.status);
    const left = layout.x[slot]! - W / 2;
    const top = layout.y[slot]! - H / 2;
    const selected = layout.step[slot] === state.selectedStep;
    ctx.globalAlpha = isDim(layout, slot, state) ? DIM_ALPHA : 1;

    if (usesResource(layout, slot, state.highlightedResource)) {
      ctx.strokeStyle = P.resourceRing;
      ctx.lineWidth = 3 / s;
      roundRect(ctx, left - 5, top - 5, W + 10, H + 10, RADIUS + 4);
      ctx.stroke();
    }

    roundRect(ctx, left, top, W, H, RADIUS);
    ctx.fillStyle = nodeFill(style, P);
    ctx.fill();
    drawChip(ctx, style, left, top, H);
    roundRect(ctx, left, top, W, H, RADIUS);
    const onPath = state.onPath?.[slot] === 1;
    ctx.strokeStyle = selected || onPath ? P.selection : style.color;
    ctx.lineWidth = (selected ? 3.5 : onPath ? 2.5 : slot === state.hoverSlot ? 2.5 : 1.25) / s;
    ctx.stroke();

    if (glyphs) {
      ctx.font = SMALL_FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = '#ffffff';
      ctx.fillText(style.glyph, left + CHIP_W / 2, top + H / 2 + 0.5);
    }
    if (modeLetters) {
      ctx.fillStyle = P.mutedText;
      ctx.fillText(dataModeLetter(step.dataMode), left + W - MODE_W / 2, top + H / 2 + 0.5);
    }
    if (showLabels) {
      ctx.font = labelFont;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = P.text;
      ctx.fillText(fitText(ctx, labelMemo, step.stateName, labelRoom), left + CHIP_W + 6, top + H / 2 + 0.5);
      labels++;
    }
    drawToggle(ctx, layout, slot, s, glyphs, P);
  }
  ctx.globalAlpha = 1;
  return labels;
}

function drawChip(ctx: DrawContext, style: StatusStyle, left: number, top: number, height: number): void {
  ctx.fillStyle = style.color;
  ctx.beginPath();
  ctx.moveTo(left + CHIP_W, top);
  ctx.lineTo(left + RADIUS, top);
  ctx.arcTo(left, top, left, top + RADIUS, RADIUS);
  ctx.lineTo(left, top + height - RADIUS);
  ctx.arcTo(left, top + height, left + RADIUS, top + height, RADIUS);
  ctx.lineTo(left + CHIP_W, top + height);
  ctx.closePath();
  ctx.fill();
}

function drawToggle(
  ctx: DrawContext,
  layout: TreeLayout,
  slot: number,
  s: number,
  detailed: boolean,
  P: Palette,
): void {
  const r = toggleRect(layout, slot);
  if (!r) return;
  const collapsed = layout.collapsed[slot] === 1;
  if (!collapsed && !detailed) return;
  const w = r.maxX - r.minX;
  const h = r.maxY - r.minY;
  roundRect(ctx, r.minX, r.minY, w, h, h / 2);
  ctx.fillStyle = collapsed ? P.badgeFill : P.background;
  ctx.fill();
  ctx.strokeStyle = P.badgeFill;
  ctx.lineWidth = 1 / s;
  ctx.stroke();
  if (!detailed) return;
  ctx.font = SMALL_FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = collapsed ? P.badgeText : P.badgeFill;
  ctx.fillText(collapsed ? badgeText(layout, slot) : '−', (r.minX + r.maxX) / 2, (r.minY + r.maxY) / 2 + 0.5);
}

function drawDetachedFrame(
  ctx: DrawContext,
  layout: TreeLayout,
  vp: Viewport,
  view: Rect,
  dpr: number,
  P: Palette,
) {
  const g = layout.detached!;
  const f = g.frame;
  if (f.maxX < view.minX || f.minX > view.maxX || f.maxY < view.minY || f.minY > view.maxY) return;
  ctx.strokeStyle = P.groupBorder;
  ctx.lineWidth = 1.5 / vp.scale;
  ctx.setLineDash([6 / vp.scale, 4 / vp.scale]);
  roundRect(ctx, f.minX, f.minY, f.maxX - f.minX, f.maxY - f.minY, 10);
  ctx.stroke();
  ctx.setLineDash([]);
  // The group's name is drawn at screen size so it stays readable when zoomed out.
  ctx.save();
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = GROUP_FONT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = P.mutedText;
  ctx.fillText(g.label, f.minX * vp.scale + vp.tx + 8, f.minY * vp.scale + vp.ty + 6);
  ctx.restore();
}

function roundRect(ctx: DrawContext, x: number, y: number, w: number, h: number, r: number): void {
  const rr = Math.min(r, w / 2, h / 2);
  ctx.beginPath();
  ctx.moveTo(x + rr, y);
  ctx.arcTo(x + w, y, x + w, y + h, rr);
  ctx.arcTo(x + w, y + h, x, y + h, rr);
  ctx.arcTo(x, y + h, x, y, rr);
  ctx.arcTo(x, y, x + w, y, rr);
  ctx.closePath();
}

/** `text` shortened with an ellipsis to fit `room` (in the current font's units), memoised. */
function fitText(ctx: DrawContext, memo: Map<string, string>, text: string, room: number): string {
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  let out = text;
  if (ctx.measureText(text).width > room) {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (ctx.measureText(`${text.slice(0, mid)}…`).width <= room) lo = mid;
      else hi = mid - 1;
    }
    out = `${text.slice(0, lo)}…`;
  }
  if (memo.size > 20000) memo.clear();
  memo.set(text, out);
  return out;
}
