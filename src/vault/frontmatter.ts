// YAML frontmatter between `---` lines at the very top of a note.
import { parseDocument } from "yaml";
import { VaultError } from "./types.ts";

export interface SplitNote {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line where the body starts in the file. */
  bodyLine: number;
  /** The YAML text (line 2 of the file onwards), for pointing at a value's line. */
  yaml?: string;
}

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;

/** Splits and parses frontmatter. Malformed YAML throws a VaultError naming the file and line. */
export function splitFrontmatter(source: string, file: string): SplitNote {
  const text = source.replace(/^\uFEFF/, "");
  const open = OPEN.exec(text);
  if (!open) return { data: {}, body: text, bodyLine: 1 };
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) return { data: {}, body: text, bodyLine: 1 };
  const yamlText = rest.slice(0, close.index);
  let after = rest.slice(close.index + close[0].length);
  if (after.startsWith("\r\n")) after = after.slice(2);
  else if (after.startsWith("\n")) after = after.slice(1);
  const bodyLine = 1 + countLines(text.slice(0, text.length - after.length));

  const doc = parseDocument(yamlText, { prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    // An unclosed bracket is reported at the end of the YAML; name the last YAML line instead of the `---`.
    const yamlLines = yamlText.replace(/\s+$/, "").split("\n").length;
    const line = 1 + Math.min(error.linePos?.[0]?.line ?? 1, yamlLines);
    // yaml appends its own "at line N, column M:"; our message already names the file line.
    const message = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new VaultError(file, line, `malformed frontmatter: ${message}`);
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return { data: {}, body: after, bodyLine, yaml: yamlText };
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new VaultError(file, 2, "malformed frontmatter: expected a mapping of keys to values");
  }
  return { data: value as Record<string, unknown>, body: after, bodyLine, yaml: yamlText };
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/** A frontmatter value as a list of strings (a single string counts as one item). */
export function stringList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v) => typeof v === "string" || typeof v === "number").map(String);
  return [];
}

/** The file line of the first frontmatter line that mentions `text` (frontmatter starts on line 2), or 1. */
export function frontmatterLine(yaml: string | undefined, text: string): number {
  const i = (yaml ?? "").split("\n").findIndex((line) => line.includes(text));
  return i === -1 ? 1 : i + 2;
}
