// What a container's main process does once started: serve until stopped, exit on
// its own after a while, run a one-shot command (the shell's tools produce its output),
// or read a shell from stdin until the attached session ends. Decided from the image's
// entrypoint/CMD and the pod's command/args, as the container runtime would exec them.
import type { ImageBehavior } from "../types.ts";
import { imageProfile, normalizeImage } from "./catalog.ts";

export type MainProcess =
  /** A server (nginx, agnhost netexec…) or anything we cannot tell ends: runs until stopped. */
  | { kind: "serve" }
  /** Exits by itself `afterMs` after starting (`sleep 5`, a shell with no tty reading EOF). */
  | { kind: "exit"; exitCode: number; afterMs: number }
  /** A one-shot command line the pod's shell runs; its output becomes the log. `thenSleepMs`: a trailing `sleep N`. */
  | { kind: "command"; line: string; thenSleepMs?: number; sleepsOnlyOnSuccess?: boolean }
  /** `while true; do BODY; sleep N; done`: BODY runs every `everyMs` for as long as the container lives;
   * `until CMD; do sleep N; done` (untilSuccess): CMD runs every N seconds until it succeeds, then the script ends. */
  | { kind: "loop"; line: string; everyMs: number; untilSuccess?: boolean }
  /** A shell on stdin/tty: it ends when the attached session leaves it. */
  | { kind: "interactive" }
  /** The runtime cannot exec argv[0]: StartError. */
  | { kind: "not-found"; executable: string };

export interface ContainerSpec {
  image?: string;
  command?: string[];
  args?: string[];
  stdin?: boolean;
  tty?: boolean;
}

const SHELLS = new Set(["sh", "bash", "ash", "zsh", "dash"]);

// The image's own ENTRYPOINT/CMD (from each image's Dockerfile), for the images whose
// main process can end. `execsArgs`: the entrypoint script ends in `exec "$@"`, so args
// that are not flags for the server replace it.
interface Entrypoint {
  cmd: string[];
  /** Args a server image treats as its own flags rather than a command. */
  serverFlags?: boolean;
  /** curlimages/curl's entrypoint.sh puts `curl` in front of args starting with "-". */
  prependWhenFlag?: string;
  /** The image's ENTRYPOINT is its binary: args are its flags/subcommands, it serves. */
  binary?: boolean;
}

const ENTRYPOINTS: Record<string, Entrypoint> = {
  busybox: { cmd: ["sh"] },
  alpine: { cmd: ["/bin/sh"] },
  "nicolaka/netshoot": { cmd: ["zsh"] },
  "curlimages/curl": { cmd: ["curl"], prependWhenFlag: "curl" },
  nginx: { cmd: ["nginx", "-g", "daemon off;"], serverFlags: true },
  mysql: { cmd: ["mysqld"], serverFlags: true },
  redis: { cmd: ["redis-server"], serverFlags: true },
};

/** Commands that run until killed. */
const SERVERS = new Set(["nginx", "nginx-debug", "mysqld", "redis-server", "httpd", "agnhost", "http-echo", "whoami", "coredns", "kube-proxy", "pause"]);

/** `sleep` durations as busybox/coreutils read them: 5, 5s, 1.5m, 2h, 1d; undefined = forever or unreadable. */
export function sleepMs(arg: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg ?? "");
  if (!m) return undefined;
  const unit = { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "" | "s" | "m" | "h" | "d"];
  return Math.round(Number(m[1]) * unit);
}

function base(word: string): string {
  return word.split("/").pop() ?? word;
}

// Shell scripts that never end: loops, followers, endless sleeps.
const ENDLESS = /\b(while|until|for)\b|\btail\s+(-\w*f|--follow)|\bsleep\s+(inf|infinity)\b|\bnc\s+-\w*l|\bwatch\b/;

// `while true; do …; sleep N; done` (also `while :`, `while [ 1 ]`), one line or several.
const WHILE_TRUE = /^while\s+(?:true|:|\[\s*1\s*\]|\[\s*true\s*\])\s*[;\n]\s*do\s+([\s\S]*?)[\s;]*\bsleep\s+(\S+?)\s*[;\n]\s*done\s*;?$/;

/** A loop or a sleep where a command starts (not the word "for" in an echo). */
const NESTED = /(?:^|[;&|\n(]\s*|\b(?:do|then|else)\s+)(?:while|until|for|sleep)\b/;

// `until nslookup db; do echo waiting; sleep 2; done` — the init container that waits for a Service.
const UNTIL = /^until\s+([\s\S]+?)\s*[;\n]\s*do\s+(?:([\s\S]*?)[;\n]\s*)?sleep\s+(\S+?)\s*[;\n]\s*done\s*;?$/;

/** A traffic or log generator: the body (no nested loops or sleeps) repeated every N seconds. */
function endlessLoop(s: string): MainProcess | undefined {
  const u = UNTIL.exec(s);
  if (u) {
    const every = sleepMs(u[3]);
    const test = u[1]!.trim();
    const body = (u[2] ?? "").trim().replace(/[;\s]+$/, "");
    if (!every || NESTED.test(test + " " + body)) return undefined;
    // Each turn: the test, and when it fails the body (`echo waiting…`); the status says which.
    const line = body ? `if ${test}; then true; else ${body}; false; fi` : test;
    return { kind: "loop", line, everyMs: every, untilSuccess: true };
  }
  const m = WHILE_TRUE.exec(s);
  if (!m) return undefined;
  const body = m[1]!.trim().replace(/[;\s]+$/, "");
  const every = sleepMs(m[2]);
  if (!body || !every || NESTED.test(body)) return undefined;
  return { kind: "loop", line: body, everyMs: every };
}

/** A `sh -c` script: endless, a bare `sleep N`, or commands with an optional trailing sleep. */
function scriptProcess(script: string): MainProcess {
  const s = script.trim();
  if (s === "" || s === "true" || s === "exit" || s === "exit 0") return { kind: "exit", exitCode: 0, afterMs: 0 };
  const loop = endlessLoop(s);
  if (loop) return loop;
  if (ENDLESS.test(s)) return { kind: "serve" };
  // `echo hi > index.html && nginx -g 'daemon off;'`: the script ends by running a server.
  if (s.split(/[\s;&|()]+/).some((w) => SERVERS.has(base(w)) || w === "http.server")) return { kind: "serve" };
  const only = /^(?:exec\s+)?sleep\s+(\S+)$/.exec(s);
  if (only) {
    const ms = sleepMs(only[1]);
    return ms === undefined ? { kind: "serve" } : { kind: "exit", exitCode: 0, afterMs: ms };
  }
  const trailing = /^(.*?)\s*(;|&&)\s*sleep\s+(\S+)\s*;?$/s.exec(s);
  if (trailing) {
    const ms = sleepMs(trailing[3]);
    if (ms === undefined) return { kind: "serve" };
    // Another sleep before the last one would stall the runner: treat as long-running.
    if (/\bsleep\b/.test(trailing[1])) return { kind: "serve" };
    return { kind: "command", line: trailing[1], thenSleepMs: ms, sleepsOnlyOnSuccess: trailing[2] === "&&" };
  }
  if (/\bsleep\b/.test(s)) return { kind: "serve" };
  return { kind: "command", line: s };
}

function quoteWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** What the process started from argv does, given the image's tools. */
function argvProcess(argv: string[], c: ContainerSpec, tools: string[]): MainProcess {
  const prog = base(argv[0] ?? "");
  if (SHELLS.has(prog) && tools.length) {
    const dashC = argv.indexOf("-c");
    if (dashC >= 1) return scriptProcess(argv[dashC + 1] ?? "");
    if (argv.length > 1) return { kind: "command", line: argv.map(quoteWord).join(" ") };
    // A shell reading stdin: with -i/-t it waits for the learner; without, it reads EOF and exits 0.
    return c.stdin || c.tty ? { kind: "interactive" } : { kind: "exit", exitCode: 0, afterMs: 0 };
  }
  if (SERVERS.has(prog)) return { kind: "serve" };
  if (prog === "sleep") {
    const ms = sleepMs(argv[1]);
    return ms === undefined ? { kind: "serve" } : { kind: "exit", exitCode: 0, afterMs: ms };
  }
  if (prog === "true") return { kind: "exit", exitCode: 0, afterMs: 0 };
  if (prog === "false") return { kind: "exit", exitCode: 1, afterMs: 0 };
  // An image we know nothing about runs a program we cannot emulate: it keeps running.
  if (!tools.length) return { kind: "serve" };
  if (prog === "tail" && argv.some((a) => /^-\w*f$|^--follow/.test(a))) return { kind: "serve" };
  if (prog === "nc" && argv.some((a) => /^-\w*l/.test(a))) return { kind: "serve" };
  // ping without a count pings until stopped.
  if (prog === "ping" && !argv.some((a) => /^-\w*c/.test(a))) return { kind: "serve" };
  if (!tools.includes(prog)) return { kind: "not-found", executable: argv[0]! };
  return { kind: "command", line: argv.map(quoteWord).join(" ") };
}

/** The main process of a container started from `c.image` with its command/args. */
export function mainProcess(c: ContainerSpec, overrides: Record<string, ImageBehavior> = {}): MainProcess {
  const id = normalizeImage(c.image ?? "");
  const entry = ENTRYPOINTS[id];
  const tools = imageProfile(c.image ?? "", overrides).tools;
  if (c.command?.length) return argvProcess([...c.command, ...(c.args ?? [])], c, tools);
  // Images whose entrypoint we do not model (servers, unknown images) run until stopped.
  if (!entry) return { kind: "serve" };
  const args = c.args ?? [];
  if (!args.length) return argvProcess(entry.cmd, c, tools);
  if (args[0]!.startsWith("-")) {
    if (entry.serverFlags) return { kind: "serve" };
    if (entry.prependWhenFlag) return argvProcess([entry.prependWhenFlag, ...args], c, tools);
  }
  return argvProcess(args, c, tools);
}
