// Wiki-link resolution, the way Obsidian resolves it: an exact vault path wins, then a relative
// path, then the shortest unique path (case-insensitive), then aliases. When several files share
// the shortest path, the one nearest the vault root wins and the link is reported as ambiguous.
import { parseWikiLink } from "./source.ts";
import { headingKey } from "./slug.ts";
import type { Resolution, Vault, VaultLookup, VaultPath, WikiLink } from "./types.ts";

const MD = /\.md$/i;

function add(map: Map<string, VaultPath[]>, key: string, path: VaultPath): void {
  const list = map.get(key);
  if (!list) map.set(key, [path]);
  else if (!list.includes(path)) list.push(path);
}

/** Builds the lookup tables from the vault's notes and attachments. */
export function buildLookup(notes: Iterable<{ path: VaultPath; aliases?: string[] }>, attachments: Iterable<VaultPath>): VaultLookup {
  const lookup: VaultLookup = { exact: new Map(), suffix: new Map(), alias: new Map() };
  const index = (path: VaultPath, isNote: boolean) => {
    const lower = path.toLowerCase();
    const keys = isNote ? [lower, lower.replace(MD, "")] : [lower];
    for (const key of keys) {
      add(lookup.exact, key, path);
      const segs = key.split("/");
      for (let i = 0; i < segs.length; i++) add(lookup.suffix, segs.slice(i).join("/"), path);
    }
  };
  for (const note of notes) {
    index(note.path, true);
    for (const alias of note.aliases ?? []) add(lookup.alias, alias.trim().toLowerCase(), note.path);
  }
  for (const path of attachments) index(path, false);
  return lookup;
}

function depth(path: string): number {
  return path.split("/").length;
}

/** Nearest the root first, then by path, so the choice never depends on file-system order. */
function pick(candidates: VaultPath[]): { path: VaultPath; ambiguous: boolean } {
  const sorted = [...candidates].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
  return { path: sorted[0], ambiguous: sorted.length > 1 };
}

function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i === -1 ? "" : path.slice(0, i);
}

function normalizeRelative(from: VaultPath, target: string): string | undefined {
  const parts = dirname(from) ? dirname(from).split("/") : [];
  for (const seg of target.split("/")) {
    if (seg === "." || seg === "") continue;
    if (seg === "..") {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join("/");
}

/** Finds the file a link path names; `from` is the linking note. */
export function resolvePath(vault: Pick<Vault, "lookup">, from: VaultPath, target: string): { path: VaultPath; ambiguous: boolean; candidates: VaultPath[] } | undefined {
  const t = target.trim().replace(/\\/g, "/");
  if (!t) return { path: from, ambiguous: false, candidates: [from] };
  const { exact, suffix, alias } = vault.lookup;
  if (t.startsWith("/")) {
    const hit = exact.get(t.replace(/^\/+/, "").toLowerCase());
    return hit ? { ...pick(hit), candidates: hit } : undefined;
  }
  if (t.startsWith("./") || t.startsWith("../")) {
    const rel = normalizeRelative(from, t);
    const hit = rel === undefined ? undefined : exact.get(rel.toLowerCase());
    return hit ? { ...pick(hit), candidates: hit } : undefined;
  }
  const key = t.toLowerCase();
  for (const table of [exact, suffix, alias]) {
    const hit = table.get(key);
    if (hit?.length) return { ...pick(hit), candidates: hit };
  }
  return undefined;
}

/** Resolves a wiki-link (parsed, or the raw text between `[[` and `]]`) from a note. */
export function resolveLink(vault: Vault, from: VaultPath, link: WikiLink | string): Resolution {
  const wiki = typeof link === "string" ? parseWikiLink(link.replace(/^!?\[\[|\]\]$/g, ""), false) : link;
  const found = resolvePath(vault, from, wiki.target);
  if (!found) return { kind: "unresolved" };
  const attachment = vault.attachments.get(found.path);
  if (attachment) return { kind: "attachment", attachment };
  const note = vault.notes.get(found.path);
  if (!note) return { kind: "unresolved" };
  const result: Extract<Resolution, { kind: "note" }> = { kind: "note", note };
  if (found.ambiguous) {
    result.warning = "ambiguous";
    result.candidates = found.candidates;
  }
  if (wiki.block) {
    if (note.blocks.includes(wiki.block)) result.anchor = `^${wiki.block}`;
    else result.warning ??= "missing-block";
  } else if (wiki.headings.length) {
    const heading = findHeading(note.headings, wiki.headings);
    if (heading) result.anchor = heading.id;
    else result.warning ??= "missing-heading";
  }
  return result;
}

/** `[[Note#A#B]]` looks for B after A; the last segment decides. */
function findHeading<H extends { text: string; depth: number }>(headings: H[], path: string[]): H | undefined {
  let start = 0;
  let found: H | undefined;
  for (const seg of path) {
    const key = headingKey(seg);
    const i = headings.findIndex((h, idx) => idx >= start && headingKey(h.text) === key);
    if (i === -1) return undefined;
    found = headings[i];
    start = i + 1;
  }
  return found;
}
