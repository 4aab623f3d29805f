// The models behind the topology panel and the trace view, on a real emulated cluster.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createCluster, type KObject } from "../../src/cluster/index.ts";
import { buildTopology, selectorString } from "../../src/labs/topology.ts";
import { pickEvent, recordingCluster, traceFromEvent, type NetEvent } from "../../src/labs/trace.ts";

const policy: KObject = {
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name: "allow-frontend", namespace: "default" },
  spec: {
    podSelector: { matchLabels: { app: "backend" } },
    policyTypes: ["Ingress"],
    ingress: [{ from: [{ podSelector: { matchLabels: { app: "frontend" } } }], ports: [{ protocol: "TCP", port: 8080 }] }],
  },
};

function labCluster(cni: "calico" | "flannel" = "calico") {
  const yaml = readFileSync("labs/networkpolicy/cluster.yaml", "utf8").replace("cni: calico", `cni: ${cni}`);
  return createCluster(yaml);
}

describe("topology model", () => {
  it("places pods on their nodes and links a new Service to the pods it selects", () => {
    const c = labCluster();
    const before = buildTopology(c);
    expect(before.services.map((s) => s.name)).not.toContain("backend-np");
    const pods = before.nodes.flatMap((n) => n.pods);
    expect(pods.map((p) => p.name)).toEqual(expect.arrayContaining(["frontend", "other"]));
    for (const n of before.nodes) for (const p of n.pods) expect(p.node).toBe(n.name);

    const created = c.create({ apiVersion: "v1", kind: "Service", metadata: { name: "backend-np", namespace: "default" }, spec: { type: "NodePort", selector: { app: "backend" }, ports: [{ port: 80, targetPort: 8080 }] } });
    expect(created.ok).toBe(true);
    c.settle();
    const after = buildTopology(c).services.find((s) => s.name === "backend-np")!;
    expect(after.type).toBe("NodePort");
    const backendPods = pods.filter((p) => p.name.startsWith("backend-")).map((p) => p.id).sort();
    expect(backendPods.length).toBe(2);
    expect(after.endpoints).toEqual(backendPods);
  });

  it("leaves system namespaces out unless asked, and then shows CoreDNS and the ingress controller", () => {
    const c = createCluster(readFileSync("labs/ingress/cluster.yaml", "utf8"));
    const namespaces = (t: ReturnType<typeof buildTopology>) => new Set([...t.nodes.flatMap((n) => n.pods), ...t.services].map((o) => o.namespace));
    const hidden = buildTopology(c);
    expect(namespaces(hidden).has("kube-system")).toBe(false);
    expect(namespaces(hidden).has("ingress-nginx")).toBe(false);
    const shown = buildTopology(c, { showSystem: true });
    const pods = shown.nodes.flatMap((n) => n.pods);
    expect(pods.some((p) => p.namespace === "kube-system" && p.name.startsWith("coredns-"))).toBe(true);
    expect(pods.some((p) => p.namespace === "ingress-nginx" && p.name.startsWith("ingress-nginx-controller-"))).toBe(true);
    expect(shown.services.find((s) => s.id === "kube-system/kube-dns")?.endpoints.length).toBeGreaterThan(0);
  });

  it("fences the pods a NetworkPolicy selects", () => {
    const c = labCluster();
    expect(c.create(policy).ok).toBe(true);
    const topo = buildTopology(c);
    expect(topo.policies).toHaveLength(1);
    expect(topo.policies[0].pods.every((id) => id.startsWith("default/backend-"))).toBe(true);
    expect(topo.policies[0].pods).toHaveLength(2);
  });

  it.each([
    [{ matchLabels: { app: "web" } }, "app=web"],
    [{ matchExpressions: [{ key: "tier", operator: "In", values: ["a", "b"] }, { key: "x", operator: "DoesNotExist" }] }, "tier in (a,b),!x"],
    [{}, ""],
    [{ matchExpressions: [{ key: "a", operator: "Bogus" }] }, null],
  ])("selector %j as %j", (sel, text) => expect(selectorString(sel)).toBe(text));
});

describe("trace model", () => {
  const other = { kind: "pod" as const, namespace: "default", name: "other" };

  it("shows the whole path of a request that gets through", () => {
    const c = labCluster();
    const events: NetEvent[] = [];
    recordingCluster(c, (e) => events.push(e)).connect({ from: other, to: "http://backend:8080/hostname" });
    const trace = traceFromEvent("curl http://backend:8080/hostname", pickEvent(events)!);
    expect(trace.ok).toBe(true);
    expect(trace.hops.map((h) => h.kind)).toEqual(expect.arrayContaining(["source", "dns", "service", "kube-proxy", "app"]));
    expect(trace.hops.every((h) => h.verdict !== "drop")).toBe(true);
  });

  it.each([
    ["calico", false],
    ["flannel", true],
  ] as const)("under %s the policy drop is marked where it happens (passes: %s)", (cni, passes) => {
    const c = labCluster(cni);
    expect(c.create(policy).ok).toBe(true);
    const events: NetEvent[] = [];
    recordingCluster(c, (e) => events.push(e)).connect({ from: other, to: "http://backend:8080/hostname", timeoutMs: 3000 });
    const trace = traceFromEvent("curl", pickEvent(events)!);
    expect(trace.ok).toBe(passes);
    const dropped = trace.hops.filter((h) => h.verdict === "drop");
    if (passes) expect(dropped).toEqual([]);
    else {
      expect(dropped.map((h) => h.kind)).toEqual(["policy"]);
      expect(trace.summary).toContain("NetworkPolicy");
    }
  });

  it("does not record the dry runs that checks make", () => {
    const c = labCluster();
    const events: NetEvent[] = [];
    recordingCluster(c, (e) => events.push(e)).connect({ from: other, to: "http://backend:8080/", dryRun: true });
    expect(events).toEqual([]);
  });

  it("draws a lookup on its own as the queries the search path caused", () => {
    const c = labCluster();
    const events: NetEvent[] = [];
    recordingCluster(c, (e) => events.push(e)).lookup(other, { name: "nope", type: "A", search: true });
    const trace = traceFromEvent("nslookup nope", pickEvent(events)!);
    expect(trace.ok).toBe(false);
    const dns = trace.hops.filter((h) => h.kind === "dns");
    expect(dns.length).toBeGreaterThan(1);
    expect(dns[0].label).toContain("nope.default.svc.cluster.local");
    expect(dns.every((h) => h.verdict === "nxdomain")).toBe(true);
  });
});
