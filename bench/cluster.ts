// Cluster benchmark: 5,000 Services and 15,000 pods (three per Service) with their
// EndpointSlices. Measures apply time (create + settle: scheduling, pod start-up,
// IPAM, endpoints), heap, `connect` latency and full iptables rule generation.
//
// How the cost grows (for the README):
// - Writes are O(1) in the number of objects: the store is a map per resource and
//   namespace; a write notifies the controllers that watch its resource, which only
//   queue keys.
// - A pod change reaches only the Services whose selector could match it (Services
//   are indexed by one label pair of their selector), and only once the pod has an
//   IP; a Service sync reads only the pods carrying its rarest label pair and only
//   its own slices (indexed by Service). So apply grows linearly with pods +
//   Services, times the pods per Service.
// - Virtual time is a binary heap of tasks: O(log n) per pod start.
// - Stored objects are never changed in place: readers share them (frozen when first
//   handed out) instead of copying, and lists are materialised once per change of a
//   resource, then reused by every reader until the next write to that resource.
// - Every pod also records 4-5 Events (Scheduled, Pulling+Pulled or Pulled, Created, Started),
//   deduplicated per involved object in O(1); they are most of the heap beyond the
//   objects. Only outside input is type-checked, without allocating for absent fields.
import { createCluster } from "../src/cluster/index.ts";
import type { Cluster, KObject } from "../src/cluster/index.ts";

const SERVICES = Number(process.env.BENCH_SERVICES ?? 5000);
const PODS_PER_SERVICE = 3;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

function manifests(): KObject[] {
  const out: KObject[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const app = `app-${i}`;
    out.push({ apiVersion: "v1", kind: "Service", metadata: { name: `svc-${i}` }, spec: { selector: { app }, ports: [{ name: "http", port: 80, targetPort: 8080 }] } });
    for (let j = 0; j < PODS_PER_SERVICE; j++) {
      out.push({ apiVersion: "v1", kind: "Pod", metadata: { name: `${app}-${j}`, labels: { app } }, spec: { containers: [{ name: "app", image: "registry.k8s.io/e2e-test-images/agnhost:2.52", args: ["netexec", "--http-port=8080"] }] } });
    }
  }
  return out;
}

export async function run(): Promise<Record<string, unknown>> {
  const heapBefore = heapMB();
  const objs = manifests();
  const t0 = performance.now();
  const c: Cluster = createCluster();
  const tCreate = performance.now();
  const cpu0 = process.cpuUsage();
  let failed = 0;
  for (const o of objs) if (!c.create(o).ok) failed++;
  c.settle();
  const applyMs = performance.now() - tCreate;
  // CPU time of this process: on a shared machine wall time also counts other people's work.
  const cpu = process.cpuUsage(cpu0);
  const heapAfter = heapMB();
  const slices = c.list({ group: "discovery.k8s.io", resource: "endpointslices" }, { namespace: "default" });
  const sliceCount = slices.ok ? slices.value.length : 0;

  const result: Record<string, unknown> = {
    services: SERVICES,
    pods: SERVICES * PODS_PER_SERVICE,
    endpointSlices: sliceCount,
    failedCreates: failed,
    clusterCreateMs: Math.round(tCreate - t0),
    applyMs: Math.round(applyMs),
    applyCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    heapMB: Math.round((heapAfter - heapBefore) * 10) / 10,
  };

  // connect: pod -> Service name, as curl would. Skipped when the packet walk is not available.
  try {
    const lat: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const svc = (i * 7919) % SERVICES;
      const s = performance.now();
      c.connect({ from: { kind: "pod", namespace: "default", name: `app-${i % SERVICES}-0` }, to: `svc-${svc}`, port: 80, protocol: "TCP", dryRun: true });
      lat.push(performance.now() - s);
    }
    lat.sort((a, b) => a - b);
    result.connectP50Ms = Math.round(quantile(lat, 0.5) * 1000) / 1000;
    result.connectP99Ms = Math.round(quantile(lat, 0.99) * 1000) / 1000;
  } catch (e) {
    result.connect = `skipped: ${(e as Error).message}`;
  }

  try {
    // kube-proxy's Service rules live in nat; the whole `iptables-save` adds filter (with Felix's
    // per-workload chains on Calico) and mangle. Each is generated on first read.
    const s = performance.now();
    const text = c.proxy("worker1").iptablesSave("nat");
    result.iptablesRulesMs = Math.round(performance.now() - s);
    const lines = text.split("\n").length;
    result.iptablesLines = lines;
    const all = performance.now();
    const rest = c.proxy("worker1").iptablesSave("filter") + c.proxy("worker1").iptablesSave("mangle");
    result.iptablesAllTablesMs = Math.round(performance.now() - s);
    result.iptablesFilterMangleMs = Math.round(performance.now() - all);
    result.iptablesAllTablesLines = lines + rest.split("\n").length;
  } catch (e) {
    result.iptables = `skipped: ${(e as Error).message}`;
  }
  return result;
}

// `npx tsx bench/cluster.ts` runs this section alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
