// `npm run bench` serve section: how fast the API server answers a 1,000-pod list to a
// client in a second process (bounded load: fixed request count and concurrency), and the
// real kubectl's `get pods` wall time against serve next to our kubectl in-process.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCluster, restoreCluster, type Cluster } from "../src/cluster/index.ts";
import { kubeconfigYaml, KUBECONFIG_NAMES, startServer } from "../src/server/index.ts";
import { kubectl } from "../src/kubectl/index.ts";

const PODS = 1000;
const REQUESTS = 60;
const CONCURRENCY = 2;
const KUBECTL_RUNS = 5;

function clusterWithPods(): Cluster {
  const cluster = createCluster(undefined, { startTime: Date.parse("2026-01-01T00:00:00Z") });
  for (let i = 0; i < PODS; i++) {
    const r = cluster.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `load-${String(i).padStart(4, "0")}`, namespace: "default", labels: { app: "load" } },
      spec: { containers: [{ name: "app", image: "nginx" }] },
    });
    if (!r.ok) throw new Error(r.status.message);
  }
  cluster.settle();
  return cluster;
}

// The load generator runs in its own process so the server's event loop is measured alone.
const CLIENT = `
import http from "node:http";
const [url, total, concurrency, accept] = process.argv.slice(1);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
let next = 0, bytes = 0, errors = 0;
const latencies = [];
function one() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    http.get(url, { agent, headers: { accept } }, (res) => {
      res.on("data", (d) => (bytes += d.length));
      res.on("end", () => { if (res.statusCode !== 200) errors++; latencies.push(performance.now() - t0); resolve(); });
    }).on("error", () => { errors++; resolve(); });
  });
}
async function worker() { while (next++ < Number(total)) await one(); }
const start = performance.now();
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
const seconds = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
console.log(JSON.stringify({ requests: latencies.length, errors, seconds, requestsPerSecond: latencies.length / seconds,
  p50ms: latencies[Math.floor(latencies.length / 2)], p95ms: latencies[Math.floor(latencies.length * 0.95)], bytesPerResponse: Math.round(bytes / latencies.length) }));
agent.destroy();
`;

function runClient(url: string, accept: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", CLIENT, url, String(REQUESTS), String(CONCURRENCY), accept]);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, number>) : reject(new Error(`load client exited ${code}`))));
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeRealKubectl(kubeconfig: string, home: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn("/usr/bin/kubectl", ["get", "pods"], { env: { KUBECONFIG: kubeconfig, HOME: home, PATH: "/usr/bin:/bin" }, stdio: ["ignore", "ignore", "ignore"] });
    child.on("close", (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`kubectl exited ${code}`))));
  });
}

async function timeOurKubectl(cluster: Cluster): Promise<number> {
  const kubeconfig = { namespace: "default", ...KUBECONFIG_NAMES };
  const t0 = performance.now();
  const code = await kubectl(["get", "pods"], {
    cluster,
    stdin: "",
    stdout: () => {},
    stderr: () => {},
    env: {},
    kubeconfig,
    setNamespace: () => {},
    fs: { readFile: async () => undefined, writeFile: async () => {}, isDirectory: async () => false, readdir: async () => [], resolvePath: (p) => p },
    edit: async () => null,
    attach: async () => 0,
  });
  const ms = performance.now() - t0;
  if (code !== 0) throw new Error(`our kubectl exited ${code}`);
  return ms;
}

export async function run(): Promise<Record<string, unknown>> {
  const cluster = clusterWithPods();
  const server = await startServer({ cluster, clock: "manual" });
  const url = `${server.url}/api/v1/namespaces/default/pods`;
  const root = mkdtempSync(join(tmpdir(), "labnotes-bench-serve-"));
  try {
    const json = await runClient(url, "application/json");
    const table = await runClient(url, "application/json;as=Table;v=v1;g=meta.k8s.io");
    const result: Record<string, unknown> = {
      pods: PODS,
      load: { requests: REQUESTS, concurrency: CONCURRENCY, clientProcess: "separate node process, keep-alive, loopback" },
      listJson: json,
      listTable: table,
    };
    const ours: number[] = [];
    const copy = restoreCluster(cluster.snapshot());
    for (let i = 0; i < KUBECTL_RUNS; i++) ours.push(await timeOurKubectl(copy));
    result.simulatedKubectlGetPodsMs = { median: median(ours), runs: ours };
    if (existsSync("/usr/bin/kubectl")) {
      const kubeconfig = join(root, "kubeconfig");
      writeFileSync(kubeconfig, kubeconfigYaml({ server: server.url }));
      const real: number[] = [];
      await timeRealKubectl(kubeconfig, root); // warm the discovery cache, as a user's second command would
      for (let i = 0; i < KUBECTL_RUNS; i++) real.push(await timeRealKubectl(kubeconfig, root));
      result.realKubectlGetPodsMs = { median: median(real), runs: real, note: "process start + cached discovery + Table list over loopback" };
    } else {
      result.realKubectlGetPodsMs = "skipped: /usr/bin/kubectl not found";
    }
    return result;
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
