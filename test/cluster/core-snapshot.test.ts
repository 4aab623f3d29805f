// Snapshot and restore: versioned plain JSON that carries objects, clock, random
// state, IPAM and logs, so a restored cluster is the same cluster.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCluster, restoreCluster } from "../../src/cluster/index.ts";
import type { Cluster, KObject, Result } from "../../src/cluster/index.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/cluster/${name}`, import.meta.url), "utf8");
function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.status.message);
  return r.value;
}
const roundTrip = (c: Cluster) => restoreCluster(JSON.parse(JSON.stringify(c.snapshot())));

/** The same steps on two clusters must leave them identical. */
function steps(c: Cluster): void {
  must(c.create({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api" }, spec: { replicas: 2, selector: { matchLabels: { app: "api" } }, template: { metadata: { labels: { app: "api" } }, spec: { containers: [{ name: "a", image: "nginx" }] } } } }));
  c.advance(1500);
  must(c.create({ apiVersion: "v1", kind: "Service", metadata: { name: "api" }, spec: { type: "NodePort", selector: { app: "api" }, ports: [{ port: 80 }] } }));
  c.settle();
}

describe("snapshot", () => {
  it("snapshot -> restore -> snapshot is identical", () => {
    for (const f of ["web-deployment.yaml", "headless-statefulset.yaml", "flannel.yaml", "loadbalancer-pool.yaml", "raw-selectorless.yaml"]) {
      const c = createCluster(fixture(f));
      const s1 = JSON.stringify(c.snapshot());
      expect(JSON.stringify(roundTrip(c).snapshot())).toBe(s1);
    }
  });

  it("a restored cluster continues exactly as the original would, even mid-rollout", () => {
    const a = createCluster(fixture("web-deployment.yaml"), { seed: 7 });
    must(a.patch({ group: "apps", resource: "deployments", namespace: "default", name: "web" }, "merge", { spec: { replicas: 6 } }));
    a.advance(500);
    const b = roundTrip(a);
    steps(a);
    steps(b);
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
    expect(b.now()).toBe(a.now());
  });

  it("keeps container logs and the proxy mode each kube-proxy started with", () => {
    const c = createCluster(fixture("web-deployment.yaml"));
    const pod = must(c.list({ group: "", resource: "pods" }, { namespace: "default" }))[0];
    const r = roundTrip(c);
    expect(must(r.logs("default", pod.metadata.name!))).toBe(must(c.logs("default", pod.metadata.name!)));
    expect((r as unknown as { proxyModeOn(n: string): string }).proxyModeOn("worker1")).toBe("iptables");
  });

  it("the same seed gives the same cluster; another seed gives other names", () => {
    const names = (c: Cluster) => must(c.list({ group: "", resource: "pods" }, { namespace: "default" })).map((p: KObject) => p.metadata.name);
    const text = fixture("web-deployment.yaml");
    expect(names(createCluster(text, { seed: 3 }))).toEqual(names(createCluster(text, { seed: 3 })));
    expect(names(createCluster(text, { seed: 3 }))).not.toEqual(names(createCluster(text, { seed: 4 })));
  });

  it("refuses a snapshot of another version with a clear error", () => {
    const s = createCluster().snapshot();
    expect(() => restoreCluster({ ...s, version: s.version + 1 })).toThrow(/snapshot version \d+ is not supported/);
  });
});

describe("raw mode", () => {
  it("stores manifests as given: no kube-system, no defaults, status kept", () => {
    const c = createCluster(fixture("raw-selectorless.yaml"));
    expect(must(c.list({ group: "", resource: "pods" }))).toHaveLength(0);
    const svc = must(c.get({ group: "", resource: "services", namespace: "default", name: "external-db" }));
    expect(svc.spec).toEqual({ clusterIP: "10.96.100.100", clusterIPs: ["10.96.100.100"], ports: [{ port: 5432 }] });
    expect(must(c.list({ group: "", resource: "nodes" })).map((n) => n.metadata.name)).toEqual(["control-plane", "worker1", "worker2"]);
  });
});
