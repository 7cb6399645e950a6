// Frame work while dragging and wheel-zooming the tree canvas of the app's
// page (the probe's __benchFrames records each frame): p95 and max work per
// frame, p95 of the frame deltas, frames over 16 ms.
import type { Page } from 'playwright-core';
import type { SizeResult } from '../json/sizeResult.ts';
import { percentile } from '../stats.ts';
import type { ProbeState } from './probe.ts';

export async function measureFrames(page: Page): Promise<SizeResult['frames']> {
  const box = await page.evaluate(() => {
    let best: DOMRect | null = null;
    for (const c of document.querySelectorAll('canvas')) {
      const r = c.getBoundingClientRect();
      if (!best || r.width * r.height > best.width * best.height) best = r;
    }
    return best ? { x: best.x, y: best.y, width: best.width, height: best.height } : null;
  });
  if (!box || box.width < 50) return null;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate(() =>
    (window as unknown as { __benchFrames: (on: boolean) => void }).__benchFrames(true),
  );
  const drag = async (dx: number, dy: number, steps: number): Promise<void> => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let k = 1; k <= steps; k++) await page.mouse.move(cx + (dx * k) / steps, cy + (dy * k) / steps);
    await page.mouse.up();
  };
  // Pan at the fitted zoom, zoom in with the wheel, pan there, zoom back out.
  await drag(box.width * 0.3, box.height * 0.2, 40);
  for (let k = 0; k < 12; k++) await page.mouse.wheel(0, -120);
  await drag(-box.width * 0.3, -box.height * 0.2, 40);
  for (let k = 0; k < 12; k++) await page.mouse.wheel(0, 120);
  await drag(box.width * 0.2, -box.height * 0.1, 30);
  await page.waitForTimeout(100);
  const fr = await page.evaluate(() => {
    const w = window as unknown as { __bench: ProbeState; __benchFrames: (on: boolean) => void };
    w.__benchFrames(false);
    return { deltas: w.__bench.frames.deltas, work: w.__bench.frames.work };
  });
  return {
    frames: fr.work.length,
    p95WorkMs: percentile(fr.work, 95),
    maxWorkMs: fr.work.length > 0 ? Math.max(...fr.work) : null,
    p95DeltaMs: percentile(fr.deltas, 95),
    over16ms: fr.work.filter((w) => w > 16).length,
  };
}
