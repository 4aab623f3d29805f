// Property test: thousands of random manifests and operations against the store.
// Whatever happens, nothing throws, every Service's EndpointSlices hold exactly the
// pods its selector matches, addresses are unique, and snapshot/restore is lossless.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCluster, restoreCluster } from "../../src/cluster/index.ts";
import type { Cluster, KObject } from "../../src/cluster/index.ts";

const base = createCluster().snapshot();
const nonEmpty = { count: 0 };

const labelValue = fc.constantFrom("a", "b");
// Pods and selectors always carry `app`, sometimes `tier`: small spaces, so they often meet.
const selector = fc.record({ app: labelValue, tier: labelValue }, { requiredKeys: ["app"] }).map((o) => ({ ...o }));
const labels = selector;
// Mostly valid input (so Services really select pods), with a share of bad values.
const name = fc.oneof({ weight: 9, arbitrary: fc.constantFrom("s1", "s2", "s3", "w1", "w2", "p1", "p2") }, { weight: 1, arbitrary: fc.constantFrom("Bad_Name", "1x") });
const port = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 65535 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 70000, -1) });
const nodePort = fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: fc.integer({ min: 29995, max: 30005 }) }, { weight: 1, arbitrary: fc.constantFrom(80, 32767, 32768) });
const svcType = fc.oneof({ weight: 8, arbitrary: fc.constantFrom("ClusterIP", "NodePort", "LoadBalancer") }, { weight: 2, arbitrary: fc.constantFrom("ExternalName", "Bogus") });

const service = fc.record({
  name,
  type: svcType,
  selector: fc.option(selector, { nil: undefined, freq: 5 }),
  headless: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  ports: fc.array(fc.record({ port, nodePort, protocol: fc.oneof({ weight: 8, arbitrary: fc.constant("TCP") }, { weight: 2, arbitrary: fc.constantFrom("UDP", "HTTP") }) }), { minLength: 1, maxLength: 3 }).map((ps) => ps.map((p, i) => ({ ...p, name: `p${i}` }))),
});

const op = fc.oneof(
  service.map((s) => ({ kind: "svc" as const, s })),
  fc.record({ name, labels, replicas: fc.integer({ min: 0, max: 4 }) }).map((d) => ({ kind: "deploy" as const, d })),
  fc.record({ name, labels }).map((p) => ({ kind: "pod" as const, p })),
  fc.record({ name, labels }).map((p) => ({ kind: "relabel" as const, p })),
  fc.record({ name, replicas: fc.integer({ min: 0, max: 5 }) }).map((d) => ({ kind: "scale" as const, d })),
  fc.record({ name, resource: fc.constantFrom("services", "pods", "deployments") }).map((d) => ({ kind: "delete" as const, d })),
  fc.integer({ min: 0, max: 20_000 }).map((ms) => ({ kind: "advance" as const, ms })),
  fc.anything().map((junk) => ({ kind: "junk" as const, junk })),
  fc.record({ name, type: fc.constantFrom("merge", "json", "strategic"), body: fc.anything() }).map((p) => ({ kind: "junkPatch" as const, p })),
);

function apply(c: Cluster, o: fc.Arbitrary<unknown> extends never ? never : ReturnType<typeof op.generate>["value"]): void {
  switch (o.kind) {
    case "svc": {
      const spec: Record<string, unknown> = { type: o.s.type, ports: o.s.ports.map((p) => ({ ...p })) };
      if (o.s.selector) spec.selector = o.s.selector;
      if (o.s.headless) spec.clusterIP = "None";
      if (o.s.type === "ExternalName") spec.externalName = "example.com";
      c.create({ apiVersion: "v1", kind: "Service", metadata: { name: o.s.name }, spec });
      break;
    }
    case "deploy":
      c.create({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: o.d.name }, spec: { replicas: o.d.replicas, selector: { matchLabels: { ...o.d.labels, d: o.d.name } }, template: { metadata: { labels: { ...o.d.labels, d: o.d.name } }, spec: { containers: [{ name: "c", image: "nginx" }] } } } });
      break;
    case "pod":
      c.create({ apiVersion: "v1", kind: "Pod", metadata: { name: o.p.name, labels: o.p.labels }, spec: { containers: [{ name: "c", image: "busybox" }] } });
      break;
    case "relabel":
      c.patch({ group: "", resource: "pods", namespace: "default", name: o.p.name }, "merge", { metadata: { labels: { app: o.p.labels.app ?? null, tier: o.p.labels.tier ?? null } } });
      break;
    case "scale":
      c.patch({ group: "apps", resource: "deployments", namespace: "default", name: o.d.name }, "merge", { spec: { replicas: o.d.replicas } });
      break;
    case "delete":
      c.delete({ group: o.d.resource === "deployments" ? "apps" : "", resource: o.d.resource, namespace: "default", name: o.d.name });
      break;
    case "advance":
      c.advance(o.ms);
      break;
    case "junk":
      c.create(o.junk as KObject);
      c.update(o.junk as KObject);
      break;
    case "junkPatch":
      for (const resource of ["services", "pods"]) c.patch({ group: "", resource, namespace: "default", name: o.p.name }, o.p.type as "merge" | "json" | "strategic", o.p.body);
      break;
  }
}

function checkInvariants(c: Cluster): void {
  const ok = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : []) as T;
  const pods = ok(c.list({ group: "", resource: "pods" })) as KObject[];
  const services = ok(c.list({ group: "", resource: "services" })) as KObject[];
  const slices = ok(c.list({ group: "discovery.k8s.io", resource: "endpointslices" })) as KObject[];

  // Unique pod IPs (hostNetwork pods share their node's).
  const ips = pods.filter((p) => !(p.spec as { hostNetwork?: boolean }).hostNetwork).map((p) => (p.status as { podIP?: string }).podIP).filter(Boolean);
  expect(new Set(ips).size).toBe(ips.length);
  // Unique ClusterIPs, and NodePorts unique across Services.
  const cips = services.map((s) => (s.spec as { clusterIP?: string }).clusterIP).filter((x) => x && x !== "None");
  expect(new Set(cips).size).toBe(cips.length);
  const ports: number[] = [];
  for (const s of services) ports.push(...new Set(((s.spec as { ports?: { nodePort?: number }[] }).ports ?? []).map((p) => p.nodePort).filter((x): x is number => !!x)));
  expect(new Set(ports).size).toBe(ports.length);

  // Every Service with a selector: its slices list exactly the matching pods that have an IP.
  for (const s of services) {
    const spec = s.spec as { selector?: Record<string, string>; type?: string };
    if (!spec.selector || !Object.keys(spec.selector).length || spec.type === "ExternalName") continue;
    const ns = s.metadata.namespace;
    const want = pods
      .filter((p) => p.metadata.namespace === ns && Object.entries(spec.selector!).every(([k, v]) => p.metadata.labels?.[k] === v))
      .map((p) => (p.status as { podIP?: string }).podIP)
      .filter(Boolean)
      .sort();
    const got = slices
      .filter((x) => x.metadata.namespace === ns && x.metadata.labels?.["kubernetes.io/service-name"] === s.metadata.name)
      .flatMap((x) => ((x.endpoints as { addresses: string[] }[] | null) ?? []).map((e) => e.addresses[0]))
      .sort();
    if (want.length && s.metadata.namespace === "default") nonEmpty.count++;
    expect(got).toEqual(want);
  }
  const snap = JSON.stringify(c.snapshot());
  expect(JSON.stringify(restoreCluster(JSON.parse(snap)).snapshot())).toBe(snap);
}

describe("the store under random operations", () => {
  it("keeps its invariants", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 20, maxLength: 60 }), (ops) => {
        const c = restoreCluster(base);
        for (const o of ops) apply(c, o);
        c.settle();
        checkInvariants(c);
      }),
      { numRuns: 120, seed: 20260101 },
    );
    // The run must have exercised Services that really select pods.
    expect(nonEmpty.count).toBeGreaterThan(50);
  });
});
