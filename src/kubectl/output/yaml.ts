// YAML exactly as kubectl prints it: sigs.k8s.io/yaml turns the object's JSON into
// go-yaml v2 maps, so keys are sorted by go-yaml's "natural" order, strings that
// would read back as another type are double-quoted, and long lines fold at 80 columns.

const BEST_WIDTH = 80;

function isLetter(c: string): boolean {
  if (c < "\x80") return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
  return /\p{L}/u.test(c);
}

const LETTERS_ONLY = /^[A-Za-z]*$/;
function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

/** go-yaml v2 keyList.Less for string keys: digit runs compare as numbers, non-letters sort before letters. */
export function goYamlKeyLess(a: string, b: string): boolean {
  // Keys made of ASCII letters alone (most of them) compare as plain strings.
  if (LETTERS_ONLY.test(a) && LETTERS_ONLY.test(b)) return a < b;
  const ar = [...a];
  const br = [...b];
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]!);
      continue;
    }
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return digits ? al : bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== "0") {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

export function goYamlKeyCompare(a: string, b: string): number {
  return goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0;
}

// What go-yaml v2's resolver would read back as something other than a string.
const BOOL_OR_NULL = new Set(
  ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~", "", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", "<<"],
);
const INT = /^[-+]?(0b[01_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9][0-9_]*)(\.[0-9_]*)?([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP = /^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?$/;

function resolvesToNonString(s: string): boolean {
  if (BOOL_OR_NULL.has(s)) return true;
  // Numbers and timestamps start with a digit, a sign or a dot.
  const c = s[0]!;
  if (!((c >= "0" && c <= "9") || c === "-" || c === "+" || c === ".")) return false;
  return BOOL_OR_NULL.has(s) || INT.test(s) || FLOAT.test(s) || BASE60_FLOAT.test(s) || TIMESTAMP.test(s);
}

/** libyaml's analyze_scalar, reduced to whether plain (block context) is allowed. */
function plainAllowed(s: string): boolean {
  if (s.length === 0) return false;
  if (/^\s|\s$/.test(s)) return false;
  if (/^(---|\.\.\.)/.test(s)) return false;
  const first = s[0]!;
  if ("#,[]{}&*!|>'\"%@`".includes(first)) return false;
  if ((first === "-" || first === "?" || first === ":") && (s.length === 1 || /\s/.test(s[1]!))) return false;
  if (/: |:$| #/.test(s)) return false;
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(s)) return false;
  if (/\t/.test(s)) return false;
  return true;
}

function needsDoubleQuotes(s: string): boolean {
  return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]/.test(s);
}

/** Write words separated by single spaces, folding at a space once past column 80. */
function fold(text: string, startColumn: number, indent: number): string {
  if (startColumn + text.length <= BEST_WIDTH + 1) return text;
  let out = "";
  let column = startColumn;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === " " && column > BEST_WIDTH && i > 0 && i < text.length - 1 && text[i - 1] !== " " && text[i + 1] !== " ") {
      out += "\n" + " ".repeat(indent);
      column = indent;
      continue;
    }
    out += c;
    column++;
  }
  return out;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += "\\x" + code.toString(16).toUpperCase().padStart(2, "0");
    else out += ch;
  }
  return out + '"';
}

/** A scalar string after `key: ` or `- ` at `column`; continuation lines at `indent`. */
function scalarString(s: string, column: number, indent: number): string {
  if (s.includes("\n") && !needsDoubleQuotes(s)) {
    // Literal block: keep the trailing newline(s) with the chomping indicator.
    const chomp = s.endsWith("\n") ? (s.endsWith("\n\n") || s === "\n" ? "+" : "") : "-";
    const lead = s.startsWith(" ") ? String(2) : "";
    const body = chomp === "-" ? s : s.replace(/\n$/, "");
    const lines = body.split("\n").map((l) => (l === "" ? "" : " ".repeat(indent) + l));
    return `|${lead}${chomp}\n` + lines.join("\n");
  }
  if (resolvesToNonString(s) || needsDoubleQuotes(s)) return fold(doubleQuoted(s), column, indent);
  if (plainAllowed(s)) return fold(s, column, indent);
  return fold(`'${s.replace(/'/g, "''")}'`, column, indent);
}

function scalar(v: unknown, column: number, indent: number): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return scalarString(v, column, indent);
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : formatFloat(v);
  if (typeof v === "boolean") return String(v);
  return String(v);
}

// Go formats floats with strconv 'g' and the shortest representation.
function formatFloat(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? ".nan" : v > 0 ? ".inf" : "-.inf";
  const s = String(v);
  return s.includes("e") ? s.replace(/e([+-])(\d)$/, "e$10$2") : s;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function sortedEntries(m: Record<string, unknown>): [string, unknown][] {
  return Object.entries(m)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => goYamlKeyCompare(a, b));
}

function emitMap(m: Record<string, unknown>, indent: number, lines: string[], firstPrefix: string | null): void {
  let prefix = firstPrefix;
  for (const [k, v] of sortedEntries(m)) {
    const pad = prefix ?? " ".repeat(indent);
    prefix = null;
    const key = scalarString(k, pad.length, indent + 2);
    emitValue(`${pad}${key}:`, v, indent, lines, false);
  }
}

function emitSeq(a: unknown[], indent: number, lines: string[], firstPrefix: string | null): void {
  let prefix = firstPrefix;
  for (const item of a) {
    const pad = (prefix ?? " ".repeat(indent)) + "- ";
    prefix = null;
    if (isMap(item) && Object.keys(item).length > 0) emitMap(item, indent + 2, lines, pad);
    else if (Array.isArray(item) && item.length > 0) emitSeq(item, indent + 2, lines, pad);
    else lines.push(pad + inline(item, pad.length, indent + 2));
  }
}

function inline(v: unknown, column: number, indent: number): string {
  if (isMap(v)) return "{}";
  if (Array.isArray(v)) return "[]";
  return scalar(v, column, indent);
}

// A mapping value: nested maps indent by 2, sequences stay at the key's indent.
function emitValue(head: string, v: unknown, indent: number, lines: string[], _inSeq: boolean): void {
  if (isMap(v) && Object.keys(v).length > 0) {
    lines.push(head);
    emitMap(v, indent + 2, lines, null);
  } else if (Array.isArray(v) && v.length > 0) {
    lines.push(head);
    emitSeq(v, indent, lines, null);
  } else {
    lines.push(`${head} ${inline(v, head.length + 1, indent + 2)}`);
  }
}

/** The document kubectl's YAML printer writes for one object (ends with a newline). */
export function toYaml(value: unknown): string {
  const lines: string[] = [];
  if (isMap(value) && Object.keys(value).length > 0) emitMap(value, 0, lines, null);
  else if (Array.isArray(value) && value.length > 0) emitSeq(value, 0, lines, null);
  else lines.push(inline(value, 0, 0));
  return lines.join("\n") + "\n";
}
