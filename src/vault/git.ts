// Last-updated dates from git, in one `git log` call for the whole vault. Any failure (no git,
// not a repository, a shallow clone missing history, a file not committed yet) falls back to mtime.
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";

/** Maps vault-relative paths to the ISO date of the newest commit that touched them. */
export function gitDates(dir: string): Map<string, string> {
  const dates = new Map<string, string>();
  let out: string;
  try {
    out = execFileSync("git", ["-c", "core.quotePath=false", "-C", dir, "log", "--format=%x00%cI", "--name-only", "--relative", "--no-renames", "--", "."], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" },
    });
  } catch {
    return dates;
  }
  for (const block of out.split("\0")) {
    const lines = block.split("\n").filter(Boolean);
    const date = lines.shift();
    if (!date) continue;
    for (const raw of lines) {
      const file = unquote(raw);
      if (!dates.has(file)) dates.set(file, date);
    }
  }
  return dates;
}

/** git quotes paths with non-ASCII bytes ("\345\205…") unless core.quotePath is off. */
function unquote(name: string): string {
  if (!name.startsWith('"')) return name;
  const bytes: number[] = [];
  const inner = name.slice(1, -1);
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === "\\") {
      const next = inner[i + 1];
      if (/[0-7]/.test(next)) {
        bytes.push(parseInt(inner.slice(i + 1, i + 4), 8));
        i += 3;
        continue;
      }
      const map: Record<string, number> = { n: 10, t: 9, '"': 34, "\\": 92 };
      bytes.push(map[next] ?? next.charCodeAt(0));
      i += 1;
      continue;
    }
    bytes.push(...new TextEncoder().encode(c));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

export function mtimeDate(dir: string, path: string): string | undefined {
  try {
    return statSync(join(dir, path)).mtime.toISOString();
  } catch {
    return undefined;
  }
}
