// Turns the raw data xterm hands us (bytes a real terminal would send) into
// named keys. Bracketed paste arrives as one "paste" key so that a pasted
// newline is not mistaken for Enter pressed in the middle of the text.

export type Key =
  | { kind: "text"; text: string }
  | { kind: "paste"; text: string }
  | { kind: "enter" | "tab" | "backspace" | "delete" | "escape" }
  | { kind: "up" | "down" | "left" | "right" | "home" | "end" | "pageup" | "pagedown" }
  | { kind: "word-left" | "word-right" | "kill-word-right" }
  /** Ctrl + a letter, lower case: "a" for Ctrl-A. */
  | { kind: "ctrl"; letter: string };

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";

const CSI_FINAL: Record<string, Key> = {
  A: { kind: "up" },
  B: { kind: "down" },
  C: { kind: "right" },
  D: { kind: "left" },
  H: { kind: "home" },
  F: { kind: "end" },
};

const TILDE: Record<string, Key> = {
  "1": { kind: "home" },
  "7": { kind: "home" },
  "4": { kind: "end" },
  "8": { kind: "end" },
  "3": { kind: "delete" },
  "5": { kind: "pageup" },
  "6": { kind: "pagedown" },
};

export function parseKeys(data: string): Key[] {
  const keys: Key[] = [];
  let text = "";
  const flush = () => {
    if (text) keys.push({ kind: "text", text });
    text = "";
  };
  let i = 0;
  while (i < data.length) {
    if (data.startsWith(PASTE_START, i)) {
      flush();
      const end = data.indexOf(PASTE_END, i + PASTE_START.length);
      const body = data.slice(i + PASTE_START.length, end < 0 ? data.length : end);
      keys.push({ kind: "paste", text: body.replace(/\r\n?/g, "\n") });
      i = end < 0 ? data.length : end + PASTE_END.length;
      continue;
    }
    const c = data[i];
    const code = c.charCodeAt(0);
    if (c === "\x1b") {
      flush();
      const [key, len] = escape(data, i);
      if (key) keys.push(key);
      i += len;
      continue;
    }
    if (code < 0x20 || code === 0x7f) {
      flush();
      if (c === "\r" || c === "\n") keys.push({ kind: "enter" });
      else if (c === "\t") keys.push({ kind: "tab" });
      else if (code === 0x7f || code === 0x08) keys.push({ kind: "backspace" });
      else keys.push({ kind: "ctrl", letter: String.fromCharCode(code + 0x60) });
      i++;
      continue;
    }
    text += c;
    i++;
  }
  flush();
  return keys;
}

/** One escape sequence starting at data[i]: the key (or null when unknown) and its length. */
function escape(data: string, i: number): [Key | null, number] {
  const next = data[i + 1];
  if (next === undefined) return [{ kind: "escape" }, 1];
  if (next === "[" || next === "O") {
    const m = /^([0-9;]*)([A-Za-z~])/.exec(data.slice(i + 2));
    if (!m) return [null, 2];
    const [, params, final] = m;
    const len = 2 + m[0].length;
    const mods = params.split(";")[1];
    if (final === "~") return [TILDE[params.split(";")[0]] ?? null, len];
    // Ctrl (5) or Alt (3) with an arrow moves by word, as in bash with xterm's default keys.
    if ((mods === "5" || mods === "3") && (final === "C" || final === "D")) {
      return [{ kind: final === "C" ? "word-right" : "word-left" }, len];
    }
    return [CSI_FINAL[final] ?? null, len];
  }
  // Meta (Alt) + letter arrives as ESC + letter.
  if (next === "b" || next === "B") return [{ kind: "word-left" }, 2];
  if (next === "f" || next === "F") return [{ kind: "word-right" }, 2];
  if (next === "d" || next === "D") return [{ kind: "kill-word-right" }, 2];
  if (next === "\x7f") return [{ kind: "ctrl", letter: "w" }, 2];
  return [{ kind: "escape" }, 1];
}
