// "Tree" / "Timeline": what the centre of the explorer draws (kept in the
// URL hash as drawing=timeline). Two toggle buttons, one pressed.
import type { Drawing } from '../../store/explorerState.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';

const CHOICES: ReadonlyArray<{ value: Drawing; label: string; title: string }> = [
  { value: 'tree', label: 'Tree', title: 'Draw the steps as a tree' },
  { value: 'timeline', label: 'Timeline', title: 'Draw the steps on a time axis, with the critical path' },
];

export function DrawingSwitch() {
  const drawing = useExplorerStore((s) => s.drawing);
  const setDrawing = useExplorerStore((s) => s.setDrawing);
  return (
    <fieldset className="drawing-switch">
      <legend className="visually-hidden">Drawing</legend>
      {CHOICES.map((c) => (
        <button
          key={c.value}
          type="button"
          aria-pressed={drawing === c.value}
          title={c.title}
          onClick={() => setDrawing(c.value)}
        >
          {c.label}
        </button>
      ))}
    </fieldset>
  );
}
