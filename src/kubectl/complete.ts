// UI-free completion data for `kubectl …`: verbs, resource types, object names, flags.
import type { Cluster } from "../cluster/index.ts";
import { localFlags, globalFlags } from "./cli/spec.ts";
import { HANDLERS } from "./commands/index.ts";

const VERBS_WITH_TYPE = new Set(["get", "describe", "delete", "edit", "label", "annotate", "patch", "scale", "expose", "explain", "rollout restart", "rollout status", "rollout history", "rollout undo", "rollout pause", "rollout resume", "set image", "wait"]);

/**
 * Candidates for the last word of `words` (words[0] is the first word after `kubectl`;
 * the last element is the word being completed, possibly "").
 */
export function completeKubectl(words: string[], cluster: Cluster, namespace: string): string[] {
  const current = words[words.length - 1] ?? "";
  const before = words.slice(0, -1);
  const positional = before.filter((w) => !w.startsWith("-"));
  const verbs = [...new Set(Object.keys(HANDLERS).map((p) => p.split(" ")[0]!))].sort();
  const match = (list: string[]) => [...new Set(list)].filter((c) => c.startsWith(current)).sort();
  let ns = namespace;
  const nsAt = before.findIndex((w) => w === "-n" || w === "--namespace");
  if (nsAt >= 0 && before[nsAt + 1]) ns = before[nsAt + 1]!;
  const prev = before[before.length - 1];
  if (prev === "-n" || prev === "--namespace") {
    const r = cluster.list({ group: "", resource: "namespaces" });
    return match(r.ok ? r.value.map((o) => o.metadata.name ?? "") : []);
  }
  if (positional.length === 0) return match(verbs);
  const path = Object.keys(HANDLERS).filter((p) => p.split(" ").every((w, i) => positional[i] === w)).sort((a, b) => b.length - a.length)[0] ?? positional[0]!;
  if (current.startsWith("-")) {
    return match([...localFlags(path), ...globalFlags()].map((s) => `--${s.name}`));
  }
  const depth = path.split(" ").length;
  const args = positional.slice(depth);
  if (!VERBS_WITH_TYPE.has(path) && path !== "logs" && path !== "exec") {
    const subs = Object.keys(HANDLERS).filter((p) => p.startsWith(path + " ")).map((p) => p.split(" ")[depth]!);
    return match(subs);
  }
  const types = cluster.resources().flatMap((r) => [r.resource, r.singular, ...r.shortNames]);
  if (path === "logs" || path === "exec") {
    const r = cluster.list({ group: "", resource: "pods" }, { namespace: ns });
    return match(r.ok ? r.value.map((o) => o.metadata.name ?? "") : []);
  }
  if (args.length === 0) {
    if (current.includes("/")) {
      const [t] = current.split("/");
      const info = cluster.resolveResource(t!);
      if (!info) return [];
      const r = cluster.list({ group: info.group, resource: info.resource }, info.namespaced ? { namespace: ns } : {});
      return match(r.ok ? r.value.map((o) => `${t}/${o.metadata.name ?? ""}`) : []);
    }
    return match(types);
  }
  const info = cluster.resolveResource(args[0]!.split(",")[0]!);
  if (!info) return [];
  const r = cluster.list({ group: info.group, resource: info.resource }, info.namespaced ? { namespace: ns } : {});
  return match(r.ok ? r.value.map((o) => o.metadata.name ?? "") : []);
}
