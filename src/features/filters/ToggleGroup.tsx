// A labelled group of toggle buttons (aria-pressed), one per value, each with
// its step count in the run. Pressing toggles the value in the chosen list.
// Nothing at all when there are no values.
import type { ValueCount } from './runValueCounts.ts';

const fmt = new Intl.NumberFormat('en-US');

export function ToggleGroup({
  label,
  values,
  chosen,
  onChange,
  tone,
}: {
  label: string;
  values: readonly ValueCount[];
  chosen: readonly string[];
  onChange: (next: string[]) => void;
  /** Adds a per-value class (e.g. status colours). */
  tone?: boolean;
}) {
  // A heading with nothing under it (an empty run) says nothing: leave it out.
  if (values.length === 0) return null;
  return (
    <fieldset className="toggle-group">
      <legend className="visually-hidden">{label}</legend>
      <span className="toggle-group__label" aria-hidden="true">
        {label}
      </span>
      {values.map((v) => {
        const on = chosen.includes(v.value);
        return (
          <button
            key={v.value}
            type="button"
            className={`chip${on ? ' chip--on' : ''}${tone ? ` chip--${v.value.replace(/[^a-z_]/gi, '')}` : ''}`}
            aria-pressed={on}
            onClick={() => onChange(on ? chosen.filter((c) => c !== v.value) : [...chosen, v.value])}
          >
            <span className="chip__value">{v.value === '' ? '(none)' : v.value}</span>{' '}
            <span className="chip__count">{fmt.format(v.count)}</span>
          </button>
        );
      })}
    </fieldset>
  );
}
