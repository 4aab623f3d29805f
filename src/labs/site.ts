// Build-time access to the labs for the site: every lab is validated once, and
// a bad lab file fails the build naming the file, the step and the reason.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatLabError } from "./format.ts";
import { DEFAULT_LABS_DIR, listLabIds, loadLab, type LoadedLab } from "./load.ts";

export interface SiteLab extends LoadedLab {
  /** lab.md as written, for the worker (it parses the same text with the same parser). */
  source: string;
}

const cache = new Map<string, SiteLab[]>();

/** Every lab in `dir`; throws (failing the build) with every problem of every invalid lab file. */
export function siteLabs(dir = process.env.LABNOTES_LABS || DEFAULT_LABS_DIR): SiteLab[] {
  const cached = cache.get(dir);
  if (cached) return cached;
  const errors: string[] = [];
  const labs: SiteLab[] = [];
  for (const id of listLabIds(dir)) {
    const r = loadLab(id, dir);
    if (!r.ok) errors.push(...r.errors.map(formatLabError));
    else labs.push({ ...r.value, source: readFileSync(join(r.value.dir, "lab.md"), "utf8") });
  }
  if (errors.length) throw new Error(`Invalid lab files:\n${errors.join("\n")}`);
  cache.set(dir, labs);
  return labs;
}

export function siteLab(id: string): SiteLab | undefined {
  return siteLabs().find((l) => l.lab.id === id);
}
