// One row of the step outline: a treeitem whose accessible name is its own
// content, in the order it is shown: state name, status (said, not shown: the
// coloured dot shows it), duration, and how many steps a collapsed row hides
// ("draft_answer failed 1.20 s", "rank_passages completed 500 ms (5 steps hidden)").
// Indentation stops growing at MAX_INDENT_LEVEL; deeper rows show "L7", "L8"...
// in the indentation itself (aria-level says the level to assistive tech).
import type { KeyboardEvent } from 'react';
import type { Run } from '../../model/types.ts';
import { statusStyle } from '../tree-view/colors.ts';
import { durationText, statusWords } from '../tree-view/stepText.ts';
import { DETACHED_GROUP, type OutlineRows } from './flattenOutline.ts';

export const ROW_HEIGHT = 26;
/** Indentation stops growing at this level; deeper rows show their level in the indentation. */
export const MAX_INDENT_LEVEL = 6;
/** Indentation per level, CSS px. */
const INDENT_PX = 8;
/** Left padding of every row, CSS px. */
const BASE_PAD_PX = 4;

interface RowProps {
  run: Run;
  rows: OutlineRows;
  row: number;
  focused: boolean;
  selected: boolean;
  onSelect(): void;
  onToggle(): void;
  onKeyDown(e: KeyboardEvent<HTMLDivElement>): void;
}

export function OutlineRow({ run, rows, row, focused, selected, onSelect, onToggle, onKeyDown }: RowProps) {
  const key = rows.step[row]!;
  const level = rows.level[row]!;
  const expandable = rows.hasChildren[row] === 1;
  const isCollapsed = rows.collapsed[row] === 1;
  const indent = Math.min(level, MAX_INDENT_LEVEL) - 1;
  const group = key === DETACHED_GROUP;
  const step = group ? undefined : run.steps[key];
  const hidden = step && isCollapsed ? (run.tree.subtreeSize[key] ?? 1) - 1 : 0;
  const dot = step ? statusStyle(step.status) : null;
  const duration = step ? durationText(step) : '';
  let className = 'outline__row';
  if (group) className += ' outline__row--group';
  if (selected) className += ' outline__row--selected';

  return (
    <div
      data-row={row}
      role="treeitem"
      aria-level={level}
      aria-setsize={rows.setSize[row]!}
      aria-posinset={rows.posInSet[row]!}
      aria-expanded={expandable ? !isCollapsed : undefined}
      aria-selected={selected}
      tabIndex={focused ? 0 : -1}
      className={className}
      style={{ top: row * ROW_HEIGHT, height: ROW_HEIGHT, paddingLeft: BASE_PAD_PX + indent * INDENT_PX }}
      onClick={(e) => {
        // The twisty toggles; anywhere else selects.
        if (expandable && (e.target as HTMLElement).closest('[data-twisty]')) onToggle();
        else onSelect();
      }}
      onDoubleClick={(e) => {
        if (expandable && !(e.target as HTMLElement).closest('[data-twisty]')) onToggle();
      }}
      onKeyDown={onKeyDown}
    >
      {level > MAX_INDENT_LEVEL && (
        <span className="outline__level" title={`Level ${level.toLocaleString('en-US')}`} aria-hidden="true">
          L{level}
        </span>
      )}
      <span
        data-twisty
        className={expandable ? 'outline__twisty' : 'outline__twisty outline__twisty--leaf'}
        aria-hidden="true"
      >
        {expandable ? (isCollapsed ? '▸' : '▾') : ''}
      </span>
      {dot && (
        <span className="outline__dot" style={{ background: dot.color }} aria-hidden="true">
          {dot.glyph}
        </span>
      )}
      {step ? (
        <>
          <span className="outline__name" title={step.stateName}>
            {step.stateName}
          </span>{' '}
          <span className="visually-hidden">{statusWords(step.status)}</span>{' '}
          {duration === '—' ? (
            <span className="outline__duration">
              <span aria-hidden="true">—</span>
              <span className="visually-hidden">no duration</span>
            </span>
          ) : (
            <span className="outline__duration">{duration}</span>
          )}
        </>
      ) : (
        <span className="outline__name">{`Detached steps (${rows.detachedCount.toLocaleString('en-US')})`}</span>
      )}
      {hidden > 0 && (
        <>
          {' '}
          <HiddenCount hidden={hidden} />
        </>
      )}
    </div>
  );
}

/** "+5" on a collapsed row, said as "(5 steps hidden)". */
function HiddenCount({ hidden }: { hidden: number }) {
  const words = `${hidden.toLocaleString('en-US')} ${hidden === 1 ? 'step' : 'steps'} hidden`;
  return (
    <span className="outline__hidden" title={words}>
      <span aria-hidden="true">+{hidden.toLocaleString('en-US')}</span>
      <span className="visually-hidden">({words})</span>
    </span>
  );
}
