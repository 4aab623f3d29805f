// Site settings, fixed at build time by astro.config.mjs (see docs/course-authoring.md).
import { isLanguage, strings, type Language, type Strings } from "./strings.ts";

export interface SiteConfig {
  /** UI language of the site: "zh-CN" (default) or "en". */
  lang: Language;
  /** Folder of the vault, relative to the project root. */
  contentDir: string;
  /** Site title; defaults to the home note's title. */
  title?: string;
}

declare const __LABNOTES_SITE__: { lang?: string; contentDir?: string; title?: string } | undefined;

function readConfig(): SiteConfig {
  const raw = typeof __LABNOTES_SITE__ === "undefined" ? {} : __LABNOTES_SITE__;
  const lang = raw.lang && isLanguage(raw.lang) ? raw.lang : "zh-CN";
  return { lang, contentDir: raw.contentDir || "content", title: raw.title || undefined };
}

export const siteConfig: SiteConfig = readConfig();
export const t: Strings = strings(siteConfig.lang);
