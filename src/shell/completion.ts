// Tab completion as bash with kubectl's completion script offers it: command names
// first, then kubectl verbs, resource types, object names from the cluster
// (namespace-aware), flags, and file paths.
import type { IFileSystem } from "just-bash";
import type { Cluster } from "../cluster/index.ts";
import type { Completion } from "./types.ts";

export interface CompletionContext {
  cluster: Cluster;
  namespace: string;
  commands: ReadonlySet<string>;
  fs: IFileSystem;
  cwd: string;
}

/** Shell keywords and builtins every bash has, on top of the machine's commands. */
const SHELL_WORDS = ["cd", "export", "exit", "alias", "unalias", "source", "set", "unset", "for", "while", "if", "history", "type", "read", "local"];

export const KUBECTL_VERBS = [
  "annotate", "api-resources", "api-versions", "apply", "attach", "auth", "autoscale", "certificate", "cluster-info",
  "completion", "config", "cordon", "cp", "create", "debug", "delete", "describe", "diff", "drain", "edit", "events",
  "exec", "explain", "expose", "get", "help", "kustomize", "label", "logs", "options", "patch", "plugin",
  "port-forward", "proxy", "replace", "rollout", "run", "scale", "set", "taint", "top", "uncordon", "version", "wait",
];
/** Verbs whose next word is a resource type. */
const TYPED_VERBS = new Set(["get", "describe", "delete", "edit", "patch", "label", "annotate", "explain", "scale", "rollout", "expose", "wait"]);
const KUBECTL_FLAGS = [
  "--all-namespaces", "--namespace", "--output", "--selector", "--show-labels", "--watch", "--filename", "--dry-run=client",
  "--image", "--restart", "--rm", "--stdin", "--tty", "--container", "--port", "--replicas", "--field-selector", "--help",
];

function commonPrefix(words: string[]): string {
  if (words.length === 0) return "";
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

function finishWith(replaceFrom: number, word: string, candidates: string[]): Completion {
  const unique = [...new Set(candidates)].filter((c) => c.startsWith(word)).sort();
  if (unique.length === 0) return { replaceFrom, replacement: word, candidates: [] };
  // A single match is completed and followed by a space, except a directory.
  if (unique.length === 1) return { replaceFrom, replacement: unique[0].endsWith("/") ? unique[0] : unique[0] + " ", candidates: unique };
  return { replaceFrom, replacement: commonPrefix(unique), candidates: unique };
}

function pathCandidates(ctx: CompletionContext, word: string): string[] {
  const slash = word.lastIndexOf("/");
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : "";
  const dir = ctx.fs.resolvePath(ctx.cwd, dirPart || ".");
  const entries: string[] = [];
  try {
    // readdir is async on the interface; the in-memory fs lists its paths synchronously.
    const prefix = dir.endsWith("/") ? dir : dir + "/";
    for (const p of ctx.fs.getAllPaths()) {
      if (!p.startsWith(prefix) || p === prefix) continue;
      const rest = p.slice(prefix.length);
      const first = rest.split("/")[0];
      if (!first) continue;
      entries.push(dirPart + first + (rest.includes("/") ? "/" : ""));
    }
  } catch {
    return [];
  }
  return entries;
}

function namespaceOf(words: string[], fallback: string): string | undefined {
  for (let i = 0; i < words.length; i++) {
    if (words[i] === "-A" || words[i] === "--all-namespaces") return undefined;
    if ((words[i] === "-n" || words[i] === "--namespace") && words[i + 1]) return words[i + 1];
    const m = /^(?:-n|--namespace=)(.+)$/.exec(words[i]);
    if (m) return m[1];
  }
  return fallback;
}

function kubectlCandidates(ctx: CompletionContext, words: string[], word: string): string[] {
  const args = words.slice(1);
  const positional = args.filter((a, i) => !a.startsWith("-") && !["-n", "--namespace", "-f", "-o", "-l", "-c"].includes(args[i - 1] ?? ""));
  const prev = args[args.length - 1];
  if (prev === "-n" || prev === "--namespace") return names(ctx, "namespaces", undefined);
  if (prev === "-f" || prev === "--filename") return pathCandidates(ctx, word);
  if (prev === "-o" || prev === "--output") return ["json", "yaml", "wide", "name", "jsonpath=", "custom-columns=", "go-template="];
  if (word.startsWith("-")) return KUBECTL_FLAGS;
  if (positional.length === 0) return KUBECTL_VERBS;
  const verb = positional[0];
  if (verb === "exec" || verb === "logs" || verb === "attach" || verb === "port-forward") {
    return positional.length === 1 ? names(ctx, "pods", namespaceOf(args, ctx.namespace)) : [];
  }
  if (!TYPED_VERBS.has(verb)) return [];
  if (verb === "rollout" && positional.length === 1) return ["history", "pause", "restart", "resume", "status", "undo"];
  const typeAt = verb === "rollout" ? 2 : 1;
  if (positional.length === typeAt) {
    const types: string[] = [];
    for (const r of ctx.cluster.resources()) types.push(r.resource, r.singular, ...r.shortNames);
    if (verb === "get") types.push("all");
    return types;
  }
  const typed = positional[typeAt];
  if (typed.includes("/")) return [];
  const info = ctx.cluster.resolveResource(typed);
  if (!info) return [];
  return names(ctx, info.resource, info.namespaced ? namespaceOf(args, ctx.namespace) : undefined, info.group);
}

function names(ctx: CompletionContext, resource: string, namespace: string | undefined, group = ""): string[] {
  const listed = ctx.cluster.list({ group, resource }, namespace ? { namespace } : {});
  return listed.ok ? listed.value.map((o) => o.metadata.name ?? "").filter(Boolean) : [];
}

export function complete(line: string, cursor: number, ctx: CompletionContext): Completion {
  const before = line.slice(0, cursor);
  const start = Math.max(before.lastIndexOf(" "), before.lastIndexOf("\t"), before.lastIndexOf("|"), before.lastIndexOf(";")) + 1;
  const word = before.slice(start);
  const segment = before.slice(0, start).split(/[|;&]/).pop() ?? "";
  const words = segment.trim() === "" ? [] : segment.trim().split(/\s+/);
  try {
    if (words.length === 0) return finishWith(start, word, [...ctx.commands, ...SHELL_WORDS]);
    if (words[0] === "kubectl" || words[0] === "k") return finishWith(start, word, kubectlCandidates(ctx, words, word));
    if (words[0] === "ssh") return finishWith(start, word, names(ctx, "nodes", undefined));
    return finishWith(start, word, pathCandidates(ctx, word));
  } catch {
    return { replaceFrom: start, replacement: word, candidates: [] };
  }
}
