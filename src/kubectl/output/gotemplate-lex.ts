// Go text/template's lexer for -o go-template: text, {{ }} actions with trim markers and
// comments, and the tokens inside an action. Errors carry Go's wording.
export class TemplateParseError extends Error {}

export type TokKind = "text" | "left" | "right" | "field" | "var" | "ident" | "string" | "number" | "bool" | "nil" | "dot" | "pipe" | "lparen" | "rparen" | "declare" | "assign" | "comma" | "space" | "char" | "eof";
export interface Tok {
  kind: TokKind;
  val: string;
  pos: number;
}

const WORDS = new Set<TokKind>(["field", "var", "number", "ident", "bool", "nil"]);
export const KEYWORDS = new Set(["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"]);

export function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  const fail = (msg: string): never => {
    throw new TemplateParseError(`template: output:${line}: ${msg}`);
  };
  while (i < src.length) {
    let open = src.indexOf("{{", i);
    if (open < 0) open = src.length;
    let text = src.slice(i, open);
    const trimLeft = src.startsWith("{{- ", open) || src.startsWith("{{-\t", open) || src.startsWith("{{-\n", open);
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, "");
    if (text) toks.push({ kind: "text", val: text, pos: i });
    line += (src.slice(i, open).match(/\n/g) ?? []).length;
    if (open >= src.length) break;
    i = open + 2 + (trimLeft ? 2 : 0);
    if (src.startsWith("/*", i)) {
      const end = src.indexOf("*/", i);
      if (end < 0) fail("unclosed comment");
      i = end + 2;
      const closeTrim = src.startsWith(" -}}", i);
      if (!closeTrim && !src.startsWith("}}", i)) fail("comment ends before closing delimiter");
      i += closeTrim ? 4 : 2;
      if (closeTrim) i = skipSpace(src, i);
      continue;
    }
    toks.push({ kind: "left", val: "{{", pos: open });
    for (;;) {
      if (i >= src.length) fail("unclosed action");
      const c = src[i]!;
      if (src.startsWith(" -}}", i) || src.startsWith("}}", i)) {
        const trim = src[i] === " ";
        toks.push({ kind: "right", val: "}}", pos: i });
        i += trim ? 4 : 2;
        if (trim) {
          const next = skipSpace(src, i);
          line += (src.slice(i, next).match(/\n/g) ?? []).length;
          i = next;
        }
        break;
      }
      const start = i;
      // Right after a word, Go's lexer wants a terminator (atTerminator).
      if (WORDS.has(toks[toks.length - 1]!.kind) && !" \t\r\n.,|:)(".includes(c)) {
        fail(`bad character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} '${c}'`);
      }
      if (c === " " || c === "\t" || c === "\r" || c === "\n") {
        while (i < src.length && " \t\r\n".includes(src[i]!)) i++;
        toks.push({ kind: "space", val: " ", pos: start });
      } else if (c === "|") {
        toks.push({ kind: "pipe", val: "|", pos: i++ });
      } else if (c === "(") {
        toks.push({ kind: "lparen", val: "(", pos: i++ });
      } else if (c === ")") {
        toks.push({ kind: "rparen", val: ")", pos: i++ });
      } else if (c === ",") {
        toks.push({ kind: "comma", val: ",", pos: i++ });
      } else if (src.startsWith(":=", i)) {
        toks.push({ kind: "declare", val: ":=", pos: i });
        i += 2;
      } else if (c === "=") {
        toks.push({ kind: "assign", val: "=", pos: i++ });
      } else if (c === '"') {
        i++;
        while (i < src.length && src[i] !== '"') {
          if (src[i] === "\\") i++;
          if (src[i] === "\n") fail("unterminated quoted string");
          i++;
        }
        if (i >= src.length) fail("unterminated quoted string");
        i++;
        toks.push({ kind: "string", val: unquote(src.slice(start, i), fail), pos: start });
      } else if (c === "`") {
        const end = src.indexOf("`", i + 1);
        if (end < 0) fail("unterminated raw quoted string");
        toks.push({ kind: "string", val: src.slice(i + 1, end), pos: start });
        i = end + 1;
      } else if (c === "$") {
        i++;
        while (i < src.length && /[\w]/.test(src[i]!)) i++;
        toks.push({ kind: "var", val: src.slice(start, i), pos: start });
      } else if (c === ".") {
        if (/[\w]/.test(src[i + 1] ?? "")) {
          i++;
          while (i < src.length && /[\w]/.test(src[i]!)) i++;
          toks.push({ kind: "field", val: src.slice(start + 1, i), pos: start });
        } else if (/\d/.test(src[i + 1] ?? "")) {
          i = lexNumber(src, i);
          toks.push({ kind: "number", val: src.slice(start, i), pos: start });
        } else {
          toks.push({ kind: "dot", val: ".", pos: i++ });
        }
      } else if (/[\d+-]/.test(c)) {
        i = lexNumber(src, i);
        if (i === start) fail(`bad character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} '${c}'`);
        toks.push({ kind: "number", val: src.slice(start, i), pos: start });
      } else if (/[A-Za-z_]/.test(c)) {
        while (i < src.length && /[\w]/.test(src[i]!)) i++;
        const word = src.slice(start, i);
        toks.push({ kind: word === "true" || word === "false" ? "bool" : word === "nil" ? "nil" : "ident", val: word, pos: start });
      } else if (c > " " && c <= "~") {
        // Other printable ASCII is a token the parser then finds out of place.
        toks.push({ kind: "char", val: c, pos: i++ });
      } else {
        fail(`bad character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} '${c}'`);
      }
    }
  }
  toks.push({ kind: "eof", val: "", pos: src.length });
  return toks;
}

function skipSpace(src: string, i: number): number {
  while (i < src.length && " \t\r\n".includes(src[i]!)) i++;
  return i;
}

function lexNumber(src: string, i: number): number {
  const m = /^[+-]?(0[xX][0-9a-fA-F_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)/.exec(src.slice(i));
  return i + (m ? m[0].length : 0);
}

function unquote(q: string, fail: (m: string) => never): string {
  try {
    return JSON.parse(q.replace(/\\([abfv])/g, (_, c: string) => ({ a: "\\u0007", b: "\\b", f: "\\f", v: "\\u000b" })[c]!).replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1")) as string;
  } catch {
    return fail(`invalid syntax`);
  }
}
