// `labnotes serve [--cluster FILE | --lab ID] [--seed N] [--at ISO-TIME] [--port N] [--address ADDR] [--kubeconfig PATH]`:
// the emulated cluster as a Kubernetes API server for real tools (kubectl, client libraries).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startServer, kubeconfigYaml, type RequestLogEntry } from "../../src/server/index.ts";
import { buildCluster, takeClusterOption, type ClusterChoice } from "./options.ts";

const USAGE =
  "usage: labnotes serve [--cluster FILE | --lab ID] [--seed N] [--at ISO-TIME] [--port N] [--address ADDR] [--kubeconfig PATH] [--log]\n" +
  "  Serves the cluster's Kubernetes API on http://127.0.0.1 (an ephemeral port unless --port) and writes a kubeconfig.\n" +
  "  --log prints every request the clients make (what kubectl asks the API server).\n";

export interface ServeArgs {
  choice: ClusterChoice;
  port: number;
  address: string;
  kubeconfig?: string;
  /** Print every request to stderr. */
  log?: boolean;
}

/** The parsed arguments, or the text to print (usage or an error). */
export function parseServeArgs(argv: string[]): ServeArgs | { message: string; code: number } {
  const args: ServeArgs = { choice: {}, port: 0, address: "127.0.0.1" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") return { message: USAGE, code: 0 };
    if (a === "--log") {
      args.log = true;
      continue;
    }
    const used = takeClusterOption(argv, i, args.choice);
    if (typeof used === "string") return { message: `${used}\n`, code: 2 };
    if (used > 0) {
      i += used - 1;
      continue;
    }
    const eq = a.indexOf("=");
    const flag = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    const value = a.startsWith("--") && eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (flag === "--port") {
      const n = Number(value);
      if (value === undefined || value === "" || !Number.isInteger(n) || n < 0 || n > 65535) return { message: `labnotes serve: invalid --port "${value ?? ""}"\n`, code: 2 };
      args.port = n;
    } else if (flag === "--address") {
      if (!value) return { message: "labnotes serve: --address needs a value\n", code: 2 };
      args.address = value;
    } else if (flag === "--kubeconfig") {
      if (!value) return { message: "labnotes serve: --kubeconfig needs a value\n", code: 2 };
      args.kubeconfig = value;
    } else {
      return { message: `labnotes serve: unknown argument "${a}"\n${USAGE}`, code: 2 };
    }
  }
  if (args.choice.clusterFile && args.choice.lab) return { message: "labnotes serve: give --cluster or --lab, not both\n", code: 2 };
  return args;
}

/** `GET /api/v1/namespaces/default/pods?limit=500 200 1.2ms`, the query decoded for reading. */
export function logLine(e: RequestLogEntry): string {
  let url = e.url;
  try {
    url = decodeURIComponent(url);
  } catch {
    // a malformed escape is shown as sent
  }
  return `${e.method} ${url} ${e.status}${e.kind === "body" ? ` ${e.ms.toFixed(1)}ms` : ` (${e.kind})`}\n`;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseServeArgs(argv);
  if ("message" in args) {
    (args.code === 0 ? process.stdout : process.stderr).write(args.message);
    return args.code;
  }
  // Served time follows the wall clock, so the cluster starts now unless --at says otherwise.
  const cluster = buildCluster({ at: Date.now(), ...args.choice });
  if (typeof cluster === "string") {
    process.stderr.write(`${cluster}\n`);
    return 1;
  }
  let server;
  try {
    server = await startServer({
      cluster,
      address: args.address,
      port: args.port,
      ...(args.log ? { onRequest: (e) => process.stderr.write(logLine(e)) } : {}),
    });
  } catch (e) {
    process.stderr.write(`labnotes serve: cannot listen on ${args.address}:${args.port}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const kubeconfig = args.kubeconfig ? resolve(args.kubeconfig) : join(mkdtempSync(join(tmpdir(), "labnotes-serve-")), "kubeconfig");
  writeFileSync(kubeconfig, kubeconfigYaml({ server: server.url }));
  process.stdout.write(
    `Serving the ${cluster.config.name} cluster (Kubernetes ${cluster.config.kubernetesVersion}) at ${server.url}\n` +
      `Kubeconfig written to ${kubeconfig}\n\n` +
      `Use it with:\n  export KUBECONFIG=${kubeconfig}\n  kubectl get pods -A\n\nPress Ctrl-C to stop.\n`,
  );
  return await new Promise<number>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server.close().then(() => done(0));
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

// Allow `npx tsx bin/commands/serve.ts …` as well as `labnotes serve …`.
if (import.meta.url === `file://${process.argv[1]}`) {
  void run(process.argv.slice(2)).then((code) => process.exit(code));
}
