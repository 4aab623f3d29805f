import { describe, expect, it } from "vitest";
import { ageSince, humanDuration } from "./duration.ts";

const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H;

describe("humanDuration", () => {
  it.each([
    [-5 * S, "<invalid>"],
    [-1500, "0s"],
    [0, "0s"],
    [119 * S, "119s"],
    [120 * S, "2m"],
    [3 * M + 2 * S, "3m2s"],
    [5 * M, "5m"],
    [10 * M + 30 * S, "10m"],
    [179 * M, "179m"],
    [180 * M, "3h"],
    [3 * H + 5 * M, "3h5m"],
    [8 * H, "8h"],
    [47 * H + 59 * M, "47h"],
    [2 * D + 3 * H, "2d3h"],
    [5 * D, "5d"],
    [45 * D, "45d"],
    [2 * 365 * D + 10 * D, "2y10d"],
    [3 * 365 * D, "3y"],
    [9 * 365 * D, "9y"],
  ])("%d ms -> %s", (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it("prints <unknown> for a missing timestamp", () => {
    expect(ageSince(undefined, 0)).toBe("<unknown>");
    expect(ageSince("2026-01-01T00:00:00Z", Date.parse("2026-01-01T00:05:12Z"))).toBe("5m12s");
  });
});
