// Stage 2: a parsed note + the vault → HTML. Wiki-links become links (or visibly unresolved
// text), embeds are expanded with cycle protection, code is highlighted.
import type { Element, Root as HastRoot } from "hast";
import { toHtml } from "hast-util-to-html";
import type { Code, Image, Link, Nodes, Paragraph, Parent, Root, RootContent } from "mdast";
import { toHast } from "mdast-util-to-hast";
import { SKIP, visit } from "unist-util-visit";
import { splitFrontmatter } from "../frontmatter.ts";
import { labId } from "../labs.ts";
import { resolveLink } from "../resolve.ts";
import { attachmentUrl, noteHref, tagHref, withBase } from "../slug.ts";
import type { Note, Vault, VaultPath, WikiLink } from "../types.ts";
import { highlightCode } from "./code.ts";
import { element, text, type CalloutTitleData, type TagNode, type WikiLinkNode } from "./nodes.ts";
import { defaultCalloutTitle } from "../callouts.ts";
import { parseNote } from "./parse.ts";

export interface RenderOptions {
  /** Site base path, e.g. "/" or "/course/". */
  base?: string;
  /** Labels for footnotes, in the site language. */
  footnoteLabel?: string;
  footnoteBackLabel?: string;
  /** Labels for visible notes the renderer writes itself. */
  labels?: Partial<RenderLabels>;
  /** Site language: callouts without a title are titled in it (default: Obsidian's English type names). */
  lang?: string;
}

export interface RenderLabels {
  embedCycle: string;
  embedMissing: string;
  openLab: string;
}

const DEFAULT_LABELS: RenderLabels = {
  embedCycle: "Embed stopped: this note embeds itself",
  embedMissing: "Embedded note not found",
  openLab: "Open the lab",
};

export interface RenderResult {
  html: string;
  /** True when the page has Mermaid diagrams (so the page loads Mermaid). */
  hasMermaid: boolean;
}

const IMAGE = /\.(png|jpe?g|gif|svg|webp|avif|bmp|ico)$/i;
const MAX_EMBED_DEPTH = 8;
// Script URLs in Markdown links would run on click; data: is allowed for images only.
const UNSAFE_URL = /^\s*(?:javascript|vbscript|data(?!:image\/(?:png|gif|jpe?g|webp|avif);)):/i;

interface Context {
  vault: Vault;
  base: string;
  labels: RenderLabels;
  hasMermaid: boolean;
  codeBlocks: Code[];
}

/** Renders Markdown (with or without frontmatter) as it would appear in the note at `fromPath`. */
export async function renderMarkdown(vault: Vault, source: string, fromPath: string, options: RenderOptions = {}): Promise<RenderResult> {
  const { body, bodyLine } = splitFrontmatter(source, fromPath);
  const ctx: Context = {
    vault,
    base: options.base ?? "/",
    labels: { ...DEFAULT_LABELS, ...options.labels },
    hasMermaid: false,
    codeBlocks: [],
  };
  const tree = noteTree(vault, fromPath as VaultPath, body, bodyLine);
  resolveTree(tree, fromPath as VaultPath, ctx, [fromPath as VaultPath]);
  titleCallouts(tree, options.lang);
  addHeadingAnchors(tree);
  await highlightAll(ctx);
  const hast = toHast(tree, {
    footnoteLabel: options.footnoteLabel,
    footnoteBackLabel: options.footnoteBackLabel,
  }) as HastRoot;
  return { html: toHtml(hast), hasMermaid: ctx.hasMermaid };
}

/** A fresh, mutable tree for a note body: a clone of the one indexed (much cheaper than parsing), or a new parse. */
function noteTree(vault: Vault, path: VaultPath, body: string, bodyLine: number): Root {
  const indexed = vault.trees.get(path);
  if (indexed && vault.notes.get(path)?.body === body) return structuredClone(indexed);
  return parseNote(body, bodyLine).tree;
}

/** Words the default title of each untitled callout (embedded notes' too) in the site language. */
function titleCallouts(tree: Root, lang: string | undefined): void {
  visit(tree, (node: Nodes) => {
    const written = (node.data as CalloutTitleData | undefined)?.calloutDefaultTitle;
    if (written !== undefined) (node as Parent).children = [text(defaultCalloutTitle(written, lang))];
  });
}

/** Renders a note of the vault. */
export function renderNote(vault: Vault, note: Note, options: RenderOptions = {}): Promise<RenderResult> {
  return renderMarkdown(vault, note.body, note.path, options);
}

function resolveTree(tree: Root | Parent, from: VaultPath, ctx: Context, stack: VaultPath[]): void {
  visit(tree as Root, ((node: Nodes, index: number | undefined, parent: Parent | undefined) => {
    if (!parent || index === undefined) return;
    if (node.type === "code") {
      collectCode(node, ctx);
      return SKIP;
    }
    if ((node.type === "link" || node.type === "image" || node.type === "definition") && UNSAFE_URL.test(node.url)) {
      node.url = "#";
    }
    if (node.type === "tag") {
      const tag = (node as TagNode).tag;
      parent.children[index] = link(tagHref(tag, ctx.base), node.children, ["tag"]) as never;
      return SKIP;
    }
    if (node.type === "paragraph" && isLoneEmbed(node)) {
      const block = embedBlock((node.children.find((c) => c.type === "wikiLink") as WikiLinkNode).link, from, ctx, stack);
      if (block) {
        parent.children[index] = block as never;
        return SKIP;
      }
    }
    if (node.type === "wikiLink") {
      parent.children[index] = inlineLink((node as WikiLinkNode).link, node.children[0]?.value ?? "", from, ctx) as never;
      return SKIP;
    }
  }) as never);
}

function isLoneEmbed(p: Paragraph): boolean {
  const real = p.children.filter((c) => !(c.type === "text" && !c.value.trim()));
  return real.length === 1 && real[0].type === "wikiLink" && (real[0] as WikiLinkNode).link.embed;
}

function link(url: string, children: Parent["children"], className: string[], extra: Record<string, unknown> = {}): Link {
  return { type: "link", url, children: children as Link["children"], data: { hProperties: { className, ...extra } } };
}

function unresolved(display: string, link: WikiLink): Parent {
  return element("span", { className: ["unresolved"], title: `[[${link.raw}]]` }, [text(display)]);
}

/** A link in running text; image embeds become images, other embeds become links. */
function inlineLink(wl: WikiLink, display: string, from: VaultPath, ctx: Context): RootContent {
  const lab = labId(wl.target);
  if (lab) return link(withBase(ctx.base, `labs/${encodeURIComponent(lab)}/`), [text(wl.alias || lab)], ["internal", "lab-link"]);
  const res = resolveLink(ctx.vault, from, wl);
  if (res.kind === "unresolved") return unresolved(display, wl) as RootContent;
  if (res.kind === "attachment") {
    const url = attachmentUrl(res.attachment.path, ctx.base);
    if (wl.embed && IMAGE.test(res.attachment.path)) return image(url, wl);
    return link(url, [text(wl.embed ? wl.target : display)], ["internal", "attachment"]);
  }
  const sameNote = res.note.path === from && !wl.target;
  const href = (sameNote ? "" : noteHref(res.note.slug, ctx.base)) + (res.anchor ? `#${encodeURIComponent(res.anchor)}` : "");
  const classes = ["internal"];
  if (res.warning === "missing-heading" || res.warning === "missing-block") classes.push("missing-anchor");
  return link(href || "#", [text(display)], classes, { dataNote: res.note.path });
}

/** `![[image.png|300]]`, `|300x200`, or `|alt text`. */
function image(url: string, wl: WikiLink): Image {
  const props: Record<string, string> = { loading: "lazy" };
  const size = /^(\d+)(?:x(\d+))?$/.exec((wl.alias ?? "").trim());
  if (size) {
    props.width = size[1];
    if (size[2]) props.height = size[2];
  }
  const alt = size ? wl.target : (wl.alias ?? wl.target);
  return { type: "image", url, alt, data: { hProperties: props } };
}

/** A block embed: a lab placeholder, an image, or the transcluded note / section / block. */
function embedBlock(wl: WikiLink, from: VaultPath, ctx: Context, stack: VaultPath[]): Parent | Image | undefined {
  const lab = labId(wl.target);
  if (lab) {
    const href = withBase(ctx.base, `labs/${encodeURIComponent(lab)}/`);
    return element("div", { className: ["lab-embed"], dataLab: lab }, [
      element("p", {}, [link(href, [text(wl.alias || `${ctx.labels.openLab}: ${lab}`)], ["internal", "lab-link"])]) as never,
    ]);
  }
  const res = resolveLink(ctx.vault, from, wl);
  if (res.kind === "attachment") {
    if (!IMAGE.test(res.attachment.path)) return undefined;
    return element("p", {}, [image(attachmentUrl(res.attachment.path, ctx.base), wl)]);
  }
  if (res.kind === "unresolved") {
    return element("div", { className: ["transclude", "transclude-missing"] }, [
      element("p", {}, [unresolved(`${ctx.labels.embedMissing}: ${wl.target}`, wl) as never]) as never,
    ]);
  }
  const note = res.note;
  if (stack.includes(note.path)) {
    return element("div", { className: ["transclude", "transclude-cycle"], role: "note" }, [
      element("p", {}, [text(`${ctx.labels.embedCycle}: ![[${wl.raw}]]`)]) as never,
    ]);
  }
  if (stack.length > MAX_EMBED_DEPTH) return undefined;
  const tree = noteTree(ctx.vault, note.path, note.body, note.bodyLine);
  let blocks: RootContent[] = tree.children;
  if (wl.block) blocks = selectBlock(tree, wl.block);
  else if (wl.headings.length) blocks = selectSection(tree, res.anchor);
  const inner: Root = { type: "root", children: blocks };
  // Embedded headings get no ids: the host page's anchors and table of contents stay its own.
  visit(inner, "heading", (h) => {
    const props = (h.data as { hProperties?: Record<string, unknown> } | undefined)?.hProperties;
    if (props) delete props.id;
  });
  resolveTree(inner, note.path, ctx, [...stack, note.path]);
  const href = noteHref(note.slug, ctx.base) + (res.anchor ? `#${encodeURIComponent(res.anchor)}` : "");
  return element("div", { className: ["transclude"], dataEmbed: note.path }, [
    ...(inner.children as never[]),
    element("p", { className: ["transclude-source"] }, [link(href, [text(wl.alias || wl.target || note.title)], ["internal"])]) as never,
  ]);
}

/** A "#" after each section heading gives readers a link to share; search and screen readers skip it. */
function addHeadingAnchors(tree: Root): void {
  for (const node of tree.children) {
    if (node.type !== "heading" || node.depth < 2) continue;
    const id = (node.data as { hProperties?: { id?: string } } | undefined)?.hProperties?.id;
    if (!id) continue;
    node.children.push(
      element("a", { className: ["heading-anchor"], href: `#${encodeURIComponent(id)}`, ariaHidden: "true", tabIndex: -1, dataPagefindIgnore: "" }, [text("#")]) as never,
    );
  }
}

/** A heading embed keeps everything up to the next heading of the same or a higher level. */
function selectSection(tree: Root, anchor: string | undefined): RootContent[] {
  if (!anchor) return [];
  const start = tree.children.findIndex((n) => n.type === "heading" && (n.data as { hProperties?: { id?: string } })?.hProperties?.id === anchor);
  if (start === -1) return [];
  const depth = (tree.children[start] as { depth: number }).depth;
  let end = start + 1;
  while (end < tree.children.length) {
    const n = tree.children[end];
    if (n.type === "heading" && n.depth <= depth) break;
    end++;
  }
  return tree.children.slice(start, end);
}

function selectBlock(tree: Root, id: string): RootContent[] {
  let found: RootContent | undefined;
  visit(tree, (node) => {
    if ((node.data as { hProperties?: { id?: string } } | undefined)?.hProperties?.id === `^${id}`) {
      found = node as RootContent;
      return false;
    }
  });
  return found ? [found.type === "listItem" ? ({ type: "list", ordered: false, children: [found] } as RootContent) : found] : [];
}

function collectCode(node: Code, ctx: Context): void {
  if ((node.lang ?? "").toLowerCase() === "mermaid") {
    ctx.hasMermaid = true;
    becomeElement(node, "pre", { className: ["mermaid"] }, [{ type: "text", value: node.value }]);
    return;
  }
  ctx.codeBlocks.push(node);
}

async function highlightAll(ctx: Context): Promise<void> {
  for (const node of ctx.codeBlocks) {
    const pre: Element = await highlightCode(node.value, node.lang);
    becomeElement(node, "div", { className: ["code-block"] }, [pre]);
  }
}

/** Turns a code node into a plain element node in place (mdast-util-to-hast's `code` handler would wrap it in pre>code). */
function becomeElement(node: Code, hName: string, hProperties: Record<string, unknown>, hChildren: unknown[]): void {
  const n = node as unknown as { type: string; value?: string; data: unknown };
  n.type = "labnotesCode";
  delete n.value;
  n.data = { hName, hProperties, hChildren };
}
