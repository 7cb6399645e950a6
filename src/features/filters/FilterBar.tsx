// The filter bar over the tree: state-name combobox, data mode / status /
// network toggles with their counts, "Failed only" (a toggle: on, it shows
// failed steps only; off again, every status), "Clear filters", dim vs
// hide, and a live "N of M steps" count. Filters live in the explorer store;
// counts come from memoised selectors, so typing stays cheap on big runs.
import { useEffect, useRef } from 'react';
import type { Filters } from '../../store/explorerState.ts';
import { useExplorerStore } from '../../store/explorerStore.ts';
import { usePreferencesStore } from '../../store/preferencesStore.ts';
import { useActiveRun, useFilterResult } from '../../store/selectors.ts';
import { getRunValueCounts, withChosen } from './runValueCounts.ts';
import { StateCombobox } from './StateCombobox.tsx';
import { ToggleGroup } from './ToggleGroup.tsx';

const fmt = new Intl.NumberFormat('en-US');

function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function isFailedOnly(f: Filters): boolean {
  return f.statuses.length === 1 && f.statuses[0] === 'failed';
}

export function FilterBar() {
  const run = useActiveRun();
  const filters = useExplorerStore((s) => s.filters);
  const setFilters = useExplorerStore((s) => s.setFilters);
  const clearFilters = useExplorerStore((s) => s.clearFilters);
  const setHidePreference = usePreferencesStore((s) => s.setHideNonMatching);
  const result = useFilterResult();
  const input = useRef<HTMLInputElement>(null);

  // "/" focuses the state filter from anywhere outside a text field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || inTextField(e.target)) return;
      e.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!run || !result) return null;
  const counts = getRunValueCounts(run);
  const failedOnly = isFailedOnly(filters);
  // An empty run has no values to filter by: no group headings with nothing under them.
  const groups = [
    counts.statuses,
    counts.dataModes,
    counts.networks,
    filters.statuses,
    filters.dataModes,
    filters.networks,
  ];
  const hasValues = groups.some((g) => g.length > 0);

  return (
    <section className="filter-bar" aria-label="Filters">
      <div className="filter-bar__row">
        <StateCombobox
          options={counts.states}
          query={filters.stateQuery}
          onQuery={(stateQuery) => setFilters({ stateQuery })}
          inputRef={input}
        />
        <button
          type="button"
          className={failedOnly ? 'btn btn--danger-on' : 'btn'}
          aria-pressed={failedOnly}
          onClick={() => setFilters({ statuses: failedOnly ? [] : ['failed'] })}
        >
          Failed only
        </button>
        <button type="button" className="btn" disabled={!result.active} onClick={clearFilters}>
          Clear filters
        </button>
        <label className="switch">
          <input
            type="checkbox"
            checked={filters.hideNonMatching}
            onChange={(e) => {
              const hideNonMatching = e.currentTarget.checked;
              setFilters({ hideNonMatching });
              setHidePreference(hideNonMatching);
            }}
          />
          Hide non-matching
        </label>
        <output
          className={result.active ? 'filter-count filter-count--active' : 'filter-count'}
          aria-live="polite"
        >
          {`${fmt.format(result.matchCount)} of ${fmt.format(result.total)} steps`}
        </output>
      </div>
      {hasValues && (
        <div className="filter-bar__row filter-bar__row--groups">
          <ToggleGroup
            label="Status"
            tone
            values={withChosen(counts.statuses, filters.statuses)}
            chosen={filters.statuses}
            onChange={(statuses) => setFilters({ statuses })}
          />
          <ToggleGroup
            label="Data mode"
            values={withChosen(counts.dataModes, filters.dataModes)}
            chosen={filters.dataModes}
            onChange={(dataModes) => setFilters({ dataModes })}
          />
          <ToggleGroup
            label="Network"
            values={withChosen(counts.networks, filters.networks)}
            chosen={filters.networks}
            onChange={(networks) => setFilters({ networks })}
          />
        </div>
      )}
    </section>
  );
}
