// Obsidian callout types and their aliases. An unknown type looks like a note but keeps its own title.

const TYPES: Record<string, readonly string[]> = {
  note: [],
  abstract: ["summary", "tldr"],
  info: [],
  todo: [],
  tip: ["hint", "important"],
  success: ["check", "done"],
  question: ["help", "faq"],
  warning: ["caution", "attention"],
  failure: ["fail", "missing"],
  danger: ["error"],
  bug: [],
  example: [],
  quote: ["cite"],
};

const CANONICAL = new Map<string, string>();
for (const [type, aliases] of Object.entries(TYPES)) {
  CANONICAL.set(type, type);
  for (const alias of aliases) CANONICAL.set(alias, type);
}

export interface CalloutHeader {
  /** The canonical type that decides the look ("note" for unknown types). */
  type: string;
  /** The type as written, lower-cased. */
  written: string;
  fold?: "open" | "closed";
  /** Custom title, or undefined to use the default title. */
  title?: string;
}

const HEADER = /^\[!([^\]\s]+)\]([+-]?)(?:[ \t]+(.*))?$/;

/** Parses the first line of a blockquote, `[!type]± Title`; undefined if it is not a callout. */
export function parseCalloutHeader(line: string): CalloutHeader | undefined {
  const m = HEADER.exec(line.trimEnd());
  if (!m) return undefined;
  const written = m[1].toLowerCase();
  const header: CalloutHeader = { type: CANONICAL.get(written) ?? "note", written };
  if (m[2]) header.fold = m[2] === "-" ? "closed" : "open";
  const title = m[3]?.trim();
  if (title) header.title = title;
  return header;
}

/** Obsidian's default title is the type as written, capitalised. */
export function defaultCalloutTitle(written: string): string {
  return written.charAt(0).toUpperCase() + written.slice(1);
}
