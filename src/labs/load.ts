// Reads labs from disk (Node only: the build, `labnotes check`, the tests).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseLab } from "./format.ts";
import type { Lab, LabError } from "./types.ts";

export interface LoadedLab {
  lab: Lab;
  dir: string;
  clusterYaml: string;
}

export type LoadResult = { ok: true; value: LoadedLab } | { ok: false; errors: LabError[] };

export const DEFAULT_LABS_DIR = "labs";

export function listLabIds(labsDir = DEFAULT_LABS_DIR): string[] {
  if (!existsSync(labsDir)) return [];
  return readdirSync(labsDir)
    .filter((name) => statSync(join(labsDir, name)).isDirectory() && existsSync(join(labsDir, name, "lab.md")))
    .sort();
}

export function loadLab(id: string, labsDir = DEFAULT_LABS_DIR): LoadResult {
  const dir = join(labsDir, id);
  const file = join(dir, "lab.md");
  const shown = relative(process.cwd(), file) || file;
  if (!existsSync(file)) return { ok: false, errors: [{ file: shown, message: `no such lab "${id}"` }] };
  const parsed = parseLab(id, shown, readFileSync(file, "utf8"));
  if (!parsed.ok) return parsed;
  const clusterFile = join(dir, parsed.lab.cluster);
  if (!existsSync(clusterFile)) return { ok: false, errors: [{ file: shown, message: `cluster file "${parsed.lab.cluster}" not found` }] };
  return { ok: true, value: { lab: parsed.lab, dir, clusterYaml: readFileSync(clusterFile, "utf8") } };
}
