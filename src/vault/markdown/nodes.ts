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
