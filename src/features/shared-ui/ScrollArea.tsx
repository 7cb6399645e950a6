// A box that may scroll, reachable by keyboard when it does: while its
// content overflows it is a named, focusable group (a Tab stop the arrow and
// Page keys scroll, with a focus ring), and a plain box when everything fits,
// so it adds no Tab stop for nothing (WCAG 2.1.1; axe's
// scrollable-region-focusable). Overflow is measured on mount and whenever
// the box or its content changes (size, or nodes added and removed).
import { type HTMLAttributes, type ReactNode, useLayoutEffect, useRef, useState } from 'react';

interface Props extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  /** What the box holds, for its name while it scrolls (e.g. "Run summary"). */
  label: string;
  /** The element to render; a div by default. */
  as?: 'div' | 'pre';
  children?: ReactNode;
}

export function ScrollArea({ label, as = 'div', children, ...rest }: Props) {
  const ref = useRef<HTMLElement>(null);
  const overflowing = useOverflow(ref);
  const Tag = as;
  return (
    <Tag
      {...rest}
      ref={ref as never}
      tabIndex={overflowing ? 0 : undefined}
      role={overflowing ? 'group' : undefined}
      aria-label={overflowing ? label : undefined}
      data-scrolls={overflowing ? '' : undefined}
    >
      {children}
    </Tag>
  );
}

/** True while the element's content is taller or wider than its box. */
export function useOverflow(ref: { readonly current: HTMLElement | null }): boolean {
  const [overflowing, setOverflowing] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () =>
      setOverflowing(el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
    measure();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    const mutations = typeof MutationObserver === 'function' ? new MutationObserver(measure) : null;
    mutations?.observe(el, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      mutations?.disconnect();
    };
  }, [ref]);
  return overflowing;
}
