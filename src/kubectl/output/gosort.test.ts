import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goSort } from "./gosort.ts";

function sortKeys(keys: number[]): { key: number; at: number }[] {
  const items = keys.map((key, at) => ({ key, at }));
  goSort({ len: items.length, less: (i, j) => items[i]!.key < items[j]!.key, swap: (i, j) => ([items[i], items[j]] = [items[j]!, items[i]!]) });
  return items;
}

describe("goSort (Go's sort.Sort)", () => {
  it("orders any input and keeps every element", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (keys) => {
        const out = sortKeys(keys);
        expect(out.map((x) => x.key)).toEqual([...keys].sort((a, b) => a - b));
        expect(out.map((x) => x.at).sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
      }),
    );
  });

  it("is an insertion sort up to 12 elements, so equal keys keep their order there", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 12 }), (keys) => {
        const out = sortKeys(keys);
        for (let i = 1; i < out.length; i++) if (out[i]!.key === out[i - 1]!.key) expect(out[i]!.at).toBeGreaterThan(out[i - 1]!.at);
      }),
    );
  });

  it("is not stable beyond 12 elements, as Go's pdqsort is not", () => {
    const out = sortKeys([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
    const zeros = out.filter((x) => x.key === 0).map((x) => x.at);
    expect(zeros).not.toEqual([...zeros].sort((a, b) => a - b));
  });
});
