// Build glue for how fast a lab page's terminal comes up (wire it in astro.config.mjs):
//  - modulepreload links: a page's module script is at the end of <body> and imports shared
//    chunks (xterm…) the browser only discovers after fetching and parsing the script; listed
//    in <head>, the whole graph downloads (and compiles off the main thread) while the page parses.
//  - xterm's chunk carries V8's compile hint: xterm runs nearly all of its code to open the
//    terminal, so it is compiled up front while streaming instead of function by function on
//    the main thread as the terminal opens.
import type { AstroIntegration } from "astro";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Chrome's magic comment: compile every function of this script eagerly (off-thread when streamed). */
export const EAGER_COMPILE_HINT = "//# allFunctionsCalledOnLoad";

/** For Rolldown's output.postBanner (after minification, which would drop the comment). */
export function eagerCompileBanner(chunk: { moduleIds: readonly string[] }): string {
  return chunk.moduleIds.some((id) => id.includes("/@xterm/xterm/")) ? EAGER_COMPILE_HINT : "";
}

const MODULE_SCRIPT = /<script type="module" src="([^"]+)"[^>]*><\/script>/g;
// Rolldown puts a chunk's static imports first: `import{a as b}from"./x.js";` or `import"./y.js";`.
const LEADING_IMPORT = /^\s*import\s*(?:[\w*${}\s,]+?\s*from\s*)?"([^"]+)";?/;

/** The relative static imports at the head of a built chunk. */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  let rest = code.replace(/^(?:\/\/[^\n]*\n)+/, "");
  for (let m = LEADING_IMPORT.exec(rest); m; m = LEADING_IMPORT.exec(rest)) {
    if (m[1].startsWith(".")) found.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  return found;
}

/** Every script URL a page's module scripts load before they run: the scripts and their static imports, transitively. */
export async function moduleGraph(entries: string[], read: (url: string) => Promise<string | null>): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const code = await read(url);
    if (code === null) continue;
    for (const dep of staticImports(code)) queue.push(new URL(dep, `http://site${url}`).pathname);
  }
  return [...seen];
}

/** Adds modulepreload links for the page's module graph at the end of <head>. */
export async function withModulePreload(html: string, read: (url: string) => Promise<string | null>): Promise<string> {
  const entries = [...html.matchAll(MODULE_SCRIPT)].map((m) => m[1]).filter((src) => src.startsWith("/"));
  if (!entries.length || !html.includes("</head>")) return html;
  const urls = await moduleGraph(entries, read);
  const links = urls.map((u) => `<link rel="modulepreload" href="${u}">`).join("");
  return html.replace("</head>", `${links}</head>`);
}

async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(path)));
    else if (entry.name.endsWith(".html")) out.push(path);
  }
  return out;
}

export function modulePreload(): AstroIntegration {
  let base = "/";
  return {
    name: "labnotes-module-preload",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base.replace(/\/?$/, "/");
      },
      "astro:build:done": async ({ dir }) => {
        const root = fileURLToPath(dir);
        const cache = new Map<string, Promise<string | null>>();
        const read = (url: string) => {
          if (!cache.has(url)) {
            const file = url.startsWith(base) ? join(root, url.slice(base.length)) : null;
            cache.set(url, file && existsSync(file) ? readFile(file, "utf8") : Promise.resolve(null));
          }
          return cache.get(url)!;
        };
        for (const file of await htmlFiles(root)) {
          const html = await readFile(file, "utf8");
          const out = await withModulePreload(html, read);
          if (out !== html) await writeFile(file, out);
        }
      },
    },
  };
}
