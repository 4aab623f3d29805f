// The prompt's line editor as a pure state machine: a key goes in, the next
// state and a list of effects (run this line, complete, interrupt…) come out.
// It follows bash/readline's emacs keys, so muscle memory carries over.
import type { Key } from "./keys.ts";
import { reverseSearch } from "../shell/history.ts";

export interface SearchState {
  query: string;
  /** Index into history of the current match, or -1 when nothing matches. */
  match: number;
  original: { buffer: string; cursor: number };
}

export interface EditorState {
  buffer: string;
  /** Cursor as a UTF-16 index into buffer, always on a code point boundary. */
  cursor: number;
  /** The last killed text, for Ctrl-Y. */
  kill: string;
  history: readonly string[];
  /** history.length while editing a fresh line (the draft). */
  histIndex: number;
  draft: string;
  search: SearchState | null;
  /** Consecutive Tab presses: the second one lists the candidates. */
  tabs: number;
}

export type EditorEffect =
  | { kind: "submit"; line: string }
  | { kind: "complete"; line: string; cursor: number; list: boolean }
  | { kind: "interrupt" }
  | { kind: "eof" }
  | { kind: "clear" }
  | { kind: "bell" };

export function newEditor(history: readonly string[] = [], kill = ""): EditorState {
  return { buffer: "", cursor: 0, kill, history, histIndex: history.length, draft: "", search: null, tabs: 0 };
}

const isWordChar = (ch: string) => /[\p{L}\p{N}]/u.test(ch);

function prevBoundary(s: string, i: number): number {
  if (i <= 0) return 0;
  const lo = s.charCodeAt(i - 1);
  return lo >= 0xdc00 && lo <= 0xdfff && i >= 2 ? i - 2 : i - 1;
}

function nextBoundary(s: string, i: number): number {
  if (i >= s.length) return s.length;
  const hi = s.charCodeAt(i);
  return hi >= 0xd800 && hi <= 0xdbff && i + 1 < s.length ? i + 2 : i + 1;
}

/** readline's backward-word: skip non-word characters, then word characters. */
export function wordLeft(s: string, i: number): number {
  let j = i;
  while (j > 0 && !isWordChar(s[prevBoundary(s, j)])) j = prevBoundary(s, j);
  while (j > 0 && isWordChar(s[prevBoundary(s, j)])) j = prevBoundary(s, j);
  return j;
}

export function wordRight(s: string, i: number): number {
  let j = i;
  while (j < s.length && !isWordChar(s[j])) j = nextBoundary(s, j);
  while (j < s.length && isWordChar(s[j])) j = nextBoundary(s, j);
  return j;
}

/** unix-word-rubout (Ctrl-W) deletes back to the previous whitespace. */
function whitespaceWordLeft(s: string, i: number): number {
  let j = i;
  while (j > 0 && /\s/.test(s[j - 1])) j--;
  while (j > 0 && !/\s/.test(s[j - 1])) j--;
  return j;
}

type Step = { state: EditorState; effects: EditorEffect[] };

const same = (state: EditorState, ...effects: EditorEffect[]): Step => ({ state, effects });

function edit(state: EditorState, buffer: string, cursor: number): EditorState {
  return { ...state, buffer, cursor, tabs: 0 };
}

function insert(state: EditorState, text: string): EditorState {
  const b = state.buffer;
  return edit(state, b.slice(0, state.cursor) + text + b.slice(state.cursor), state.cursor + text.length);
}

/** A line is done: hand it out and start a fresh one (history is refreshed by the caller). */
function submit(state: EditorState): Step {
  const line = state.buffer;
  return { state: { ...newEditor(state.history, state.kill) }, effects: [{ kind: "submit", line }] };
}

export function handleKey(state: EditorState, key: Key): Step {
  if (state.search) return handleSearchKey(state, state.search, key);
  const b = state.buffer;
  const c = state.cursor;
  switch (key.kind) {
    case "text":
      return same(insert(state, key.text));
    case "paste":
      return paste(state, key.text);
    case "enter":
      return submit(state);
    case "tab":
      return same({ ...state, tabs: state.tabs + 1 }, { kind: "complete", line: b, cursor: c, list: state.tabs >= 1 });
    case "backspace":
      return c === 0 ? same(state, { kind: "bell" }) : same(edit(state, b.slice(0, prevBoundary(b, c)) + b.slice(c), prevBoundary(b, c)));
    case "delete":
      return c >= b.length ? same(state) : same(edit(state, b.slice(0, c) + b.slice(nextBoundary(b, c)), c));
    case "left":
      return same({ ...state, cursor: prevBoundary(b, c), tabs: 0 });
    case "right":
      return same({ ...state, cursor: nextBoundary(b, c), tabs: 0 });
    case "home":
      return same({ ...state, cursor: 0, tabs: 0 });
    case "end":
      return same({ ...state, cursor: b.length, tabs: 0 });
    case "word-left":
      return same({ ...state, cursor: wordLeft(b, c), tabs: 0 });
    case "word-right":
      return same({ ...state, cursor: wordRight(b, c), tabs: 0 });
    case "kill-word-right": {
      const end = wordRight(b, c);
      return same({ ...edit(state, b.slice(0, c) + b.slice(end), c), kill: b.slice(c, end) });
    }
    case "up":
      return historyMove(state, -1);
    case "down":
      return historyMove(state, +1);
    case "pageup":
    case "pagedown":
    case "escape":
      return same(state);
    case "ctrl":
      return handleCtrl(state, key.letter);
  }
}

function handleCtrl(state: EditorState, letter: string): Step {
  const b = state.buffer;
  const c = state.cursor;
  switch (letter) {
    // Emacs keys that are aliases of the named keys.
    case "a":
      return handleKey(state, { kind: "home" });
    case "e":
      return handleKey(state, { kind: "end" });
    case "b":
      return handleKey(state, { kind: "left" });
    case "f":
      return handleKey(state, { kind: "right" });
    case "h":
      return handleKey(state, { kind: "backspace" });
    case "u":
      return c === 0 ? same(state) : same({ ...edit(state, b.slice(c), 0), kill: b.slice(0, c) });
    case "k":
      return c === b.length ? same(state) : same({ ...edit(state, b.slice(0, c), c), kill: b.slice(c) });
    case "w": {
      const start = whitespaceWordLeft(b, c);
      return start === c ? same(state) : same({ ...edit(state, b.slice(0, start) + b.slice(c), start), kill: b.slice(start, c) });
    }
    case "y":
      return state.kill ? same(insert(state, state.kill)) : same(state);
    case "l":
      return same(state, { kind: "clear" });
    case "c":
      return { state: newEditor(state.history, state.kill), effects: [{ kind: "interrupt" }] };
    case "d":
      if (b === "") return same(state, { kind: "eof" });
      return handleKey(state, { kind: "delete" });
    case "p":
      return historyMove(state, -1);
    case "n":
      return historyMove(state, +1);
    case "r":
      return same({ ...state, tabs: 0, search: { query: "", match: -1, original: { buffer: b, cursor: c } } });
    case "j":
    case "m":
      return submit(state);
    case "i":
      return handleKey(state, { kind: "tab" });
    default:
      return same(state);
  }
}

function historyMove(state: EditorState, delta: number): Step {
  const target = state.histIndex + delta;
  if (target < 0 || target > state.history.length) return same(state, { kind: "bell" });
  const draft = state.histIndex === state.history.length ? state.buffer : state.draft;
  const buffer = target === state.history.length ? draft : state.history[target];
  return same({ ...state, histIndex: target, draft, buffer, cursor: buffer.length, tabs: 0 });
}

/** Multi-line paste: every complete line runs, the last partial line stays to be edited. */
function paste(state: EditorState, text: string): Step {
  const lines = text.split("\n");
  if (lines.length === 1) return same(insert(state, text));
  const effects: EditorEffect[] = [];
  let s = insert(state, lines[0]);
  for (let i = 1; i < lines.length; i++) {
    const step = submit(s);
    effects.push(...step.effects);
    s = insert(step.state, lines[i]);
  }
  return { state: s, effects };
}

/** Finds the newest history entry at or before `from` that contains the query (the shell's own search). */
export function searchHistory(history: readonly string[], query: string, from: number): number {
  return query === "" ? -1 : reverseSearch(history, query, from + 1);
}

function handleSearchKey(state: EditorState, search: SearchState, key: Key): Step {
  const { history } = state;
  const withQuery = (query: string, from: number): Step => {
    const match = searchHistory(history, query, from);
    const found = match >= 0 ? history[match] : null;
    // While typing, the buffer shows the match; a failed search keeps the last match shown, like bash.
    return same({
      ...state,
      search: { ...search, query, match: match >= 0 ? match : search.match },
      buffer: found ?? state.buffer,
      cursor: found ? found.indexOf(query) : state.cursor,
    }, ...(match < 0 ? [{ kind: "bell" } as EditorEffect] : []));
  };
  const accept = (s: EditorState): EditorState => ({ ...s, search: null, histIndex: history.length, tabs: 0 });
  if (key.kind === "text" || key.kind === "paste") return withQuery(search.query + key.text, search.match >= 0 ? search.match : history.length - 1);
  if (key.kind === "backspace") return withQuery(search.query.slice(0, -1), history.length - 1);
  if (key.kind === "ctrl" && key.letter === "r") {
    if (search.query === "") return same(state);
    return withQuery(search.query, search.match >= 0 ? search.match - 1 : history.length - 1);
  }
  if (key.kind === "ctrl" && (key.letter === "g" || key.letter === "c")) {
    const restored = { ...state, search: null, buffer: search.original.buffer, cursor: search.original.cursor };
    return key.letter === "c" ? handleCtrl(restored, "c") : same(restored);
  }
  if (key.kind === "enter" || (key.kind === "ctrl" && (key.letter === "j" || key.letter === "m"))) return submit(accept(state));
  if (key.kind === "escape") return same(accept(state));
  // Any other key ends the search and then acts on the found line (readline does the same).
  return handleKey(accept(state), key);
}

/** Applies a completion the session computed for (line, cursor). */
export function applyCompletion(state: EditorState, replaceFrom: number, replacement: string): EditorState {
  const b = state.buffer;
  const from = Math.max(0, Math.min(replaceFrom, state.cursor));
  return { ...state, buffer: b.slice(0, from) + replacement + b.slice(state.cursor), cursor: from + replacement.length };
}
