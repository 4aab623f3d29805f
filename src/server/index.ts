// `labnotes serve` as a library: the emulated cluster behind a Kubernetes REST API
// on loopback. Everything that decides an answer lives in the pure modules; this file
// only owns the socket, the wall-clock ticker and shutdown.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Cluster } from "../cluster/index.ts";
import { handle } from "./handler.ts";
import { serveRequest, type StreamRegistry } from "./http.ts";
import { followWallClock, type ClockMode } from "./clock.ts";
import { detachedRunner, runPendingCommands } from "../shell/pod-commands.ts";
import { createExecServer } from "./exec.ts";

export { handle } from "./handler.ts";
export { kubeconfigYaml, KUBECONFIG_NAMES } from "./kubeconfig.ts";
export type * from "./types.ts";

export interface ServeOptions {
  cluster: Cluster;
  /** Default 127.0.0.1: never beyond loopback unless asked. */
  address?: string;
  /** 0 = an ephemeral port. Default 0. */
  port?: number;
  /** How virtual time follows the wall clock (see clock.ts). Default "real". */
  clock?: ClockMode;
  /** Told about every answered request (labnotes serve --log). */
  onRequest?(entry: RequestLogEntry): void;
}

export interface RequestLogEntry {
  method: string;
  /** Path and query as requested. */
  url: string;
  status: number;
  /** "watch" for streams, "upgrade" for exec/attach. */
  kind: "body" | "watch" | "upgrade";
  ms: number;
}

export interface RunningServer {
  readonly url: string;
  readonly address: string;
  readonly port: number;
  /** Bring virtual time up to the wall clock now (a no-op in manual mode). */
  sync(): void;
  /** Watch streams and exec connections currently open (for leak checks). */
  openStreams(): number;
  close(): Promise<void>;
  readonly server: Server;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const address = opts.address ?? "127.0.0.1";
  const streams: StreamRegistry = { open: new Set() };
  const mode = opts.clock ?? "real";
  const follow = mode === "manual" ? () => {} : followWallClock(opts.cluster);
  // A controller step that throws must not take the server down; the request still gets answered.
  const tick = () => {
    try {
      follow();
    } catch {
      // the store keeps its last committed state
    }
  };
  // One-shot containers (kubectl run … -- nslookup x) run their command as time reaches them.
  const runner = detachedRunner(opts.cluster);
  const runCommands = () => runPendingCommands(opts.cluster, runner).catch(() => 0);
  let serverAddress = "";
  const server = createServer((req, res) => {
    if (mode === "real") tick();
    if (opts.onRequest) {
      const started = performance.now();
      res.once("finish", () => {
        const kind = res.getHeader("transfer-encoding") === "chunked" ? "watch" : "body";
        opts.onRequest?.({ method: req.method ?? "GET", url: req.url ?? "/", status: res.statusCode, kind, ms: performance.now() - started });
      });
    }
    void runCommands()
      .then(() => serveRequest(req, res, (r) => handle(r, { cluster: opts.cluster, serverAddress }), streams))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  const exec = createExecServer(opts.cluster, () => opts.cluster.resources(), () => mode === "real" && tick());
  server.on("upgrade", (req, socket, head) => {
    opts.onRequest?.({ method: req.method ?? "GET", url: req.url ?? "/", status: 101, kind: "upgrade", ms: 0 });
    exec.upgrade(req, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, address, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = address.includes(":") ? `[${address}]` : address;
  serverAddress = `${host}:${port}`;
  // Watchers see pods start and endpoints change without anyone sending a request.
  const ticker = mode === "manual" ? undefined : setInterval(() => streams.open.size > 0 && (tick(), void runCommands()), 200);
  ticker?.unref();
  return {
    url: `http://${host}:${port}`,
    address,
    port,
    server,
    sync: tick,
    openStreams: () => streams.open.size + exec.open(),
    async close() {
      if (ticker) clearInterval(ticker);
      for (const finish of [...streams.open]) finish();
      exec.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
