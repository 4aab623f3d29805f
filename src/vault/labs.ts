import { existsSync, readdirSync } from "node:fs";

/** A link is a lab reference, not a note, when its target starts with "lab:": `![[lab:dns-basics]]`. */
export function labId(target: string): string | undefined {
  const m = /^lab:(.+)$/i.exec(target.trim());
  return m ? m[1].trim() : undefined;
}

/** The lab ids of a labs folder: every sub-folder that has a lab.md. */
export function listLabIds(labsDir: string): Set<string> {
  if (!existsSync(labsDir)) return new Set();
  return new Set(
    readdirSync(labsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(`${labsDir}/${d.name}/lab.md`))
      .map((d) => d.name),
  );
}
