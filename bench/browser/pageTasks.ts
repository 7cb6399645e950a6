// Measurements that run inside the page (passed to page.evaluate, so each
// function is self-contained). Times are from the page's performance.now():
// "commit" is when the DOM shows the result, "painted" one animation frame later.

export interface UiTiming {
  readonly commitMs: number;
  readonly paintedMs: number;
  readonly text: string;
}

/** Types `query` into "Filter by state" (one input event) and waits for the "N of M steps" count to change. */
export async function filterByState(query: string): Promise<UiTiming> {
  const input = document.querySelector<HTMLInputElement>('input[aria-label="Filter by state"]');
  if (!input) throw new Error('no "Filter by state" input');
  const outputs = [...document.querySelectorAll('output')];
  const count = outputs.find((o) => /\bof [\d,]+ steps\b/.test(o.textContent ?? ''));
  if (!count) throw new Error('no "N of M steps" text');
  const before = count.textContent;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  const changed = new Promise<void>((resolve) => {
    const mo = new MutationObserver(() => {
      if (count.textContent !== before) {
        mo.disconnect();
        resolve();
      }
    });
    mo.observe(count, { subtree: true, childList: true, characterData: true });
  });
  const t0 = performance.now();
  setValue.call(input, query);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  if (count.textContent === before) await changed;
  const t1 = performance.now();
  await new Promise((r) => requestAnimationFrame(r));
  const t2 = performance.now();
  return { commitMs: t1 - t0, paintedMs: t2 - t0, text: count.textContent ?? '' };
}

/** Clicks the k-th visible treeitem of the "Step tree" outline and waits for "Step details" to show its state. */
export async function selectStep(k: number): Promise<UiTiming> {
  const items = [
    ...document.querySelectorAll<HTMLElement>('[role="tree"][aria-label="Step tree"] [role="treeitem"]'),
  ].filter(
    (i) =>
      i.getAttribute('aria-selected') !== 'true' &&
      !(i.querySelector('.outline__name')?.textContent ?? '').startsWith('Detached'),
  );
  if (items.length === 0) throw new Error('no treeitems to select');
  const item = items[k % items.length]!;
  // The row's state name (its accessible name also says status and duration).
  const stateName = item.querySelector('.outline__name')?.textContent ?? '';
  if (stateName === '') throw new Error('a treeitem without its state name (.outline__name)');
  const details = document.querySelector('section[aria-label="Step details"]');
  if (!details) throw new Error('no "Step details" region');
  const before = details.textContent;
  const shown = (): boolean =>
    details.textContent !== before && (details.textContent ?? '').includes(stateName);
  const done = new Promise<void>((resolve) => {
    const mo = new MutationObserver(() => {
      if (shown()) {
        mo.disconnect();
        resolve();
      }
    });
    mo.observe(details, { subtree: true, childList: true, characterData: true });
  });
  const t0 = performance.now();
  item.click();
  if (!shown()) await done;
  const t1 = performance.now();
  await new Promise((r) => requestAnimationFrame(r));
  const t2 = performance.now();
  return { commitMs: t1 - t0, paintedMs: t2 - t0, text: item.getAttribute('aria-label') ?? stateName };
}

export type ParseTiming =
  | { readonly ok: true; readonly readMs: number; readonly decodeMs: number; readonly parseMs: number }
  | { readonly ok: false; readonly readMs: number; readonly error: string };

/** Bare TextDecoder + JSON.parse of the File the app was given (kept by the probe); reading it is timed apart. */
export async function bareJsonParse(): Promise<ParseTiming> {
  const file = (window as unknown as { __bench: { file: File | null } }).__bench.file;
  if (!file) throw new Error('no file in the page');
  const g = (globalThis as { gc?: () => void }).gc;
  g?.();
  const r0 = performance.now();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const readMs = performance.now() - r0;
  g?.();
  const t0 = performance.now();
  try {
    const text = new TextDecoder().decode(bytes);
    const t1 = performance.now();
    // Over V8's string limit (~512 MB) Chromium's TextDecoder gives '' instead of throwing.
    if (text.length === 0 && bytes.length > 0) {
      return {
        ok: false,
        readMs,
        error: `TextDecoder gave an empty string: ${bytes.length} bytes exceed the string limit`,
      };
    }
    const value = JSON.parse(text) as unknown;
    const t2 = performance.now();
    if (value === undefined) throw new Error('nothing parsed');
    return { ok: true, readMs, decodeMs: t1 - t0, parseMs: t2 - t1 };
  } catch (err) {
    return { ok: false, readMs, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}
