// mdast node types the vault adds. Each carries `data.hName` so mdast-util-to-hast renders it
// without a custom handler.
import type { Parent, PhrasingContent, Text } from "mdast";
import type { TagName, WikiLink } from "../types.ts";

export interface WikiLinkNode extends Parent {
  type: "wikiLink";
  link: WikiLink & { line: number };
  children: Text[];
}

export interface TagNode extends Parent {
  type: "tag";
  tag: TagName;
  children: Text[];
}

declare module "mdast" {
  interface PhrasingContentMap {
    wikiLink: WikiLinkNode;
    tag: TagNode;
  }
  interface RootContentMap {
    wikiLink: WikiLinkNode;
    tag: TagNode;
  }
}

/** On a callout's title: the type as written, when the author gave no title (the render stage words it in the site language). */
export interface CalloutTitleData {
  calloutDefaultTitle?: string;
}

export function text(value: string): Text {
  return { type: "text", value };
}

/** An element-like mdast node: rendered as `<hName …props>children</hName>`. */
export function element(
  hName: string,
  hProperties: Record<string, unknown>,
  children: PhrasingContent[] | Parent["children"],
): Parent {
  return { type: "labnotesElement" as never, data: { hName, hProperties } as never, children } as Parent;
}
