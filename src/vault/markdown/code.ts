// Code blocks: Shiki at build time with a light and a dark theme, and fixed cell widths so box
// diagrams stay aligned. Browsers draw CJK and many symbols from fallback fonts whose advance is
// not 1ch or 2ch; giving every non-ASCII character an inline-block of its East Asian display width
// (wide = 2ch) makes a line's end depend only on its display width, as in a terminal.
import { eastAsianWidth } from "get-east-asian-width";
import type { Element, ElementContent, Root as HastRoot, Text as HastText } from "hast";
import { bundledLanguages, createHighlighter, type BundledLanguage, type Highlighter } from "shiki";

export const THEMES = { light: "github-light", dark: "github-dark" } as const;

let highlighter: Promise<Highlighter> | undefined;
const loading = new Map<string, Promise<void>>();

function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: [] });
  return highlighter;
}

/** Shiki's language for a fence info string, or "text" when it has none or is unknown. */
function language(lang: string | null | undefined): string {
  const l = (lang ?? "").trim().toLowerCase();
  if (!l) return "text";
  return l in bundledLanguages ? l : "text";
}

async function ensureLanguage(h: Highlighter, lang: string): Promise<void> {
  if (lang === "text" || h.getLoadedLanguages().includes(lang)) return;
  let p = loading.get(lang);
  if (!p) {
    p = h.loadLanguage(lang as BundledLanguage);
    loading.set(lang, p);
  }
  await p;
}

/** Highlights one code block into a `<pre>` element with both themes' colours. */
export async function highlightCode(code: string, lang: string | null | undefined): Promise<Element> {
  const h = await getHighlighter();
  const l = language(lang);
  await ensureLanguage(h, l);
  const root = h.codeToHast(code, { lang: l, themes: THEMES, defaultColor: "light-dark()" }) as HastRoot;
  const pre = root.children.find((c): c is Element => c.type === "element" && c.tagName === "pre")!;
  pre.properties.dataLang = lang?.trim() || undefined;
  delete pre.properties.tabindex;
  fixCellWidths(pre);
  return pre;
}

/** Display width of one character: 2 for East Asian wide and fullwidth (and emoji), else 1. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  return eastAsianWidth(cp) === 2 || (cp >= 0x1f000 && cp <= 0x1faff) ? 2 : 1;
}

/** Display width of a string, counting wide characters as 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** Wraps runs of the same non-ASCII character in an inline-block as wide as their display width. */
export function fixCellWidths(node: Element): void {
  node.children = node.children.flatMap((child): ElementContent[] => {
    if (child.type === "element") {
      fixCellWidths(child);
      return [child];
    }
    if (child.type !== "text" || !/[^\x00-\x7f]/.test(child.value)) return [child];
    return splitCells(child.value);
  });
}

function splitCells(value: string): ElementContent[] {
  const out: ElementContent[] = [];
  let ascii = "";
  const chars = Array.from(value);
  for (let i = 0; i < chars.length; ) {
    const ch = chars[i];
    if (ch.charCodeAt(0) < 0x80) {
      ascii += ch;
      i++;
      continue;
    }
    if (ascii) out.push({ type: "text", value: ascii } as HastText);
    ascii = "";
    let j = i + 1;
    while (j < chars.length && chars[j] === ch) j++;
    const width = charWidth(ch) * (j - i);
    // Common single cells get a class; runs carry their width inline.
    const properties = j - i === 1 ? { className: [`cw${width}`] } : { className: ["cw"], style: `width:${width}ch` };
    out.push({
      type: "element",
      tagName: "span",
      properties,
      children: [{ type: "text", value: ch.repeat(j - i) }],
    });
    i = j;
  }
  if (ascii) out.push({ type: "text", value: ascii });
  return out;
}
