// Running a command or an interactive shell inside a pod for `kubectl exec` over the
// API, through the shell's public Session: the same pod shells (prompt, tools, files,
// Service variables) the in-browser terminal enters with `kubectl exec`.
import type { Cluster, Status } from "../cluster/index.ts";
import type { AttachTarget } from "../kubectl/types.ts";
import { createSession } from "../shell/session.ts";
import { quoteArgs } from "../shell/quote.ts";
import { badRequest } from "./status.ts";

/** The same shape kubectl hands the shell; an empty container means the pod's first one. */
export type ExecTarget = AttachTarget;

export interface ExecOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The pod's container the request names, or the Status the API server answers instead. */
export function resolveContainer(cluster: Cluster, t: ExecTarget): { container: string } | { status: Status } {
  const got = cluster.get({ group: "", resource: "pods", namespace: t.namespace, name: t.pod });
  if (!got.ok) return { status: got.status };
  const containers = ((got.value.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((c) => c.name);
  if (!t.container) return { container: containers[0] ?? "" };
  if (!containers.includes(t.container)) return { status: badRequest(`container ${t.container} is not valid for pod ${t.pod}`) };
  return { container: t.container };
}

// Our kubectl prints this itself; over the API the real kubectl prints it from the exit status.
const TERMINATED = /command terminated with exit code \d+\n$/;

function execLine(t: ExecTarget, container: string, interactive: boolean): string {
  const flags = interactive ? "-it" : t.stdin ? "-i" : "";
  return `kubectl exec ${flags} -n ${quoteArgs([t.namespace])} ${quoteArgs([t.pod])} -c ${quoteArgs([container])} -- ${quoteArgs(t.command)}`;
}

function heredoc(stdin: string): string {
  let tag = "__LABNOTES_STDIN";
  while (stdin.includes(tag)) tag += "_";
  const body = stdin.endsWith("\n") ? stdin.slice(0, -1) : stdin;
  return ` <<'${tag}'\n${body}\n${tag}`;
}

/** One command, its whole stdin given up front. */
export async function execOnce(cluster: Cluster, t: ExecTarget, container: string, stdin: string): Promise<ExecOutput> {
  let stdout = "";
  let stderr = "";
  const session = createSession({ cluster, host: { write: (text, stream) => (stream === "stdout" ? (stdout += text) : (stderr += text)) } });
  // The pod shell reads a script from stdin only when the command is the shell itself,
  // so stdin for any other command is handed over as a heredoc inside that script.
  const line = t.stdin && stdin ? execLine({ ...t, command: ["sh"] }, container, false) + heredoc(quoteArgs(t.command) + heredoc(stdin)) : execLine(t, container, false);
  const exitCode = await session.run(line);
  return { stdout, stderr: stderr.replace(TERMINATED, ""), exitCode };
}

/** An interactive shell behind a terminal: lines in, output and prompts out. */
export class InteractiveExec {
  private readonly session;
  private buffered = "";

  constructor(
    cluster: Cluster,
    private readonly target: ExecTarget,
    private readonly container: string,
    private readonly write: (text: string) => void,
  ) {
    this.session = createSession({ cluster, host: { write: (text) => (this.buffered += text) } });
  }

  /** Enter the shell; resolves to an exit code when it could not start (no shell in the image). */
  async start(): Promise<number | undefined> {
    const code = await this.session.run(execLine(this.target, this.container, true));
    return this.settle(code);
  }

  /** Run one typed line; resolves to the exit code once the shell has ended. */
  async line(text: string): Promise<number | undefined> {
    const code = await this.session.run(text);
    return this.settle(code);
  }

  /** Tab: the line with the word under the cursor completed, when there is one way to go. */
  complete(line: string): string {
    const c = this.session.complete(line, line.length);
    const next = line.slice(0, c.replaceFrom) + c.replacement;
    return next.length > line.length && next.startsWith(line) ? next : line;
  }

  /** Lines typed so far, oldest first (the up arrow walks back through them). */
  history(): readonly string[] {
    // The first line the session ran is the `kubectl exec` that entered this shell.
    return this.session.history().slice(1);
  }

  /** Ctrl-D on an empty line. */
  async endOfInput(): Promise<number | undefined> {
    const code = await this.session.endOfInput();
    return this.settle(code);
  }

  private settle(code: number): number | undefined {
    const ended = this.session.depth() === 0;
    let out = this.buffered;
    this.buffered = "";
    if (ended) out = out.replace(TERMINATED, "");
    // A terminal wants CR LF.
    out = out.replace(/\r?\n/g, "\r\n");
    if (!ended) out += this.session.prompt();
    if (out) this.write(out);
    return ended ? code : undefined;
  }
}
