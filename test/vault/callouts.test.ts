import { describe, expect, it } from "vitest";
import { defaultCalloutTitle, parseCalloutHeader } from "../../src/vault/callouts.ts";
import { vaultOf } from "./helpers.ts";
import { renderMarkdown } from "../../src/vault/markdown/render.ts";

describe("parseCalloutHeader", () => {
  it.each<[string, object | undefined]>([
    ["[!note]", { type: "note", written: "note" }],
    ["[!NOTE] Custom title", { type: "note", written: "note", title: "Custom title" }],
    ["[!tip]- Folded", { type: "tip", written: "tip", fold: "closed", title: "Folded" }],
    ["[!warning]+", { type: "warning", written: "warning", fold: "open" }],
    ["[!hint]", { type: "tip", written: "hint" }],
    ["[!important]", { type: "tip", written: "important" }],
    ["[!summary]", { type: "abstract", written: "summary" }],
    ["[!tldr]", { type: "abstract", written: "tldr" }],
    ["[!check]", { type: "success", written: "check" }],
    ["[!done]", { type: "success", written: "done" }],
    ["[!faq]", { type: "question", written: "faq" }],
    ["[!help]", { type: "question", written: "help" }],
    ["[!caution]", { type: "warning", written: "caution" }],
    ["[!attention]", { type: "warning", written: "attention" }],
    ["[!fail]", { type: "failure", written: "fail" }],
    ["[!missing]", { type: "failure", written: "missing" }],
    ["[!error]", { type: "danger", written: "error" }],
    ["[!cite]", { type: "quote", written: "cite" }],
    ["[!bug]", { type: "bug", written: "bug" }],
    ["[!example]", { type: "example", written: "example" }],
    ["[!todo]", { type: "todo", written: "todo" }],
    ["[!info]", { type: "info", written: "info" }],
    ["[!whatever]", { type: "note", written: "whatever" }], // unknown type looks like a note
    ["[note]", undefined],
    ["plain text", undefined],
  ])("%s", (line, expected) => {
    expect(parseCalloutHeader(line)).toEqual(expected);
  });
});

describe("callout rendering", () => {
  const vault = vaultOf({ "a.md": "" });
  const render = async (md: string) => (await renderMarkdown(vault, md, "a.md")).html;

  it("renders a plain callout with its default title and body", async () => {
    const html = await render("> [!tip]\n> Body text");
    expect(html).toContain('<div class="callout" data-callout="tip">');
    expect(html).toContain('<span class="callout-title-inner">Tip</span>');
    expect(html).toContain("<p>Body text</p>");
  });

  it("folds with <details>, open for + and closed for -", async () => {
    expect(await render("> [!warning]- Careful\n> hidden")).toMatch(/<details class="callout" data-callout="warning">\s*<summary class="callout-title">.*Careful/s);
    expect(await render("> [!warning]+ Open\n> shown")).toContain('<details class="callout" data-callout="warning" open>');
  });

  it("keeps an alias's own title and an unknown type's name", async () => {
    expect(await render("> [!faq]\n> q")).toMatch(/data-callout="question" data-callout-alias="faq".*>Faq</s);
    expect(await render("> [!Custom]\n> x")).toMatch(/data-callout="note" data-callout-alias="custom".*>Custom</s);
  });

  it("nests callouts and keeps inline Markdown in titles", async () => {
    const html = await render("> [!note] Outer **bold**\n> text\n> > [!danger] Inner\n> > deep");
    expect(html).toContain("Outer <strong>bold</strong>");
    expect(html).toMatch(/data-callout="note".*data-callout="danger".*Inner.*deep/s);
  });

  it("leaves ordinary blockquotes alone", async () => {
    expect(await render("> just a quote")).toBe("<blockquote>\n<p>just a quote</p>\n</blockquote>");
  });
});

describe("default callout titles in the site language", () => {
  it.each<[string, string | undefined, string]>([
    ["note", undefined, "Note"],
    ["note", "en", "Note"],
    ["note", "zh-CN", "注意"],
    ["tip", "zh-CN", "提示"],
    ["warning", "zh-CN", "警告"],
    ["important", "zh-CN", "重要"],
    ["faq", "zh-CN", "常见问题"],
    ["danger", "zh-cn", "危险"],
    ["whatever", "zh-CN", "Whatever"], // the author's own type keeps its name
    ["constructor", "zh-CN", "Constructor"], // not a table entry, whatever the table is made of
  ])("%s in %s → %s", (written, lang, title) => {
    expect(defaultCalloutTitle(written, lang)).toBe(title);
  });

  const vault = vaultOf({ "a.md": "", "b.md": "> [!warning]\n> embedded" });
  const render = async (md: string, lang?: string) => (await renderMarkdown(vault, md, "a.md", { lang })).html;

  it("titles an untitled callout in the render language, including embedded notes' callouts", async () => {
    expect(await render("> [!tip]\n> Body", "zh-CN")).toContain('<span class="callout-title-inner">提示</span>');
    expect(await render("![[b]]", "zh-CN")).toContain('<span class="callout-title-inner">警告</span>');
    expect(await render("> [!tip]\n> Body", "en")).toContain('<span class="callout-title-inner">Tip</span>');
  });

  it("keeps the author's title, written or inline", async () => {
    expect(await render("> [!tip] 自己的标题\n> Body", "zh-CN")).toContain('<span class="callout-title-inner">自己的标题</span>');
    expect(await render("> [!tip] **bold** title", "zh-CN")).toContain("<strong>bold</strong> title");
  });
});
