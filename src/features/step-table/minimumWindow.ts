// Scroll-element measurement for the virtualised table that never reports an
// empty viewport: when the element measures 0 (hidden, not laid out yet, or
// jsdom in tests) a minimum window of rows is still rendered.
import { observeElementRect, type Virtualizer } from '@tanstack/react-virtual';

export const MIN_WINDOW = { width: 960, height: 480 };

export function observeWithMinimum<T extends Element>(
  instance: Virtualizer<T, Element>,
  cb: (rect: { width: number; height: number }) => void,
): (() => void) | undefined {
  return observeElementRect(instance, (rect) =>
    cb({
      width: rect.width > 0 ? rect.width : MIN_WINDOW.width,
      height: rect.height > 0 ? rect.height : MIN_WINDOW.height,
    }),
  );
}
