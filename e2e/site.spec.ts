// The course site in real Chromium: navigation, backlinks, tags, Chinese search, dark mode,
// box-diagram alignment, and no console errors anywhere.
import { gzipSync } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { displayWidth } from "../src/vault/markdown/code.ts";
import { runStep, screen, typeLine } from "./lab-helpers.ts";

const SEED = "/K8s网络原理/";
const INTRO = "/K8s快速入门/";

/** Fails the test on any console error or uncaught exception in the page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  return errors;
}

test.describe("course site", () => {
  let errors: string[];
  test.beforeEach(({ page }) => {
    errors = watchErrors(page);
  });
  test.afterEach(() => {
    expect(errors, "console errors").toEqual([]);
  });

  test("home page leads to the seed note", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    const order = page.locator(".reading-order a");
    await expect(order).toHaveText(["K8s 快速入门", "K8s 网络原理"]);
    await order.filter({ hasText: "K8s 网络原理" }).click();
    await expect(page).toHaveURL(encodeURI(SEED));
    await expect(page.locator("article h1").first()).toHaveText("K8s 网络原理");
    await expect(page.locator(".toc a", { hasText: "🌐 网络模型" })).toHaveAttribute("href", /#/);
  });

  test("wiki-link to the intro and back through its backlink", async ({ page }) => {
    await page.goto(SEED);
    await page.locator("article a.internal", { hasText: "K8s快速入门" }).click();
    await expect(page).toHaveURL(encodeURI(INTRO));
    const backlink = page.locator(".backlinks a.backlink", { hasText: "K8s 网络原理" });
    await expect(backlink).toBeVisible();
    await expect(page.locator(".backlinks li", { hasText: "返回 K8s快速入门" })).toHaveCount(1);
    await backlink.click();
    await expect(page).toHaveURL(encodeURI(SEED));
  });

  test("a heading link lands on the heading", async ({ page }) => {
    await page.goto(INTRO);
    await page.locator("article a.internal", { hasText: "🔀 kube-proxy 模式" }).click();
    await expect(page.locator("h2:target")).toHaveText("🔀 kube-proxy 模式#");
    await expect(page.locator("h2:target .heading-anchor")).toHaveAttribute("href", "#" + encodeURIComponent("-kube-proxy-模式"));
  });

  test("tag page lists the notes with that tag", async ({ page }) => {
    await page.goto(SEED);
    await page.locator(".note-meta a.tag", { hasText: "#网络" }).click();
    await expect(page).toHaveURL(encodeURI("/tags/网络/"));
    await expect(page.locator("h1")).toContainText("#网络");
    await expect(page.locator(".tag-notes a")).toHaveText(["K8s 网络原理"]);
    await page.goto("/tags/K8s/");
    await expect(page.locator(".tag-notes a")).toHaveText(["K8s 快速入门", "K8s 网络原理"]);
  });

  for (const query of ["负载均衡", "kube-proxy"]) {
    test(`search finds the seed note section for ${query}`, async ({ page }) => {
      await page.goto(INTRO);
      await page.keyboard.press("Control+k");
      const input = page.locator("#search input");
      await expect(input).toBeFocused();
      await input.fill(query);
      const result = page.locator("#search .pagefind-ui__result", { hasText: "K8s 网络原理" });
      await expect(result).toBeVisible();
      const section = result.locator(".pagefind-ui__result-nested a").first();
      await expect(section).toHaveAttribute("href", /K8s%E7%BD%91%E7%BB%9C%E5%8E%9F%E7%90%86\/#|K8s网络原理\/#/);
      await section.click();
      await expect(page).toHaveURL(/#/);
      expect(decodeURI(page.url())).toContain(SEED);
    });
  }

  test("slash opens search too", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("/");
    await expect(page.locator("#search input")).toBeFocused();
  });

  test("dark mode toggles and persists", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(SEED);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.locator("[data-theme-toggle]").click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await background()).not.toBe(light);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await background()).not.toBe(light);
    await page.locator("[data-theme-toggle]").click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  });

  test("the theme follows the system until the reader picks one", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(SEED);
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: "light" });
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(dark).not.toBe(light);
    const codeColours = await page.locator(".code-block pre").first().evaluate((el) => getComputedStyle(el).backgroundColor);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await page.locator(".code-block pre").first().evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(codeColours);
  });

  test("the copy button copies the code block", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(SEED);
    const block = page.locator(".code-block", { hasText: "kind: Service" }).first();
    await block.hover();
    await block.locator(".copy-button").click();
    await expect(block.locator(".copy-button")).toHaveText("已复制");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe((await block.locator("pre").innerText()).replace(/\n$/, ""));
    expect(copied.split("\n")[0]).toBe("apiVersion: v1");
  });

  test("box diagrams stay aligned: equal display width ends at the same pixel", async ({ page }) => {
    await page.goto(SEED);
    const blocks = await page.locator(".code-block pre").evaluateAll((pres) =>
      pres.map((pre) =>
        [...pre.querySelectorAll(".line")].map((line) => {
          const range = document.createRange();
          range.selectNodeContents(line);
          const rects = range.getClientRects();
          const right = rects.length ? rects[rects.length - 1].right : line.getBoundingClientRect().left;
          return { text: line.textContent ?? "", right };
        }),
      ),
    );
    let compared = 0;
    for (const lines of blocks) {
      if (!lines.some((l) => /[─│┌┐└┘]/.test(l.text))) continue;
      for (let i = 1; i < lines.length; i++) {
        const a = lines[i - 1];
        const b = lines[i];
        if (!a.text || displayWidth(a.text) !== displayWidth(b.text)) continue;
        compared++;
        expect(Math.abs(a.right - b.right), `"${a.text}" vs "${b.text}"`).toBeLessThan(0.5);
      }
    }
    // The seed has about thirty such neighbours; a vacuous pass would hide a broken measurement.
    expect(compared).toBeGreaterThan(25);
  });

  test("a note page loads at most 15 KB of gzipped JavaScript before search opens", async ({ page }) => {
    const scripts: { url: string; bytes: number }[] = [];
    page.on("response", async (response) => {
      if (response.request().resourceType() !== "script") return;
      scripts.push({ url: response.url(), bytes: gzipSync(await response.body()).length });
    });
    await page.goto(SEED, { waitUntil: "networkidle" });
    const inline = await page.locator("script:not([src])").evaluateAll((els) => els.map((e) => e.textContent ?? ""));
    const total = scripts.reduce((n, s) => n + s.bytes, 0) + inline.reduce((n, code) => n + gzipSync(code).length, 0);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.map((s) => s.url).join(" ")).not.toMatch(/pagefind|mermaid/i);
    expect(total).toBeLessThanOrEqual(15 * 1024);
  });

  test("Mermaid draws diagrams on the page that has them", async ({ page }) => {
    await page.goto(INTRO);
    await expect(page.locator("pre.mermaid svg")).toBeVisible({ timeout: 15_000 });
    await expect(page.locator("pre.mermaid svg")).toContainText("ReplicaSet");
  });

  test("fits a phone screen without sideways scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    for (const url of ["/", SEED, INTRO, "/tags/", "/labs/"]) {
      await page.goto(url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, url).toBeLessThanOrEqual(0);
    }
  });

  test("the page is readable without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(SEED);
    await expect(page.locator("article h1").first()).toHaveText("K8s 网络原理");
    await expect(page.locator(".toc")).toBeVisible();
    await context.close();
  });

  test("an unknown page gets the 404 page", async ({ page }) => {
    const response = await page.goto("/no-such-note/");
    expect(response?.status()).toBe(404);
    await expect(page.locator("h1")).toHaveText("页面不存在");
    errors.length = 0; // the 404 response itself is logged by Chromium as a console error
  });
});

test.describe("notes and labs", () => {
  let errors: string[];
  test.beforeEach(({ page }) => {
    errors = watchErrors(page);
  });
  test.afterEach(() => {
    expect(errors, "console errors").toEqual([]);
  });

  test("the header links to the lab list", async ({ page }) => {
    await page.goto(SEED);
    await page.locator(".site-nav a", { hasText: "实验" }).click();
    await expect(page).toHaveURL("/labs/");
    await expect(page.locator("a.lab-link").first()).toBeVisible();
  });

  test("a note section links to the lab that practises it, and the lab links back", async ({ page }) => {
    await page.goto(SEED);
    // The box sits right under the heading, before the section's text.
    const box = page.locator("h4#clusterip默认 + aside.lab-box");
    await expect(box.locator("strong")).toHaveText("动手实验");
    await expect(box.locator(".lab-badge")).toHaveText(" 0/4");
    await box.locator("a.lab-link").click();
    await expect(page).toHaveURL("/labs/clusterip/");
    await page.locator(".lab-related a", { hasText: "ClusterIP（默认）" }).click();
    await expect(page).toHaveURL(encodeURI(SEED) + "#" + encodeURIComponent("clusterip默认"));
  });

  test("every bundled lab has a box on the seed note", async ({ page }) => {
    await page.goto("/labs/");
    const ids = await page.locator("a.lab-link").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(ids.length).toBeGreaterThan(0);
    await page.goto(SEED);
    const boxed = await page.locator("aside.lab-box a.lab-link").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(boxed.sort()).toEqual(ids.sort());
  });

  test("the course home shows lab progress: none at first, then a step done on a lab page", async ({ page }) => {
    await page.goto("/");
    const summary = page.locator(".home-labs [data-lab-summary]");
    const total = await page.locator(".home-labs a.lab-link").count();
    await expect(summary).toHaveText(`已完成 0/${total} 个实验`);
    const clusterip = page.locator(".home-labs a.lab-link[href$='/labs/clusterip/'] + .lab-badge");
    await expect(clusterip).toHaveText(" 0/4");
    await page.goto("/labs/clusterip/");
    await expect(page.locator("lab-terminal[data-ready=true]")).toBeVisible({ timeout: 20_000 });
    await runStep(page, "deployment");
    await page.goto("/");
    await expect(clusterip).toHaveText(" 1/4");
    await expect(clusterip).toHaveAttribute("data-complete", "false");
    await expect(summary).toHaveText(`已完成 0/${total} 个实验`);
    await page.goto(SEED);
    await expect(page.locator("h4#clusterip默认 + aside.lab-box .lab-badge")).toHaveText(" 1/4");
  });

  test("a lab embedded in a note becomes a working terminal", async ({ page }) => {
    await page.goto(INTRO);
    const embed = page.locator(".lab-embed[data-lab=debugging]");
    await expect(embed.locator("lab-terminal[data-ready=true]")).toBeVisible({ timeout: 20_000 });
    await typeLine(page, "kubectl get nodes");
    // The prompt is already on screen before the command runs: wait for the answer itself.
    await expect.poll(() => screen(page), { timeout: 15_000 }).toMatch(/NAME\s+STATUS\s+ROLES[^]*control-plane/);
  });

  test("a note without an embed loads no terminal code", async ({ page }) => {
    const scripts: string[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response.url());
    });
    await page.goto(SEED, { waitUntil: "networkidle" });
    await expect(page.locator("aside.lab-box").first()).toBeVisible();
    expect(scripts.join(" ")).not.toMatch(/LabEmbed|lab-embed|xterm|lab-terminal/i);
    expect(await page.locator("lab-terminal").count()).toBe(0);
  });
});
