// Options shared by `labnotes exec` and `labnotes shell`: which cluster to start
// and from when.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createCluster, type Cluster } from "../../src/cluster/index.ts";

export interface ClusterChoice {
  clusterFile?: string;
  lab?: string;
  seed?: number;
  at?: number;
}

/** The project root, where labs/ lives when run from elsewhere (the launcher sets it; bundled code cannot derive it). */
export const PACKAGE_ROOT = process.env.LABNOTES_ROOT ?? resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function labClusterFile(id: string): string | undefined {
  for (const base of [process.cwd(), PACKAGE_ROOT]) {
    const file = join(base, "labs", id, "cluster.yaml");
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Build the cluster the options ask for, or return the error line to print. */
export function buildCluster(choice: ClusterChoice): Cluster | string {
  let text: string | undefined;
  if (choice.clusterFile) {
    if (!existsSync(choice.clusterFile)) return `labnotes: cluster file "${choice.clusterFile}" does not exist`;
    text = readFileSync(choice.clusterFile, "utf8");
  } else if (choice.lab) {
    const file = labClusterFile(choice.lab);
    if (!file) return `labnotes: no lab "${choice.lab}" (looked for labs/${choice.lab}/cluster.yaml)`;
    text = readFileSync(file, "utf8");
  }
  try {
    return createCluster(text, { ...(choice.seed !== undefined ? { seed: choice.seed } : {}), ...(choice.at !== undefined ? { startTime: choice.at } : {}) });
  } catch (e) {
    return `labnotes: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Parse one of the shared options at argv[i]; returns how many words it used (0: not ours). */
export function takeClusterOption(argv: string[], i: number, choice: ClusterChoice): number | string {
  const a = argv[i];
  const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
  const value = inline ?? argv[i + 1];
  const used = inline !== undefined ? 1 : 2;
  const need = () => (value === undefined ? `labnotes: ${flag} needs a value` : undefined);
  switch (flag) {
    case "--cluster":
      choice.clusterFile = value;
      return need() ?? used;
    case "--lab":
      choice.lab = value;
      return need() ?? used;
    case "--seed": {
      const n = Number(value);
      if (!Number.isInteger(n)) return `labnotes: --seed needs an integer, got "${value ?? ""}"`;
      choice.seed = n;
      return used;
    }
    case "--at": {
      const t = Date.parse(value ?? "");
      if (Number.isNaN(t)) return `labnotes: --at needs an ISO time such as 2026-01-01T10:00:00Z, got "${value ?? ""}"`;
      choice.at = t;
      return used;
    }
    default:
      return 0;
  }
}
