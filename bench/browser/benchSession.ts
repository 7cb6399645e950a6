// One measured page in a fresh benchmark browser: the browser (found again in
// /proc by its marker), a page with the benchmark's init scripts, a CDP
// session with the heap sampler attached (page and workers), and the wait
// until the opened page has settled. Close it in a finally block.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBenchBrowser, waitForSettled } from './benchBrowser.ts';
import { HeapSampler } from './heapSampler.ts';

export interface OpenOptions {
  /** Functions (serialised, self-contained) or script text run in the page before its own scripts. */
  readonly initScripts?: ReadonlyArray<(() => void) | { readonly content: string }>;
  /** Start a CPU profile in every worker as it starts (HeapSampler.attach). */
  readonly profileWorkers?: boolean;
  /** Resolves once the page can take its input (e.g. its file input is attached). */
  readonly ready: (page: Page) => Promise<void>;
}

export class BenchSession {
  /** Problems seen while measuring (the page crashed, an error in the page). */
  readonly notes: string[] = [];
  private opened: { page: Page; cdp: CDPSession; sampler: HeapSampler } | null = null;

  private constructor(
    readonly browser: Browser,
    readonly marker: string,
  ) {}

  /** A fresh browser; `name` goes into its marker switch. */
  static async launch(name: string): Promise<BenchSession> {
    const marker = `--fsm-bench-run=${process.pid}-${name}-${Date.now()}`;
    return new BenchSession(await launchBenchBrowser(marker), marker);
  }

  get page(): Page {
    return this.state().page;
  }

  get cdp(): CDPSession {
    return this.state().cdp;
  }

  get sampler(): HeapSampler {
    return this.state().sampler;
  }

  /** Opens `url`, waits until it is ready and its processes are idle; returns how long the settling took. */
  async open(url: string, opts: OpenOptions): Promise<number> {
    const context = await this.browser.newContext({ viewport: { width: 1440, height: 900 } });
    // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to the page need it too.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    for (const script of opts.initScripts ?? []) await context.addInitScript(script);
    const page = await context.newPage();
    page.on('crash', () => this.notes.push('the page crashed'));
    page.on('pageerror', (e) => this.notes.push(`error in the page: ${e.message}`));
    const cdp = await context.newCDPSession(page);
    const sampler = await HeapSampler.attach(cdp, opts.profileWorkers ?? false);
    this.opened = { page, cdp, sampler };
    await page.goto(url);
    await opts.ready(page);
    return waitForSettled(this.marker);
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }

  private state(): { page: Page; cdp: CDPSession; sampler: HeapSampler } {
    if (this.opened === null) throw new Error('BenchSession: no page opened yet');
    return this.opened;
  }
}

/**
 * Runs `measure` on a fresh session. An error it throws ends the measurement
 * and goes to `onError` (its first line); the session's notes go to `notes`;
 * the browser is closed in any case.
 */
export async function withSession(
  name: string,
  notes: string[],
  onError: (message: string) => void,
  measure: (session: BenchSession) => Promise<void>,
): Promise<void> {
  let session: BenchSession | null = null;
  try {
    session = await BenchSession.launch(name);
    await measure(session);
  } catch (err) {
    onError(err instanceof Error ? err.message.split('\n')[0]! : String(err));
  } finally {
    if (session !== null) {
      notes.push(...session.notes);
      await session.close();
    }
  }
}
