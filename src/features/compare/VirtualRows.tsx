// A list of fixed-height rows of which only those in view are in the page
// (@tanstack/react-virtual): the compare view's differences and merged tree
// can be as long as the runs. Each row is what `row(i)` renders (a button).
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useRef } from 'react';
import { observeWithMinimum } from '../step-table/minimumWindow.ts';

interface Props {
  readonly count: number;
  readonly rowHeight: number;
  /** Accessible name of the list. */
  readonly label: string;
  readonly row: (index: number) => ReactNode;
  readonly className?: string;
}

export function VirtualRows({ count, rowHeight, label, row, className }: Props) {
  const scrollRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    observeElementRect: observeWithMinimum,
  });
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the list scrolls, so it takes focus for the keyboard's arrows and Page keys.
    <section ref={scrollRef} className={`compare-rows ${className ?? ''}`} tabIndex={0} aria-label={label}>
      <ul className="compare-rows__list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <li
            key={item.key}
            className="compare-rows__row"
            style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
          >
            {row(item.index)}
          </li>
        ))}
      </ul>
    </section>
  );
}
