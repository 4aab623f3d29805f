import { describe, expect, it } from "vitest";
import { parseKeys } from "./keys.ts";
import { handleKey, newEditor, wordLeft, wordRight, type EditorEffect, type EditorState } from "./line-editor.ts";

/** Types raw terminal data into an editor and collects the effects. */
function type(data: string, state: EditorState = newEditor()): { state: EditorState; effects: EditorEffect[] } {
  const effects: EditorEffect[] = [];
  for (const key of parseKeys(data)) {
    const step = handleKey(state, key);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

const view = (s: EditorState) => s.buffer.slice(0, s.cursor) + "|" + s.buffer.slice(s.cursor);

describe("key parsing", () => {
  it.each([
    ["abc", [{ kind: "text", text: "abc" }]],
    ["\r", [{ kind: "enter" }]],
    ["\x7f", [{ kind: "backspace" }]],
    ["\x1b[A\x1b[B\x1b[C\x1b[D", [{ kind: "up" }, { kind: "down" }, { kind: "right" }, { kind: "left" }]],
    ["\x1b[H\x1b[F\x1bOH\x1b[1~\x1b[4~", [{ kind: "home" }, { kind: "end" }, { kind: "home" }, { kind: "home" }, { kind: "end" }]],
    ["\x1b[3~", [{ kind: "delete" }]],
    ["\x1b[1;5D\x1bf", [{ kind: "word-left" }, { kind: "word-right" }]],
    ["\x01\x05", [{ kind: "ctrl", letter: "a" }, { kind: "ctrl", letter: "e" }]],
    ["\x1b[200~a\r\nb\x1b[201~", [{ kind: "paste", text: "a\nb" }]],
    ["中文\t", [{ kind: "text", text: "中文" }, { kind: "tab" }]],
  ])("%j", (data, keys) => expect(parseKeys(data)).toEqual(keys));
});

describe("line editing, readline style", () => {
  it.each([
    ["insert and move", "kubectl\x1b[D\x1b[D\x7f", "kube|tl"],
    ["Home/End", "get pods\x1b[H#\x1b[F!", "#get pods!|"],
    ["Ctrl-A/Ctrl-E", "pods\x01get \x05 -A", "get pods -A|"],
    ["Ctrl-U kills to the start", "kubectl get\x1b[D\x1b[D\x1b[D\x15", "|get"],
    ["Ctrl-K kills to the end", "kubectl get\x01\x1b[C\x1b[C\x0b", "ku|"],
    ["Ctrl-W kills a whitespace word", "kubectl get pods\x17", "kubectl get |"],
    ["Ctrl-W then Ctrl-Y puts it back", "kubectl get pods\x17\x19\x19", "kubectl get podspods|"],
    ["Alt-B / Alt-F move by word", "curl http://my-svc:80\x1bb\x1bb", "curl http://my-|svc:80"],
    ["Ctrl-Right from the start", "kubectl get\x01\x1b[1;5C.", "kubectl.| get"],
    ["Alt-D kills a word forward", "curl http://x\x01\x1bd", "| http://x"],
    ["wide characters are one step each", "中文字\x1b[D\x7f", "中|字"],
    ["Delete at the cursor", "abc\x01\x1b[3~", "|bc"],
    ["Ctrl-D deletes when the line is not empty", "abc\x01\x04", "|bc"],
  ])("%s", (_name, data, expected) => {
    expect(view(type(data).state)).toBe(expected);
  });

  it("Enter submits the line and starts a fresh one", () => {
    const r = type("kubectl get pods\r");
    expect(r.effects).toEqual([{ kind: "submit", line: "kubectl get pods" }]);
    expect(r.state.buffer).toBe("");
  });

  it("Ctrl-C drops the line; Ctrl-D on an empty line is end of input; Ctrl-L clears", () => {
    expect(type("abc\x03").effects).toEqual([{ kind: "interrupt" }]);
    expect(type("\x04").effects).toEqual([{ kind: "eof" }]);
    expect(type("ab\x0c").effects).toEqual([{ kind: "clear" }]);
  });

  it("Tab asks for completion, and a second Tab asks for the list", () => {
    const r = type("kubectl get po\t\t");
    expect(r.effects).toEqual([
      { kind: "complete", line: "kubectl get po", cursor: 14, list: false },
      { kind: "complete", line: "kubectl get po", cursor: 14, list: true },
    ]);
  });

  it("a multi-line paste runs each full line and keeps the last one for editing", () => {
    const r = type("\x1b[200~kubectl get svc\nkubectl get ep\nkubectl desc\x1b[201~");
    expect(r.effects).toEqual([
      { kind: "submit", line: "kubectl get svc" },
      { kind: "submit", line: "kubectl get ep" },
    ]);
    expect(view(r.state)).toBe("kubectl desc|");
  });
});

describe("history", () => {
  const history = ["kubectl get pods", "kubectl get svc", "curl http://web"];
  it.each([
    ["\x1b[A", "curl http://web|"],
    ["\x1b[A\x1b[A", "kubectl get svc|"],
    ["\x1b[A\x1b[A\x1b[A\x1b[A", "kubectl get pods|"],
    ["draft\x1b[A\x1b[B", "draft|"],
    ["\x10\x10\x0e", "curl http://web|"],
  ])("%j", (data, expected) => {
    expect(view(type(data, newEditor(history)).state)).toBe(expected);
  });

  it.each([
    ["\x12get", "kubectl |get svc"],
    ["\x12get\x12", "kubectl |get pods"],
    ["\x12curl\x05", "curl http://web|"],
    ["typed\x12zzz\x07", "typed|"],
  ])("Ctrl-R %j", (data, expected) => {
    expect(view(type(data, newEditor(history)).state)).toBe(expected);
  });

  it("Ctrl-R then Enter runs the match", () => {
    expect(type("\x12svc\r", newEditor(history)).effects).toEqual([{ kind: "submit", line: "kubectl get svc" }]);
  });

  it("a failing search says so", () => {
    const s = type("\x12nothing-like-this", newEditor(history));
    expect(s.state.search?.match).toBe(-1);
    expect(s.effects.some((e) => e.kind === "bell")).toBe(true);
  });
});

describe("word boundaries", () => {
  it.each([
    ["my-svc.default", 14, 7],
    ["a  b", 4, 3],
    ["中文 abc", 6, 3],
  ])("left of %j from %i", (s, from, to) => expect(wordLeft(s, from)).toBe(to));
  it.each([
    ["my-svc.default", 0, 2],
    ["  ab cd", 0, 4],
  ])("right of %j from %i", (s, from, to) => expect(wordRight(s, from)).toBe(to));
});
