// One row of the virtualised "Steps" table: the step's cells, absolutely
// placed at its virtual offset. Text from the file is rendered as React text.
import type { Row } from '@tanstack/react-table';
import { type KeyboardEvent, memo } from 'react';
import type { Step } from '../../model/types.ts';
import {
  exactDuration,
  firstLine,
  formatDuration,
  formatOffset,
  formatTimestamp,
} from '../shared-ui/format.ts';
import type { SortingFeatures } from '../shared-ui/sortingTable.ts';
import { durationExplanation } from '../step-details/stepFacts.ts';

interface Props {
  row: Row<SortingFeatures, Step>;
  /** Position in the sorted rows (0-based). */
  position: number;
  start: number;
  height: number;
  selected: boolean;
  focusable: boolean;
  highlighted: boolean;
  runStart: number | null;
  onChoose: (index: number) => void;
  onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>, position: number) => void;
  onFocusRow: (position: number) => void;
}

export const StepGridRow = memo(function StepGridRow({
  row,
  position,
  start,
  height,
  selected,
  focusable,
  highlighted,
  runStart,
  onChoose,
  onKeyDown,
  onFocusRow,
}: Props) {
  const s = row.original;
  const why = durationExplanation(s);
  const approx = why != null && s.duration != null;
  const errorLine = firstLine(s.error);
  return (
    <tr
      aria-rowindex={position + 2}
      aria-selected={selected}
      tabIndex={focusable ? 0 : -1}
      data-index={position}
      className={highlighted ? 'resource-hit' : undefined}
      style={{ transform: `translateY(${start}px)`, height }}
      onMouseDown={(e) => {
        // Focus without the browser scrolling the wide row sideways into view.
        e.preventDefault();
        e.currentTarget.focus({ preventScroll: true });
      }}
      onClick={() => onChoose(s.index)}
      onKeyDown={(e) => onKeyDown(e, position)}
      onFocus={() => onFocusRow(position)}
    >
      <td title={s.stateName}>{s.stateName}</td>
      <td title={s.networkName}>{s.networkName}</td>
      <td className={`status-${s.status}`}>{s.status}</td>
      <td>{s.dataMode}</td>
      <td
        className="num"
        title={s.startTime == null ? 'no start time recorded' : formatTimestamp(s.startTime)}
      >
        {formatOffset(s.startTime, runStart)}
      </td>
      <td
        className="num"
        title={approx ? `approx.: ${why} (${exactDuration(s.duration)})` : exactDuration(s.duration)}
      >
        {approx ? '≈ ' : ''}
        {formatDuration(s.duration)}
      </td>
      <td title={s.arcTaken ?? undefined}>{s.arcTaken ?? ''}</td>
      <td className="error" title={s.error == null ? undefined : s.error.slice(0, 2000)}>
        {errorLine}
      </td>
    </tr>
  );
});
