// Ctrl-C has to work even when a command never yields: the page asks the worker
// to abort, and if the worker is still busy after a grace period it is stuck
// (a synchronous loop never reads messages), so the page restarts it.
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class InterruptWatchdog {
  private busy = false;
  private timer: unknown = null;

  constructor(
    private readonly graceMs: number,
    private readonly onStuck: () => void,
    private readonly timers: Timers = realTimers,
  ) {}

  isBusy(): boolean {
    return this.busy;
  }

  /** The worker said a command started or finished. */
  setBusy(busy: boolean): void {
    this.busy = busy;
    if (!busy) this.disarm();
  }

  /** Ctrl-C was sent while a command runs. */
  interrupted(): void {
    if (!this.busy || this.timer !== null) return;
    this.timer = this.timers.set(() => {
      this.timer = null;
      if (this.busy) {
        this.busy = false;
        this.onStuck();
      }
    }, this.graceMs);
  }

  disarm(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
