import { describe, expect, it } from "vitest";
import { LAB_UI_KEY, earlyPrompt, readLabUi, rememberPrompt, writeLabUi } from "./ui-state.ts";
import { PROGRESS_KEY, readLabProgress, recordLabProgress } from "./progress-store.ts";

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

const broken = {
  getItem: (): string | null => {
    throw new Error("SecurityError");
  },
  setItem: () => {
    throw new Error("QuotaExceededError");
  },
};

describe("lab UI state", () => {
  it("is off by default and remembers a change per lab", () => {
    const s = memory();
    expect(readLabUi("clusterip", s)).toEqual({ showSystem: false });
    writeLabUi("clusterip", { showSystem: true }, s);
    expect(readLabUi("clusterip", s)).toEqual({ showSystem: true });
    expect(readLabUi("dns", s)).toEqual({ showSystem: false });
    writeLabUi("clusterip", { showSystem: false }, s);
    expect(readLabUi("clusterip", s)).toEqual({ showSystem: false });
  });

  it.each([["not json"], ["[1,2]"], ['{"clusterip":{"showSystem":"yes"}}'], ['{"clusterip":null}']])("reads %s as the defaults", (stored) => {
    expect(readLabUi("clusterip", memory({ [LAB_UI_KEY]: stored }))).toEqual({ showSystem: false });
  });

  it("keeps the saved session's prompt beside the toggle, and changing one keeps the other", () => {
    const s = memory();
    writeLabUi("clusterip", { resumePrompt: "/ # " }, s);
    writeLabUi("clusterip", { showSystem: true }, s);
    expect(readLabUi("clusterip", s)).toEqual({ showSystem: true, resumePrompt: "/ # " });
    expect(readLabUi("clusterip", memory({ [LAB_UI_KEY]: '{"clusterip":{"resumePrompt":7}}' }))).toEqual({ showSystem: false });
  });

  it.each([
    ["no saved session", undefined, "$ "],
    ["a saved session at the same prompt", "$ ", "$ "],
    ["a saved session in a pod's shell", "/ # ", undefined],
  ])("draws the first prompt early with %s", (_, saved, expected) => {
    const s = memory();
    rememberPrompt("clusterip", saved, s);
    expect(earlyPrompt("clusterip", "$ ", s)).toBe(expected);
  });

  it("keeps working when storage throws (private mode, full quota)", () => {
    expect(readLabUi("clusterip", broken)).toEqual({ showSystem: false });
    expect(() => writeLabUi("clusterip", { showSystem: true }, broken)).not.toThrow();
  });

  it("does not disturb the progress summary kept beside it", () => {
    const s = memory();
    recordLabProgress("clusterip", 2, 4, s);
    writeLabUi("clusterip", { showSystem: true }, s);
    expect(readLabProgress(s)).toEqual({ clusterip: { done: 2, total: 4 } });
    expect(JSON.parse(s.data.get(PROGRESS_KEY)!)).toEqual({ clusterip: { done: 2, total: 4 } });
  });
});

describe("progress summary", () => {
  it("drops entries that are not a done/total pair", () => {
    const s = memory({ [PROGRESS_KEY]: '{"a":{"done":1,"total":3},"b":{"done":"1","total":3},"c":{"done":0,"total":0},"d":null}' });
    expect(readLabProgress(s)).toEqual({ a: { done: 1, total: 3 } });
  });
});
