// "Filter by state": a text box with a list of the run's state names (and
// their step counts). Typing filters by substring; the list suggests names.
// Keys: Down/Up move in the list, Enter picks, Escape closes the list and
// leaves the text (the filter applied) alone; the ✕ button clears it.
// WAI-ARIA combobox pattern.
import { type KeyboardEvent, type RefObject, useEffect, useId, useState } from 'react';
import type { ValueCount } from './runValueCounts.ts';

const fmt = new Intl.NumberFormat('en-US');
const MAX_OPTIONS = 200;

function Highlighted({ text, query }: { text: string; query: string }) {
  const q = query.trim().toLowerCase();
  const at = q === '' ? -1 : text.toLowerCase().indexOf(q);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}

export function StateCombobox({
  options,
  query,
  onQuery,
  inputRef,
}: {
  options: readonly ValueCount[];
  query: string;
  onQuery: (q: string) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const q = query.trim().toLowerCase();
  const matching = q === '' ? options : options.filter((o) => o.value.toLowerCase().includes(q));
  const shown = matching.slice(0, MAX_OPTIONS);
  const expanded = open && shown.length > 0;
  const optionId = (i: number) => `${listId}-opt-${i}`;

  useEffect(() => {
    if (active < 0) return;
    const el = document.getElementById(`${listId}-opt-${active}`);
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [active, listId]);

  const pick = (value: string) => {
    onQuery(value);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!expanded) {
          setOpen(true);
          setActive(0);
        } else setActive((a) => Math.min(shown.length - 1, a + 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (expanded) setActive((a) => Math.max(0, a - 1));
        break;
      case 'Enter': {
        const o = expanded && active >= 0 ? shown[active] : undefined;
        if (o) {
          e.preventDefault();
          pick(o.value);
        } else setOpen(false);
        break;
      }
      case 'Escape':
        if (expanded) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        break;
    }
  };

  return (
    <div className="combo">
      {query === '' && (
        <span className="combo__key" aria-hidden="true">
          /
        </span>
      )}
      <input
        ref={inputRef}
        className="combo__input"
        type="text"
        role="combobox"
        aria-label="Filter by state"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        placeholder="Filter by state…"
        title="Filter by state (press / to get here)"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          onQuery(e.currentTarget.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(false)}
        onClick={() => setOpen((o) => !o)}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
      />
      {query !== '' && (
        <button
          type="button"
          className="combo__clear"
          aria-label="Clear state filter"
          onClick={() => onQuery('')}
        >
          ✕
        </button>
      )}
      <div id={listId} className="combo__list" role="listbox" aria-label="State names" hidden={!expanded}>
        {shown.map((o, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys (aria-activedescendant)
          <div
            key={o.value}
            id={optionId(i)}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            className={i === active ? 'combo__option combo__option--active' : 'combo__option'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(o.value)}
          >
            <span className="combo__name">
              <Highlighted text={o.value} query={query} />
            </span>
            <span className="combo__count">{fmt.format(o.count)}</span>
          </div>
        ))}
        {matching.length > shown.length && (
          <div className="combo__more" aria-hidden="true">
            {fmt.format(matching.length - shown.length)} more: type to narrow
          </div>
        )}
      </div>
    </div>
  );
}
