// The run browser's filters: fsm name and status (chosen from the store's own
// values, with their counts), "Has failures" (a toggle), the start-time range
// (datetime-local, in UTC), metadata key = value conditions (keys from the
// store, as many as wanted), text in the ids, "Clear filters", and the live
// "N of M runs" count. Every change goes to the query in the browser store;
// the store's worker does the filtering.
import { useId } from 'react';
import type { MetadataCondition, RunQuery, StoreFacets, ValueCount } from '../../model/store/storeTypes.ts';
import { hasFilters } from '../../store/browserState.ts';
import { useBrowserStore } from '../../store/browserStore.ts';
import { formatNumber } from '../shared-ui/format.ts';
import { fromInputValue, toInputValue } from './timeInput.ts';

interface Props {
  /** The query as edited (incomplete metadata conditions included). */
  readonly query: RunQuery;
  readonly facets: StoreFacets | null;
  /** Runs matching the query; null while the first answer is on its way. */
  readonly matching: number | null;
  /** Runs in the store. */
  readonly total: number;
}

/** The values to offer: the store's, plus the chosen one if the store does not list it (e.g. from a link). */
function withChosen(
  values: readonly ValueCount[] | undefined,
  chosen: string | null | undefined,
): ValueCount[] {
  const list = [...(values ?? [])];
  if (chosen && !list.some((v) => v.value === chosen)) list.unshift({ value: chosen, count: 0 });
  return list;
}

function ValueSelect({
  label,
  any,
  values,
  value,
  onChange,
}: {
  label: string;
  any: string;
  values: readonly ValueCount[];
  value: string;
  onChange: (value: string | null) => void;
}) {
  const id = useId();
  return (
    <span className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="field__select"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
      >
        <option value="">{any}</option>
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {v.value} ({formatNumber(v.count)})
          </option>
        ))}
      </select>
    </span>
  );
}

const EMPTY_CONDITION: MetadataCondition = { key: '', value: '' };

function MetadataConditions({ query, facets }: { query: RunQuery; facets: StoreFacets | null }) {
  const addCondition = useBrowserStore((s) => s.addCondition);
  const setCondition = useBrowserStore((s) => s.setCondition);
  const removeCondition = useBrowserStore((s) => s.removeCondition);
  const conditions = query.metadata ?? [];
  // With none yet, one empty condition to fill in; editing it adds it to the query.
  const shown = conditions.length > 0 ? conditions : [EMPTY_CONDITION];
  const edit = (index: number, patch: Partial<MetadataCondition>) => {
    if (conditions.length === 0) addCondition({ ...EMPTY_CONDITION, ...patch });
    else setCondition(index, patch);
  };
  const lastFilled = (() => {
    const last = conditions.at(-1);
    return last !== undefined && last.key !== '' && last.value !== '';
  })();
  return (
    <fieldset className="run-filters__meta">
      <legend className="field__label">Metadata</legend>
      {shown.map((c, i) => {
        const n = i === 0 ? '' : ` ${i + 1}`;
        const keys = withChosen(facets?.metadataKeys, c.key);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions are edited in place by position.
          <span key={i} className="meta-condition">
            <select
              className="field__select"
              aria-label={`Metadata key${n}`}
              value={c.key}
              onChange={(e) => edit(i, { key: e.currentTarget.value })}
            >
              <option value="">key…</option>
              {keys.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.value} ({formatNumber(k.count)})
                </option>
              ))}
            </select>
            <span aria-hidden="true" className="meta-condition__eq">
              =
            </span>
            <input
              type="text"
              className="field__input field__input--value"
              aria-label={`Metadata value${n}`}
              placeholder="value"
              spellCheck={false}
              value={c.value}
              onChange={(e) => edit(i, { value: e.currentTarget.value })}
            />
            {conditions.length > 0 && (
              <button
                type="button"
                className="btn btn--small btn--ghost"
                aria-label={`Remove metadata condition${n}`}
                title="Remove this condition"
                onClick={() => removeCondition(i)}
              >
                ✕
              </button>
            )}
          </span>
        );
      })}
      <button
        type="button"
        className="btn btn--small"
        disabled={!lastFilled}
        onClick={() => addCondition(EMPTY_CONDITION)}
      >
        Add condition
      </button>
    </fieldset>
  );
}

export function RunFilters({ query, facets, matching, total }: Props) {
  const setQuery = useBrowserStore((s) => s.setQuery);
  const clearFilters = useBrowserStore((s) => s.clearFilters);
  const active = hasFilters(query);
  const withFailures = query.failures === 'with';
  const textId = useId();
  return (
    <section className="filter-bar run-filters" aria-label="Run filters">
      <div className="filter-bar__row">
        <ValueSelect
          label="FSM"
          any="Any FSM"
          values={withChosen(facets?.fsmNames, query.fsm)}
          value={query.fsm ?? ''}
          onChange={(fsm) => setQuery({ fsm })}
        />
        <ValueSelect
          label="Status"
          any="Any status"
          values={withChosen(facets?.statuses, query.status)}
          value={query.status ?? ''}
          onChange={(status) => setQuery({ status })}
        />
        <button
          type="button"
          className={withFailures ? 'btn btn--danger-on' : 'btn'}
          aria-pressed={withFailures}
          onClick={() => setQuery({ failures: withFailures ? null : 'with' })}
        >
          Has failures
        </button>
        <span className="field">
          <label className="field__label" htmlFor={textId}>
            Ids
          </label>
          <input
            id={textId}
            type="search"
            className="field__input field__input--text"
            aria-label="Text in ids"
            placeholder="text in ids"
            spellCheck={false}
            value={query.text ?? ''}
            onChange={(e) => setQuery({ text: e.currentTarget.value })}
          />
        </span>
        <button type="button" className="btn" disabled={!active} onClick={clearFilters}>
          Clear filters
        </button>
        <output
          className={active ? 'filter-count filter-count--active' : 'filter-count'}
          aria-live="polite"
          aria-busy={matching === null || undefined}
        >
          {`${matching === null ? '…' : formatNumber(matching)} of ${formatNumber(total)} ${
            total === 1 ? 'run' : 'runs'
          }`}
        </output>
      </div>
      <div className="filter-bar__row filter-bar__row--groups">
        <fieldset className="field run-filters__time">
          <legend className="field__label">Start (UTC)</legend>
          <input
            type="datetime-local"
            className="field__input"
            aria-label="Start from (UTC)"
            value={toInputValue(query.since)}
            onChange={(e) => setQuery({ since: fromInputValue(e.currentTarget.value) })}
          />
          <span aria-hidden="true">–</span>
          <input
            type="datetime-local"
            className="field__input"
            aria-label="Start until (UTC)"
            value={toInputValue(query.until)}
            onChange={(e) => setQuery({ until: fromInputValue(e.currentTarget.value, true) })}
          />
        </fieldset>
        <MetadataConditions query={query} facets={facets} />
      </div>
    </section>
  );
}
