// Builds the vault index: reads every file once, parses notes, resolves links, collects
// backlinks, tags and the course order. Everything the pages need comes from here.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Nodes, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { visitParents } from "unist-util-visit-parents";
import { frontmatterTags, tagAncestors } from "./tags.ts";

import { frontmatterLine, splitFrontmatter, stringList as frontmatterStringList } from "./frontmatter.ts";
import { gitDates, mtimeDate } from "./git.ts";
import { linkDisplayText, parseNote } from "./markdown/parse.ts";
import type { TagNode, WikiLinkNode } from "./markdown/nodes.ts";
import { labId } from "./labs.ts";
import { buildLookup, resolveLink } from "./resolve.ts";
import { attachmentUrl, noteSlugFromPath, reservedSlug, slugFromPermalink } from "./slug.ts";
import type { Attachment, Backlink, LinkOccurrence, Note, NoteSlug, TagName, Vault, VaultPath, VaultWarning } from "./types.ts";

export interface LoadOptions {
  /** Read last-updated dates from git (default true). */
  git?: boolean;
  /** URL base for attachment URLs (default "/"). */
  base?: string;
  /** Lab ids that exist; when given, `[[lab:ID]]` links to other ids are reported as unresolved. */
  labIds?: ReadonlySet<string>;
}

/** Lists files under dir, skipping dot-folders such as .obsidian and .trash. */
function listFiles(dir: string): VaultPath[] {
  const out: VaultPath[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join("/").normalize("NFC") as VaultPath);
    }
  };
  walk(dir);
  return out.sort();
}


/** A file of the vault: Markdown notes carry their source, attachments need none. */
export interface VaultFile {
  path: string;
  source?: string;
  /** Last-updated date, if known. */
  updated?: string;
}

export function loadVault(dir: string, options: LoadOptions = {}): Vault {
  const dates = options.git === false ? new Map<string, string>() : gitDates(dir);
  const files: VaultFile[] = listFiles(dir).map((path) =>
    /\.md$/i.test(path)
      ? { path, source: readFileSync(join(dir, path), "utf8"), updated: dates.get(path) ?? mtimeDate(dir, path) }
      : { path },
  );
  return createVault(dir, files, options);
}

/** Builds the index from files already in memory (used by loadVault and by tests). */
export function createVault(dir: string, files: VaultFile[], options: LoadOptions = {}): Vault {
  const notes = new Map<VaultPath, Note>();
  const attachments = new Map<VaultPath, Attachment>();
  const trees = new Map<VaultPath, Root>();
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const path = file.path as VaultPath;
    if (!/\.md$/i.test(path)) {
      attachments.set(path, { path, url: attachmentUrl(path, options.base) });
      continue;
    }
    const { note, tree } = indexNote(path, file.source ?? "");
    if (file.updated) note.updated = file.updated;
    notes.set(path, note);
    trees.set(path, tree);
  }

  const vault: Vault = {
    dir,
    notes,
    attachments,
    order: [],
    outline: [],
    backlinks: new Map(),
    tags: new Map(),
    warnings: [],
    lookup: buildLookup(notes.values(), attachments.keys()),
    trees,
  };
  vault.home = [...notes.keys()].find((p) => p.toLowerCase() === "index.md");
  // The home note is the site's front page, so links and backlinks to it go to "/".
  if (vault.home) notes.get(vault.home)!.slug = "" as NoteSlug;
  checkUrls(vault);
  collectLinks(vault, options.labIds);
  collectTags(vault);
  vault.outline = courseOutline(vault);
  vault.order = [...vault.outline, ...[...notes.keys()].filter((p) => p !== vault.home && !vault.outline.includes(p))];
  return vault;
}

/** Parses one note into its index entry (no cross-note work). */
export function indexNote(path: VaultPath, source: string): { note: Note; tree: Root } {
  const { data, body, bodyLine, yaml } = splitFrontmatter(source, path);
  const parsed = parseNote(body, bodyLine);
  const name = path.split("/").pop()!.replace(/\.md$/i, "");
  const firstH1 = parsed.tree.children[0]?.type === "heading" && parsed.tree.children[0].depth === 1 ? toString(parsed.tree.children[0]).trim() : undefined;
  const title = typeof data.title === "string" && data.title.trim() ? data.title.trim() : (firstH1 ?? name);
  const tags: TagName[] = [];
  for (const t of [...frontmatterTags(data.tags), ...frontmatterTags(data.tag)]) if (!tags.includes(t)) tags.push(t);
  const links: LinkOccurrence[] = [];
  visitParents(parsed.tree, (node: Nodes, ancestors: Nodes[]) => {
    if (node.type === "tag") {
      const tag = (node as TagNode).tag;
      if (!tags.includes(tag)) tags.push(tag);
    } else if (node.type === "wikiLink") {
      const wl = (node as WikiLinkNode).link;
      links.push({ ...wl, context: linkContext(ancestors, linkDisplayText(wl)) });
    }
  });
  const permalink = typeof data.permalink === "string" && data.permalink.trim() ? data.permalink : undefined;
  const note: Note = {
    path,
    slug: permalink ? slugFromPermalink(permalink) : noteSlugFromPath(path),
    name,
    title,
    aliases: frontmatterStringList(data.aliases ?? data.alias),
    tags,
    frontmatter: data,
    body,
    bodyLine,
    frontmatterYaml: yaml,
    headings: parsed.headings,
    blocks: parsed.blocks,
    links,
  };
  return { note, tree: parsed.tree };
}

const BLOCKS = new Set(["paragraph", "heading", "tableCell", "listItem"]);

// ICU's sentence rules know both "。！？" and ". ! ?", so one segmenter serves Chinese and English notes.
const SENTENCES = new Intl.Segmenter("zh", { granularity: "sentence" });
const MAX_CONTEXT = 240;

/** The sentence around a link, so a backlink reads in context. */
function linkContext(ancestors: Nodes[], display: string): string {
  const block = [...ancestors].reverse().find((n) => BLOCKS.has(n.type));
  if (!block) return display;
  const all = toString(block).replace(/\s+/g, " ").trim();
  const at = Math.max(0, all.indexOf(display));
  let sentence = all;
  for (const { segment, index } of SENTENCES.segment(all)) {
    if (at >= index && at < index + segment.length) {
      sentence = segment.trim();
      break;
    }
  }
  return sentence.length > MAX_CONTEXT ? sentence.slice(0, MAX_CONTEXT - 1) + "…" : sentence;
}

function collectLinks(vault: Vault, labIds: ReadonlySet<string> | undefined): void {
  for (const note of vault.notes.values()) {
    for (const link of note.links) {
      const lab = labId(link.target);
      if (lab !== undefined) {
        if (labIds && !labIds.has(lab)) vault.warnings.push(warning(note.path, link.line, "unresolved", `no lab "${lab}" for [[${link.raw}]]`));
        continue;
      }
      const res = resolveLink(vault, note.path, link);
      if (res.kind === "unresolved") {
        vault.warnings.push(warning(note.path, link.line, "unresolved", `unresolved link [[${link.raw}]]`));
        continue;
      }
      if (res.kind !== "note") continue;
      if (res.warning === "ambiguous") {
        vault.warnings.push(warning(note.path, link.line, "ambiguous", `ambiguous link [[${link.raw}]]: ${res.candidates!.join(", ")}; using ${res.note.path}`));
      } else if (res.warning === "missing-heading") {
        vault.warnings.push(warning(note.path, link.line, "missing-heading", `no heading "${link.headings.join("#")}" in ${res.note.path} for [[${link.raw}]]`));
      } else if (res.warning === "missing-block") {
        vault.warnings.push(warning(note.path, link.line, "missing-block", `no block ^${link.block} in ${res.note.path} for [[${link.raw}]]`));
      }
      if (res.note.path === note.path) continue;
      const list = vault.backlinks.get(res.note.path) ?? [];
      if (!list.some((b: Backlink) => b.from === note.path && b.line === link.line)) {
        list.push({ from: note.path, line: link.line, context: link.context });
      }
      vault.backlinks.set(res.note.path, list);
    }
  }
}

/** Two notes at one URL (case-insensitively, as hosts differ), or a note at a URL the site uses itself, would lose a page. */
function checkUrls(vault: Vault): void {
  const seen = new Map<string, VaultPath>();
  for (const note of vault.notes.values()) {
    if (note.path === vault.home) continue;
    if (reservedSlug(note.slug)) {
      vault.warnings.push(warning(note.path, 1, "reserved-url", `the URL /${note.slug}/ is reserved for the site; rename the note or set a permalink`));
      continue;
    }
    const key = note.slug.toLowerCase();
    const first = seen.get(key);
    if (first) vault.warnings.push(warning(note.path, 1, "duplicate-url", `same URL /${note.slug}/ as ${first}; set a different permalink`));
    else seen.set(key, note.path);
  }
}

function warning(file: VaultPath, line: number, kind: VaultWarning["kind"], message: string): VaultWarning {
  return { file, line, kind, message };
}

/** Tags are case-insensitive; the first spelling seen names the tag page. Parents list their children's notes. */
function collectTags(vault: Vault): void {
  const canonical = new Map<string, TagName>();
  for (const note of vault.notes.values()) {
    note.tags = note.tags.map((t) => {
      const key = t.toLowerCase();
      if (!canonical.has(key)) canonical.set(key, t);
      return canonical.get(key)!;
    });
    for (const tag of note.tags) {
      for (const t of tagAncestors(tag)) {
        const key = t.toLowerCase();
        if (!canonical.has(key)) canonical.set(key, t);
        const name = canonical.get(key)!;
        const list = vault.tags.get(name) ?? [];
        if (!list.includes(note.path)) list.push(note.path);
        vault.tags.set(name, list);
      }
    }
  }
}

/** The notes the home note's `order` lists (wiki-link targets), resolved like links. */
function courseOutline(vault: Vault): VaultPath[] {
  const outline: VaultPath[] = [];
  const home = vault.home ? vault.notes.get(vault.home) : undefined;
  if (!home) return outline;
  for (const target of frontmatterStringList(home.frontmatter.order)) {
    const res = resolveLink(vault, home.path, target.replace(/^\[\[|\]\]$/g, ""));
    if (res.kind !== "note") {
      vault.warnings.push(warning(home.path, frontmatterLine(home.frontmatterYaml, target), "unresolved", `unresolved course order entry "${target}"`));
    }
    else if (!outline.includes(res.note.path) && res.note.path !== home.path) outline.push(res.note.path);
  }
  return outline;
}
