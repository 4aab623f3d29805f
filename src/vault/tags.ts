// Obsidian tags: `#` then letters of any script, digits, `_`, `-` and `/` for nesting; never all digits.
import type { TagName } from "./types.ts";

// The `#` must start the text or follow whitespace/opening punctuation, so `a#b` and URLs' `#frag` are not tags.
const INLINE_TAG = /(^|[\s(（【「,，;；])#([\p{L}\p{N}\p{M}_\-/]+)/gu;

export interface TagMatch {
  /** Offset of the `#`. */
  start: number;
  end: number;
  tag: TagName;
}

/** Cleans a candidate tag; returns undefined when it is not a valid tag. */
export function normalizeTag(raw: string): TagName | undefined {
  const tag = raw.replace(/^#/, "").replace(/^\/+|\/+$/g, "");
  if (!tag || /^[\d/]+$/.test(tag)) return undefined;
  if (!/^[\p{L}\p{N}\p{M}_\-/]+$/u.test(tag) || tag.includes("//")) return undefined;
  return tag as TagName;
}

/** Finds inline tags in a run of plain text (callers never pass code). */
export function findTags(text: string): TagMatch[] {
  const out: TagMatch[] = [];
  if (!text.includes("#")) return out;
  for (const m of text.matchAll(INLINE_TAG)) {
    const start = m.index + m[1].length;
    const raw = m[2].replace(/\/+$/, "");
    const tag = normalizeTag(raw);
    if (tag) out.push({ start, end: start + 1 + raw.length, tag });
  }
  return out;
}

/** Frontmatter `tags`/`tag` may be a list or a comma/space separated string, with or without `#`. */
export function frontmatterTags(value: unknown): TagName[] {
  const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[,\s]+/) : [];
  const out: TagName[] = [];
  for (const item of items) {
    if (typeof item !== "string" && typeof item !== "number") continue;
    const tag = normalizeTag(String(item).trim());
    if (tag) out.push(tag);
  }
  return out;
}

/** A nested tag also belongs to its parents: "a/b/c" → ["a", "a/b", "a/b/c"]. */
export function tagAncestors(tag: TagName): TagName[] {
  const parts = tag.split("/");
  return parts.map((_, i) => parts.slice(0, i + 1).join("/") as TagName);
}
