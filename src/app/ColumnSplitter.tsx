// A splitter between two workspace columns (the WAI-ARIA window splitter
// pattern): drag it, or focus it and use Left/Right (Shift for bigger steps),
// Home/End. It reports the column's new width in CSS pixels; the column it
// sizes is on its left ('left') or on its right ('right').
import { type KeyboardEvent, type PointerEvent, useRef } from 'react';

interface Props {
  label: string;
  /** Current width of the column, CSS px. */
  value: number;
  min: number;
  max: number;
  /** Which side of the splitter the sized column is on. */
  side: 'left' | 'right';
  onChange: (width: number) => void;
}

const STEP = 16;

export function ColumnSplitter({ label, value, min, max, side, onChange }: Props) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(min, w)));
  const sign = side === 'left' ? 1 : -1;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? STEP * 4 : STEP;
    let next: number;
    switch (e.key) {
      case 'ArrowLeft':
        next = value - sign * step;
        break;
      case 'ArrowRight':
        next = value + sign * step;
        break;
      case 'Home':
        next = min;
        break;
      case 'End':
        next = max;
        break;
      default:
        return;
    }
    e.preventDefault();
    onChange(clamp(next));
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drag.current = { x: e.clientX, width: value };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d) onChange(clamp(d.width + sign * (e.clientX - d.x)));
  };
  const end = () => {
    drag.current = null;
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable, adjustable splitter is role="separator" (an <hr> cannot take focus or keys).
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      title={`${label} (drag, or focus and use the arrow keys)`}
      className={`splitter splitter--${side}`}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
    />
  );
}
