// UI strings of the site in every supported language. The site language comes from the config.
export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const zhCN = {
  siteTitle: "Kubernetes 网络课程",
  home: "首页",
  labs: "实验",
  toc: "目录",
  backlinks: "反向链接",
  noBacklinks: "还没有笔记链接到这里。",
  prev: "上一篇",
  next: "下一篇",
  updated: "最后更新",
  tags: "标签",
  allTags: "全部标签",
  notesTagged: "带有标签 #{tag} 的笔记",
  childTags: "子标签",
  noteCount: "{n} 篇笔记",
  readingOrder: "阅读顺序",
  search: "搜索",
  searchPlaceholder: "搜索笔记…",
  searchHint: "按 Ctrl+K 或 / 搜索",
  searchUnavailable: "搜索索引尚未生成（运行 npm run build）。",
  close: "关闭",
  toggleTheme: "切换深色/浅色模式",
  copy: "复制",
  copied: "已复制",
  notFound: "页面不存在",
  notFoundBody: "你要找的页面不存在，可能已被移动或改名。",
  backHome: "返回首页",
  footnotes: "脚注",
  backToContent: "返回正文",
  embedCycle: "嵌入已停止：笔记嵌入了自身",
  embedMissing: "找不到被嵌入的笔记",
  openLab: "打开实验",
  labBox: "动手实验",
  labMinutes: "约 {n} 分钟",
  labsDone: "已完成 {done}/{total} 个实验",
  skipToContent: "跳到正文",
};

export type Strings = typeof zhCN;

const en: Strings = {
  siteTitle: "Kubernetes Networking",
  home: "Home",
  labs: "Labs",
  toc: "On this page",
  backlinks: "Backlinks",
  noBacklinks: "No notes link here yet.",
  prev: "Previous",
  next: "Next",
  updated: "Last updated",
  tags: "Tags",
  allTags: "All tags",
  notesTagged: "Notes tagged #{tag}",
  childTags: "Nested tags",
  noteCount: "{n} notes",
  readingOrder: "Reading order",
  search: "Search",
  searchPlaceholder: "Search notes…",
  searchHint: "Press Ctrl+K or / to search",
  searchUnavailable: "The search index has not been built (run npm run build).",
  close: "Close",
  toggleTheme: "Toggle dark/light mode",
  copy: "Copy",
  copied: "Copied",
  notFound: "Page not found",
  notFoundBody: "The page you are looking for does not exist; it may have been moved or renamed.",
  backHome: "Back to the home page",
  footnotes: "Footnotes",
  backToContent: "Back to content",
  embedCycle: "Embed stopped: the note embeds itself",
  embedMissing: "Embedded note not found",
  openLab: "Open the lab",
  labBox: "Lab",
  labMinutes: "{n} min",
  labsDone: "{done}/{total} labs completed",
  skipToContent: "Skip to content",
};

const TABLE: Record<Language, Strings> = { "zh-CN": zhCN, en };

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

export function strings(lang: Language): Strings {
  return TABLE[lang];
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** Dates in the site language, in UTC so the build output does not depend on the machine's zone. */
export function formatDate(iso: string, lang: Language): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(d);
}
