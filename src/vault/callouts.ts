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

/**
 * Chinese titles for callouts written without one, keyed by the type as written (an alias keeps its
 * own word, as Obsidian keeps "Faq" for [!faq]). Where Obsidian's own zh interface names a callout
 * type (its "callout type" menu: 信息, 重要, 提示, 完成, 问题, 警告, 引用, 示例) the same word is used.
 */
const ZH_TITLES = new Map<string, string>(Object.entries({
  note: "注意",
  abstract: "摘要",
  summary: "总结",
  tldr: "摘要",
  info: "信息",
  todo: "待办",
  tip: "提示",
  hint: "提示",
  important: "重要",
  success: "完成",
  check: "完成",
  done: "完成",
  question: "问题",
  help: "帮助",
  faq: "常见问题",
  warning: "警告",
  caution: "小心",
  attention: "注意",
  failure: "失败",
  fail: "失败",
  missing: "缺失",
  danger: "危险",
  error: "错误",
  bug: "缺陷",
  example: "示例",
  quote: "引用",
  cite: "引用",
}));

/**
 * The title of a callout written without one: Obsidian shows the type as written, capitalised; a
 * Chinese site shows the type's Chinese name. A type of the author's own keeps its name in any language.
 */
export function defaultCalloutTitle(written: string, lang?: string): string {
  const zh = lang?.toLowerCase().startsWith("zh") ? ZH_TITLES.get(written.toLowerCase()) : undefined;
  return zh ?? written.charAt(0).toUpperCase() + written.slice(1);
}
