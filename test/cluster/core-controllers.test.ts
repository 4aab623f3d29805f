// Controllers in virtual time: workloads, scheduling, pod lifecycle and events,
// EndpointSlices/Endpoints, LoadBalancer addresses, the kube-proxy mode switch,
// IPAM per CNI and the default kubeadm cluster.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCluster } from "../../src/cluster/index.ts";
import type { Cluster, KObject, Result } from "../../src/cluster/index.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/cluster/${name}`, import.meta.url), "utf8");

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.status.message);
  return r.value;
}
const list = (c: Cluster, group: string, resource: string, namespace?: string, labelSelector?: string) => must(c.list({ group, resource }, { namespace, labelSelector }));
const pods = (c: Cluster, ns = "default", sel?: string) => list(c, "", "pods", ns, sel);
const phase = (p: KObject) => (p.status as { phase?: string }).phase;
const podIP = (p: KObject) => (p.status as { podIP?: string }).podIP;
const nodeOf = (p: KObject) => (p.spec as { nodeName?: string }).nodeName;
const SAFE = "[bcdfghjklmnpqrstvwxz2456789]";

describe("the default kubeadm cluster", () => {
  const c = createCluster();
  it("has three Ready nodes, the control plane tainted", () => {
    const nodes = list(c, "", "nodes");
    expect(nodes.map((n) => n.metadata.name)).toEqual(["control-plane", "worker1", "worker2"]);
    expect((nodes[0].spec as { taints: unknown[] }).taints).toEqual([{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }]);
  });

  it("runs every kube-system pod at the start time, created days before", () => {
    const sys = pods(c, "kube-system");
    expect(sys.every((p) => phase(p) === "Running")).toBe(true);
    const names = sys.map((p) => p.metadata.name!);
    for (const n of ["etcd-control-plane", "kube-apiserver-control-plane", "kube-controller-manager-control-plane", "kube-scheduler-control-plane"]) expect(names).toContain(n);
    expect(names.filter((n) => /^coredns-/.test(n))).toHaveLength(2);
    expect(names.filter((n) => /^kube-proxy-/.test(n))).toHaveLength(3);
    expect(names.filter((n) => /^calico-node-/.test(n))).toHaveLength(3);
    expect(c.now() - Date.parse(sys[0].metadata.creationTimestamp!)).toBeGreaterThan(24 * 3600 * 1000);
  });

  it("serves kube-dns at 10.96.0.10 backed by both CoreDNS pods and kubernetes at 10.96.0.1", () => {
    const dns = must(c.get({ group: "", resource: "services", namespace: "kube-system", name: "kube-dns" }));
    expect((dns.spec as { clusterIP: string }).clusterIP).toBe("10.96.0.10");
    const slices = list(c, "discovery.k8s.io", "endpointslices", "kube-system", "kubernetes.io/service-name=kube-dns");
    expect(slices).toHaveLength(1);
    const coredns = pods(c, "kube-system", "k8s-app=kube-dns").map(podIP).sort();
    expect((slices[0].endpoints as { addresses: string[] }[]).map((e) => e.addresses[0]).sort()).toEqual(coredns);
    const k = must(c.get({ group: "", resource: "endpoints", namespace: "default", name: "kubernetes" }));
    expect(k.subsets).toEqual([{ addresses: [{ ip: "172.18.0.2" }], ports: [{ name: "https", port: 6443, protocol: "TCP" }] }]);
  });

  it("puts kube-root-ca.crt in every namespace", () => {
    for (const ns of list(c, "", "namespaces")) {
      expect(c.get({ group: "", resource: "configmaps", namespace: ns.metadata.name, name: "kube-root-ca.crt" }).ok).toBe(true);
    }
  });
});

describe("Deployment -> ReplicaSet -> Pods", () => {
  it("names the ReplicaSet by template hash and pods by a random suffix, and starts them in virtual time", () => {
    const c = createCluster(fixture("web-deployment.yaml"));
    const rs = list(c, "apps", "replicasets", "default");
    expect(rs).toHaveLength(1);
    const hash = rs[0].metadata.labels!["pod-template-hash"];
    expect(rs[0].metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[bcdf456789]{6,10}$/);
    const ps = pods(c);
    expect(ps).toHaveLength(3);
    for (const p of ps) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-${SAFE}{5}$`));
      expect(phase(p)).toBe("Running");
      expect(podIP(p)).toMatch(/^192\.168\./);
      expect(nodeOf(p)).not.toBe("control-plane");
    }
    // Spread: three pods on two workers.
    expect(new Set(ps.map(nodeOf)).size).toBe(2);
  });

  it("goes Pending -> ContainerCreating -> Running with the kubelet's events", () => {
    const c = createCluster();
    must(c.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "nginx", image: "nginx" }] } }));
    let p = must(c.get({ group: "", resource: "pods", namespace: "default", name: "p" }));
    expect(phase(p)).toBe("Pending");
    expect((p.status as { containerStatuses: { state: unknown }[] }).containerStatuses[0].state).toEqual({ waiting: { reason: "ContainerCreating" } });
    expect(podIP(p)).toBeUndefined();
    c.settle();
    p = must(c.get({ group: "", resource: "pods", namespace: "default", name: "p" }));
    expect(phase(p)).toBe("Running");
    const events = list(c, "", "events", "default").filter((e) => (e.involvedObject as { name: string }).name === "p");
    const byReason = Object.fromEntries(events.map((e) => [e.reason as string, e.message as string]));
    expect(byReason.Scheduled).toBe(`Successfully assigned default/p to ${nodeOf(p)}`);
    expect(byReason.Pulling).toBe('Pulling image "nginx"');
    expect(byReason.Pulled).toMatch(/^Successfully pulled image "nginx" in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)\. Image size: 72950154 bytes\.$/);
    expect(byReason.Created).toBe("Created container: nginx");
    expect(byReason.Started).toBe("Started container nginx");
    expect(must(c.logs("default", "p"))).toContain("Configuration complete; ready for start up");
  });

  it("scales up and down", () => {
    const c = createCluster(fixture("web-deployment.yaml"));
    const ref = { group: "apps", resource: "deployments", namespace: "default", name: "web" };
    must(c.patch(ref, "merge", { spec: { replicas: 5 } }));
    c.settle();
    expect(pods(c).filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(5);
    must(c.patch(ref, "merge", { spec: { replicas: 1 } }));
    c.settle();
    expect(pods(c)).toHaveLength(1);
    const d = must(c.get(ref));
    expect(d.status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 });
  });

  it("rollout restart makes a new ReplicaSet, revision 2, and replaces every pod", () => {
    const c = createCluster(fixture("web-deployment.yaml"));
    const ref = { group: "apps", resource: "deployments", namespace: "default", name: "web" };
    const before = pods(c).map((p) => p.metadata.name);
    must(c.patch(ref, "strategic", { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2026-01-01T00:00:00Z" } } } } }));
    c.settle();
    const rs = list(c, "apps", "replicasets", "default");
    expect(rs).toHaveLength(2);
    const revs = rs.map((r) => [r.metadata.annotations!["deployment.kubernetes.io/revision"], (r.spec as { replicas: number }).replicas]).sort();
    expect(revs).toEqual([["1", 0], ["2", 3]]);
    const after = pods(c);
    expect(after).toHaveLength(3);
    for (const p of after) expect(before).not.toContain(p.metadata.name);
    expect(must(c.get(ref)).metadata.annotations!["deployment.kubernetes.io/revision"]).toBe("2");
  });

  it("rolls with maxSurge 1 and maxUnavailable 0 for three replicas (25% each)", () => {
    const c = createCluster(fixture("web-deployment.yaml"));
    const ref = { group: "apps", resource: "deployments", namespace: "default", name: "web" };
    must(c.patch(ref, "strategic", { spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } } } }));
    let maxTotal = 0;
    let minAvailable = Infinity;
    for (let t = 0; t < 60; t++) {
      const rs = list(c, "apps", "replicasets", "default");
      maxTotal = Math.max(maxTotal, rs.reduce((n, r) => n + (r.spec as { replicas: number }).replicas, 0));
      minAvailable = Math.min(minAvailable, rs.reduce((n, r) => n + ((r.status as { availableReplicas?: number }).availableReplicas ?? 0), 0));
      c.advance(500);
    }
    expect(maxTotal).toBe(4);
    expect(minAvailable).toBe(3);
    const d = must(c.get(ref));
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
  });

  it("refuses a template whose labels do not match the selector", () => {
    const c = createCluster();
    const r = c.create({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" }, spec: { selector: { matchLabels: { app: "a" } }, template: { metadata: { labels: { app: "b" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } } });
    expect(!r.ok && r.status.message).toBe('Deployment.apps "x" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`');
  });
});

describe("StatefulSet", () => {
  it("creates web-0, web-1 in order with hostname and subdomain", () => {
    const c = createCluster(fixture("headless-statefulset.yaml"), {});
    const ps = pods(c);
    expect(ps.map((p) => p.metadata.name)).toEqual(["mysql-0", "mysql-1", "mysql-2"]);
    for (const p of ps) expect(p.spec).toMatchObject({ hostname: p.metadata.name, subdomain: "mysql-headless" });
    // Each pod is created only once the one before it is Ready.
    const readyAt = (p: KObject) => Date.parse((p.status as { conditions: { type: string; lastTransitionTime: string }[] }).conditions.find((x) => x.type === "Ready")!.lastTransitionTime);
    for (let i = 1; i < ps.length; i++) expect(Date.parse(ps[i].metadata.creationTimestamp!)).toBeGreaterThanOrEqual(readyAt(ps[i - 1]));
    const slice = list(c, "discovery.k8s.io", "endpointslices", "default", "kubernetes.io/service-name=mysql-headless")[0];
    expect((slice.endpoints as { hostname: string }[]).map((e) => e.hostname).sort()).toEqual(["mysql-0", "mysql-1", "mysql-2"]);
    expect(slice.metadata.labels!["service.kubernetes.io/headless"]).toBe("");
  });

  it("only the first pod exists until it is ready", () => {
    const c = createCluster();
    must(c.create({ apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "web" }, spec: { replicas: 2, serviceName: "web", selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } } }));
    expect(pods(c).map((p) => p.metadata.name)).toEqual(["web-0"]);
    c.settle();
    expect(pods(c).map((p) => p.metadata.name)).toEqual(["web-0", "web-1"]);
  });
});

describe("DaemonSet and scheduling", () => {
  it("one pod per worker; the control plane only with a toleration", () => {
    const c = createCluster();
    const ds = (name: string, tolerations?: unknown[]) => ({ apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name }, spec: { selector: { matchLabels: { ds: name } }, template: { metadata: { labels: { ds: name } }, spec: { tolerations, containers: [{ name: "c", image: "busybox" }] } } } });
    must(c.create(ds("plain")));
    must(c.create(ds("everywhere", [{ operator: "Exists" }])));
    c.settle();
    expect(pods(c, "default", "ds=plain").map(nodeOf).sort()).toEqual(["worker1", "worker2"]);
    expect(pods(c, "default", "ds=everywhere").map(nodeOf).sort()).toEqual(["control-plane", "worker1", "worker2"]);
  });

  it("a nodeSelector no node matches leaves the pod Pending with FailedScheduling", () => {
    const c = createCluster();
    must(c.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { nodeSelector: { disk: "ssd" }, containers: [{ name: "c", image: "nginx" }] } }));
    c.settle();
    const p = must(c.get({ group: "", resource: "pods", namespace: "default", name: "p" }));
    expect(phase(p)).toBe("Pending");
    expect(nodeOf(p)).toBeUndefined();
    const ev = list(c, "", "events", "default").find((e) => e.reason === "FailedScheduling");
    expect(ev?.message).toBe("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
    // Labelling a node lets the waiting pod through.
    must(c.patch({ group: "", resource: "nodes", name: "worker2" }, "merge", { metadata: { labels: { disk: "ssd" } } }));
    c.settle();
    const after = must(c.get({ group: "", resource: "pods", namespace: "default", name: "p" }));
    expect(nodeOf(after)).toBe("worker2");
    expect(phase(after)).toBe("Running");
  });
});

describe("cordon", () => {
  it("a cordoned node gets no new pods", () => {
    const c = createCluster();
    must(c.patch({ group: "", resource: "nodes", name: "worker1" }, "merge", { spec: { unschedulable: true } }));
    for (const n of ["a", "b", "c"]) must(c.create({ apiVersion: "v1", kind: "Pod", metadata: { name: n }, spec: { containers: [{ name: "c", image: "nginx" }] } }));
    c.settle();
    expect(pods(c).map(nodeOf)).toEqual(["worker2", "worker2", "worker2"]);
  });
});

describe("EndpointSlices and Endpoints", () => {
  it("resolve a named targetPort, label the slice and name it <svc>-<5 random>", () => {
    const c = createCluster(fixture("web-deployment.yaml"));
    const slices = list(c, "discovery.k8s.io", "endpointslices", "default", "kubernetes.io/service-name=web");
    expect(slices).toHaveLength(1);
    const s = slices[0];
    expect(s.metadata.name).toMatch(new RegExp(`^web-${SAFE}{5}$`));
    expect(s.metadata.labels!["endpointslice.kubernetes.io/managed-by"]).toBe("endpointslice-controller.k8s.io");
    expect(s.ports).toEqual([{ name: "", port: 80, protocol: "TCP" }]);
    const ips = pods(c).map(podIP).sort();
    expect((s.endpoints as { addresses: string[] }[]).map((e) => e.addresses[0]).sort()).toEqual(ips);
    for (const e of s.endpoints as { conditions: unknown; targetRef: { kind: string }; nodeName: string }[]) {
      expect(e.conditions).toEqual({ ready: true, serving: true, terminating: false });
      expect(e.targetRef.kind).toBe("Pod");
    }
    const ep = must(c.get({ group: "", resource: "endpoints", namespace: "default", name: "web" }));
    expect((ep.subsets as { addresses: { ip: string }[] }[])[0].addresses.map((a) => a.ip).sort()).toEqual(ips);
  });

  it("a pod that is not ready yet is listed as not ready", () => {
    const c = createCluster();
    must(c.create({ apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { selector: { app: "p" }, ports: [{ port: 80 }] } }));
    must(c.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", labels: { app: "p" } }, spec: { containers: [{ name: "c", image: "nginx", readinessProbe: { httpGet: { path: "/", port: 80 }, initialDelaySeconds: 20 } }] } }));
    c.advance(10_000);
    let s = list(c, "discovery.k8s.io", "endpointslices", "default", "kubernetes.io/service-name=s")[0];
    expect((s.endpoints as { conditions: { ready: boolean } }[])[0].conditions.ready).toBe(false);
    let ep = must(c.get({ group: "", resource: "endpoints", namespace: "default", name: "s" }));
    expect((ep.subsets as { notReadyAddresses?: unknown[] }[])[0].notReadyAddresses).toHaveLength(1);
    c.settle();
    s = list(c, "discovery.k8s.io", "endpointslices", "default", "kubernetes.io/service-name=s")[0];
    expect((s.endpoints as { conditions: { ready: boolean } }[])[0].conditions.ready).toBe(true);
    ep = must(c.get({ group: "", resource: "endpoints", namespace: "default", name: "s" }));
    expect((ep.subsets as { addresses?: unknown[] }[])[0].addresses).toHaveLength(1);
  });

  it("a selector that matches nothing gives an empty slice and no subsets", () => {
    const c = createCluster();
    must(c.create({ apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { selector: { app: "none" }, ports: [{ port: 80 }] } }));
    const s = list(c, "discovery.k8s.io", "endpointslices", "default", "kubernetes.io/service-name=s");
    expect(s).toHaveLength(1);
    expect(s[0].endpoints ?? null).toBeNull();
    expect(must(c.get({ group: "", resource: "endpoints", namespace: "default", name: "s" })).subsets).toBeUndefined();
  });

  it("a Service without selector keeps the EndpointSlice a user wrote", () => {
    const c = createCluster(fixture("selectorless-endpointslice.yaml"));
    c.advance(60_000);
    const s = list(c, "discovery.k8s.io", "endpointslices", "default", "kubernetes.io/service-name=external-db");
    expect(s.map((x) => x.metadata.name)).toEqual(["external-db-1"]);
    expect(c.get({ group: "", resource: "endpoints", namespace: "default", name: "external-db" }).ok).toBe(false);
  });

  it("relabelling a pod out of the selector removes it from the slice", () => {
    const c = createCluster(fixture("web-deployment.yaml"));
    const victim = pods(c)[0];
    must(c.patch({ group: "", resource: "pods", namespace: "default", name: victim.metadata.name! }, "merge", { metadata: { labels: { app: "debug" } } }));
    const s = list(c, "discovery.k8s.io", "endpointslices", "default", "kubernetes.io/service-name=web")[0];
    expect((s.endpoints as { addresses: string[] }[]).map((e) => e.addresses[0])).not.toContain(podIP(victim));
  });
});

describe("LoadBalancer", () => {
  it("stays pending without a pool", () => {
    const c = createCluster();
    const s = must(c.create({ apiVersion: "v1", kind: "Service", metadata: { name: "lb" }, spec: { type: "LoadBalancer", ports: [{ port: 80 }] } }));
    c.settle();
    expect(must(c.get({ group: "", resource: "services", namespace: "default", name: "lb" })).status).toEqual({ loadBalancer: {} });
    expect((s.spec as { ports: { nodePort: number }[] }).ports[0].nodePort).toBeGreaterThanOrEqual(30000);
  });

  it("gets the first pool address, and ingress-nginx's Service does too", () => {
    const c = createCluster(fixture("loadbalancer-pool.yaml"));
    const ctrl = must(c.get({ group: "", resource: "services", namespace: "ingress-nginx", name: "ingress-nginx-controller" }));
    expect((ctrl.spec as { type: string }).type).toBe("LoadBalancer");
    expect(ctrl.status).toEqual({ loadBalancer: { ingress: [{ ip: "172.18.255.200", ipMode: "VIP" }] } });
    const lb = must(c.get({ group: "", resource: "services", namespace: "default", name: "lb" }));
    expect(lb.status).toEqual({ loadBalancer: { ingress: [{ ip: "172.18.255.201", ipMode: "VIP" }] } });
  });

  it("a pool added at runtime (IPAddressPool in metallb-system) serves the pending Service", () => {
    const c = createCluster('apiVersion: labnotes.dev/v1alpha1\nkind: Cluster\nspec:\n  addons: [metallb]\n');
    must(c.create({ apiVersion: "v1", kind: "Service", metadata: { name: "lb" }, spec: { type: "LoadBalancer", ports: [{ port: 80 }] } }));
    expect(must(c.get({ group: "", resource: "services", namespace: "default", name: "lb" })).status).toEqual({ loadBalancer: {} });
    must(c.create({ apiVersion: "metallb.io/v1beta1", kind: "IPAddressPool", metadata: { name: "pool", namespace: "metallb-system" }, spec: { addresses: ["172.18.255.10-172.18.255.20"] } }));
    expect(must(c.get({ group: "", resource: "services", namespace: "default", name: "lb" })).status).toEqual({ loadBalancer: { ingress: [{ ip: "172.18.255.10", ipMode: "VIP" }] } });
  });
});

describe("kube-proxy mode", () => {
  it("a ConfigMap edit takes effect only when the kube-proxy pods restart", () => {
    const c = createCluster();
    expect(c.proxy === undefined).toBe(false);
    const view = c as unknown as { proxyModeOn(node: string): string };
    expect(view.proxyModeOn("worker1")).toBe("iptables");
    const cm = must(c.get({ group: "", resource: "configmaps", namespace: "kube-system", name: "kube-proxy" }));
    const conf = (cm.data as Record<string, string>)["config.conf"].replace(/^mode: .*$/m, "mode: ipvs");
    must(c.patch({ group: "", resource: "configmaps", namespace: "kube-system", name: "kube-proxy" }, "merge", { data: { "config.conf": conf } }));
    c.settle();
    expect(view.proxyModeOn("worker1")).toBe("iptables");
    // kubectl rollout restart daemonset kube-proxy -n kube-system
    must(c.patch({ group: "apps", resource: "daemonsets", namespace: "kube-system", name: "kube-proxy" }, "strategic", { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2026-01-01T00:00:00Z" } } } } }));
    c.settle();
    expect(["control-plane", "worker1", "worker2"].map((n) => view.proxyModeOn(n))).toEqual(["ipvs", "ipvs", "ipvs"]);
  });

  it("deleting one kube-proxy pod switches only its node", () => {
    const c = createCluster();
    const view = c as unknown as { proxyModeOn(node: string): string };
    const cm = must(c.get({ group: "", resource: "configmaps", namespace: "kube-system", name: "kube-proxy" }));
    must(c.patch({ group: "", resource: "configmaps", namespace: "kube-system", name: "kube-proxy" }, "merge", { data: { "config.conf": (cm.data as Record<string, string>)["config.conf"].replace(/^mode: .*$/m, "mode: ipvs") } }));
    const p = pods(c, "kube-system", "k8s-app=kube-proxy").find((x) => nodeOf(x) === "worker2")!;
    must(c.delete({ group: "", resource: "pods", namespace: "kube-system", name: p.metadata.name! }));
    c.settle();
    expect(["control-plane", "worker1", "worker2"].map((n) => view.proxyModeOn(n))).toEqual(["iptables", "iptables", "ipvs"]);
  });
});

describe("IPAM", () => {
  it("Calico: pod IPs come from a /26 block the node owns", () => {
    const c = createCluster(fixture("web-deployment.yaml"));
    const view = c as unknown as { podBlocks(node: string): readonly string[] };
    for (const p of pods(c)) {
      const blocks = view.podBlocks(nodeOf(p)!);
      expect(blocks.length).toBeGreaterThan(0);
      expect(blocks.every((b) => /^192\.168\.\d+\.\d+\/26$/.test(b))).toBe(true);
      const [a, b, cc, d] = podIP(p)!.split(".").map(Number);
      const ok = blocks.some((blk) => {
        const [ip] = blk.split("/");
        const [x, y, z, w] = ip.split(".").map(Number);
        return a === x && b === y && cc === z && d >= w && d < w + 64;
      });
      expect(ok).toBe(true);
    }
  });

  it("Flannel: each node has a /24 of 10.244.0.0/16 and pods start at .2", () => {
    const c = createCluster(fixture("flannel.yaml"));
    const nodes = list(c, "", "nodes").map((n) => (n.spec as { podCIDR: string }).podCIDR);
    expect(nodes).toEqual(["10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24"]);
    expect(pods(c, "kube-flannel").map((p) => p.metadata.name).every((n) => /^kube-flannel-ds-/.test(n!))).toBe(true);
    const coredns = pods(c, "kube-system", "k8s-app=kube-dns");
    for (const p of coredns) {
      const node = list(c, "", "nodes").find((n) => n.metadata.name === nodeOf(p))!;
      const prefix = (node.spec as { podCIDR: string }).podCIDR.replace(/\.0\/24$/, ".");
      expect(podIP(p)!.startsWith(prefix)).toBe(true);
      expect(Number(podIP(p)!.split(".")[3])).toBeGreaterThanOrEqual(2);
    }
  });

  it("pod IPs are unique and a deleted pod's IP is released", () => {
    const c = createCluster(fixture("web-deployment.yaml"));
    const all = list(c, "", "pods").filter((p) => !(p.spec as { hostNetwork?: boolean }).hostNetwork).map(podIP);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe("namespaces", () => {
  it("deleting a namespace removes what is in it", () => {
    const c = createCluster();
    must(c.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } }));
    must(c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "team" }, data: {} }));
    const ns = must(c.delete({ group: "", resource: "namespaces", name: "team" }));
    expect((ns.status as { phase: string }).phase).toBe("Terminating");
    c.settle();
    expect(c.get({ group: "", resource: "namespaces", name: "team" }).ok).toBe(false);
    expect(c.get({ group: "", resource: "configmaps", namespace: "team", name: "x" }).ok).toBe(false);
  });
});

describe("EndpointSlice mirroring", () => {
  it("a selector-less Service with hand-written Endpoints gets a mirrored slice", () => {
    const c = createCluster();
    must(c.create({ apiVersion: "v1", kind: "Service", metadata: { name: "db" }, spec: { ports: [{ port: 5432 }] } }));
    must(c.create({ apiVersion: "v1", kind: "Endpoints", metadata: { name: "db" }, subsets: [{ addresses: [{ ip: "10.0.0.50" }], notReadyAddresses: [{ ip: "10.0.0.51" }], ports: [{ port: 5432 }] }] }));
    const s = list(c, "discovery.k8s.io", "endpointslices", "default", "kubernetes.io/service-name=db");
    expect(s).toHaveLength(1);
    expect(s[0].metadata.labels!["endpointslice.kubernetes.io/managed-by"]).toBe("endpointslicemirroring-controller.k8s.io");
    expect(s[0].endpoints).toEqual([
      { addresses: ["10.0.0.50"], conditions: { ready: true } },
      { addresses: ["10.0.0.51"], conditions: { ready: false } },
    ]);
    expect(s[0].ports).toEqual([{ name: "", port: 5432, protocol: "TCP" }]);
    must(c.delete({ group: "", resource: "endpoints", namespace: "default", name: "db" }));
    c.settle();
    expect(list(c, "discovery.k8s.io", "endpointslices", "default", "kubernetes.io/service-name=db")).toHaveLength(0);
  });

  it("does not mirror the kubernetes Endpoints (skip-mirror)", () => {
    const c = createCluster();
    const s = list(c, "discovery.k8s.io", "endpointslices", "default", "kubernetes.io/service-name=kubernetes");
    expect(s.map((x) => x.metadata.name)).toEqual(["kubernetes"]);
  });
});

describe("logs", () => {
  it("a container that has not started says it is waiting", () => {
    const c = createCluster();
    must(c.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "nginx", image: "nginx" }] } }));
    const r = c.logs("default", "p");
    expect(!r.ok && r.status).toMatchObject({ code: 400, message: 'container "nginx" in pod "p" is waiting to start: ContainerCreating' });
    c.settle();
    expect(must(c.logs("default", "p"))).toMatch(/^\/docker-entrypoint\.sh: /);
    const bad = c.logs("default", "p", "nope");
    expect(!bad.ok && bad.status.message).toBe("container nope is not valid for pod p");
  });
});
