// How a busy worker lets its event loop run: a macrotask (setTimeout), so a
// queued "interrupt" message is handled. Yielding costs a few ms (timers are
// clamped when nested), so it happens at most once per interval of real time.
export const YIELD_INTERVAL_MS = 30;

export function throttledYield(now: () => number = () => performance.now(), intervalMs = YIELD_INTERVAL_MS): () => Promise<void> {
  let last = now();
  return async () => {
    if (now() - last < intervalMs) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    last = now();
  };
}
