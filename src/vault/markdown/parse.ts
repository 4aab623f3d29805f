// Stage 1, independent of the rest of the vault: Markdown source → mdast with Obsidian syntax
// recognised (wiki-links, tags, highlights, callouts, block ids, heading ids).
import type { Blockquote, Heading as MdHeading, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkCjkFriendly from "remark-cjk-friendly";
import remarkCjkFriendlyStrikethrough from "remark-cjk-friendly-gfm-strikethrough";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";
import { defaultCalloutTitle, parseCalloutHeader } from "../callouts.ts";
import { createHeadingSlugger } from "../slug.ts";
import { liftWikiLinks, stripComments, TOKEN_OPEN, TOKEN_PATTERN, type LiftedLinks } from "../source.ts";
import { findTags } from "../tags.ts";
import type { Heading, WikiLink } from "../types.ts";
import { element, text, type CalloutTitleData, type TagNode, type WikiLinkNode } from "./nodes.ts";

// CommonMark will not close `**粗体（注）**后文` (punctuation before `**`, a letter after); Obsidian does,
// and Chinese text hits this constantly, so emphasis follows the CJK-friendly rules.
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkCjkFriendly).use(remarkCjkFriendlyStrikethrough);

export interface ParsedNote {
  tree: Root;
  links: LiftedLinks["links"];
  headings: Heading[];
  blocks: string[];
}

/** Parses a note body; `firstLine` is the file line where the body starts, so positions match the file. */
export function parseNote(body: string, firstLine = 1): ParsedNote {
  const lifted = liftWikiLinks(stripComments(body), firstLine);
  const tree = parser.parse(lifted.text) as Root;
  if (firstLine !== 1) shiftLines(tree, firstLine - 1);
  restoreInCode(tree, lifted.links);
  expandInline(tree, lifted.links);
  const blocks = markBlockIds(tree);
  transformCallouts(tree);
  neutraliseHtml(tree);
  const headings = assignHeadingIds(tree);
  return { tree, links: lifted.links, headings, blocks };
}

function shiftLines(tree: Root, by: number): void {
  visit(tree, (node) => {
    if (node.position) {
      node.position.start.line += by;
      node.position.end.line += by;
    }
  });
}

/** Where the source scan could not see code (unusual fences, raw HTML), put the link text back as written. */
function restoreInCode(tree: Root, links: LiftedLinks["links"]): void {
  visit(tree, (node) => {
    if ((node.type === "code" || node.type === "inlineCode" || node.type === "html") && node.value.includes(TOKEN_OPEN)) {
      node.value = node.value.replace(TOKEN_PATTERN, (_, i: string) => `${links[Number(i)].embed ? "!" : ""}[[${links[Number(i)].raw}]]`);
    }
  });
}

/** How Obsidian shows a link without an alias: "Note", "Note > Heading", or "Heading" for same-note links. */
export function linkDisplayText(link: WikiLink): string {
  if (link.alias !== undefined && link.alias !== "") return link.alias;
  const fragment = link.block ? `^${link.block}` : link.headings.join(" > ");
  if (!link.target) return fragment;
  return fragment ? `${link.target} > ${fragment}` : link.target;
}

const HIGHLIGHT = /==([^=\s](?:[^\n]*?[^=\s])?)==/g;

/** Splits text nodes into wiki-links, highlights and tags. Code and link text are left alone. */
function expandInline(tree: Root, links: LiftedLinks["links"]): void {
  visit(tree, "text", (node: Text, index, parent) => {
    if (!parent || index === undefined) return;
    if (parent.type === "link" || parent.type === "linkReference") {
      // Placeholders inside an ordinary link's text just become their display text.
      node.value = node.value.replace(TOKEN_PATTERN, (_, i: string) => linkDisplayText(links[Number(i)]));
      return;
    }
    const pieces = splitPlaceholders(node.value, links);
    if (pieces.length === 1 && pieces[0] === node) return;
    parent.children.splice(index, 1, ...(pieces as never[]));
    return [SKIP, index + pieces.length];
  });
}

function splitPlaceholders(value: string, links: LiftedLinks["links"]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const m of value.matchAll(TOKEN_PATTERN)) {
    if (m.index > last) out.push(...splitHighlights(value.slice(last, m.index)));
    const link = links[Number(m[1])];
    const node: WikiLinkNode = { type: "wikiLink", link, children: [text(linkDisplayText(link))] };
    out.push(node);
    last = m.index + m[0].length;
  }
  if (last < value.length) out.push(...splitHighlights(value.slice(last)));
  return out;
}

function splitHighlights(value: string): PhrasingContent[] {
  if (!value.includes("==")) return splitTags(value);
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const m of value.matchAll(HIGHLIGHT)) {
    if (m.index > last) out.push(...splitTags(value.slice(last, m.index)));
    out.push(element("mark", {}, splitTags(m[1])) as never);
    last = m.index + m[0].length;
  }
  if (last < value.length) out.push(...splitTags(value.slice(last)));
  return out;
}

function splitTags(value: string): PhrasingContent[] {
  const found = findTags(value);
  if (!found.length) return [text(value)];
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const t of found) {
    if (t.start > last) out.push(text(value.slice(last, t.start)));
    const node: TagNode = { type: "tag", tag: t.tag, children: [text(value.slice(t.start, t.end))] };
    out.push(node);
    last = t.end;
  }
  if (last < value.length) out.push(text(value.slice(last)));
  return out;
}

const BLOCK_ID = /(?:^|\s)\^([A-Za-z0-9-]+)\s*$/;

/** `text ^id` at the end of a paragraph or list item makes that block linkable as `#^id`. */
function markBlockIds(tree: Root): string[] {
  const ids: string[] = [];
  visit(tree, (node, index, parent) => {
    if (!("children" in node) || node.type !== "paragraph" || !parent || index === undefined) return;
    const para = node as Paragraph;
    const last = para.children[para.children.length - 1];
    if (!last || last.type !== "text") return;
    const m = BLOCK_ID.exec(last.value);
    if (!m) return;
    const id = m[1];
    last.value = last.value.slice(0, m.index).trimEnd();
    if (!last.value) para.children.pop();
    ids.push(id);
    // A lone `^id` line names the block before it (a table, a quote, a list).
    const target: RootContent | Parent =
      para.children.length === 0 && index > 0
        ? (parent.children[index - 1] as RootContent)
        : parent.type === "listItem"
          ? parent
          : para;
    setProperty(target, "id", `^${id}`);
    if (para.children.length === 0) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
  });
  return ids;
}

function setProperty(node: { data?: unknown }, key: string, value: unknown): void {
  const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
  (data.hProperties ??= {})[key] = value;
}

/** `> [!type]± Title` blockquotes become callouts: `<details>` when foldable, so they work without JS. */
function transformCallouts(tree: Root): void {
  visit(tree, "blockquote", (quote: Blockquote) => {
    const first = quote.children[0];
    if (!first || first.type !== "paragraph") return;
    const head = first.children[0];
    if (!head || head.type !== "text") return;
    const newline = head.value.indexOf("\n");
    const headerLine = newline === -1 ? head.value : head.value.slice(0, newline);
    const header = parseCalloutHeader(headerLine);
    if (!header) return;

    // The rest of the first line (after the header text node) is inline title content, up to a line break.
    const titleNodes: PhrasingContent[] = [];
    const bodyNodes: PhrasingContent[] = [];
    if (newline === -1) {
      let i = 1;
      for (; i < first.children.length; i++) {
        const child = first.children[i];
        if (child.type === "text" && child.value.includes("\n")) {
          const cut = child.value.indexOf("\n");
          titleNodes.push(text(child.value.slice(0, cut)));
          const rest = child.value.slice(cut + 1);
          if (rest) bodyNodes.push(text(rest));
          i++;
          break;
        }
        if (child.type === "break") {
          i++;
          break;
        }
        titleNodes.push(child);
      }
      bodyNodes.push(...first.children.slice(i));
    } else {
      const rest = head.value.slice(newline + 1);
      if (rest) bodyNodes.push(text(rest));
      bodyNodes.push(...first.children.slice(1));
    }
    const customTitle = header.title !== undefined;
    const title: PhrasingContent[] = customTitle
      ? [text(header.title! + (titleNodes.length ? " " : "")), ...titleNodes]
      : titleNodes.length
        ? titleNodes
        : [text(defaultCalloutTitle(header.written))];
    const inner = element("span", { className: ["callout-title-inner"] }, title);
    // The default title depends on the site language, which only the render stage knows.
    if (!customTitle && !titleNodes.length) (inner.data as CalloutTitleData).calloutDefaultTitle = header.written;
    const blocks = quote.children.slice(1);
    if (bodyNodes.length && !(bodyNodes.length === 1 && bodyNodes[0].type === "text" && !bodyNodes[0].value.trim())) {
      blocks.unshift({ type: "paragraph", children: bodyNodes });
    }
    const foldable = header.fold !== undefined;
    const titleNode = element(foldable ? "summary" : "div", { className: ["callout-title"] }, [
      element("span", { className: ["callout-icon"], ariaHidden: "true" }, []) as never,
      inner as never,
    ]);
    const content = element("div", { className: ["callout-content"] }, blocks);
    const props: Record<string, unknown> = { className: ["callout"], dataCallout: header.type };
    if (header.written !== header.type) props.dataCalloutAlias = header.written;
    if (header.fold === "open") props.open = true;
    quote.data = { hName: foldable ? "details" : "div", hProperties: props } as never;
    quote.children = (blocks.length ? [titleNode, content] : [titleNode]) as never;
  });
}

/** Raw HTML in a note is shown as text: notes can carry untrusted titles and aliases. */
function neutraliseHtml(tree: Root): void {
  visit(tree, "html", (node, index, parent) => {
    if (!parent || index === undefined) return;
    (parent.children as unknown[])[index] = text(node.value);
  });
}

function assignHeadingIds(tree: Root): Heading[] {
  const slug = createHeadingSlugger();
  const headings: Heading[] = [];
  visit(tree, "heading", (node: MdHeading) => {
    const label = toString(node).trim();
    const id = slug(label);
    setProperty(node, "id", id);
    headings.push({ depth: node.depth, text: label, id, line: node.position?.start.line ?? 0 });
  });
  return headings;
}
