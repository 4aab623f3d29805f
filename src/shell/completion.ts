// Tab completion as bash with kubectl's completion script offers it: command names
// first; for kubectl, the verbs, types, names and flags kubectl's own completion
// gives (src/kubectl/complete.ts); node names after ssh; file paths otherwise.
import type { IFileSystem } from "just-bash";
import type { Cluster } from "../cluster/index.ts";
import type { Completion } from "./types.ts";
import { completeKubectl } from "../kubectl/index.ts";

export interface CompletionContext {
  cluster: Cluster;
  namespace: string;
  commands: ReadonlySet<string>;
  fs: IFileSystem;
  cwd: string;
}

/** Shell keywords and builtins every bash has, on top of the machine's commands. */
const SHELL_WORDS = ["cd", "export", "exit", "alias", "unalias", "source", "set", "unset", "for", "while", "if", "history", "type", "read", "local"];

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
  const names = new Map<string, boolean>(); // name → is a directory
  try {
    // The in-memory fs lists every path synchronously; completion must not wait.
    const prefix = dir.endsWith("/") ? dir : dir + "/";
    for (const p of ctx.fs.getAllPaths()) {
      if (!p.startsWith(prefix) || p === prefix) continue;
      const rest = p.slice(prefix.length);
      const first = rest.split("/")[0];
      if (first) names.set(first, (names.get(first) ?? false) || rest.includes("/"));
    }
  } catch {
    return [];
  }
  return [...names].map(([name, isDir]) => dirPart + name + (isDir ? "/" : ""));
}

/** kubectl's own completion, plus file names after -f (kubectl's script delegates those to bash). */
function kubectlCandidates(ctx: CompletionContext, words: string[], word: string): string[] {
  const prev = words[words.length - 1];
  if (prev === "-f" || prev === "--filename") return pathCandidates(ctx, word);
  return completeKubectl([...words.slice(1), word], ctx.cluster, ctx.namespace);
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
