// URL paths for notes and tags. CJK stays as written (browsers percent-encode it on the wire);
// only characters that would break a URL path are changed.
import GithubSlugger from "github-slugger";
import type { NoteSlug, TagName, VaultPath } from "./types.ts";

export function noteSlugFromPath(path: VaultPath): NoteSlug {
  return path
    .replace(/\.md$/i, "")
    .split("/")
    .map((seg) => seg.trim().replace(/\s+/g, "-"))
    .join("/") as NoteSlug;
}

/** A `permalink` from frontmatter, cleaned of surrounding slashes. */
export function slugFromPermalink(permalink: string): NoteSlug {
  return permalink.trim().replace(/^\/+|\/+$/g, "").replace(/\s+/g, "-") as NoteSlug;
}

function encodePathSegment(seg: string): string {
  return seg.replace(/[%#?"<>\\^`{|}]/g, (c) => encodeURIComponent(c));
}

/** Joins the site base with a path; base "/" or "/docs/" (with or without trailing slash). */
export function withBase(base: string, path: string): string {
  const b = base.endsWith("/") ? base : base + "/";
  return b + path.replace(/^\/+/, "");
}

export function noteHref(slug: NoteSlug, base = "/"): string {
  if (!slug) return withBase(base, "");
  return withBase(base, slug.split("/").map(encodePathSegment).join("/") + "/");
}

export function tagHref(tag: TagName, base = "/"): string {
  return withBase(base, "tags/" + tag.split("/").map(encodePathSegment).join("/") + "/");
}

export function attachmentUrl(path: VaultPath, base = "/"): string {
  return withBase(base, "files/" + path.split("/").map(encodePathSegment).join("/"));
}

/** Heading anchors: GitHub's slugger (keeps CJK, drops emoji and punctuation), de-duplicated per page. */
export function createHeadingSlugger(): (text: string) => string {
  const slugger = new GithubSlugger();
  return (text) => slugger.slug(text);
}

/** How Obsidian compares heading text in links: case, spacing and link-breaking characters do not count. */
export function headingKey(text: string): string {
  return text
    .replace(/[#|^:\[\]%]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** URL paths the site itself uses; a note there would be shadowed, so it is reported instead. */
const RESERVED = new Set(["", "tags", "files", "labs", "pagefind", "404", "_astro"]);

export function reservedSlug(slug: NoteSlug): boolean {
  return RESERVED.has(slug.split("/")[0].toLowerCase());
}
