// The vault index: everything the site knows about a folder of notes, built once per build.
import type { Root } from "mdast";

/** A vault-relative file path with its extension, always with "/" separators: "labs/K8s网络原理.md". */
export type VaultPath = string & { readonly __brand: "VaultPath" };
/** The URL path of a note, without base and without slashes at either end: "K8s网络原理". */
export type NoteSlug = string & { readonly __brand: "NoteSlug" };
/** A tag without "#", nesting with "/": "K8s", "网络/DNS". */
export type TagName = string & { readonly __brand: "TagName" };

export interface Heading {
  depth: number;
  text: string;
  /** The anchor id the rendered page gives this heading. */
  id: string;
  line: number;
}

/** One `[[…]]` or `![[…]]` in a note, as written. */
export interface WikiLink {
  /** The raw text between the brackets. */
  raw: string;
  /** The path part (before `#`), "" for a same-note link `[[#Heading]]`. */
  target: string;
  /** Heading path segments after `#` (the last one is the heading looked up). */
  headings: string[];
  /** Block id after `#^`, without the caret. */
  block?: string;
  /** Text after `|`, if any. */
  alias?: string;
  embed: boolean;
}

export interface LinkOccurrence extends WikiLink {
  line: number;
  /** The sentence around the link, as plain text, for backlink context. */
  context: string;
}

export interface Note {
  path: VaultPath;
  slug: NoteSlug;
  /** File name without extension. */
  name: string;
  title: string;
  aliases: string[];
  tags: TagName[];
  frontmatter: Record<string, unknown>;
  /** The Markdown body (frontmatter removed). */
  body: string;
  /** 1-based line in the file where the body starts. */
  bodyLine: number;
  /** The raw frontmatter YAML, for reporting a value's line. */
  frontmatterYaml?: string;
  headings: Heading[];
  blocks: string[];
  links: LinkOccurrence[];
  /** ISO date of the last git commit touching the file, or the file's mtime. */
  updated?: string;
}

/** A non-Markdown file (image, PDF…) that notes can embed or link to with its extension. */
export interface Attachment {
  path: VaultPath;
  url: string;
}

export interface Backlink {
  from: VaultPath;
  line: number;
  context: string;
}

export interface VaultWarning {
  file: VaultPath;
  line: number;
  kind: "unresolved" | "ambiguous" | "missing-heading" | "missing-block" | "duplicate-url" | "reserved-url";
  message: string;
}

export interface Vault {
  dir: string;
  notes: Map<VaultPath, Note>;
  attachments: Map<VaultPath, Attachment>;
  /** Course order: the home note's `order`, then every other note by path. */
  order: VaultPath[];
  /** Only the notes the home note's `order` lists: the course outline shown beside each note. */
  outline: VaultPath[];
  /** The course home note (index.md at the root), if any. */
  home?: VaultPath;
  backlinks: Map<VaultPath, Backlink[]>;
  tags: Map<TagName, VaultPath[]>;
  warnings: VaultWarning[];
  /** Lookup tables for link resolution (built by loadVault / buildLookup). */
  lookup: VaultLookup;
  /** Each note's parsed Markdown, kept so rendering clones it instead of parsing again. */
  trees: Map<VaultPath, Root>;
}

export interface VaultLookup {
  /** Lower-cased full path, with and (for notes) without ".md". */
  exact: Map<string, VaultPath[]>;
  /** Lower-cased path suffixes by whole segments: "note", "sub/note", "sub/note.md". */
  suffix: Map<string, VaultPath[]>;
  /** Lower-cased frontmatter aliases. */
  alias: Map<string, VaultPath[]>;
}

/** What a link target resolved to. */
export type Resolution =
  | { kind: "note"; note: Note; anchor?: string; warning?: VaultWarning["kind"]; candidates?: VaultPath[] }
  | { kind: "attachment"; attachment: Attachment }
  | { kind: "unresolved" };

/** A file-and-line error for bad input (malformed frontmatter…), printed without a stack. */
export class VaultError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = "VaultError";
  }
}
