// Site benchmark: build time of the bundled course, build time of a generated 1,000-note vault,
// and the gzipped JavaScript each note page loads before search is opened.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { generateVault } from "./gen-vault.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Runs the site build (astro + pagefind) and returns the wall time in seconds. */
function build(env: Record<string, string>, outDir: string): number {
  const start = performance.now();
  for (const [cmd, args] of [
    ["npx", ["astro", "build", "--silent"]],
    ["npx", ["pagefind", "--site", outDir, "--quiet"]],
  ] as const) {
    const res = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${res.stderr}`);
  }
  return Math.round((performance.now() - start) / 10) / 100;
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== "pagefind" && entry !== "_astro") out.push(...htmlFiles(full));
    } else if (entry.endsWith(".html")) out.push(full);
  }
  return out;
}

/** Gzipped bytes of every script a page loads at start: inline scripts, module scripts and their static imports. */
export function pageJsBytes(outDir: string, html: string): number {
  let total = 0;
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    if (m[1].trim()) total += gzipSync(m[1]).length;
  }
  const seen = new Set<string>();
  const queue = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
  while (queue.length) {
    const src = queue.shift()!;
    const file = join(outDir, decodeURI(src.replace(/^\/+/, "")));
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, "utf8");
    total += gzipSync(code).length;
    // Static imports load with the page; dynamic import() (Mermaid, search) does not.
    for (const imp of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
      queue.push(new URL(imp[1], "http://x" + src).pathname);
    }
  }
  return total;
}

export async function run(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  try {
    await measure(results);
  } catch (error) {
    // A failed build is a result too; the other sections of `npm run bench` still run.
    results.error = String(error instanceof Error ? error.message : error).slice(0, 2000);
  }
  return results;
}

async function measure(results: Record<string, unknown>): Promise<void> {
  const courseOut = join(root, "dist");
  results.courseBuildSeconds = build({}, "dist");

  const notePages = htmlFiles(courseOut).filter((f) => !/[/\\](tags|404\.html|labs)/.test(f.slice(courseOut.length)) && f !== join(courseOut, "index.html"));
  const perPage: Record<string, number> = {};
  for (const file of notePages) perPage[file.slice(courseOut.length + 1)] = pageJsBytes(courseOut, readFileSync(file, "utf8"));
  results.notePageJsGzipBytes = perPage;
  results.maxNotePageJsGzipBytes = Math.max(0, ...Object.values(perPage));
  results.jsBudgetBytes = 15 * 1024;

  const work = mkdtempSync(join(tmpdir(), "labnotes-bench-"));
  try {
    const vaultDir = join(work, "vault");
    const outDir = join(work, "dist");
    const generated = generateVault(vaultDir, 1000);
    results.generatedVault = generated;
    results.generated1000BuildSeconds = build({ LABNOTES_CONTENT: vaultDir, LABNOTES_OUT: outDir }, resolve(outDir));
    results.generatedPages = htmlFiles(outDir).length;
    results.targetSeconds = 60;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
