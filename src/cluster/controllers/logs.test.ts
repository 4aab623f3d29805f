import { describe, expect, it } from "vitest";
import { LogBook, MAX_LINES } from "./logs.ts";

describe("LogBook", () => {
  it("keeps a bounded number of lines per container, dropping the oldest", () => {
    const book = new LogBook();
    for (let i = 0; i < MAX_LINES + 5; i++) book.append("ns", "p", "c", `line ${i}`, i);
    const lines = book.entries("ns", "p", "c")!;
    expect(lines.length).toBeLessThanOrEqual(MAX_LINES);
    expect(lines[lines.length - 1]).toEqual({ at: MAX_LINES + 4, text: `line ${MAX_LINES + 4}` });
    expect(lines[0]!.at).toBe(MAX_LINES + 5 - lines.length);
  });

  it("rotates on restart and survives dump/restore, older snapshots without times included", () => {
    const book = new LogBook();
    book.appendOutput("ns", "p", "c", "a\nb", 1000);
    book.rotate("ns", "p", "c");
    book.append("ns", "p", "c", "c\n", 2000);
    book.markRan("containerd://1");
    book.markLoopRan("containerd://2", 3000);
    const back = LogBook.restore(JSON.parse(JSON.stringify(book.dump())));
    expect(back.entries("ns", "p", "c", { previous: true })).toEqual([{ at: 1000, text: "a" }, { at: 1000, text: "b" }]);
    expect(back.entries("ns", "p", "c")).toEqual([{ at: 2000, text: "c" }]);
    expect(back.hasRun("containerd://1")).toBe(true);
    expect(back.loopRanAt("containerd://2")).toBe(3000);
    const old = LogBook.restore({ "ns/p/c": ["x"] });
    expect(old.read("ns", "p", "c")).toBe("x\n");
    expect(old.hasPrevious("ns", "p", "c")).toBe(false);
  });

  it("a deleted pod takes its current and previous logs with it", () => {
    const book = new LogBook();
    book.append("ns", "p", "c", "a");
    book.rotate("ns", "p", "c");
    book.dropPod("ns", "p");
    expect(book.entries("ns", "p", "c")).toBeUndefined();
    expect(book.hasPrevious("ns", "p", "c")).toBe(false);
  });
});
