// Source-level passes that must run before Markdown parsing, because the Markdown parser would
// otherwise see inside them: `%%comments%%` can span blocks, and `[[links]]` may hold `|`, `*` or `]`.
// Both must leave code (fenced blocks and inline spans) untouched.

import type { WikiLink } from "./types.ts";

interface Segment {
  text: string;
  code: boolean;
}

// Any indentation: fences inside list items are indented by the item's width.
const FENCE = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})/;

/** Splits Markdown into code and non-code segments (fenced blocks and inline code spans are code). */
export function splitCode(src: string): Segment[] {
  const out: Segment[] = [];
  const push = (text: string, code: boolean) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.code === code) last.text += text;
    else out.push({ text, code });
  };
  const lines = src.split(/(?<=\n)/);
  let fence: string | null = null;
  let prose = "";
  const flushProse = () => {
    for (const s of splitInlineCode(prose)) push(s.text, s.code);
    prose = "";
  };
  for (const line of lines) {
    const m = FENCE.exec(line);
    if (fence) {
      push(line, true);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim().replace(/^[>\s]*/, "").replace(/[`~]+/, "").trim() === "") fence = null;
    } else if (m) {
      flushProse();
      fence = m[1];
      push(line, true);
    } else {
      prose += line;
    }
  }
  flushProse();
  return out;
}

function splitInlineCode(text: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  let start = 0;
  while (i < text.length) {
    if (text[i] !== "`") {
      i++;
      continue;
    }
    let n = 0;
    while (text[i + n] === "`") n++;
    const ticks = "`".repeat(n);
    // A code span closes at the next run of exactly the same length.
    let j = i + n;
    let close = -1;
    while ((j = text.indexOf(ticks, j)) !== -1) {
      let k = j + n;
      if (text[j - 1] !== "`" && text[k] !== "`") {
        close = j;
        break;
      }
      while (text[k] === "`") k++;
      j = k;
    }
    if (close === -1) {
      i += n;
      continue;
    }
    out.push({ text: text.slice(start, i), code: false });
    out.push({ text: text.slice(i, close + n), code: true });
    i = start = close + n;
  }
  out.push({ text: text.slice(start), code: false });
  return out.filter((s) => s.text);
}

/** Removes `%%comments%%` (Obsidian's private notes) outside code; keeps their line breaks so line numbers stay true. */
export function stripComments(src: string): string {
  if (!src.includes("%%")) return src;
  let inComment = false;
  return splitCode(src)
    .map((seg) => {
      if (seg.code && !inComment) return seg.text;
      let out = "";
      let i = 0;
      while (i < seg.text.length) {
        const next = seg.text.indexOf("%%", i);
        if (seg.code || next === -1) {
          const rest = seg.text.slice(i);
          out += inComment ? rest.replace(/[^\n]/g, "") : rest;
          break;
        }
        const part = seg.text.slice(i, next);
        out += inComment ? part.replace(/[^\n]/g, "") : part;
        inComment = !inComment;
        i = next + 2;
      }
      return out;
    })
    .join("");
}

/** Private-use characters mark where a wiki-link was lifted out of the text. */
export const TOKEN_OPEN = "\uE000";
export const TOKEN_CLOSE = "\uE001";
export const TOKEN_PATTERN = /\uE000(\d+)\uE001/g;

export interface LiftedLinks {
  text: string;
  links: (WikiLink & { line: number })[];
}

const WIKI = /(!?)\[\[([^\n]*?)\]\]/g;

/** Replaces every `[[…]]` / `![[…]]` outside code with a placeholder token, returning the parsed links. */
export function liftWikiLinks(src: string, firstLine = 1): LiftedLinks {
  const links: LiftedLinks["links"] = [];
  let line = firstLine;
  const text = splitCode(src)
    .map((seg) => {
      if (seg.code) {
        line += countNewlines(seg.text);
        return seg.text;
      }
      let last = 0;
      const replaced = seg.text.replace(WIKI, (whole, bang: string, inner: string, offset: number) => {
        line += countNewlines(seg.text.slice(last, offset));
        last = offset;
        if (!inner.trim()) return whole;
        links.push({ ...parseWikiLink(inner, bang === "!"), line });
        return `${TOKEN_OPEN}${links.length - 1}${TOKEN_CLOSE}`;
      });
      line += countNewlines(seg.text.slice(last));
      return replaced;
    })
    .join("");
  return { text, links };
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/** Parses the inside of `[[…]]`: `target#Heading#Sub|alias` or `target#^block|alias`. */
export function parseWikiLink(inner: string, embed: boolean): WikiLink {
  // In tables authors write `\|` so the pipe does not split the cell.
  const bar = inner.search(/\\?\|/);
  const head = bar === -1 ? inner : inner.slice(0, bar);
  const alias = bar === -1 ? undefined : inner.slice(bar).replace(/^\\?\|/, "");
  const hash = head.indexOf("#");
  const target = (hash === -1 ? head : head.slice(0, hash)).trim();
  const fragment = hash === -1 ? "" : head.slice(hash + 1);
  const link: WikiLink = { raw: inner, target, headings: [], embed };
  if (alias !== undefined) link.alias = alias;
  if (fragment.startsWith("^")) link.block = fragment.slice(1).trim();
  else if (fragment) link.headings = fragment.split("#").map((h) => h.trim()).filter(Boolean);
  return link;
}
