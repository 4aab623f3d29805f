import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InterruptWatchdog } from "./watchdog.ts";

describe("Ctrl-C watchdog", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const stuck = vi.fn();
    return { w: new InterruptWatchdog(900, stuck), stuck };
  }

  it("restarts a worker that is still busy after the grace period", () => {
    const { w, stuck } = setup();
    w.setBusy(true);
    w.interrupted();
    vi.advanceTimersByTime(899);
    expect(stuck).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(stuck).toHaveBeenCalledTimes(1);
    expect(w.isBusy()).toBe(false);
  });

  it("stands down when the command stops in time", () => {
    const { w, stuck } = setup();
    w.setBusy(true);
    w.interrupted();
    vi.advanceTimersByTime(300);
    w.setBusy(false);
    vi.advanceTimersByTime(5000);
    expect(stuck).not.toHaveBeenCalled();
  });

  it("ignores Ctrl-C at the prompt, and repeated Ctrl-C does not restart twice", () => {
    const { w, stuck } = setup();
    w.interrupted();
    vi.advanceTimersByTime(5000);
    expect(stuck).not.toHaveBeenCalled();
    w.setBusy(true);
    w.interrupted();
    vi.advanceTimersByTime(500);
    w.interrupted();
    vi.advanceTimersByTime(500);
    expect(stuck).toHaveBeenCalledTimes(1);
  });
});
