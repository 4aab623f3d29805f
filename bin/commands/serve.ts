// `labnotes serve [--cluster FILE | --lab ID] [--port N] [--address 127.0.0.1] [--kubeconfig PATH]`:
// the emulated cluster as a Kubernetes API server for real tools (kubectl, client libraries).
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createCluster } from "../../src/cluster/index.ts";
import { startServer, kubeconfigYaml } from "../../src/server/index.ts";

const USAGE = "usage: labnotes serve [--cluster FILE | --lab ID] [--port N] [--address ADDR] [--kubeconfig PATH] [--seed N]\n";

interface ServeArgs {
  cluster?: string;
  lab?: string;
  port: number;
  address: string;
  kubeconfig?: string;
  seed?: number;
}

export function parseServeArgs(argv: string[]): ServeArgs | string {
  const args: ServeArgs = { port: 0, address: "127.0.0.1" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf("=");
    const flag = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    const value = () => (a.startsWith("--") && eq > 0 ? a.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case "--cluster":
        args.cluster = value();
        break;
      case "--lab":
        args.lab = value();
        break;
      case "--kubeconfig":
        args.kubeconfig = value();
        break;
      case "--address":
        args.address = value() ?? "";
        break;
      case "--port":
      case "--seed": {
        const v = value();
        const n = Number(v);
        if (v === undefined || !Number.isInteger(n) || n < 0 || (flag === "--port" && n > 65535)) return `labnotes serve: invalid ${flag} "${v ?? ""}"\n`;
        if (flag === "--port") args.port = n;
        else args.seed = n;
        break;
      }
      case "-h":
      case "--help":
        return USAGE;
      default:
        return `labnotes serve: unknown argument "${a}"\n${USAGE}`;
    }
  }
  if (args.cluster && args.lab) return `labnotes serve: --cluster and --lab cannot be used together\n`;
  if (!args.address) return `labnotes serve: --address needs a value\n`;
  return args;
}

function clusterText(args: ServeArgs): string | undefined {
  const file = args.cluster ?? (args.lab ? join("labs", args.lab, "cluster.yaml") : undefined);
  if (!file) return undefined;
  const path = resolve(file);
  if (!existsSync(path)) throw new Error(args.lab ? `labnotes serve: no lab "${args.lab}" (${path} does not exist)` : `labnotes serve: ${path} does not exist`);
  return readFileSync(path, "utf8");
}

export async function run(argv: string[]): Promise<number> {
  const args = parseServeArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(args);
    return args === USAGE ? 0 : 2;
  }
  let cluster;
  try {
    cluster = createCluster(clusterText(args), { startTime: Date.now(), ...(args.seed !== undefined ? { seed: args.seed } : {}) });
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  let server;
  try {
    server = await startServer({ cluster, address: args.address, port: args.port });
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

// Allow `npx tsx bin/commands/serve.ts …` until bin/cli.ts dispatches here.
if (import.meta.url === `file://${process.argv[1]}`) {
  void run(process.argv.slice(2)).then((code) => process.exit(code));
}
