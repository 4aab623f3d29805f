// Golden transcripts per command family: each test/golden/kubectl/*.txt file is a
// session against a fresh seeded cluster. Regenerate with UPDATE_GOLDEN=1 and review the diff.
//
// Transcript syntax: `$ kubectl ARGS` runs a command (single/double quotes group words);
// `# file NAME` … `# end` writes a file; `# stdin` … `# end` feeds the next command;
// `# advance 30s` lets virtual time pass; `# settle` runs controllers until quiet.
// Output follows each command: stdout, then `[stderr]` and its text, then `[exit N]` if non-zero.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCluster } from "../../src/cluster/index.ts";
import { harness } from "./harness.ts";

const DIR = join(import.meta.dirname, "../golden/kubectl");

/** Split like a POSIX shell does for simple lines: quotes group, and may appear mid-word. */
function words(line: string): string[] {
  const out: string[] = [];
  let cur: string | null = null;
  let quote: string | null = null;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = null;
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      cur ??= "";
    } else if (c === " ") {
      if (cur !== null) out.push(cur);
      cur = null;
    } else cur = (cur ?? "") + c;
  }
  if (cur !== null) out.push(cur);
  return out;
}

function durationMs(s: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(s);
  if (!m) throw new Error(`bad duration ${s}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms" | "s" | "m" | "h"];
}

/** Replay a transcript's inputs and produce the transcript as our kubectl prints it. */
async function replay(text: string): Promise<string> {
  const h = harness(createCluster(undefined, { seed: 1 }));
  h.cluster.settle();
  const lines = text.split("\n");
  let out = "";
  let stdin: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("# file ") || line === "# stdin") {
      const body: string[] = [];
      out += line + "\n";
      while (i + 1 < lines.length && lines[i + 1] !== "# end") body.push(lines[++i]!), (out += lines[i] + "\n");
      i++;
      out += "# end\n";
      const content = body.join("\n") + "\n";
      if (line === "# stdin") stdin = content;
      else h.files.set(`/root/${line.slice(7).trim()}`, content);
    } else if (line.startsWith("# advance ")) {
      h.cluster.advance(durationMs(line.slice(10).trim()));
      out += line + "\n";
    } else if (line === "# settle") {
      h.cluster.settle();
      out += line + "\n";
    } else if (line.startsWith("$ kubectl")) {
      const r = await h.run(words(line.slice(9)), stdin === undefined ? {} : { stdin });
      stdin = undefined;
      out += line + "\n" + r.stdout;
      if (r.stdout !== "" && !r.stdout.endsWith("\n")) out += "\n[no newline]\n";
      if (r.stderr) out += "[stderr]\n" + r.stderr;
      if (r.code !== 0) out += `[exit ${r.code}]\n`;
      out += "\n";
    } else if (line.startsWith("#")) {
      out += line + "\n";
    }
  }
  return out;
}

const files = readdirSync(DIR).filter((f) => f.endsWith(".txt"));

describe("kubectl golden transcripts", () => {
  it.each(files)("%s", async (file) => {
    const path = join(DIR, file);
    const text = readFileSync(path, "utf8");
    const got = await replay(text);
    if (process.env.UPDATE_GOLDEN) writeFileSync(path, got);
    else expect(got).toBe(text);
  });
});
