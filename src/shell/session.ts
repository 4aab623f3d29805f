// The learner's session: a stack of shells. The workstation is at the bottom;
// `kubectl run -it`, `kubectl exec -it` and `ssh NODE` push a pod or node shell,
// `exit` pops it. A line that entered a nested shell (kubectl run … -- bash) is
// suspended until that shell exits, then finishes (kubectl prints `pod "x" deleted`).
import { defineCommand, type CustomCommand } from "just-bash";
import type { Cluster, KObject } from "../cluster/index.ts";
import type { AttachTarget, Kubectl } from "../kubectl/types.ts";
import type { Completion, Session, SessionHost, SessionState } from "./types.ts";
import { needsMoreInput } from "./input.ts";
import { defaultKubeconfig, kubectlCommand, type Kubeconfig } from "./kubectl-bridge.ts";
import { BUFFERED, CommandOutput, statementsToRunApart, streamsToTerminal, type Direct, type Sink } from "./output.ts";
import { containerImage, nodeMachine, podMachine, workstation, type Machine, type MachineDeps } from "./machines.ts";
import type { LineResult } from "./process.ts";
import { History } from "./history.ts";
import { complete } from "./completion.ts";
import { quoteArgs } from "./quote.ts";
import { advanceWithCommands, containerRunner, containerRunning, endAttachedProcess, runPendingCommands } from "./pod-commands.ts";
import { finishPending, pendingFor, type PendingKubectl } from "./resume.ts";

export const SESSION_STATE_VERSION = 1;
/** Virtual time one typed line takes: the cluster keeps moving while the learner types. */
export const LINE_TICK_MS = 1000;
/** How long `kubectl exec` waits, in virtual time, for a just-created pod to start. */
export const POD_START_WAIT_MS = 30_000;

export interface SessionOptions {
  cluster: Cluster;
  host: SessionHost;
  /** kubectl implementation (defaults to src/kubectl). */
  kubectl?: Kubectl;
  /** Resume from `state()`; the cluster passed must be restored from `state.cluster`. */
  state?: SessionState;
  /** Start in a node's shell (labnotes exec --on NODE). */
  onNode?: string;
}

interface Frame {
  machine: Machine;
  /** The suspended line of the shell below, waiting for this shell to exit. */
  leave?: (code: number) => void;
  /** What the shell prints when it ends (ssh: "logout" / "Connection to x closed."). */
  farewell?: { stdout: string; stderr: string };
  /** What the kubectl line that opened this shell does after it (saved, for a session restored inside). */
  pending?: PendingKubectl;
}

type Race = { kind: "done"; result: LineResult } | { kind: "entered" };

const SHELLS = new Set(["sh", "bash", "ash", "zsh", "dash"]);
function isShell(command: string[]): boolean {
  return command.length === 1 && SHELLS.has(command[0].split("/").pop() ?? "");
}

export function createSession(opts: SessionOptions): Session & SessionExtras {
  return new LearnerSession(opts);
}

/** Beyond the contract: what the CLI and tests use. */
export interface SessionExtras {
  /** Ctrl-D: leave the nested shell (bash prints "exit"). */
  endOfInput(): Promise<number>;
  /** True once `exit` ran on the workstation itself: a terminal would close (the TTY shell does). */
  exited(): boolean;
  shellHistory(): readonly string[];
  /** Where the learner is: "workstation", "pod default/tmp", "node worker1". */
  location(): string;
  /** Restore files of the shells (state() holds them). */
  ready(): Promise<void>;
  /** Pre-compute state including files (async); state() returns the last one plus live fields. */
  saveState(): Promise<SessionState>;
}

class LearnerSession implements Session, SessionExtras {
  private readonly cluster: Cluster;
  private readonly host: SessionHost;
  private readonly kubectlImpl: Promise<Kubectl>;
  private readonly kubeconfig: Kubeconfig;
  private readonly frames: Frame[] = [];
  private readonly suspended = new Map<Frame, Promise<LineResult>>();
  private readonly podShells = new Map<string, Machine>();
  private readonly nodeShells = new Map<string, Machine>();
  private readonly hist: History;
  private entered: (() => void) | null = null;
  /** The streams of the running line that can go straight to the terminal. */
  private direct: Direct = BUFFERED;
  private readonly toTerminal: Sink = (text, stream) => this.host.write(text, stream);
  private restoring: Promise<void> = Promise.resolve();
  private lastFiles: Record<string, string> = {};
  private workstationExited = false;
  /** The signal of the line running now (Ctrl-C), for waits just-bash starts without one. */
  private running: AbortSignal | undefined;
  /** Saved histories of shells not entered yet since the restore, by machineKey. */
  private savedHistories: Record<string, string[]> = {};

  constructor(opts: SessionOptions) {
    this.cluster = opts.cluster;
    this.host = opts.host;
    this.kubectlImpl = opts.kubectl ? Promise.resolve(opts.kubectl) : import("../kubectl/index.ts").then((m) => m.kubectl);
    const saved = opts.state as SavedState | undefined;
    this.kubeconfig = saved?.kubeconfig ? { ...saved.kubeconfig } : defaultKubeconfig();
    this.hist = new History(saved?.history ?? []);
    this.savedHistories = { ...(saved?.shellHistories ?? (saved?.history ? { workstation: saved.history } : {})) };
    this.frames.push({ machine: this.withSavedHistory(workstation(this.deps())) });
    if (saved) this.restoring = this.restore(saved);
    else if (opts.onNode) this.frames.push({ machine: this.node(opts.onNode), farewell: sshFarewell(opts.onNode) });
  }

  private deps(): MachineDeps {
    return {
      cluster: this.cluster,
      // Where Ctrl-C can come, sleep also takes real time: a printing loop then runs at its real pace instead of flooding the terminal.
      sleep: this.host.yieldToHost ? (ms) => this.pace(ms, this.running) : (ms) => advanceWithCommands(this.cluster, ms, this.containerCommands),
      ...(this.host.yieldToHost ? { yieldToHost: () => this.host.yieldToHost!(), pace: (ms: number, signal?: AbortSignal) => this.pace(ms, signal) } : {}),
      workstationCommands: [this.kubectlCommand(), this.sshCommand()],
      sink: () => this.direct,
    };
  }

  /** Time a command waits (sleep, ping's interval) where Ctrl-C can come: on the cluster clock, and for real. */
  private async pace(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await advanceWithCommands(this.cluster, ms, this.containerCommands);
    } catch {
      // a cluster that cannot advance still answers
    }
    await (this.host.wait ?? realDelay)(ms, signal);
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  prompt(): string {
    return this.top().machine.prompt();
  }
  needsMoreInput(buffered: string): boolean {
    return needsMoreInput(buffered);
  }
  history(): readonly string[] {
    return this.hist.all();
  }
  shellHistory(): readonly string[] {
    return this.top().machine.history.all();
  }

  private withSavedHistory(m: Machine): Machine {
    const lines = this.savedHistories[machineKey(m.ref)];
    if (lines) m.history.load(lines);
    return m;
  }
  depth(): number {
    return this.frames.length - 1;
  }
  exited(): boolean {
    return this.workstationExited;
  }
  location(): string {
    const ref = this.top().machine.ref;
    if (ref.kind === "pod") return `pod ${ref.namespace}/${ref.pod}`;
    if (ref.kind === "node") return `node ${ref.node}`;
    return "workstation";
  }
  async ready(): Promise<void> {
    await this.restoring;
  }

  complete(line: string, cursor: number): Completion {
    return complete(line, cursor, {
      cluster: this.cluster,
      namespace: this.kubeconfig.namespace,
      commands: this.top().machine.commands,
      fs: this.top().machine.proc.bash.fs,
      cwd: this.top().machine.proc.getCwd(),
    });
  }

  async run(line: string, opts?: { signal?: AbortSignal }): Promise<number> {
    return this.execute(line, opts, true);
  }

  /** `typed`: the learner typed the line, so it goes into the histories (Ctrl-D's exit does not). */
  private async execute(line: string, opts: { signal?: AbortSignal } | undefined, typed: boolean): Promise<number> {
    await this.restoring;
    if (typed) {
      this.hist.add(line);
      this.top().machine.history.add(line);
    }
    try {
      this.cluster.advance(LINE_TICK_MS);
    } catch {
      // a cluster that cannot advance still answers; the line must run
    }
    await runPendingCommands(this.cluster, this.containerCommands);
    const frame = this.top();
    this.running = opts?.signal;
    // `a; b` runs statement by statement, so each one's output reaches the terminal in order.
    let status = 0;
    const parts = statementsToRunApart(line);
    for (const part of parts) {
      const env = frame.machine.proc.getEnv();
      const special = (name: string) => env[`BASH_ALIAS_${name}`] !== undefined || frame.machine.proc.hasFunction(name);
      const streams = streamsToTerminal(part, special);
      this.direct = { stdout: streams.stdout ? this.toTerminal : null, stderr: streams.stderr ? this.toTerminal : null };
      // Each shell carries its own $? from part to part and line to line.
      status = await this.drive(frame, frame.machine.proc.run(part, opts?.signal, undefined, this.toTerminal));
      if (opts?.signal?.aborted || this.top() !== frame) break;
    }
    await runPendingCommands(this.cluster, this.containerCommands);
    // Keep the learner's files current for the synchronous state() (only the workstation's are saved).
    if (frame === this.frames[0] || this.frames.length === 1) this.lastFiles = (await this.frames[0].machine.proc.state()).files;
    return status;
  }

  async endOfInput(): Promise<number> {
    if (this.depth() === 0) return 0;
    // bash itself prints "exit" as it leaves (see Machine.exitText); ash leaves silently. Nothing was typed: no history.
    return this.execute("exit", undefined, false);
  }

  /** Wait for a line to finish, or for it to enter a nested shell, whichever comes first. */
  private async drive(frame: Frame, running: Promise<LineResult>): Promise<number> {
    const entered = new Promise<Race>((resolve) => (this.entered = () => resolve({ kind: "entered" })));
    const race = await Promise.race([running.then((result): Race => ({ kind: "done", result })), entered]);
    this.entered = null;
    if (race.kind === "entered") {
      this.suspended.set(frame, running);
      return 0;
    }
    const { result } = race;
    this.emit(result.stdout, result.stderr);
    if (result.exited && this.frames.length === 1) this.workstationExited = true;
    if (!result.exited || this.frames.length === 1 || this.top() !== frame) return result.exitCode;
    // `exit` in a nested shell: pop it and let the suspended line below finish.
    this.frames.pop();
    if (frame.farewell) this.emit(frame.farewell.stdout, frame.farewell.stderr);
    else if (frame.machine.exitText) this.emit("", frame.machine.exitText);
    const below = this.top();
    const waiting = this.suspended.get(below);
    frame.leave?.(result.exitCode);
    if (!waiting) {
      // Restored inside the shell: the kubectl line is gone, so finish it from its saved description.
      if (!frame.leave && frame.pending) {
        const p = frame.pending;
        // What the attach does as the shell ends (a run -it main process ends with it), then kubectl's own epilogue.
        const pod = this.cluster.get({ group: "", resource: "pods", namespace: p.namespace, name: p.pod });
        if (pod.ok) endAttachedProcess(this.cluster, pod.value, { container: p.container ?? p.pod, command: p.attached ?? [] }, "", result.exitCode);
        const done = finishPending(p, result.exitCode, this.cluster);
        this.emit(done.stdout, done.stderr);
        return done.exitCode;
      }
      return result.exitCode;
    }
    this.suspended.delete(below);
    return this.drive(below, waiting);
  }

  private emit(stdout: string, stderr: string): void {
    if (stdout) this.host.write(stdout, "stdout");
    if (stderr) this.host.write(stderr, "stderr");
  }

  /** Push a shell and resolve when it exits. */
  private enter(frame: Omit<Frame, "leave">, output?: CommandOutput): Promise<number> {
    output?.flush(this.toTerminal);
    return new Promise<number>((resolve) => {
      this.frames.push({ ...frame, leave: resolve });
      this.entered?.();
    });
  }

  private node(name: string): Machine {
    let m = this.nodeShells.get(name);
    if (!m) {
      m = this.withSavedHistory(nodeMachine(this.deps(), name));
      this.nodeShells.set(name, m);
    }
    return m;
  }

  private pod(pod: KObject, container: string, shell: string): Machine {
    const key = `${pod.metadata.uid}/${container}/${shell}`;
    let m = this.podShells.get(key);
    if (!m) {
      m = this.withSavedHistory(podMachine(this.deps(), pod, container, shell));
      this.podShells.set(key, m);
    }
    return m;
  }

  private kubectlCommand(): CustomCommand {
    const self = this;
    return kubectlCommand({
      cluster: this.cluster,
      get kubectl(): Kubectl {
        return async (argv, ctx) => (await self.kubectlImpl)(argv, ctx);
      },
      kubeconfig: this.kubeconfig,
      edit: async (fileName, text) => (this.host.edit ? this.host.edit(fileName, text, "vi") : text),
      attach: (target, io) => this.attach(target, io),
      sink: () => this.direct,
    });
  }

  /**
   * The pod once its container runs. A learner typing `kubectl exec` right after
   * creating a pod would, in a real terminal, have spent the seconds the container
   * needs to start; let that virtual time pass (up to POD_START_WAIT_MS).
   */
  private runningPod(namespace: string, name: string): KObject | "missing" | "not-started" {
    for (let waited = 0; ; waited += 1000) {
      const got = this.cluster.get({ group: "", resource: "pods", namespace, name });
      if (!got.ok) return "missing";
      const status = (got.value as { status?: { phase?: string; podIP?: string } }).status;
      if (status?.phase === "Running" && status.podIP) return got.value;
      if (waited >= POD_START_WAIT_MS) return "not-started";
      this.cluster.advance(1000);
    }
  }

  /** kubectl exec/run/attach: enter the container's shell, or run one command in it. */
  private async attach(target: AttachTarget, io: { output: CommandOutput; stdin: string; signal?: AbortSignal; argv: readonly string[] }): Promise<number> {
    const got = this.runningPod(target.namespace, target.pod);
    if (got === "missing") {
      io.output.err(`Error from server (NotFound): pods "${target.pod}" not found\n`);
      return 1;
    }
    if (got === "not-started") {
      io.output.err(`error: unable to upgrade connection: container not found ("${target.container}")\n`);
      return 1;
    }
    const pod = got;
    // A container that exited (waiting to restart, or done) has no process to exec into.
    if (!containerRunning(pod, target.container)) {
      io.output.err(`error: unable to upgrade connection: container not found ("${target.container}")\n`);
      return 1;
    }
    const image = this.cluster.image(containerImage(pod, target.container));
    // No command: attach to the container's main process, which for the shell images is their shell.
    const command = target.command.length ? target.command : [image.shell ?? "sh"];
    const program = command[0].split("/").pop() ?? command[0];
    const probe = this.pod(pod, target.container, SHELLS.has(program) ? command[0] : (image.shell ?? "sh"));
    const hasShell = image.shell !== null;
    const exists = SHELLS.has(program) ? hasShell && (program === (image.shell ?? "sh") || probe.commands.has(program) || program === "sh") : probe.commands.has(program);
    if (!exists) {
      io.output.out(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": executable file not found in $PATH: unknown\n`);
      return 126;
    }
    if (isShell(command) && target.tty && target.stdin) {
      const pending = pendingFor(io.argv, target);
      const code = await this.enter({ machine: probe, ...(pending ? { pending } : {}) }, io.output);
      endAttachedProcess(this.cluster, pod, target, "", code);
      return code;
    }
    // One command: `sh -c '…'` runs the script, anything else runs as a command line.
    let line: string;
    if (SHELLS.has(program) && command[1] === "-c") line = command[2] ?? "";
    else if (isShell(command)) line = io.stdin;
    else line = quoteArgs(command);
    // kubectl streams what the command prints: a loop in `sh -c` shows each line as it comes (live-output.ts).
    let streamed = "";
    const live: Sink = (text, stream) => {
      streamed += text;
      if (stream === "stdout") io.output.out(text);
      else io.output.err(text);
    };
    const r = await this.nested(() => probe.proc.run(line, io.signal, undefined, live));
    io.output.out(r.stdout);
    io.output.err(r.stderr);
    endAttachedProcess(this.cluster, pod, target, streamed + r.stdout + r.stderr, r.exitCode);
    return r.exitCode;
  }

  /** Containers' one-shot main processes (kubectl run … -- nslookup x) run in their pod's shell. */
  private readonly containerCommands = containerRunner(() => this.deps(), (run) => this.nested(run));

  /** A command line run inside another command (exec, ssh): its output is collected, not streamed. */
  private async nested<T>(run: () => Promise<T>): Promise<T> {
    const saved = this.direct;
    this.direct = BUFFERED;
    try {
      return await run();
    } finally {
      this.direct = saved;
    }
  }

  private sshCommand(): CustomCommand {
    return defineCommand("ssh", async (args, ctx) => {
      const hostArg = args.find((a) => !a.startsWith("-"));
      if (!hostArg) {
        return { stdout: "", stderr: SSH_USAGE, exitCode: 255 };
      }
      const name = hostArg.replace(/^.*@/, "");
      const node = this.cluster.get({ group: "", resource: "nodes", name });
      if (!node.ok) {
        return { stdout: "", stderr: `ssh: Could not resolve hostname ${name}: Name or service not known\n`, exitCode: 255 };
      }
      const rest = args.slice(args.indexOf(hostArg) + 1);
      const machine = this.node(name);
      if (rest.length === 0) {
        const code = await this.enter({ machine, farewell: sshFarewell(name) });
        return { stdout: "", stderr: "", exitCode: code };
      }
      // ssh joins its arguments with spaces and hands them to the remote shell.
      // What the remote command prints goes where ssh's own output goes, as it comes (a loop streams).
      const output = new CommandOutput(this.direct);
      // bash 5.1+ names the line of a `-c` script in its errors: "bash: line 1: nosuch: command not found".
      const bashC = (text: string) => text.replace(/^bash: (?!line \d+: )/gm, "bash: line 1: ");
      const live: Sink = (text, stream) => (stream === "stdout" ? output.out(text) : output.err(bashC(text)));
      // sshd hands the words to a new non-login `bash -c`: $0 is "bash" and its variables do not outlive it.
      const r = await this.nested(() => machine.proc.runApart(rest.join(" "), { live, dollarZero: "bash", ...(ctx.signal ? { signal: ctx.signal } : {}) }));
      output.out(r.stdout);
      output.err(bashC(r.stderr));
      return { stdout: output.stdout, stderr: output.stderr, exitCode: r.exitCode };
    });
  }

  state(): SessionState {
    // Nested shells keep their directory and variables; their files live in the cluster's containers.
    const frames = this.frames.slice(1).map((f) => ({ ...f.machine.ref, cwd: f.machine.proc.getCwd(), env: { ...f.machine.proc.getEnv() }, exported: f.machine.proc.exportedNames(), ...(f.pending ? { pending: f.pending } : {}) }));
    const ws = this.frames[0].machine.proc;
    const saved: SavedState = {
      version: SESSION_STATE_VERSION,
      cluster: this.cluster.snapshot(),
      kubeconfig: { ...this.kubeconfig },
      history: [...this.hist.all()],
      shellHistories: this.shellHistories(),
      workstation: { env: { ...ws.getEnv() }, cwd: ws.getCwd(), files: { ...this.lastFiles }, functions: ws.functionSources(), exported: ws.exportedNames() },
      nesting: frames,
    };
    return saved as unknown as SessionState;
  }

  /** Every shell's own history, including shells left earlier (re-entering one finds its lines again). */
  private shellHistories(): Record<string, string[]> {
    const out: Record<string, string[]> = { ...this.savedHistories };
    for (const m of [this.frames[0].machine, ...this.nodeShells.values(), ...this.podShells.values()]) {
      if (m.history.all().length) out[machineKey(m.ref)] = [...m.history.all()];
    }
    return out;
  }

  async saveState(): Promise<SessionState> {
    this.lastFiles = (await this.frames[0].machine.proc.state()).files;
    return this.state();
  }

  private async restore(saved: SavedState): Promise<void> {
    if (saved.version !== SESSION_STATE_VERSION) return;
    const ws = this.frames[0].machine.proc;
    for (const [path, content] of Object.entries(saved.workstation?.files ?? {})) {
      await ws.bash.fs.writeFile(path, content);
    }
    this.lastFiles = { ...(saved.workstation?.files ?? {}) };
    if (saved.workstation) ws.restore({ env: saved.workstation.env, cwd: saved.workstation.cwd, functions: saved.workstation.functions ?? {}, ...(saved.workstation.exported ? { exported: saved.workstation.exported } : {}) });
    for (const ref of saved.nesting ?? []) {
      let machine: Machine | undefined;
      if (ref.kind === "node") machine = this.node(ref.node);
      if (ref.kind === "pod") {
        const pod = this.cluster.get({ group: "", resource: "pods", namespace: ref.namespace, name: ref.pod });
        // The pod the learner was in may be gone (deleted, replaced): then the session resumes one level up.
        if (pod.ok && pod.value.metadata.uid === ref.uid) machine = this.pod(pod.value, ref.container, ref.shell);
      }
      if (!machine) break;
      if (ref.env && ref.cwd) machine.proc.restore({ env: ref.env, cwd: ref.cwd, functions: {}, ...(ref.exported ? { exported: ref.exported } : {}) });
      this.frames.push({ machine, ...(ref.kind === "node" ? { farewell: sshFarewell(ref.node) } : {}), ...(ref.pending ? { pending: ref.pending } : {}) });
    }
  }
}

interface SavedState {
  version: number;
  cluster: ReturnType<Cluster["snapshot"]>;
  kubeconfig: Kubeconfig;
  history: string[];
  /** Each shell's own history by machineKey (absent in states saved before it existed). */
  shellHistories?: Record<string, string[]>;
  workstation: { env: Record<string, string>; cwd: string; files: Record<string, string>; functions?: Record<string, string>; exported?: string[] };
  nesting: (Machine["ref"] & { cwd?: string; env?: Record<string, string>; exported?: string[]; pending?: PendingKubectl })[];
}

/** Wait `ms` of real time, or until `signal` aborts (Ctrl-C). */
function realDelay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done);
  });
}

/** The key of a shell in saved histories: re-entering the same container's shell finds its history, as bash's ~/.bash_history does. */
function machineKey(ref: Machine["ref"]): string {
  if (ref.kind === "pod") return `pod/${ref.uid}/${ref.container}/${ref.shell}`;
  if (ref.kind === "node") return `node/${ref.node}`;
  return "workstation";
}

/** What leaving an ssh session prints: bash's "logout", then ssh's own line. */
function sshFarewell(node: string): Frame["farewell"] {
  return { stdout: "logout\n", stderr: `Connection to ${node} closed.\n` };
}

const SSH_USAGE =
  "usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n" +
  "           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n" +
  "           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n" +
  "           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n" +
  "           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n" +
  "           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n" +
  "           destination [command [argument ...]]\n";
