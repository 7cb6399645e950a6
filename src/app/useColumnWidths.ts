// Widths of the workspace's side columns: a default that follows the window
// (about a fifth on the left, a quarter on the right), or what the user set
// with a splitter, remembered in localStorage. Kept within limits that leave
// the tree drawing room at the current window width.
import { useCallback, useEffect, useState } from 'react';

const KEY = 'fsm-history-explorer:columns';

export interface ColumnWidths {
  readonly left: number;
  readonly right: number;
}

export interface ColumnLimits {
  readonly min: number;
  readonly max: number;
}

function stored(): Partial<ColumnWidths> {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    const v = raw ? (JSON.parse(raw) as unknown) : null;
    if (typeof v !== 'object' || v === null) return {};
    const o = v as Record<string, unknown>;
    return {
      ...(typeof o.left === 'number' ? { left: o.left } : {}),
      ...(typeof o.right === 'number' ? { right: o.right } : {}),
    };
  } catch {
    return {};
  }
}

function windowWidth(): number {
  return typeof window === 'undefined' ? 1280 : window.innerWidth || 1280;
}

export function defaultWidths(viewport: number): ColumnWidths {
  return {
    left: Math.round(Math.min(340, Math.max(240, viewport * 0.195))),
    right: Math.round(Math.min(520, Math.max(340, viewport * 0.285))),
  };
}

export function columnLimits(viewport: number): { left: ColumnLimits; right: ColumnLimits } {
  return {
    left: { min: 200, max: Math.max(260, Math.round(viewport * 0.4)) },
    right: { min: 300, max: Math.max(360, Math.round(viewport * 0.45)) },
  };
}

export function useColumnWidths() {
  const [viewport, setViewport] = useState(windowWidth);
  const [chosen, setChosen] = useState<Partial<ColumnWidths>>(stored);

  useEffect(() => {
    const onResize = () => setViewport(windowWidth());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const limits = columnLimits(viewport);
  const fallback = defaultWidths(viewport);
  const within = (w: number, l: ColumnLimits) => Math.min(l.max, Math.max(l.min, w));
  const widths: ColumnWidths = {
    left: within(chosen.left ?? fallback.left, limits.left),
    right: within(chosen.right ?? fallback.right, limits.right),
  };

  const set = useCallback((side: keyof ColumnWidths, width: number) => {
    setChosen((prev) => {
      const next = { ...prev, [side]: width };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // Remembering the width is a convenience.
      }
      return next;
    });
  }, []);

  return { widths, limits, set };
}
