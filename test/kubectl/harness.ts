// Runs our kubectl against an emulated cluster, capturing what a terminal would show.
import { createCluster, type Cluster } from "../../src/cluster/index.ts";
import { kubectl } from "../../src/kubectl/index.ts";
import type { KubectlContext } from "../../src/kubectl/types.ts";

export interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

export interface Harness {
  cluster: Cluster;
  files: Map<string, string>;
  kubeconfig: KubectlContext["kubeconfig"];
  /** Run one kubectl command line (argv already split). */
  run(argv: string[], opts?: { stdin?: string; edit?: KubectlContext["edit"]; attach?: KubectlContext["attach"]; signal?: AbortSignal }): Promise<Run>;
}

export function harness(cluster: Cluster = createCluster(undefined, { seed: 1 })): Harness {
  const files = new Map<string, string>();
  const kubeconfig = { namespace: "default", context: "kubernetes-admin@kubernetes", cluster: "kubernetes", user: "kubernetes-admin" };
  const resolve = (p: string) => (p.startsWith("/") ? p : `/root/${p}`).replace(/\/+$/, "");
  return {
    cluster,
    files,
    kubeconfig,
    async run(argv, opts = {}) {
      let stdout = "";
      let stderr = "";
      const ctx: KubectlContext = {
        cluster,
        stdin: opts.stdin ?? "",
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        env: { HOME: "/root" },
        kubeconfig,
        setNamespace: (ns) => (kubeconfig.namespace = ns),
        edit: opts.edit ?? (async () => null),
        attach: opts.attach ?? (async () => 0),
        ...(opts.signal ? { signal: opts.signal } : {}),
        fs: {
          readFile: async (p) => files.get(resolve(p)),
          writeFile: async (p, c) => void files.set(resolve(p), c),
          isDirectory: async (p) => [...files.keys()].some((k) => k.startsWith(resolve(p) + "/")),
          readdir: async (p) => [...files.keys()].filter((k) => k.startsWith(resolve(p) + "/")).map((k) => k.slice(resolve(p).length + 1)).filter((k) => !k.includes("/")),
          resolvePath: resolve,
        },
      };
      const code = await kubectl(argv, ctx);
      return { stdout, stderr, code };
    },
  };
}

/** A harness on a fresh seed-1 cluster whose startup has settled. */
export function settledHarness(): Harness {
  const cluster = createCluster(undefined, { seed: 1 });
  cluster.settle();
  return harness(cluster);
}
