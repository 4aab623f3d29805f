// What kind of shell a learner is in decides the prompt and how "command not
// found" is worded. The images' own facts (tools, shell, prompt style) come from
// the app catalogue; this adds the workstation and the nodes, and PS1 overrides.
import { getCommandNames } from "just-bash";
import type { PromptStyle, ToolFlavour } from "../cluster/index.ts";

/** Tools present on a kubeadm node (Ubuntu), with the implementation each one is. */
export const NODE_TOOLS = ["iptables", "iptables-save", "ipvsadm", "ip", "conntrack", "calicoctl", "ping", "curl", "nslookup", "dig", "host", "nc", "traceroute", "hostname"];
export const NODE_FLAVOURS: Record<string, ToolFlavour> = {
  nslookup: "bind", dig: "bind", host: "bind", ping: "iputils", traceroute: "gnu", nc: "openbsd", ip: "iproute2", curl: "curl",
};
/** The learner's own machine reaches the cluster from outside: kubectl, ssh and curl. */
export const WORKSTATION_TOOLS = ["curl", "hostname"];

/** BusyBox applets (Alpine and BusyBox images) that just-bash implements. */
const BUSYBOX_USERLAND = [
  "cat", "ls", "mkdir", "rmdir", "touch", "rm", "cp", "mv", "ln", "chmod", "pwd", "readlink", "head", "tail", "wc", "stat",
  "grep", "egrep", "fgrep", "sed", "awk", "sort", "uniq", "comm", "cut", "paste", "tr", "rev", "nl", "fold", "expand",
  "unexpand", "strings", "split", "tee", "find", "basename", "dirname", "du", "env", "printenv", "xargs", "true", "false",
  "sh", "base64", "diff", "date", "sleep", "timeout", "time", "seq", "expr", "md5sum", "sha1sum", "sha256sum", "which",
  "tac", "hostname", "whoami", "od", "gzip", "gunzip", "zcat", "tar", "echo", "printf", "clear",
];
/** Debian's essential packages (coreutils, grep, sed, mawk, findutils, tar, gzip, diffutils). */
const DEBIAN_USERLAND = BUSYBOX_USERLAND.filter((c) => !["strings", "timeout"].includes(c)).concat(["bash", "timeout", "join", "column"]);

/** The base system an image is built on, beyond the tools its catalogue entry names. */
export function baseUserland(prompt: PromptStyle): string[] {
  return prompt === "debian-root" || prompt === "bash-plain" ? DEBIAN_USERLAND : BUSYBOX_USERLAND;
}

export function allBuiltins(): string[] {
  return getCommandNames();
}

/** How a shell words a missing command. */
export type ShellKind = "bash" | "ash" | "dash";

/** The shell program a learner starts decides its wording: Debian's sh is dash, Alpine's/BusyBox's is ash. */
export function shellKind(program: string, debianBased: boolean): ShellKind {
  const name = program.split("/").pop() ?? program;
  if (name === "bash" || name === "zsh") return "bash";
  return debianBased ? "dash" : "ash";
}

/** bash: `bash: x: command not found`; ash: `sh: x: not found`; dash: `sh: 1: x: not found`. */
export function notFoundRewriter(kind: ShellKind): (stderr: string) => string {
  if (kind === "bash") return (s) => s;
  const notFound = kind === "ash" ? "sh: $1: not found" : "sh: 1: $1: not found";
  return (s) => s.replace(/^bash: (.*): command not found$/gm, notFound).replace(/^bash: /gm, "sh: ");
}

/** Expand the PS1 escapes a learner is likely to use: \u \h \H \w \W \$ \\. */
export function renderPs1(ps1: string, ctx: { user: string; hostname: string; cwd: string; home: string }): string {
  const tilde = ctx.cwd === ctx.home ? "~" : ctx.cwd.startsWith(ctx.home + "/") ? "~" + ctx.cwd.slice(ctx.home.length) : ctx.cwd;
  return ps1.replace(/\\([uhHwW$\\])/g, (_m, c: string) => {
    switch (c) {
      case "u":
        return ctx.user;
      case "h":
        return ctx.hostname.split(".")[0];
      case "H":
        return ctx.hostname;
      case "w":
        return tilde;
      case "W":
        return tilde === "/" ? "/" : (tilde.split("/").pop() ?? tilde);
      case "$":
        return ctx.user === "root" ? "#" : "$";
      default:
        return "\\";
    }
  });
}
