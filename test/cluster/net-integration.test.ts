// The network layers through the real cluster: createCluster builds the objects,
// its controllers make the EndpointSlices, and the packet walk reads them.
import { describe, expect, it } from "vitest";
import { createCluster, restoreCluster } from "../../src/cluster/index.ts";
import type { Cluster, KObject } from "../../src/cluster/index.ts";

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:1.27, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers: [{name: c, image: nicolaka/netshoot, command: [sleep, infinity]}]
`;

function cluster(header = ""): Cluster {
  const c = createCluster(header + APP);
  c.settle();
  return c;
}
const client = { kind: "pod" as const, namespace: "default", name: "client" };
const webIP = (c: Cluster) => {
  const r = c.get({ group: "", resource: "services", namespace: "default", name: "web" });
  return r.ok ? (r.value.spec as { clusterIP: string }).clusterIP : "";
};

describe("network layers on the default cluster", () => {
  it("curl http://web from a pod gets nginx's page and nginx logs the request", () => {
    const c = cluster();
    const r = c.connect({ from: client, to: "http://web" });
    expect(r.outcome.kind).toBe("http");
    const served = r.trace.find((h) => h.kind === "app")!.at;
    const [ns, pod] = served.split("/");
    const logs = c.logs(ns, pod);
    expect(logs.ok && logs.value).toMatch(/"GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" "-"/);
  });

  it("kube-proxy rules carry the real chain for default/kubernetes:https", () => {
    const c = cluster();
    expect(c.proxy("worker1").iptablesSave("nat")).toContain("-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment \"default/kubernetes:https cluster IP\" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y");
  });

  it("DNS from a pod resolves the Service through kube-dns", () => {
    const c = cluster();
    const r = c.lookup(client, { name: "web", type: "A", search: true });
    expect(r.final?.reply?.answer.map((a) => a.data)).toEqual([webIP(c)]);
  });

  it("scaling to zero turns the Service into a REJECT", () => {
    const c = cluster();
    const res = c.patch({ group: "apps", resource: "deployments", namespace: "default", name: "web" }, "merge", { spec: { replicas: 0 } });
    expect(res.ok).toBe(true);
    c.settle();
    expect(c.connect({ from: client, to: "http://web" }).outcome).toMatchObject({ kind: "refused", reason: "no-endpoints" });
  });

  it("the IPVS switch takes effect only after the kube-proxy pods restart", () => {
    const c = cluster();
    const cmRef = { group: "", resource: "configmaps", namespace: "kube-system", name: "kube-proxy" };
    const cm = c.get(cmRef);
    expect(cm.ok).toBe(true);
    if (!cm.ok) return;
    const conf = (cm.value.data as Record<string, string>)["config.conf"].replace(/^mode: .*$/m, 'mode: "ipvs"');
    expect(c.patch(cmRef, "merge", { data: { "config.conf": conf } }).ok).toBe(true);
    c.settle();
    // Still iptables: kube-proxy read its config at start.
    expect(c.proxy("worker1").mode).toBe("iptables");
    expect(c.connect({ from: client, to: webIP(c), timeoutMs: 2000 }).outcome.kind).toBe("timeout");
    const pods = c.list({ group: "", resource: "pods" }, { namespace: "kube-system", labelSelector: "k8s-app=kube-proxy" });
    if (pods.ok) for (const p of pods.value as KObject[]) c.delete({ group: "", resource: "pods", namespace: "kube-system", name: p.metadata.name! });
    c.settle();
    expect(c.proxy("worker1").mode).toBe("ipvs");
    expect(c.proxy("worker1").ipvsadm()).toContain(`TCP  ${webIP(c)}:80 rr`);
    expect(c.connect({ from: client, to: webIP(c) }).outcome).toMatchObject({ kind: "connected", ttl: 64 });
  });

  it("Flannel accepts a deny-all policy without enforcing it", () => {
    const deny = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;
    const flannel = createCluster(`apiVersion: labnotes.dev/v1alpha1\nkind: Cluster\nspec:\n  cni: flannel\n  podCIDR: 10.244.0.0/16\n---\n${APP}${deny}`);
    flannel.settle();
    const r = flannel.connect({ from: client, to: "http://web" });
    expect(r.outcome.kind).toBe("http");
    expect(r.trace.some((h) => h.kind === "policy" && h.label.includes("not enforced by flannel"))).toBe(true);
    expect(flannel.ipRoute({ kind: "node", name: "worker1" })).toMatch(/ via 10\.244\.\d+\.0 dev flannel\.1 onlink $/m);
  });

  it("a deny-all ingress policy on Calico turns the request into a timeout", () => {
    const calico = cluster();
    calico.create({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "deny-all", namespace: "default" }, spec: { podSelector: {}, policyTypes: ["Ingress"] } });
    expect(calico.connect({ from: client, to: "http://web", timeoutMs: 3000 }).outcome).toMatchObject({ kind: "timeout", reason: "policy" });
  });

  it("calicoctl node status and ip route read the cluster's own blocks", () => {
    const c = cluster();
    expect(c.calicoNodeStatus("worker1")?.stdout).toContain("| 172.18.0.2   | node-to-node mesh | up    |");
    expect(c.ipRoute({ kind: "node", name: "worker1" })).toMatch(/^blackhole 192\.168\.\d+\.\d+\/26 proto bird $/m);
  });

  it("ingress-nginx add-on: a Host header through the controller's NodePort reaches the backend", () => {
    const ing = `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  ingressClassName: nginx
  rules:
  - host: web.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`;
    const c = createCluster(`apiVersion: labnotes.dev/v1alpha1\nkind: Cluster\nspec:\n  addons: [ingress-nginx]\n---\n${APP}${ing}`);
    c.settle();
    const svc = c.get({ group: "", resource: "services", namespace: "ingress-nginx", name: "ingress-nginx-controller" });
    expect(svc.ok).toBe(true);
    if (!svc.ok) return;
    const ports = (svc.value.spec as { ports: { name: string; nodePort?: number }[] }).ports;
    const http = ports.find((p) => p.name === "http")!.nodePort!;
    const get = (host: string) => ({ scheme: "http" as const, method: "GET", path: "/", headers: { Host: host, "User-Agent": "curl/8.5.0", Accept: "*/*" } });
    const ok = c.connect({ from: { kind: "outside" }, to: `http://172.18.0.3:${http}/`, http: get("web.example.com") });
    expect(ok.outcome.kind === "http" && ok.outcome.response.body).toContain("Welcome to nginx!");
    const miss = c.connect({ from: { kind: "outside" }, to: `http://172.18.0.3:${http}/`, http: get("other.example.com") });
    expect(miss.outcome.kind === "http" && miss.outcome.response.status).toBe(404);
  });

  it("StatefulSet pods resolve by name through their headless Service", () => {
    const sts = `---
apiVersion: v1
kind: Service
metadata: {name: mysql-headless}
spec:
  clusterIP: None
  selector: {app: mysql}
  ports: [{name: mysql, port: 3306}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: mysql}
spec:
  serviceName: mysql-headless
  replicas: 2
  selector: {matchLabels: {app: mysql}}
  template:
    metadata: {labels: {app: mysql}}
    spec:
      containers: [{name: mysql, image: mysql:8.4}]
`;
    const c = createCluster(APP + sts);
    c.settle();
    const pod0 = c.get({ group: "", resource: "pods", namespace: "default", name: "mysql-0" });
    expect(pod0.ok).toBe(true);
    if (!pod0.ok) return;
    const ip = (pod0.value.status as { podIP: string }).podIP;
    const r = c.lookup(client, { name: "mysql-0.mysql-headless", type: "A", search: true });
    expect(r.final?.reply?.answer.map((a) => a.data)).toEqual([ip]);
    const all = c.lookup(client, { name: "mysql-headless", type: "A", search: true });
    expect(all.final?.reply?.answer).toHaveLength(2);
    // mysql speaks first: nc sees its greeting
    const nc = c.connect({ from: client, to: "mysql-0.mysql-headless", port: 3306, protocol: "TCP" });
    expect(nc.outcome.kind === "connected" && nc.outcome.banner).toContain("8.4");
  });
});

describe("network memory lives in the cluster snapshot", () => {
  const IPVS = "apiVersion: labnotes.dev/v1alpha1\nkind: Cluster\nspec:\n  proxyMode: ipvs\n---\n";
  const servedBy = (c: Cluster, dryRun = false) => c.connect({ from: client, to: "http://web", dryRun }).trace.find((h) => h.kind === "app")?.at;
  const roundTrip = (c: Cluster) => restoreCluster(JSON.parse(JSON.stringify(c.snapshot())));

  it("IPVS round-robin continues where it was after a restore", () => {
    const c = cluster(IPVS);
    servedBy(c);
    const restored = roundTrip(c);
    expect(servedBy(restored)).toBe(servedBy(c));
  });

  it("the conntrack table survives a restore", () => {
    const c = cluster();
    servedBy(c);
    const node = (c.get({ group: "", resource: "pods", namespace: "default", name: "client" }) as { ok: true; value: KObject }).value.spec as { nodeName: string };
    const before = c.proxy(node.nodeName).conntrackList!().stdout;
    expect(before).not.toBe("");
    expect(roundTrip(c).proxy(node.nodeName).conntrackList!().stdout).toBe(before);
  });

  it("ClientIP affinity still pins the client after a restore", () => {
    const c = cluster();
    const ref = { group: "", resource: "services", namespace: "default", name: "web" };
    expect(c.patch(ref, "merge", { spec: { sessionAffinity: "ClientIP" } }).ok).toBe(true);
    c.settle();
    const first = servedBy(c);
    const restored = roundTrip(c);
    for (let i = 0; i < 6; i++) expect(servedBy(restored)).toBe(first);
  });

  it("a dry run predicts the next real connection and leaves the random stream alone", () => {
    const c = cluster();
    const seen = new Set<string | undefined>();
    for (let i = 0; i < 12; i++) {
      const predicted = servedBy(c, true);
      const actual = servedBy(c);
      expect(predicted).toBe(actual);
      seen.add(actual);
    }
    // The prediction is only meaningful if the choice really varies.
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe("NodePorts on every local address (kube-proxy with nodePortAddresses unset)", () => {
  const NODEPORT = `---
apiVersion: v1
kind: Service
metadata: {name: web-np}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, nodePort: 30080}]
`;
  const header = (cni: string) => `apiVersion: labnotes.dev/v1alpha1\nkind: Cluster\nspec:\n  proxyMode: ipvs\n  cni: ${cni}\n${cni === "flannel" ? "  podCIDR: 10.244.0.0/16\n" : ""}---\n`;
  const addrsOf = (c: Cluster, node: string, dev: string) => [...c.ipAddr({ kind: "node", name: node }).matchAll(new RegExp(`inet (\\S+)/\\d+ .*scope global ${dev}$`, "gm"))].map((m) => m[1]);

  it.each([
    ["calico", ["eth0", "tunl0"]],
    ["flannel", ["eth0", "flannel.1", "cni0"]],
  ])("%s: ipvsadm has a virtual server for the NodePort on each of %j, none on lo or kube-ipvs0", (cni, devs) => {
    const c = createCluster(header(cni) + APP + NODEPORT);
    c.settle();
    const text = c.proxy("worker1").ipvsadm();
    const servers = [...text.matchAll(/^TCP {2}(\S+):30080 rr$/gm)].map((m) => m[1]);
    const expected = devs.flatMap((d) => addrsOf(c, "worker1", d));
    expect(expected.length).toBe(devs.length);
    expect([...servers].sort()).toEqual([...expected].sort());
    expect(servers).not.toContain("127.0.0.1");
    for (const ip of addrsOf(c, "worker1", "kube-ipvs0")) expect(servers).not.toContain(ip);
  });

  it("a pod reaches the NodePort on another node's tunnel address", () => {
    const c = createCluster(header("calico") + APP + NODEPORT);
    c.settle();
    const [tunl0] = addrsOf(c, "worker2", "tunl0");
    const r = c.connect({ from: client, to: `http://${tunl0}:30080/` });
    expect(r.outcome.kind).toBe("http");
    expect(r.trace.some((h) => h.label.startsWith(`NodePort ${tunl0}:30080`))).toBe(true);
  });
});
