import { describe, expect, it } from "vitest";
import { EAGER_COMPILE_HINT, eagerCompileBanner, moduleGraph, staticImports, withModulePreload } from "./page-build.ts";

describe("staticImports", () => {
  it.each<[string, string[]]>([
    ['import{n as e,r as t}from"./strings.abc.js";import{i as r}from"./progress.def.js";var o=1;', ["./strings.abc.js", "./progress.def.js"]],
    ['import"./side.js";import*as x from"./ns.js";x.a()', ["./side.js", "./ns.js"]],
    [`${EAGER_COMPILE_HINT}\nimport{a}from"./x.js";`, ["./x.js"]],
    // A dynamic import and an import-looking string later in the code are not preloaded.
    ['var a=1;import("./lazy.js");const s=\'import{x}from"./no.js"\'', []],
    ['import{a}from"https://cdn.example/x.js";import{b}from"./y.js";', ["./y.js"]],
  ])("%s", (code, expected) => {
    expect(staticImports(code)).toEqual(expected);
  });
});

describe("module preload", () => {
  const files: Record<string, string> = {
    "/_astro/Page.js": 'import{a}from"./shared.js";import{b}from"./util.js";a(b)',
    "/_astro/shared.js": 'import{b}from"./util.js";export const a=b',
    "/_astro/util.js": "export const b=1",
  };
  const read = async (url: string) => files[url] ?? null;

  it("follows imports transitively, once each, and skips files it cannot read", async () => {
    expect(await moduleGraph(["/_astro/Page.js", "/_astro/missing.js"], read)).toEqual(["/_astro/Page.js", "/_astro/missing.js", "/_astro/shared.js", "/_astro/util.js"]);
  });

  it("lists the page's module graph in <head>", async () => {
    const html = '<html><head><title>x</title></head><body><script type="module" src="/_astro/Page.js"></script></body></html>';
    const out = await withModulePreload(html, read);
    expect(out).toContain('<link rel="modulepreload" href="/_astro/Page.js"><link rel="modulepreload" href="/_astro/shared.js"><link rel="modulepreload" href="/_astro/util.js"></head>');
    expect(await withModulePreload("<html><head></head><body>no scripts</body></html>", read)).toBe("<html><head></head><body>no scripts</body></html>");
  });

  it("puts the compile hint on xterm's chunk only", () => {
    expect(eagerCompileBanner({ moduleIds: ["/p/node_modules/@xterm/xterm/lib/xterm.mjs", "/p/src/terminal/strings.ts"] })).toBe(EAGER_COMPILE_HINT);
    expect(eagerCompileBanner({ moduleIds: ["/p/src/components/site-client.ts"] })).toBe("");
  });
});
