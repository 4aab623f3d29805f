// Reading -f sources (files, directories, `-`) into objects, one document at a time,
// with kubectl's (go-yaml's) error texts for broken YAML.
import { parseAllDocuments, type YAMLError } from "yaml";
import type { KObject } from "../cluster/index.ts";
import { CmdError } from "./cli/errors.ts";
import type { Invocation } from "./cli/invocation.ts";

export interface ManifestItem {
  source: string;
  obj?: KObject;
  /** A document that cannot be used; later documents of the same file are not read. */
  error?: string;
}

const EXTENSIONS = [".json", ".yaml", ".yml"];

/** go-yaml's wording and line numbering for the yaml package's error, within one document. */
export function goYamlError(e: YAMLError, docText: string): string {
  const line = e.linePos?.[0]?.line ?? 1;
  const lines = docText.split("\n");
  // go-yaml reports scanner errors with 1-based lines and parser errors with the
  // previous line's number; line 1 (or 0) is not printed at all.
  const scanner = (n: number, msg: string) => (n > 1 ? `yaml: line ${n}: ${msg}` : `yaml: ${msg}`);
  const parser = (n: number, msg: string) => (n - 1 > 0 ? `yaml: line ${n - 1}: ${msg}` : `yaml: ${msg}`);
  switch (e.code) {
    case "TAB_AS_INDENT":
      return scanner(line, "found character that cannot start any token");
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY": {
      const col = e.linePos?.[0]?.col ?? 1;
      const rest = (lines[line - 1] ?? "").slice(col - 1);
      return scanner(/:(\s|$)/.test(rest) ? line : line + 1, "mapping values are not allowed in this context");
    }
    case "BAD_INDENT": {
      if (/Flow sequence/.test(e.message)) return parser(line, "did not find expected ',' or ']'");
      if (/Flow map/.test(e.message)) return parser(line, "did not find expected ',' or '}'");
      const prev = lines.slice(0, line - 1).reverse().find((l) => l.trim() !== "") ?? "";
      const cur = lines[line - 1] ?? "";
      const indent = (s: string) => s.length - s.trimStart().length;
      if (prev.trimStart().startsWith("- ") && indent(prev) === indent(cur)) return parser(line, "did not find expected '-' indicator");
      return parser(line, "did not find expected key");
    }
    case "MISSING_CHAR":
      return scanner(line, "found unexpected end of stream");
    default:
      return parser(line, "did not find expected key");
  }
}

/** Split a stream into documents the way apimachinery's YAMLReader does (on `---` lines). */
function splitDocuments(text: string): string[] {
  const docs: string[] = [];
  let cur: string[] = [];
  for (const line of text.split("\n")) {
    if (/^---(\s.*)?$/.test(line) && (line.slice(3).trim() === "" || line.slice(3).trim().startsWith("#"))) {
      if (cur.join("\n").trim() !== "") docs.push(cur.join("\n") + "\n");
      cur = [];
      continue;
    }
    cur.push(line);
  }
  if (cur.join("\n").trim() !== "") docs.push(cur.join("\n"));
  return docs;
}

function isBlank(doc: string): boolean {
  return doc.split("\n").every((l) => l.trim() === "" || l.trim().startsWith("#"));
}

/** Parse one file's text into items (stopping at the first syntax error, as kubectl does). */
export function parseManifestText(text: string, source: string): ManifestItem[] {
  const items: ManifestItem[] = [];
  for (const docText of splitDocuments(text)) {
    if (isBlank(docText)) continue;
    const [doc] = parseAllDocuments(docText, { uniqueKeys: false });
    const err = doc && "errors" in doc ? doc.errors[0] : undefined;
    if (!doc || err) {
      items.push({ source, error: `error parsing ${source}: error converting YAML to JSON: ${err ? goYamlError(err, docText) : "yaml: did not find expected key"}` });
      return items;
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== "object" || Array.isArray(value)) {
      items.push({ source, error: `error validating "${source}": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false` });
      continue;
    }
    const o = value as Record<string, unknown>;
    const missing = [!o.apiVersion && "apiVersion not set", !o.kind && "kind not set"].filter(Boolean) as string[];
    if (missing.length > 0) {
      const what = missing.length === 1 ? missing[0] : `[${missing.join(", ")}]`;
      items.push({ source, error: `error validating "${source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false` });
      continue;
    }
    if (o.kind === "List" && Array.isArray(o.items)) {
      for (const it of o.items) items.push({ source, obj: normalize(it as KObject) });
      continue;
    }
    items.push({ source, obj: normalize(o as unknown as KObject) });
  }
  return items;
}

function normalize(o: KObject): KObject {
  if (!o.metadata || typeof o.metadata !== "object") o.metadata = {};
  return o;
}

/** Paths that are the process's own standard input on Linux: kubectl opens them as files and so reads the pipe. */
const STDIN_PATHS = new Set(["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);

/** Every object named by -f (files, directories, `-` for stdin), in order. */
export async function readManifests(inv: Invocation): Promise<ManifestItem[]> {
  const names = inv.list("filename");
  const items: ManifestItem[] = [];
  for (const name of names) {
    if (name === "-" || STDIN_PATHS.has(name)) {
      items.push(...parseManifestText(inv.ctx.stdin, name === "-" ? "STDIN" : name));
      continue;
    }
    const fs = inv.ctx.fs;
    if (await fs.isDirectory(name)) {
      const entries = (await fs.readdir(name)).sort();
      for (const entry of entries) {
        const path = `${name.replace(/\/$/, "")}/${entry}`;
        if (await fs.isDirectory(path)) continue;
        if (!EXTENSIONS.some((x) => entry.endsWith(x))) continue;
        const text = await fs.readFile(path);
        if (text !== undefined) items.push(...parseManifestText(text, path));
      }
      continue;
    }
    const text = await fs.readFile(name);
    if (text === undefined) throw new CmdError(`the path "${name}" does not exist`);
    items.push(...parseManifestText(text, name));
  }
  return items;
}
