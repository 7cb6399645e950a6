// A worker started ahead of time, so the next file does not wait for one to
// start: once prewarm() has been called, one is kept ready, and a fresh one
// is started a moment after each is used up (not to compete with the load
// that used it). Used for the load worker (loadClient.ts) and for its file
// reader (readerStream.ts).

export class SpareWorker<T> {
  private ready: T | null = null;
  private keep = false;

  /** `start` makes one (null or a throw: none can be started here). */
  constructor(
    private readonly start: () => T | null,
    private readonly delayMs: number,
  ) {}

  /** Starts one now, and from now on a fresh one after each use. */
  prewarm(): void {
    this.keep = true;
    this.refill();
  }

  /** The one started ahead, if any; it is the caller's from now on. */
  take(): T | null {
    const t = this.ready;
    this.ready = null;
    return t;
  }

  /** One has been used up: a fresh one shortly (when prewarming). */
  usedUp(): void {
    if (this.keep) setTimeout(() => this.refill(), this.delayMs);
  }

  private refill(): void {
    if (!this.keep || this.ready !== null || typeof Worker === 'undefined') return;
    try {
      this.ready = this.start();
    } catch {
      this.ready = null;
    }
  }
}
