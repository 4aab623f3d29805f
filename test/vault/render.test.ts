import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/vault/markdown/render.ts";
import { splitFrontmatter } from "../../src/vault/frontmatter.ts";
import { VaultError } from "../../src/vault/types.ts";
import { vaultOf } from "./helpers.ts";

const vault = vaultOf({
  "index.md": "# Home",
  "Guide.md": "# Guide\n\nIntro. ^intro\n\n## Part A\n\nA text\n\n### A.1\n\nsub text\n\n## Part B\n\nB text\n",
  "Self.md": "# Self\n\n![[Self]]\n",
  "Ping.md": "ping\n\n![[Pong]]\n",
  "Pong.md": "pong\n\n![[Ping]]\n",
  "img/pic.png": null,
});

const render = async (md: string, from = "index.md") => (await renderMarkdown(vault, md, from)).html;

describe("links", () => {
  it.each<[string, string]>([
    ["[[Guide]]", '<a href="/Guide/" class="internal" data-note="Guide.md">Guide</a>'],
    ["[[guide|the guide]]", '<a href="/Guide/" class="internal" data-note="Guide.md">the guide</a>'],
    ["[[Guide#Part A]]", '<a href="/Guide/#part-a" class="internal" data-note="Guide.md">Guide > Part A</a>'],
    ["[[Guide#^intro]]", '<a href="/Guide/#%5Eintro" class="internal" data-note="Guide.md">Guide > ^intro</a>'],
    ["[[Nowhere]]", '<span class="unresolved" title="[[Nowhere]]">Nowhere</span>'],
    ["[[index|home]]", '<a href="/" class="internal" data-note="index.md">home</a>'],
    ["[[lab:dns-basics|DNS 实验]]", '<a href="/labs/dns-basics/" class="internal lab-link">DNS 实验</a>'],
  ])("%s", async (md, expected) => {
    expect(await render(md)).toBe(`<p>${expected}</p>`);
  });

  it("renders unresolved links as text that is not a link", async () => {
    const html = await render("see [[Missing note|here]]");
    expect(html).not.toContain("<a");
    expect(html).toContain('class="unresolved"');
  });

  it("uses the base path for every URL", async () => {
    const { html } = await renderMarkdown(vault, "[[Guide]] #tag ![[pic.png]]", "index.md", { base: "/course/" });
    expect(html).toContain('href="/course/Guide/"');
    expect(html).toContain('href="/course/tags/tag/"');
    expect(html).toContain('src="/course/files/img/pic.png"');
  });
});

/** The markup outside attribute values: what a browser would turn into elements and attributes. */
const markup = (html: string) => html.replace(/"[^"]*"/g, '""');

it("rendering reuses the indexed tree without changing it", async () => {
  const note = vault.notes.get("Guide.md" as never)!;
  const before = JSON.stringify(vault.trees.get(note.path));
  const first = await renderMarkdown(vault, note.body, note.path);
  const second = await renderMarkdown(vault, note.body, note.path);
  expect(second.html).toBe(first.html);
  expect(JSON.stringify(vault.trees.get(note.path))).toBe(before);
  // A changed body (a lab page previewing an edit) is parsed afresh, not taken from the index.
  expect((await renderMarkdown(vault, "# Other", note.path)).html).toBe('<h1 id="other">Other</h1>');
});

describe("bad input is escaped, never markup", () => {
  it.each([
    ["[[Guide|<script>alert(1)</script>]]", "&#x3C;script>alert(1)&#x3C;/script>"],
    ['[[Guide|say "hi" & \'bye\']]', "say \"hi\" &#x26; 'bye'"],
    ["[[<img src=x onerror=alert(1)>]]", "&#x3C;img src=x onerror=alert(1)>"],
    ["## <script>alert(1)</script>", "&#x3C;script>alert(1)&#x3C;/script>"],
    ["[[Guide|a]]b]]", ">a</a>b]]"],
  ])("%s", async (md, fragment) => {
    const html = await render(md);
    expect(markup(html)).not.toMatch(/<script|<img/);
    expect(html).toContain(fragment);
  });

  it.each(["[x](javascript:alert(1))", "[x]( JAVASCRIPT:alert(1))", "[x][r]\n\n[r]: javascript:alert(1)", "![x](data:text/html,<script>)"])(
    "neutralises script URLs: %s",
    async (md) => {
      const html = await render(md);
      expect(html).not.toMatch(/javascript:|data:text/i);
      expect(html).toMatch(/(href|src)="#"/);
    },
  );

  it("escapes quotes in attributes built from link text", async () => {
    const html = await render('[[x" onmouseover="alert(1)]]');
    expect(markup(html)).not.toMatch(/onmouseover/);
    expect(html).toContain("&#x22;");
  });
});

describe("embeds", () => {
  it("transcludes a whole note", async () => {
    const html = await render("![[Guide]]");
    expect(html).toMatch(/<div class="transclude" data-embed="Guide.md">.*A text.*B text/s);
  });

  it("gives the page's own section headings an anchor link, but not embedded ones", async () => {
    const html = await render("# Title\n\n## Own\n\n![[Guide#Part A]]");
    expect(html).toContain('<h2 id="own">Own<a class="heading-anchor" href="#own" aria-hidden="true" tabindex="-1" data-pagefind-ignore="">#</a></h2>');
    expect(html).toContain('<h1 id="title">Title</h1>');
    expect(html).toContain("<h2>Part A</h2>");
  });

  it("keeps a heading's sub-headings and stops at the next sibling heading", async () => {
    const html = await render("![[Guide#Part A]]");
    expect(html).toContain("A text");
    expect(html).toContain("<h3>A.1</h3>");
    expect(html).toContain("sub text");
    expect(html).not.toContain("B text");
  });

  it("embeds a block by id", async () => {
    const html = await render("![[Guide#^intro]]");
    expect(html).toContain("Intro.");
    expect(html).not.toContain("A text");
  });

  it("gives list items and lone ^id lines their block ids", async () => {
    const html = await render("- one\n- two ^item-two\n\n| a |\n|---|\n| 1 |\n\n^the-table\n");
    expect(html).toContain('<li id="^item-two">two</li>');
    expect(html).toContain('<table id="^the-table">');
    expect(html).not.toContain("^the-table\n");
  });

  it("stops a note that embeds itself with a visible note", async () => {
    const html = (await renderMarkdown(vault, "# Self\n\n![[Self]]\n", "Self.md")).html;
    expect(html).toContain('class="transclude transclude-cycle"');
  });

  it("stops an embed cycle across notes", async () => {
    const html = (await renderMarkdown(vault, "ping\n\n![[Pong]]\n", "Ping.md")).html;
    expect(html).toContain("pong");
    expect(html).toContain('class="transclude transclude-cycle"');
  });

  it.each<[string, string]>([
    ["![[pic.png]]", '<img src="/files/img/pic.png" alt="pic.png" loading="lazy">'],
    ["![[pic.png|300]]", '<img src="/files/img/pic.png" alt="pic.png" loading="lazy" width="300">'],
    ["![[pic.png|300x200]]", '<img src="/files/img/pic.png" alt="pic.png" loading="lazy" width="300" height="200">'],
  ])("%s", async (md, img) => {
    expect(await render(md)).toContain(img);
  });

  it("renders a lab embed as a placeholder that links to the lab page", async () => {
    expect(await render("![[lab:dns-basics]]")).toBe(
      '<div class="lab-embed" data-lab="dns-basics"><p><a href="/labs/dns-basics/" class="internal lab-link">Open the lab: dns-basics</a></p></div>',
    );
  });
});

describe("Obsidian and GFM syntax", () => {
  it("highlights, and comments never reach the HTML", async () => {
    const html = await render("a ==marked== b %%secret%% c\n\n%%\nblock secret [[Guide]]\n%%\n\n`%%kept%%`");
    expect(html).toContain("<mark>marked</mark>");
    expect(html).not.toContain("secret");
    expect(html).toContain("<code>%%kept%%</code>");
  });

  it("keeps wiki-link syntax inside code", async () => {
    expect(await render("`[[Guide]]`")).toBe("<p><code>[[Guide]]</code></p>");
    const nested = await render("- item\n\n      ```\n      ![[Guide]] [[x|y]]\n      ```\n");
    expect(nested).toContain("![[Guide]] [[x|y]]");
    expect(await render("    indented [[Guide]] code")).toContain("<span>indented [[Guide]] code</span>");
    expect(await render("<div>[[Guide]]</div>")).toContain("&#x3C;div>[[Guide]]&#x3C;/div>");
  });

  it.each<[string, string]>([
    ["靠**标签（label）**和**选择器（selector）**关联", "靠<strong>标签（label）</strong>和<strong>选择器（selector）</strong>关联"],
    ["**控制平面（Control Plane）**：运行", "<strong>控制平面（Control Plane）</strong>：运行"],
    ["~~旧方法（已废弃）~~改用", "<del>旧方法（已废弃）</del>改用"],
    ["2 * 3 * 4", "2 * 3 * 4"],
  ])("emphasis next to CJK punctuation, as Obsidian shows it: %s", async (md, html) => {
    expect(await render(md)).toBe(`<p>${html}</p>`);
  });

  it("renders footnotes, task lists and tables", async () => {
    const html = await render("Text[^1]\n\n[^1]: The note.\n\n- [x] done\n- [ ] todo\n\n| a | b |\n|---|---|\n| 1 | [[Guide\\|G]] |\n");
    expect(html).toMatch(/<sup><a href="#user-content-fn-1"/);
    expect(html).toContain("The note.");
    expect(html).toContain('<input type="checkbox" checked disabled>');
    expect(html).toMatch(/<td>1<\/td>\s*<td><a href="\/Guide\/"[^>]*>G<\/a><\/td>/);
  });

  it("gives Mermaid blocks to the browser and flags the page", async () => {
    const res = await renderMarkdown(vault, "```mermaid\ngraph TD; A-->B\n```", "index.md");
    expect(res.hasMermaid).toBe(true);
    expect(res.html).toBe('<pre class="mermaid">graph TD; A-->B</pre>');
    expect((await renderMarkdown(vault, "```yaml\na: 1\n```", "index.md")).hasMermaid).toBe(false);
  });

  it("highlights code with both themes and gives wide characters two cells", async () => {
    const html = await render("```yaml\nkey: 值 # 注释\n```\n\n```\n┌──┐\n```");
    expect(html).toContain('class="shiki shiki-themes github-light github-dark"');
    expect(html).toMatch(/color:light-dark\(#[0-9a-fA-F]+, ?#[0-9a-fA-F]+\)/);
    expect(html).toContain('<span class="cw2">值</span>');
    expect(html).toContain('<span class="cw" style="width:2ch">──</span>');
  });
});

describe("frontmatter", () => {
  it("names the file and line of malformed YAML", () => {
    const source = "---\ntitle: ok\ntags: [a, b\n---\nbody\n";
    expect(() => splitFrontmatter(source, "notes/bad.md")).toThrow(VaultError);
    try {
      splitFrontmatter(source, "notes/bad.md");
    } catch (e) {
      expect((e as VaultError).file).toBe("notes/bad.md");
      expect((e as VaultError).message).toMatch(/^notes\/bad\.md:3: malformed frontmatter: /);
    }
  });

  it("points at the bad line inside the YAML", () => {
    expect(() => splitFrontmatter("---\ntitle: ok\nkey: : bad\nmore: 1\n---\n", "x.md")).toThrow(/^x\.md:3: malformed frontmatter/);
  });

  it("reports a non-mapping frontmatter", () => {
    expect(() => splitFrontmatter("---\n- a\n- b\n---\n", "x.md")).toThrow(/x\.md:2: malformed frontmatter/);
  });

  it("keeps the body's line numbers", () => {
    expect(splitFrontmatter("---\na: 1\nb: 2\n---\nfirst", "x.md")).toEqual({ data: { a: 1, b: 2 }, body: "first", bodyLine: 5, yaml: "a: 1\nb: 2\n" });
  });
});

it("renders a 1 MB note", async () => {
  const section = "## 节\n\n段落 [[Guide]] #标签 ==重点== 文字。\n\n```bash\nkubectl get pods\n```\n\n";
  const big = section.repeat(Math.ceil(1_048_576 / Buffer.byteLength(section)));
  const html = await render(big);
  expect(html.split("<h2").length - 1).toBe(Math.ceil(1_048_576 / Buffer.byteLength(section)));
});
