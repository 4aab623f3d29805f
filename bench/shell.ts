// Shell benchmarks (`npm run bench`): cold start of the CLI, kubectl get over 1,000
// pods in process, and curl from a pod to a Service.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createCluster } from "../src/cluster/index.ts";
import type { KObject } from "../src/cluster/index.ts";
import { createSession } from "../src/shell/session.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (n: number) => Math.round(n * 100) / 100;

function coldExec(runs: number): number[] {
  const node = fileURLToPath(new URL("../node_modules/.bin/node", import.meta.url));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = spawnSync(node, ["bin/labnotes", "exec", "--", "kubectl get pods -A"], { cwd: ROOT, encoding: "utf8" });
    times.push(performance.now() - start);
    if (r.status !== 0) throw new Error(`labnotes exec failed: ${r.stderr}`);
  }
  return times;
}

function quietSession(cluster: ReturnType<typeof createCluster>) {
  return createSession({ cluster, host: { write: () => undefined } });
}

async function timeLine(session: ReturnType<typeof quietSession>, line: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await session.run(line);
    times.push(performance.now() - start);
  }
  return times;
}

async function kubectlGet1000(runs: number): Promise<number[]> {
  const cluster = createCluster();
  for (let i = 0; i < 1000; i++) {
    const pod: KObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `load-${String(i).padStart(4, "0")}`, namespace: "default", labels: { app: "load" } },
      spec: { containers: [{ name: "app", image: "nginx" }], nodeName: i % 2 ? "worker1" : "worker2" },
    };
    const r = cluster.create(pod);
    if (!r.ok) throw new Error(r.status.message);
  }
  cluster.settle();
  const session = quietSession(cluster);
  await session.run("kubectl get pods"); // warm-up: loads kubectl
  return timeLine(session, "kubectl get pods", runs);
}

async function curlFromPod(runs: number): Promise<number[]> {
  const cluster = createCluster();
  const session = quietSession(cluster);
  await session.run("kubectl create deployment web --image=nginx --replicas=3");
  await session.run("kubectl expose deployment web --port=80");
  await session.run("kubectl run tmp -it --rm --image=nicolaka/netshoot --restart=Never -- bash");
  if (session.depth() !== 1) throw new Error("bench: could not enter the pod shell");
  await session.run("curl -s web");
  return timeLine(session, "curl -s web", runs);
}

export async function run(): Promise<Record<string, unknown>> {
  const cold = coldExec(5);
  const get = await kubectlGet1000(30);
  const curl = await curlFromPod(100);
  return {
    coldExecKubectlGetPodsMs: { p50: round(percentile(cold, 50)), min: round(Math.min(...cold)), runs: cold.length, targetMs: 700 },
    kubectlGetPods1000InProcessMs: { p50: round(percentile(get, 50)), p95: round(percentile(get, 95)), runs: get.length, targetMs: 10 },
    curlServiceFromPodMs: { p50: round(percentile(curl, 50)), p95: round(percentile(curl, 95)), runs: curl.length, targetMs: 2 },
  };
}
