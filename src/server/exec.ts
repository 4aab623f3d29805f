// pods/exec over WebSocket (v5.channel.k8s.io, v4 as a fallback): the framing of the
// remotecommand protocol (one channel byte per message: 0 stdin, 1 stdout, 2 stderr,
// 3 status, 4 resize, 255 close), on top of exec-session.ts.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Cluster, ResourceInfo } from "../cluster/index.ts";
import { route } from "./routes.ts";
import { internalError, methodNotAllowed, pathNotFound } from "./status.ts";
import { execOnce, InteractiveExec, resolveContainer, type ExecTarget } from "./exec-session.ts";
import type { Status } from "../cluster/index.ts";

const PROTOCOLS = ["v5.channel.k8s.io", "v4.channel.k8s.io"];
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const CLOSE = 255;

function frame(channel: number, text: string): Buffer {
  return Buffer.concat([Buffer.from([channel]), Buffer.from(text, "utf8")]);
}

function exitStatus(command: string[], code: number): object {
  if (code === 0) return { metadata: {}, status: "Success" };
  return {
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: error executing command [${command.join(" ")}], exit code ${code}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  };
}

/** A failure inside the emulated shell ends the command like a crashed process, never the server. */
function crashed(e: unknown): { stdout: string; stderr: string; exitCode: number } {
  return { stdout: "", stderr: `${e instanceof Error ? e.message : String(e)}\n`, exitCode: 126 };
}

function refuse(socket: Duplex, s: Status): void {
  const body = JSON.stringify(s) + "\n";
  socket.end(`HTTP/1.1 ${s.code} ${s.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

function parseTarget(url: URL, namespace: string, pod: string): ExecTarget {
  const q = url.searchParams;
  const flag = (name: string) => q.get(name) === "true" || q.get(name) === "1";
  return { namespace, pod, container: q.get("container") ?? "", command: q.getAll("command"), tty: flag("tty"), stdin: flag("stdin") };
}

const SHELLS = new Set(["sh", "bash", "ash", "zsh", "dash"]);

/** What `attach` connects to: the container's own shell command, or its image's shell. */
function mainProcess(cluster: Cluster, namespace: string, pod: string, container: string): string[] {
  const got = cluster.get({ group: "", resource: "pods", namespace, name: pod });
  const spec = got.ok ? ((got.value.spec as { containers?: { name: string; image?: string; command?: string[]; args?: string[] }[] }).containers ?? []).find((c) => c.name === container) : undefined;
  const argv = [...(spec?.command ?? []), ...(spec?.args ?? [])];
  if (argv.length === 1 && SHELLS.has(argv[0].split("/").pop() ?? "")) return argv;
  return [cluster.image(spec?.image ?? "").shell ?? "sh"];
}

export interface ExecServer {
  /** Handle an HTTP upgrade: exec/attach become WebSockets, anything else gets a Status. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Open exec connections (for leak checks). */
  open(): number;
  close(): void;
}

export function createExecServer(cluster: Cluster, resources: () => readonly ResourceInfo[], beforeRequest: () => void): ExecServer {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  const sockets = new Set<WebSocket>();

  function serve(ws: WebSocket, t: ExecTarget, container: string): void {
    sockets.add(ws);
    ws.on("close", () => sockets.delete(ws));
    const finish = (code: number) => {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(frame(ERROR, JSON.stringify(exitStatus(t.command, code))));
      ws.close(1000);
    };
    if (t.tty && t.stdin) return interactive(ws, t, container, finish);
    let stdin = "";
    const run = () => {
      beforeRequest();
      void execOnce(cluster, t, container, stdin).catch(crashed).then((out) => {
        if (ws.readyState !== ws.OPEN) return;
        // A terminal merges stderr into stdout.
        if (t.tty) {
          const all = (out.stdout + out.stderr).replace(/\r?\n/g, "\r\n");
          if (all) ws.send(frame(STDOUT, all));
        } else {
          if (out.stdout) ws.send(frame(STDOUT, out.stdout));
          if (out.stderr) ws.send(frame(STDERR, out.stderr));
        }
        finish(out.exitCode);
      });
    };
    if (!t.stdin) return run();
    let started = false;
    ws.on("message", (data: Buffer) => {
      if (started || data.length === 0) return;
      if (data[0] === STDIN) stdin += data.subarray(1).toString("utf8");
      else if (data[0] === CLOSE && data[1] === STDIN) {
        started = true;
        run();
      }
    });
    // v4 has no way to close stdin: the command runs when the client stops sending.
    ws.on("close", () => void (started = true));
  }

  function interactive(ws: WebSocket, t: ExecTarget, container: string, finish: (code: number) => void): void {
    const shell = new InteractiveExec(cluster, t, container, (text) => ws.readyState === ws.OPEN && ws.send(frame(STDOUT, text)));
    let line = "";
    // Position in the history while the arrows recall lines; past the end = a fresh line.
    let recall = Number.POSITIVE_INFINITY;
    let queue: Promise<unknown> = Promise.resolve();
    let ended = false;
    const after = (code: number | undefined) => {
      if (code !== undefined && !ended) {
        ended = true;
        finish(code);
      }
    };
    const enqueue = (step: () => Promise<number | undefined>) => {
      queue = queue.then(async () => {
        if (ended) return;
        beforeRequest();
        try {
          after(await step());
        } catch (e) {
          const out = crashed(e);
          ws.send(frame(STDOUT, out.stderr.replace(/\n/g, "\r\n")));
          after(out.exitCode);
        }
      });
    };
    enqueue(() => shell.start());
    ws.on("message", (data: Buffer) => {
      if (data.length === 0 || data[0] !== STDIN) return;
      const text = data.subarray(1).toString("utf8");
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "\r" || c === "\n") {
          const typed = line;
          line = "";
          recall = Number.POSITIVE_INFINITY;
          ws.send(frame(STDOUT, "\r\n"));
          enqueue(() => shell.line(typed));
        } else if (c === "\x7f" || c === "\b") {
          if (line) {
            line = line.slice(0, -1);
            ws.send(frame(STDOUT, "\b \b"));
          }
        } else if (c === "\x03") {
          line = "";
          ws.send(frame(STDOUT, "^C\r\n"));
          enqueue(() => shell.line(""));
        } else if (c === "\x04") {
          if (!line) enqueue(() => shell.endOfInput());
        } else if (c === "\t") {
          const completed = shell.complete(line);
          ws.send(frame(STDOUT, completed.slice(line.length)));
          line = completed;
        } else if (c === "\x1b") {
          const m = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])?/.exec(text.slice(i));
          const seq = m?.[0] ?? "\x1b";
          i += seq.length - 1;
          // Up and down walk the history; other keys (left, right, home…) are ignored.
          if (seq === "\x1b[A" || seq === "\x1b[B" || seq === "\x1bOA" || seq === "\x1bOB") {
            const past = shell.history();
            recall = Math.max(0, Math.min(past.length, Math.min(recall, past.length) + (seq.endsWith("A") ? -1 : 1)));
            const next = past[recall] ?? "";
            ws.send(frame(STDOUT, "\b \b".repeat(line.length) + next));
            line = next;
          }
        } else if (c >= " ") {
          line += c;
          ws.send(frame(STDOUT, c));
        }
      }
    });
  }

  return {
    upgrade(req, socket, head) {
      try {
        upgradeOrRefuse(req, socket, head);
      } catch (e) {
        refuse(socket, internalError(e instanceof Error ? e.message : String(e)));
      }
    },
    open: () => sockets.size,
    close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };

  function upgradeOrRefuse(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    beforeRequest();
    const url = new URL(req.url ?? "/", "http://localhost");
    const r = route(url.pathname, resources());
    if (r.kind !== "resource" || r.info.resource !== "pods" || r.name === undefined || (r.subresource !== "exec" && r.subresource !== "attach")) {
      return refuse(socket, r.kind === "resource" ? methodNotAllowed() : pathNotFound());
    }
    const t = parseTarget(url, r.namespace ?? "default", r.name);
    const found = resolveContainer(cluster, t);
    if ("status" in found) return refuse(socket, found.status);
    if (r.subresource === "attach") t.command = mainProcess(cluster, t.namespace, t.pod, found.container);
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, t, found.container));
  }
}
