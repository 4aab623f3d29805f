import { describe, expect, it } from "vitest";
import type { KObject } from "../../src/cluster/api/types.ts";
import { connect } from "../../src/cluster/net/connect.ts";
import type { ConnectRequest } from "../../src/cluster/net/types.ts";
import { endpointSlice, fakeView, namespace, node, pod, service } from "../../src/cluster/testing/fake-view.ts";
import type { CniName, ProxyMode } from "../../src/cluster/types.ts";

const DNS_PORTS = [{ name: "dns", port: 53, protocol: "UDP" as const }, { name: "dns-tcp", port: 53 }];
const WEB = [{ name: "http", port: 80, targetPort: 80 }];

function cluster(extra: KObject[] = [], opts: { cni?: CniName; mode?: ProxyMode } = {}) {
  return fakeView({
    config: { cni: opts.cni ?? "calico", proxyMode: opts.mode ?? "iptables" },
    now: Date.UTC(2026, 10, 25, 19, 10, 0),
    objects: [
      namespace("default"),
      namespace("kube-system"),
      node("control-plane", "172.18.0.2", undefined, true),
      node("worker1", "172.18.0.3"),
      node("worker2", "172.18.0.4"),
      service("kube-system", "kube-dns", "10.96.0.10", DNS_PORTS, { selector: { "k8s-app": "kube-dns" } }),
      endpointSlice("kube-system", "kube-dns", DNS_PORTS, [{ ip: "192.168.0.2", node: "control-plane" }]),
      pod({ ns: "kube-system", name: "coredns-1", ip: "192.168.0.2", node: "control-plane", labels: { "k8s-app": "kube-dns" }, image: "registry.k8s.io/coredns/coredns:v1.11.3" }),
      service("default", "web", "10.96.45.12", WEB, { selector: { app: "web" } }),
      endpointSlice("default", "web", WEB, [
        { ip: "192.168.1.10", node: "worker1", pod: "web-1" },
        { ip: "192.168.2.10", node: "worker2", pod: "web-2" },
        { ip: "192.168.2.11", node: "worker2", pod: "web-3" },
      ]),
      pod({ name: "web-1", ip: "192.168.1.10", node: "worker1", labels: { app: "web" }, image: "nginx:1.27" }),
      pod({ name: "web-2", ip: "192.168.2.10", node: "worker2", labels: { app: "web" }, image: "nginx:1.27" }),
      pod({ name: "web-3", ip: "192.168.2.11", node: "worker2", labels: { app: "web" }, image: "nginx:1.27" }),
      service("default", "empty", "10.96.45.13", WEB, { selector: { app: "nothing" } }),
      pod({ name: "client", ip: "192.168.1.20", node: "worker1", labels: { app: "client" }, image: "nicolaka/netshoot" }),
      ...extra,
    ],
  });
}
const fromClient = { kind: "pod" as const, namespace: "default", name: "client" };
const curl = (to: string, extra: Partial<ConnectRequest> = {}): ConnectRequest => ({ from: fromClient, to, ...extra });

describe("packet walk", () => {
  it("curl http://web reaches nginx through DNS, kube-proxy and the CNI", () => {
    const view = cluster();
    const r = connect(view, curl("http://web"));
    expect(r.outcome.kind).toBe("http");
    if (r.outcome.kind !== "http") return;
    expect(r.outcome.ip).toBe("10.96.45.12");
    expect(r.outcome.response.status).toBe(200);
    const kinds = r.trace.map((h) => h.kind);
    // one route hop on the same node, two across nodes (source node, then destination node)
    expect(kinds.filter((k) => k !== "route")).toEqual(["source", "dns", "service", "kube-proxy", "app"]);
    expect(kinds.filter((k) => k === "route").length).toBe(r.trace.find((h) => h.kind === "kube-proxy")!.detail!.endpoint === "192.168.1.10:80" ? 1 : 2);
    expect(r.trace.find((h) => h.kind === "kube-proxy")!.label).toMatch(/^KUBE-SVC-\w{16} -> KUBE-SEP-\w{16}/);
    expect(view.logs).toHaveLength(1);
    expect(view.logs[0].line).toMatch(/^192\.168\.1\.20 - - \[25\/Nov\/2026:19:10:00 \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" "-"$/);
  });

  it("iptables statistic rules spread connections evenly", () => {
    const view = cluster();
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const r = connect(view, curl("10.96.45.12", { port: 80, protocol: "TCP" }));
      const ep = String(r.trace.find((h) => h.kind === "kube-proxy")!.detail!.endpoint);
      counts.set(ep, (counts.get(ep) ?? 0) + 1);
    }
    expect(counts.size).toBe(3);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });

  it("IPVS round-robin visits every endpoint in turn", () => {
    const view = cluster([], { mode: "ipvs" });
    const eps = [0, 1, 2, 3].map(() => connect(view, curl("10.96.45.12", { port: 80, protocol: "TCP" })).trace.find((h) => h.kind === "kube-proxy")!.detail!.endpoint);
    expect(new Set(eps.slice(0, 3)).size).toBe(3);
    expect(eps[3]).toBe(eps[0]);
  });

  it("ClientIP affinity keeps the client on one endpoint", () => {
    const view = cluster();
    const objs = view.objects("services").map((s) => (s.metadata.name === "web" ? { ...s, spec: { ...(s.spec as object), sessionAffinity: "ClientIP", sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } } } : s));
    view.setObjects([...view.objects("services").filter(() => false), ...objs, ...["namespaces", "nodes", "endpointslices", "pods"].flatMap((r) => [...view.objects(r)])]);
    const eps = new Set(Array.from({ length: 30 }, () => connect(view, curl("http://web")).trace.find((h) => h.kind === "kube-proxy")!.detail!.endpoint));
    expect(eps.size).toBe(1);
  });

  it("a Service without endpoints is refused by kube-proxy's REJECT", () => {
    const r = connect(cluster(), curl("http://empty"));
    expect(r.outcome).toEqual({ kind: "refused", ip: "10.96.45.13", port: 80, reason: "no-endpoints" });
  });

  it("a port nothing listens on is refused by the pod", () => {
    const r = connect(cluster(), curl("192.168.1.10", { port: 8080, protocol: "TCP" }));
    expect(r.outcome).toMatchObject({ kind: "refused", reason: "no-listener" });
  });

  it("a container that is not running (exited, in back-off) listens on nothing", () => {
    const crashed = pod({ name: "crashed", ip: "192.168.1.30", node: "worker1", image: "nginx:1.27" });
    (crashed as Record<string, any>).status.containerStatuses = [{ name: "c", ready: false, restartCount: 3, state: { waiting: { reason: "CrashLoopBackOff" } } }];
    expect(connect(cluster([crashed]), curl("http://192.168.1.30")).outcome).toMatchObject({ kind: "refused", reason: "no-listener" });
    (crashed as Record<string, any>).status.containerStatuses[0].state = { running: { startedAt: "2026-11-25T19:00:00Z" } };
    expect(connect(cluster([crashed]), curl("http://192.168.1.30")).outcome).toMatchObject({ kind: "http" });
  });

  it("unknown names are NXDOMAIN after the whole search path", () => {
    const r = connect(cluster(), curl("http://nosuch"));
    expect(r.outcome).toEqual({ kind: "nxdomain", name: "nosuch" });
    expect(r.dns?.exchanges).toHaveLength(4);
  });

  it("ping a ClusterIP: no answer in iptables mode, answered by the node in IPVS mode", () => {
    expect(connect(cluster(), curl("10.96.45.12")).outcome).toMatchObject({ kind: "timeout", reason: "no-answer" });
    expect(connect(cluster([], { mode: "ipvs" }), curl("10.96.45.12")).outcome).toEqual({ kind: "connected", ip: "10.96.45.12", ttl: 64 });
  });

  it("ping a pod: TTL 63 on the same node, 62 across nodes", () => {
    expect(connect(cluster(), curl("192.168.1.10")).outcome).toEqual({ kind: "connected", ip: "192.168.1.10", ttl: 63 });
    expect(connect(cluster(), curl("192.168.2.10")).outcome).toEqual({ kind: "connected", ip: "192.168.2.10", ttl: 62 });
  });

  const denyWeb: KObject = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { namespace: "default", name: "deny-web" }, spec: { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress"] } };

  it("NetworkPolicy drops become timeouts after the client's timeout", () => {
    const r = connect(cluster([denyWeb]), curl("http://web", { timeoutMs: 5000 }));
    expect(r.outcome).toEqual({ kind: "timeout", ip: "10.96.45.12", port: 80, reason: "policy", afterMs: 5000 });
    expect(r.elapsedMs).toBeGreaterThanOrEqual(5000);
    expect(r.trace.some((h) => h.kind === "policy" && h.verdict === "drop")).toBe(true);
  });

  it("Flannel does not enforce the same policy", () => {
    expect(connect(cluster([denyWeb], { cni: "flannel" }), curl("http://web")).outcome.kind).toBe("http");
  });

  it("an egress policy without DNS makes the name lookup time out", () => {
    const egress: KObject = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { namespace: "default", name: "egress" }, spec: { podSelector: { matchLabels: { app: "client" } }, policyTypes: ["Egress"], egress: [{ ports: [{ port: 80 }] }] } };
    expect(connect(cluster([egress]), curl("http://web")).outcome).toEqual({ kind: "dns-timeout", name: "web" });
    // ...the IP still works, since port 80 is allowed
    expect(connect(cluster([egress]), curl("http://10.96.45.12")).outcome.kind).toBe("http");
  });

  it("host-network pods are not isolated by policy", () => {
    const hostPod = pod({ name: "hostnet", ip: "172.18.0.3", node: "worker1", hostNetwork: true, image: "nginx" });
    const denyAll: KObject = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { namespace: "default", name: "deny-all" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } };
    const r = connect(cluster([hostPod, denyAll]), curl("http://172.18.0.3"));
    // the client itself is isolated for egress, so use a node source to reach the host-network pod
    expect(r.outcome.kind).toBe("timeout");
    const fromNode = connect(cluster([hostPod, denyAll]), { from: { kind: "node", name: "worker2" }, to: "http://172.18.0.3" });
    expect(fromNode.outcome.kind).toBe("http");
  });

  it("NodePort from outside; externalTrafficPolicy Local drops on a node without local endpoints", () => {
    const np = service("default", "web-np", "10.96.45.20", [{ name: "http", port: 80, nodePort: 30080 }], { type: "NodePort", selector: { app: "web" } });
    const slice = endpointSlice("default", "web-np", WEB, [{ ip: "192.168.2.10", node: "worker2", pod: "web-2" }], "np");
    const outside = { kind: "outside" as const };
    expect(connect(cluster([np, slice]), { from: outside, to: "http://172.18.0.3:30080" }).outcome.kind).toBe("http");
    const local = { ...np, spec: { ...(np.spec as object), externalTrafficPolicy: "Local" } };
    expect(connect(cluster([local, slice]), { from: outside, to: "http://172.18.0.3:30080", timeoutMs: 3000 }).outcome).toMatchObject({ kind: "timeout", reason: "no-answer" });
    expect(connect(cluster([local, slice]), { from: outside, to: "http://172.18.0.4:30080" }).outcome.kind).toBe("http");
  });

  it("externalTrafficPolicy Local does not limit pods: KUBE-EXT sends cluster-CIDR sources to every endpoint", () => {
    const np = service("default", "web-np", "10.96.45.20", [{ name: "http", port: 80, nodePort: 30080 }], { type: "NodePort", selector: { app: "web" }, spec: { externalTrafficPolicy: "Local" } });
    const slice = endpointSlice("default", "web-np", WEB, [{ ip: "192.168.2.10", node: "worker2", pod: "web-2" }], "np");
    // The client pod runs on worker1, which has no endpoint of its own.
    expect(connect(cluster([np, slice]), curl("http://172.18.0.3:30080")).outcome.kind).toBe("http");
    expect(connect(cluster([np, slice]), { from: { kind: "node", name: "worker1" }, to: "http://172.18.0.3:30080" }).outcome.kind).toBe("http");
  });

  it("cluster IPs are not reachable from outside the cluster", () => {
    expect(connect(cluster(), { from: { kind: "outside" }, to: "http://10.96.45.12", timeoutMs: 1000 }).outcome).toMatchObject({ kind: "timeout", reason: "no-route" });
  });

  it("dry runs write no logs and do not consume random draws", () => {
    const a = cluster();
    const b = cluster();
    connect(a, curl("http://web", { dryRun: true }));
    expect(a.logs).toHaveLength(0);
    expect(a.random()).toBe(b.random());
  });

  it("is deterministic for a given seed", () => {
    const run = () => Array.from({ length: 10 }, () => connect(cluster(), curl("http://web")).trace.find((h) => h.kind === "kube-proxy")!.label);
    expect(run()).toEqual(run());
  });
});

describe("through ingress-nginx", () => {
  const ctrlPorts = [{ name: "http", port: 80, targetPort: 80, nodePort: 31080 }, { name: "https", port: 443, targetPort: 443, nodePort: 31443 }];
  const ingressObjects = (tls = false): KObject[] => [
    namespace("ingress-nginx"),
    { apiVersion: "networking.k8s.io/v1", kind: "IngressClass", metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } },
    service("ingress-nginx", "ingress-nginx-controller", "10.96.100.1", ctrlPorts, { type: "NodePort", selector: { "app.kubernetes.io/component": "controller" } }),
    endpointSlice("ingress-nginx", "ingress-nginx-controller", ctrlPorts, [{ ip: "192.168.2.50", node: "worker2" }]),
    pod({ ns: "ingress-nginx", name: "ingress-nginx-controller-abc", ip: "192.168.2.50", node: "worker2", labels: { "app.kubernetes.io/component": "controller" }, image: "registry.k8s.io/ingress-nginx/controller:v1.12.0" }),
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { namespace: "default", name: "web" },
      spec: { ingressClassName: "nginx", ...(tls ? { tls: [{ hosts: ["web.example.com"], secretName: "web-tls" }] } : {}), rules: [{ host: "web.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }] },
    },
  ];
  const outside = { kind: "outside" as const };
  const get = (path: string, host: string, scheme: "http" | "https" = "http", insecure = false) => ({ scheme, method: "GET", path, headers: { Host: host, "User-Agent": "curl/8.5.0", Accept: "*/*" }, serverName: host, insecure });

  it("routes a Host header to the backend pods", () => {
    const r = connect(cluster(ingressObjects()), { from: outside, to: "http://172.18.0.3:31080/", http: get("/", "web.example.com") });
    expect(r.outcome.kind).toBe("http");
    if (r.outcome.kind === "http") {
      expect(r.outcome.response.body).toContain("Welcome to nginx!");
      expect(r.outcome.response.headers.some(([k]) => k === "Server")).toBe(false);
    }
    expect(r.trace.some((h) => h.kind === "ingress")).toBe(true);
  });

  it("the controller logs each request in its upstreaminfo format", () => {
    const view = cluster(ingressObjects());
    connect(view, { from: outside, to: "http://172.18.0.3:31080/", http: get("/", "web.example.com") });
    const line = view.logs.find((l) => l.pod === "ingress-nginx-controller-abc")?.line ?? "";
    expect(line).toMatch(/^172\.18\.0\.3 - - \[25\/Nov\/2026:19:10:00 \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" \d+ 0\.001 \[default-web-80\] \[\] 192\.168\.\d+\.\d+:80 615 0\.001 200 [0-9a-f]{32}$/);
  });

  it("an unknown host gets the controller's 404", () => {
    const r = connect(cluster(ingressObjects()), { from: outside, to: "http://172.18.0.3:31080/", http: get("/", "nope.example.com") });
    expect(r.outcome.kind === "http" && r.outcome.response.status).toBe(404);
  });

  it("TLS hosts redirect HTTP with 308; HTTPS needs -k for the fake certificate", () => {
    const view = cluster(ingressObjects(true));
    const r = connect(view, { from: outside, to: "http://172.18.0.3:31080/", http: get("/", "web.example.com") });
    expect(r.outcome.kind === "http" && r.outcome.response.status).toBe(308);
    expect(connect(view, { from: outside, to: "https://172.18.0.3:31443/", http: get("/", "web.example.com", "https") }).outcome).toMatchObject({ kind: "tls-error", reason: "untrusted" });
    const k = connect(view, { from: outside, to: "https://172.18.0.3:31443/", http: get("/", "web.example.com", "https", true) });
    expect(k.outcome.kind === "http" && k.outcome.tls?.subject).toContain("Kubernetes Ingress Controller Fake Certificate");
  });
});

describe("HTTP methods", () => {
  it("HEAD keeps nginx's headers and drops the body", () => {
    const r = connect(cluster(), { from: fromClient, to: "http://web", http: { scheme: "http", method: "HEAD", path: "/", headers: { Host: "web", "User-Agent": "curl/8.5.0", Accept: "*/*" } } });
    expect(r.outcome.kind).toBe("http");
    if (r.outcome.kind !== "http") return;
    expect(r.outcome.response.body).toBe("");
    expect(r.outcome.response.headers.find(([k]) => k === "Content-Length")?.[1]).toBe("615");
  });
});

describe("localhost NodePorts", () => {
  const np = service("default", "web-np", "10.96.45.20", [{ name: "http", port: 80, nodePort: 30080 }], { type: "NodePort", selector: { app: "web" } });
  const slice = endpointSlice("default", "web-np", WEB, [{ ip: "192.168.2.10", node: "worker2", pod: "web-2" }], "np");
  it("answer on a node's 127.0.0.1 in iptables mode, not in IPVS mode", () => {
    expect(connect(cluster([np, slice]), { from: { kind: "node", name: "worker1" }, to: "http://127.0.0.1:30080" }).outcome.kind).toBe("http");
    expect(connect(cluster([np, slice], { mode: "ipvs" }), { from: { kind: "node", name: "worker1" }, to: "http://127.0.0.1:30080" }).outcome).toMatchObject({ kind: "refused" });
  });
});

describe("router addresses on route hops (traceroute)", () => {
  it("calico: the source node's address, then the destination node's tunl0", () => {
    const view = fakeView({
      config: { cni: "calico" },
      podBlocks: { worker1: ["192.168.1.0/26"], worker2: ["192.168.2.0/26"] },
      objects: [node("worker1", "172.18.0.3"), node("worker2", "172.18.0.4"), pod({ name: "a", ip: "192.168.1.5", node: "worker1" }), pod({ name: "b", ip: "192.168.2.5", node: "worker2" })],
    });
    const r = connect(view, { from: { kind: "pod", namespace: "default", name: "a" }, to: "192.168.2.5" });
    expect(r.trace.filter((h) => h.kind === "route").map((h) => h.detail?.router)).toEqual(["172.18.0.3", "192.168.2.0"]);
  });
  it("flannel: cni0 on the way out, flannel.1 on the way in", () => {
    const view = fakeView({
      config: { cni: "flannel", podCIDR: "10.244.0.0/16" },
      objects: [node("worker1", "172.18.0.3", "10.244.1.0/24"), node("worker2", "172.18.0.4", "10.244.2.0/24"), pod({ name: "a", ip: "10.244.1.5", node: "worker1" }), pod({ name: "b", ip: "10.244.2.5", node: "worker2" })],
    });
    const r = connect(view, { from: { kind: "pod", namespace: "default", name: "a" }, to: "10.244.2.5" });
    expect(r.trace.filter((h) => h.kind === "route").map((h) => h.detail?.router)).toEqual(["10.244.1.1", "10.244.2.0"]);
  });
});

describe("traffic no kube-proxy rule claims", () => {
  it("leaves by the default route: node, then the node network gateway, then silence", () => {
    const r = connect(cluster(), curl("10.96.45.12", { port: 33434, protocol: "UDP", timeoutMs: 1000 }));
    expect(r.outcome).toMatchObject({ kind: "timeout", reason: "no-answer" });
    expect(r.trace.filter((h) => h.kind === "route").map((h) => h.detail?.router)).toEqual(["172.18.0.3", "172.18.0.1"]);
  });
});

describe("conntrack", () => {
  it("lists the DNATed flow on the client's node and ages it out in virtual time", async () => {
    const { conntrackList } = await import("../../src/cluster/net/conntrack.ts");
    let now = Date.UTC(2026, 10, 25, 19, 10, 0);
    const base = cluster();
    const view = Object.assign(Object.create(Object.getPrototypeOf(base)), base, { now: () => now });
    const r = connect(view, curl("http://web"));
    const ep = String(r.trace.find((h) => h.kind === "kube-proxy")!.detail!.endpoint);
    const out = conntrackList(view, "worker1");
    expect(out.stdout).toMatch(new RegExp(`^tcp      6 120 TIME_WAIT src=192\\.168\\.1\\.20 dst=10\\.96\\.45\\.12 sport=(\\d+) dport=80 src=${ep.split(":")[0].replace(/\./g, "\\.")} dst=192\\.168\\.1\\.20 sport=80 dport=\\1 \\[ASSURED\\] mark=0 use=1\\n`));
    expect(out.stderr).toMatch(/^conntrack v1\.4\.8 \(conntrack-tools\): [12] flow entries have been shown\.\n$/);
    connect(view, curl("http://web", { dryRun: true }));
    expect(conntrackList(view, "worker1").stdout.split("\n").length).toBe(out.stdout.split("\n").length);
    now += 121_000;
    expect(conntrackList(view, "worker1").stdout).toBe("");
  });
  it("the server's node, when it is not the NATing node, sees the flow already addressed to the pod", async () => {
    const { flowsOn } = await import("../../src/cluster/net/conntrack.ts");
    const view = cluster();
    for (let i = 0; i < 12; i++) connect(view, curl("http://web"));
    const servers = new Set(flowsOn(view, "worker1").map((f) => f.replySrc));
    const remote = ["control-plane", "worker2"].flatMap((n) => flowsOn(view, n));
    expect(remote.length).toBeGreaterThan(0);
    for (const f of remote) {
      expect(servers.has(f.replySrc)).toBe(true);
      expect(f.dst).toBe(f.replySrc);
      expect(f.dst).not.toBe("10.96.45.12");
    }
  });
});

describe("hostPort", () => {
  it("the node's hostPort reaches the pod through portmap", () => {
    const hp = pod({ name: "hp", ip: "192.168.2.77", node: "worker2", image: "nginx", ports: [{ containerPort: 80 }] });
    (hp.spec as { containers: { ports: { hostPort?: number }[] }[] }).containers[0].ports[0].hostPort = 8088;
    const r = connect(cluster([hp]), { from: { kind: "outside" }, to: "http://172.18.0.4:8088/" });
    expect(r.outcome.kind).toBe("http");
    expect(connect(cluster([hp]), { from: { kind: "outside" }, to: "http://172.18.0.3:8088/" }).outcome).toMatchObject({ kind: "refused" });
  });
});
