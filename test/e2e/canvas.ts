// Reads what the tree drawing shows: takes a screenshot of a canvas element and
// measures its pixels inside the page (the PNG is decoded by the browser), so
// tests can tell a blank drawing from a drawn one and find a node by colour.
import type { Locator, Page } from 'playwright-core';

export interface CanvasStats {
  readonly width: number;
  readonly height: number;
  /** Pixels that differ clearly from the most common (background) colour. */
  readonly inkPixels: number;
  /** Distinct colours after quantising to 4 bits per channel. */
  readonly colours: number;
  /** Colour of a few sample points (centre and thirds), as "r,g,b". */
  readonly samples: readonly string[];
}

export interface ColourBlob {
  /** Centre of the pixels of that colour, in CSS pixels relative to the canvas's top-left corner. */
  readonly x: number;
  readonly y: number;
  readonly pixels: number;
}

/** The largest visible <canvas> on the page: the tree drawing. */
export async function treeCanvas(page: Page): Promise<Locator> {
  const canvases = page.locator('canvas');
  let best: Locator | undefined;
  let bestArea = 0;
  for (const c of await canvases.all()) {
    const box = await c.boundingBox();
    if (box && box.width * box.height > bestArea) {
      bestArea = box.width * box.height;
      best = c;
    }
  }
  if (!best) throw new Error('no visible <canvas> on the page (the tree drawing)');
  return best;
}

async function pngDataUrl(canvas: Locator): Promise<string> {
  const png = await canvas.screenshot({ animations: 'disabled' });
  return `data:image/png;base64,${png.toString('base64')}`;
}

export async function canvasStats(page: Page, canvas: Locator): Promise<CanvasStats> {
  const url = await pngDataUrl(canvas);
  return page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(img, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = ((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let bg = 0;
    let bgCount = -1;
    for (const [k, n] of counts) {
      if (n > bgCount) {
        bg = k;
        bgCount = n;
      }
    }
    const bgR = ((bg >> 8) & 15) * 16;
    const bgG = ((bg >> 4) & 15) * 16;
    const bgB = (bg & 15) * 16;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      const d = Math.abs(data[i]! - bgR) + Math.abs(data[i + 1]! - bgG) + Math.abs(data[i + 2]! - bgB);
      if (d > 60) ink++;
    }
    const samples: string[] = [];
    for (const [fx, fy] of [
      [0.5, 0.5],
      [0.33, 0.33],
      [0.66, 0.33],
      [0.33, 0.66],
      [0.66, 0.66],
    ] as const) {
      const i = (Math.floor(fy * height) * width + Math.floor(fx * width)) * 4;
      samples.push(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    }
    return { width, height, inkPixels: ink, colours: counts.size, samples };
  }, url);
}

/**
 * Finds the pixels of the canvas that are clearly red (a failed step's colour)
 * and returns the centre of the largest group of them, or null when none.
 */
export async function findRedBlob(page: Page, canvas: Locator): Promise<ColourBlob | null> {
  const url = await pngDataUrl(canvas);
  return page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(img, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
    const red = new Uint8Array(width * height);
    for (let p = 0; p < width * height; p++) {
      const r = data[p * 4]!;
      const g = data[p * 4 + 1]!;
      const b = data[p * 4 + 2]!;
      // Red (#c62828-like), not the orange of the selection path.
      if (r > 150 && g < 90 && b < 90 && Math.abs(g - b) < 40) red[p] = 1;
    }
    // Largest 4-connected group, flood-filled with an explicit stack.
    const seen = new Uint8Array(width * height);
    let best: { x: number; y: number; pixels: number } | null = null;
    for (let p = 0; p < red.length; p++) {
      if (!red[p] || seen[p]) continue;
      const stack = [p];
      seen[p] = 1;
      let n = 0;
      let sx = 0;
      let sy = 0;
      while (stack.length > 0) {
        const q = stack.pop()!;
        const x = q % width;
        const y = (q - x) / width;
        n++;
        sx += x;
        sy += y;
        for (const nb of [x > 0 ? q - 1 : -1, x < width - 1 ? q + 1 : -1, q - width, q + width]) {
          if (nb >= 0 && nb < red.length && red[nb] && !seen[nb]) {
            seen[nb] = 1;
            stack.push(nb);
          }
        }
      }
      if (!best || n > best.pixels) best = { x: sx / n, y: sy / n, pixels: n };
    }
    return best;
  }, url);
}
