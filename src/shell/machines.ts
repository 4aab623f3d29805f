// Building the shell process of each machine the learner can be on: the workstation,
// a container in a pod, a node. Each has its own files, environment, prompt and tools.
import type { CustomCommand } from "just-bash";
import type { Cluster, KObject, Source } from "../cluster/index.ts";
import { renderPrompt, shellOf, type PromptStyle } from "../cluster/index.ts";
import { allBuiltins, baseUserland, NODE_FLAVOURS, NODE_TOOLS, notFoundRewriter, renderPs1, shellKind, WORKSTATION_TOOLS } from "./flavour.ts";
import { containerEnv, NODE_RESOLV_CONF, podHostname } from "./pod-files.ts";
import { ShellProcess } from "./process.ts";
import { exportedEnvCommands, historyCommand, sudoAsRoot, toCommand, virtualDate } from "./commands.ts";
import { History } from "./history.ts";
import { TOOLS } from "./tools/index.ts";
import type { ToolHost } from "./tools/types.ts";
import type { Direct } from "./output.ts";

export type MachineRef =
  | { kind: "workstation" }
  | { kind: "pod"; namespace: string; pod: string; container: string; uid: string; shell: string }
  | { kind: "node"; node: string };

export interface Machine {
  ref: MachineRef;
  hostname: string;
  /** Commands this machine has (tools and just-bash built-ins). */
  commands: Set<string>;
  proc: ShellProcess;
  /** This shell's own history (↑, Ctrl-R, `history`): a pod's shell does not know the workstation's lines. */
  history: History;
  prompt(): string;
  /** What the shell prints when `exit` ends it interactively: bash says "exit"; ash and dash say nothing. */
  exitText?: string;
}

export interface MachineDeps {
  cluster: Cluster;
  sleep(ms: number): Promise<void>;
  /** See SessionHost.yieldToHost. */
  yieldToHost?(): Promise<void>;
  /** See ToolHost.pace: only where Ctrl-C can arrive. */
  pace?(ms: number, signal?: AbortSignal): Promise<void>;
  /** Commands only the workstation has (kubectl, ssh), built by the session. */
  workstationCommands: CustomCommand[];
  /** Where output goes when nothing captures it (see output.ts). */
  sink(): Direct;
}

function paced(deps: MachineDeps): Pick<ToolHost, "pace"> {
  return deps.pace ? { pace: deps.pace } : {};
}

function toolCommands(names: Iterable<string>, host: ToolHost, deps: MachineDeps): CustomCommand[] {
  const out: CustomCommand[] = [virtualDate(() => deps.cluster.now()), ...exportedEnvCommands()];
  for (const name of names) if (TOOLS[name]) out.push(toCommand(name, TOOLS[name], host, deps.sink));
  return out;
}

/** The image's own prompt, until the learner sets PS1 themselves. */
function prompter(proc: ShellProcess, who: { user: string; hostname: string; home: string }, style: PromptStyle | "dollar" | "dash"): () => string {
  const initialPs1 = proc.getEnv().PS1;
  return () => {
    const env = proc.getEnv();
    const cwd = proc.getCwd();
    if (env.PS1 !== undefined && env.PS1 !== initialPs1) return renderPs1(env.PS1, { ...who, cwd });
    if (style === "dollar") return "$ ";
    if (style === "dash") return "# ";
    return renderPrompt(style, who.hostname, cwd, who.home);
  };
}

export const WORKSTATION_HOME = "/home/learner";
const WORKSTATION_HOSTNAME = "workstation";

export function workstation(deps: MachineDeps): Machine {
  const host: ToolHost = { cluster: deps.cluster, where: { kind: "outside" }, hostname: WORKSTATION_HOSTNAME, flavours: NODE_FLAVOURS, ...paced(deps) };
  const history = new History();
  const commands = [...deps.workstationCommands, historyCommand(() => history.all()), ...toolCommands(WORKSTATION_TOOLS, host, deps)];
  const names = new Set([...allBuiltins(), ...WORKSTATION_TOOLS, "history", ...deps.workstationCommands.map((c) => c.name)]);
  const proc = new ShellProcess({
    files: {},
    dirs: [WORKSTATION_HOME, "/tmp"],
    env: {
      HOME: WORKSTATION_HOME,
      USER: "learner",
      LOGNAME: "learner",
      SHELL: "/bin/bash",
      TERM: "xterm-256color",
      HOSTNAME: WORKSTATION_HOSTNAME,
      PATH: "/usr/local/bin:/usr/bin:/bin",
      PS1: "\\$ ",
      // $0: the terminal started a plain interactive bash.
      "0": "bash",
    },
    cwd: WORKSTATION_HOME,
    commands,
    sleep: deps.sleep,
    yieldToHost: deps.yieldToHost,
  });
  const who = { user: "learner", hostname: WORKSTATION_HOSTNAME, home: WORKSTATION_HOME };
  return { ref: { kind: "workstation" }, hostname: WORKSTATION_HOSTNAME, commands: names, proc, history, prompt: prompter(proc, who, "dollar") };
}

export function nodeMachine(deps: MachineDeps, node: string): Machine {
  const history = new History();
  const host: ToolHost = { cluster: deps.cluster, where: { kind: "node", name: node }, hostname: node, flavours: NODE_FLAVOURS, ...paced(deps) };
  const proc = new ShellProcess({
    files: { "/etc/hostname": `${node}\n`, "/etc/resolv.conf": NODE_RESOLV_CONF },
    dirs: ["/root", "/tmp"],
    env: {
      HOME: "/root",
      USER: "root",
      LOGNAME: "root",
      SHELL: "/bin/bash",
      TERM: "xterm-256color",
      HOSTNAME: node,
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      PS1: "\\u@\\h:\\w\\$ ",
      // sshd starts the login shell with argv[0] "-bash", which is what $0 shows.
      "0": "-bash",
    },
    cwd: "/root",
    commands: [...toolCommands(NODE_TOOLS, host, deps), sudoAsRoot(), historyCommand(() => history.all())],
    sleep: deps.sleep,
    yieldToHost: deps.yieldToHost,
  });
  const names = new Set([...allBuiltins(), ...NODE_TOOLS, "sudo", "history"]);
  return { ref: { kind: "node", node }, hostname: node, commands: names, proc, history, prompt: prompter(proc, { user: "root", hostname: node, home: "/root" }, "debian-root") };
}

type Obj = Record<string, any>;

export function containerImage(pod: KObject, container: string): string {
  const containers = ((pod as Obj).spec?.containers ?? []) as { name: string; image?: string }[];
  return containers.find((c) => c.name === container)?.image ?? "";
}

/** The shell inside one container. `shell` is the program asked for ("bash", "/bin/sh"). */
export function podMachine(deps: MachineDeps, pod: KObject, container: string, shell: string): Machine {
  const cluster = deps.cluster;
  const c = (((pod as Obj).spec?.containers as Obj[]) ?? []).find((x) => x.name === container) ?? {};
  const info = shellOf(containerImage(pod, container), cluster.config.images);
  const program = shell.split("/").pop() ?? shell;
  const debianBased = info.prompt === "debian-root" || info.prompt === "bash-plain";
  const kind = shellKind(program, debianBased);
  const wanted = new Set(info.shell === null ? info.tools : [...info.tools, ...baseUserland(info.prompt)]);
  for (const always of ["echo", "printf", "true", "false", "pwd"]) wanted.add(always);
  const namespace = pod.metadata.namespace ?? "default";
  const name = pod.metadata.name ?? "";
  const hostname = podHostname(pod);
  const where: Source = { kind: "pod", namespace, name };
  const host: ToolHost = { cluster, where, hostname, flavours: info.flavours, ...paced(deps) };
  const builtins = allBuiltins().filter((b) => wanted.has(b));
  const workdir: string = c.workingDir ?? info.workdir;
  const home = info.user === "root" ? "/root" : info.workdir;
  const podFiles = cluster.podFiles(namespace, name, container);
  const history = new History();
  // bash and BusyBox ash have a `history` builtin; dash (Debian's sh) has none.
  const historyBuiltin = kind === "dash" ? [] : [historyCommand(() => history.all(), kind === "ash" ? "busybox" : "bash")];
  const proc = new ShellProcess({
    files: {
      "/etc/resolv.conf": podFiles?.resolvConf ?? "",
      "/etc/hosts": podFiles?.hosts ?? "",
      "/etc/hostname": `${hostname}\n`,
      ...podFiles?.mounts,
    },
    dirs: [home, workdir, "/tmp"],
    env: {
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      HOSTNAME: hostname,
      ...podFiles?.serviceEnv,
      ...containerEnv(cluster, pod, container),
      TERM: "xterm",
      HOME: home,
      PS1: "\\h:\\w\\$ ",
      // $0 is the program as the container runtime started it: "sh", "/bin/sh", "bash".
      "0": shell,
    },
    cwd: workdir,
    commands: [...toolCommands(wanted, host, deps), ...historyBuiltin],
    builtins,
    sleep: deps.sleep,
    yieldToHost: deps.yieldToHost,
    rewriteStderr: notFoundRewriter(kind),
  });
  const names = new Set([...builtins, ...[...wanted].filter((t) => TOOLS[t]), ...historyBuiltin.map((c) => c.name)]);
  // A Debian image's plain `sh` is dash, whose prompt is a bare "# ".
  const style = kind === "dash" ? "dash" : info.prompt;
  return {
    ref: { kind: "pod", namespace, pod: name, container, uid: pod.metadata.uid ?? "", shell },
    hostname,
    commands: names,
    proc,
    history,
    prompt: prompter(proc, { user: info.user, hostname, home }, style),
    ...(kind === "bash" && program !== "zsh" ? { exitText: "exit\n" } : {}),
  };
}
