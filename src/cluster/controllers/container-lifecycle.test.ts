import { describe, expect, it } from "vitest";
import { BACKOFF_MAX_MS, backoffMs, goSeconds, podPhase, restarts, type ContainerStatusLike, type RestartPolicy } from "./container-lifecycle.ts";

const running: ContainerStatusLike = { name: "a", state: { running: {} } };
const done = (exitCode: number): ContainerStatusLike => ({ name: "a", state: { terminated: { exitCode } } });
const creating: ContainerStatusLike = { name: "a", state: { waiting: { reason: "ContainerCreating" } } };
const crashLooping: ContainerStatusLike = { name: "a", state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: { terminated: { exitCode: 1 } } };

describe("podPhase (kubelet getPhase)", () => {
  it.each([
    [[running], "Always", "Running"],
    [[creating], "Always", "Pending"],
    [[done(0)], "Never", "Succeeded"],
    [[done(1)], "Never", "Failed"],
    [[done(0)], "OnFailure", "Succeeded"],
    [[done(2)], "OnFailure", "Running"],
    [[done(0)], "Always", "Running"],
    [[crashLooping], "Always", "Running"],
    [[crashLooping], "OnFailure", "Running"],
    [[done(0), done(1)], "Never", "Failed"],
    [[done(0), running], "Never", "Running"],
    [[done(0), creating], "Never", "Pending"],
  ] as [ContainerStatusLike[], RestartPolicy, string][])("%j with %s → %s", (statuses, policy, phase) => {
    expect(podPhase(statuses, policy)).toBe(phase);
  });
});

describe("restarts", () => {
  it.each([
    ["Always", 0, true],
    ["Always", 1, true],
    ["OnFailure", 0, false],
    ["OnFailure", 137, true],
    ["Never", 1, false],
  ] as [RestartPolicy, number, boolean][])("%s, exit %d → %s", (policy, code, again) => {
    expect(restarts(policy, code)).toBe(again);
  });
});

describe("crash-loop back-off", () => {
  it("restarts the first exit at once, then waits 10 s doubling up to 5 min", () => {
    const waits = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffMs(n, 1_000_000, n ? 990_000 : undefined));
    expect(waits).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it("forgets the back-off after twice the cap without a failure", () => {
    expect(backoffMs(4, 10_000_000, 10_000_000 - 2 * BACKOFF_MAX_MS)).toBe(80_000);
    expect(backoffMs(4, 10_000_000, 10_000_000 - 2 * BACKOFF_MAX_MS - 1)).toBe(0);
  });

  it.each([
    [10_000, "10s"],
    [80_000, "1m20s"],
    [300_000, "5m0s"],
    [3_600_000, "1h0m0s"],
  ])("Go's Duration.String of %d ms is %s", (ms, text) => {
    expect(goSeconds(ms)).toBe(text);
  });
});
