import { afterEach, describe, expect, it, vi } from "vitest";
import { throttledYield } from "./yielder.ts";

describe("throttledYield", () => {
  afterEach(() => vi.useRealTimers());

  it("waits for a timer only once the interval has passed since the last yield", async () => {
    vi.useFakeTimers();
    let now = 0;
    const tick = throttledYield(() => now, 30);
    let resolved = false;
    now = 29;
    await tick(); // within the interval: returns without a macrotask
    now = 30;
    const pending = tick().then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false); // blocked on setTimeout until the timer queue runs
    await vi.runAllTimersAsync();
    await pending;
    expect(resolved).toBe(true);
    now = 45;
    let again = false;
    await tick().then(() => (again = true)); // 15 ms after that yield: no wait
    expect(again).toBe(true);
  });
});
