// One interactive shell process (the workstation's bash, a pod's sh, a node's bash)
// on top of just-bash. just-bash starts every exec() from scratch, so this carries
// the variables, aliases, functions and working directory from one line to the next,
// and notices `exit`, which just-bash treats as the end of the script only.
import { Bash, parse, serialize, type CustomCommand } from "just-bash";
import type { ScriptNode } from "just-bash";
import { HEADLESS_LIMITS, INTERRUPTIBLE_LIMITS, tickCommand, withLoopTicks } from "./interruptible.ts";
import { LiveOutputFs, withLiveOutput } from "./live-output.ts";
import type { Sink } from "./output.ts";

/** Variables that only describe one exec() and must not leak into the next. */
const TRANSIENT = new Set(["?", "OLDPWD_UNSET", "BASH_COMMAND", "LINENO", "_"]);
const DONE_MARK = "__LABNOTES_DONE";
const STATUS_VAR = "__LABNOTES_STATUS";
const EXPORTED_VAR = "__LABNOTES_EXPORTED";
/** Variables a shell sets for itself: never exported, never carried by assignment. */
export const SHELL_OWN = new Set(["0", "PS1", "PS2", "IFS", "OPTIND", "SHELLOPTS", "BASHOPTS", "OSTYPE", "MACHTYPE", "HOSTTYPE", "PPID", "BASHPID", "RANDOM", "SECONDS", "UID", "EUID"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface LineResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The line ran `exit`: the shell process ends. */
  exited: boolean;
}

export interface ProcessOptions {
  files: Record<string, string>;
  env: Record<string, string>;
  cwd: string;
  commands: CustomCommand[];
  /** Directories that exist from the start (home, workdir, /tmp). */
  dirs?: string[];
  /** Built-in just-bash commands this image has (undefined: all of them). */
  builtins?: string[];
  sleep(ms: number): Promise<void>;
  /** How this shell words "command not found" (bash vs busybox ash). */
  rewriteStderr?(text: string): string;
  /** Lets the host's event loop run (see interruptible.ts): loops then run until Ctrl-C instead of ending at the limits. */
  yieldToHost?(): Promise<void>;
}

export interface ProcessState {
  env: Record<string, string>;
  exported?: string[];
  cwd: string;
  functions: Record<string, string>;
  files: Record<string, string>;
}

export class ShellProcess {
  readonly bash: Bash;
  private env: Record<string, string>;
  private cwd: string;
  private functions = new Map<string, string>();
  /** $? as the next line starts: the last line's exit status (bash carries it from prompt to prompt). */
  private lastStatus = 0;
  /** Which variables are exported: just-bash forgets it between exec() calls. */
  private exported: Set<string>;
  private readonly rewriteStderr: (text: string) => string;
  private readonly ready: Promise<unknown>;
  private readonly interruptible: boolean;
  private readonly fs: LiveOutputFs;

  constructor(opts: ProcessOptions) {
    this.fs = new LiveOutputFs(opts.files);
    this.bash = new Bash({
      fs: this.fs,
      env: opts.env,
      cwd: opts.cwd,
      customCommands: opts.yieldToHost ? [...opts.commands, tickCommand(opts.yieldToHost)] : opts.commands,
      commands: opts.builtins as never,
      sleep: opts.sleep,
      // Without a way to interrupt, an endless loop must end in an error quickly, not hang the run.
      executionLimits: opts.yieldToHost ? INTERRUPTIBLE_LIMITS : HEADLESS_LIMITS,
    });
    this.interruptible = opts.yieldToHost !== undefined;
    this.env = { ...opts.env, PWD: opts.cwd };
    this.exported = new Set(Object.keys(this.env).filter((k) => !SHELL_OWN.has(k)));
    this.cwd = opts.cwd;
    this.rewriteStderr = opts.rewriteStderr ?? ((t) => t);
    this.ready = Promise.all((opts.dirs ?? []).map((d) => this.bash.fs.mkdir(d, { recursive: true })));
  }

  getEnv(): Readonly<Record<string, string>> {
    return this.env;
  }
  getCwd(): string {
    return this.cwd;
  }
  hasFunction(name: string): boolean {
    return this.functions.has(name);
  }
  functionSources(): Record<string, string> {
    return Object.fromEntries(this.functions);
  }
  exportedNames(): string[] {
    return [...this.exported];
  }

  /**
   * `status`: the $? the line starts with; by default the last line's, as at a prompt (a new process passes 0).
   * `live`: the terminal, when the line is typed at this shell's prompt: a loop's output then reaches it as produced (live-output.ts).
   */
  async run(line: string, signal?: AbortSignal, status?: number, live?: Sink): Promise<LineResult> {
    const result = await this.runLine(line, signal, status ?? this.lastStatus, live);
    this.lastStatus = result.exitCode;
    return result;
  }

  private async runLine(line: string, signal: AbortSignal | undefined, status: number, live?: Sink): Promise<LineResult> {
    await this.ready;
    let syntaxOk = true;
    try {
      this.rememberFunctions(parse(line));
    } catch {
      syntaxOk = false;
    }
    // A line that does not parse runs alone, so bash's error names the learner's line.
    let script = syntaxOk ? this.withFunctions(live ? withLiveOutput(line) : line, status) : line;
    if (syntaxOk && this.interruptible) script = withLoopTicks(script);
    // The trailer records that the script ran to its end; when it is missing, `exit` ran.
    const trailer = syntaxOk ? `\n${STATUS_VAR}=$?; ${EXPORTED_VAR}="$(compgen -e)"; ${DONE_MARK}=1` : "";
    let result;
    this.fs.sink = live ?? null;
    try {
      result = await this.bash.exec(script + trailer, {
        env: this.env,
        replaceEnv: true,
        cwd: this.cwd,
        rawScript: true,
        signal,
      });
    } catch (e) {
      // just-bash should never throw, but nothing the learner types may break the session.
      return { stdout: "", stderr: `bash: ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1, exited: false };
    } finally {
      this.fs.sink = null;
    }
    // Ctrl-C: bash reports 128+SIGINT and prints nothing of its own (the terminal echoes ^C).
    if (signal?.aborted) return { stdout: result.stdout, stderr: this.rewriteStderr(withoutAbortNote(result.stderr)), exitCode: 130, exited: false };
    const env = result.env ?? {};
    const finished = env[DONE_MARK] === "1";
    const exitCode = finished ? Number(env[STATUS_VAR] ?? result.exitCode) : result.exitCode;
    this.keepEnv(env);
    return {
      stdout: result.stdout,
      stderr: this.rewriteStderr(result.stderr),
      exitCode,
      exited: syntaxOk && !finished && result.exitCode !== 124 && !isLimitError(result.stderr),
    };
  }

  /**
   * Run a line as a separate process started from this shell's state would (sshd's
   * `bash -c`): it sees the variables and directory, but whatever it changes is gone
   * afterwards (files excepted: they are the machine's). `dollarZero` is its $0.
   */
  async runApart(line: string, opts: { signal?: AbortSignal; live?: Sink; dollarZero?: string } = {}): Promise<LineResult> {
    const saved = { env: this.env, cwd: this.cwd, functions: new Map(this.functions), exported: new Set(this.exported), status: this.lastStatus };
    if (opts.dollarZero !== undefined) this.env = { ...this.env, "0": opts.dollarZero };
    try {
      // A new process: its $? starts at 0.
      return await this.run(line, opts.signal, 0, opts.live);
    } finally {
      this.env = saved.env;
      this.cwd = saved.cwd;
      this.functions = saved.functions;
      this.exported = saved.exported;
      this.lastStatus = saved.status;
    }
  }

  private keepEnv(env: Record<string, string>): void {
    const kept: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) {
      if (TRANSIENT.has(k) || k === DONE_MARK || k === STATUS_VAR || k === EXPORTED_VAR) continue;
      kept[k] = v;
    }
    if (env[EXPORTED_VAR] !== undefined) {
      this.exported = new Set(env[EXPORTED_VAR].split("\n").filter((n) => NAME.test(n) && !SHELL_OWN.has(n) && n in kept));
    }
    this.env = kept;
    if (kept.PWD) this.cwd = kept.PWD;
  }

  private rememberFunctions(ast: ScriptNode): void {
    for (const statement of ast.statements) {
      for (const pipeline of statement.pipelines) {
        for (const command of pipeline.commands) {
          if (command.type !== "FunctionDef") continue;
          const one: ScriptNode = {
            type: "Script",
            statements: [{ type: "Statement", pipelines: [{ type: "Pipeline", commands: [command], negated: false }], operators: [], background: false }],
          } as ScriptNode;
          this.functions.set(command.name, serialize(one));
        }
      }
    }
  }

  /** Interactive bash expands aliases; just-bash runs scripts, which do not unless asked. */
  private withFunctions(line: string, status?: number): string {
    // On the line itself, so that error messages keep bash's line numbers.
    const functions = [...this.functions.values()].map((f) => f + "\n").join("");
    const exported = [...this.exported].filter((n) => NAME.test(n) && n in this.env);
    const lastStatus = status ? `(exit ${status & 255}); ` : "";
    return `${functions}shopt -s expand_aliases; ${exported.length ? `export ${exported.join(" ")}; ` : ""}${lastStatus}${line}`;
  }

  async state(): Promise<ProcessState> {
    const files: Record<string, string> = {};
    for (const path of this.bash.fs.getAllPaths()) {
      // just-bash's own command stubs and pseudo-files are not the learner's work.
      if (/^\/(bin|usr|dev|proc|sys)(\/|$)/.test(path)) continue;
      try {
        const st = await this.bash.fs.stat(path);
        if (st.isFile) files[path] = await this.bash.fs.readFile(path);
      } catch {
        // unreadable entries (special files) are not part of the learner's work
      }
    }
    return { env: { ...this.env }, exported: [...this.exported], cwd: this.cwd, functions: Object.fromEntries(this.functions), files };
  }

  restore(state: Omit<ProcessState, "files">): void {
    this.env = { ...state.env };
    if (state.exported) this.exported = new Set(state.exported);
    this.cwd = state.cwd;
    this.functions = new Map(Object.entries(state.functions));
  }
}

function isLimitError(stderr: string): boolean {
  return /too many|exceeded|execution aborted|timed out|limit/i.test(stderr.split("\n").slice(-2).join("\n"));
}

function withoutAbortNote(stderr: string): string {
  return stderr.replace(/(^|\n)bash: execution aborted\n?$/, "$1");
}
