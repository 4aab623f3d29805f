import { describe, expect, it } from "vitest";
import { DurationError, parseGoDuration } from "./duration.ts";

describe("parseGoDuration (Go time.ParseDuration)", () => {
  it.each([
    ["0", 0],
    ["30s", 30_000],
    ["1m0s", 60_000],
    ["1.5h", 5_400_000],
    ["-1s", -1000],
    ["250ms", 250],
    ["2h45m", 9_900_000],
    ["1us", 0.001],
  ])("%s = %d ms", (text, ms) => expect(parseGoDuration(text)).toBe(ms));

  it.each([
    ["", 'time: invalid duration ""'],
    ["x", 'time: invalid duration "x"'],
    ["5", 'time: missing unit in duration "5"'],
    ["5x", 'time: unknown unit "x" in duration "5x"'],
  ])("%j is refused with Go's message", (text, message) => {
    expect(() => parseGoDuration(text)).toThrow(DurationError);
    expect(() => parseGoDuration(text)).toThrow(message);
  });
});
