// A small in-memory Cluster for shell tests: objects in a map, and the network
// answers (DNS lookups, connections) given by each test, so tool output can be
// checked against the reference formats without depending on the network layers.
import type { Cluster, ClusterConfig, ConnectRequest, ConnectResult, DnsExchange, DnsLookup, DnsLookupRequest, KObject, ResourceRecord, Source } from "../../src/cluster/index.ts";
import { imageBehavior } from "../../src/cluster/apps/catalog.ts";
import { defaultConfig, fakeView } from "../../src/cluster/testing/fake-view.ts";
import { podFiles } from "../../src/cluster/dns/pod-files.ts";

const RESOURCES: Record<string, { kind: string; namespaced: boolean; shortNames: string[]; singular: string }> = {
  pods: { kind: "Pod", namespaced: true, shortNames: ["po"], singular: "pod" },
  services: { kind: "Service", namespaced: true, shortNames: ["svc"], singular: "service" },
  nodes: { kind: "Node", namespaced: false, shortNames: ["no"], singular: "node" },
  namespaces: { kind: "Namespace", namespaced: false, shortNames: ["ns"], singular: "namespace" },
  configmaps: { kind: "ConfigMap", namespaced: true, shortNames: ["cm"], singular: "configmap" },
};

export interface FakeOptions {
  lookup?(from: Source, req: DnsLookupRequest): DnsLookup;
  connect?(req: ConnectRequest): ConnectResult;
  config?: Partial<ClusterConfig>;
}

export const T0 = Date.parse("2026-01-01T00:00:00Z");
const EMPTY = { stdout: "", stderr: "", exitCode: 0 };

export function fakeCluster(objects: KObject[], opts: FakeOptions = {}): Cluster & { connects: ConnectRequest[]; lookups: DnsLookupRequest[] } {
  let now = T0;
  const store = new Map<string, KObject>();
  const key = (resource: string, ns: string | undefined, name: string) => `${resource}/${ns ?? ""}/${name}`;
  const resourceOf = (o: KObject) => Object.entries(RESOURCES).find(([, r]) => r.kind === o.kind)?.[0] ?? o.kind.toLowerCase() + "s";
  for (const o of objects) store.set(key(resourceOf(o), o.metadata.namespace, o.metadata.name ?? ""), o);
  const notFound = (resource: string, name: string) => ({
    ok: false as const,
    status: { kind: "Status" as const, apiVersion: "v1" as const, metadata: {}, status: "Failure" as const, message: `${resource} "${name}" not found`, reason: "NotFound", code: 404 },
  });
  const connects: ConnectRequest[] = [];
  const lookups: DnsLookupRequest[] = [];
  const config: ClusterConfig = { ...defaultConfig, raw: false, ...opts.config };
  const cluster = {
    config,
    connects,
    lookups,
    resources: () =>
      Object.entries(RESOURCES).map(([resource, r]) => ({ group: "", version: "v1", resource, singular: r.singular, kind: r.kind, namespaced: r.namespaced, shortNames: r.shortNames, categories: [], verbs: [], subresources: [] })),
    resolveResource: (name: string) => cluster.resources().find((r) => r.resource === name || r.singular === name || r.shortNames.includes(name)),
    get: (ref: { resource: string; namespace?: string; name: string }) => {
      const o = store.get(key(ref.resource, RESOURCES[ref.resource]?.namespaced === false ? undefined : ref.namespace, ref.name));
      return o ? { ok: true as const, value: o } : notFound(ref.resource, ref.name);
    },
    list: (ref: { resource: string }, o: { namespace?: string } = {}) => ({
      ok: true as const,
      value: [...store.entries()].filter(([k, v]) => k.startsWith(ref.resource + "/") && (!o.namespace || v.metadata.namespace === o.namespace)).map(([, v]) => v),
    }),
    create: (o: KObject) => {
      store.set(key(resourceOf(o), o.metadata.namespace, o.metadata.name ?? ""), o);
      return { ok: true as const, value: o };
    },
    update: (o: KObject) => cluster.create(o),
    patch: () => notFound("x", "x"),
    delete: (ref: { resource: string; namespace?: string; name: string }) => {
      const got = cluster.get(ref);
      if (got.ok) store.delete(key(ref.resource, ref.namespace, ref.name));
      return got;
    },
    watch: () => () => undefined,
    resourceVersion: () => "1",
    now: () => now,
    advance: (ms: number) => void (now += ms),
    settle: () => undefined,
    connect: (req: ConnectRequest) => {
      connects.push(req);
      if (!opts.connect) throw new Error("fake cluster: no connect answer given");
      return opts.connect(req);
    },
    lookup: (from: Source, req: DnsLookupRequest) => {
      lookups.push(req);
      if (!opts.lookup) throw new Error("fake cluster: no lookup answer given");
      return opts.lookup(from, req);
    },
    proxy: () => ({ mode: "iptables" as const, iptablesSave: () => "", ipvsadm: () => "", iptablesList: () => EMPTY, iptablesRules: () => EMPTY, conntrackList: () => EMPTY }),
    ipRoute: () => "default via 169.254.1.1 dev eth0 \n169.254.1.1 dev eth0 scope link \n",
    ipAddr: () => "",
    calicoNodeStatus: () => null,
    image: (name: string) => imageBehavior(name, config.images),
    // The real pod files, computed from this fake's objects as the cluster computes them.
    podFiles: (namespace: string, name: string) => podFiles(fakeView({ objects: [...store.values()], config }), namespace, name),
    logs: () => ({ ok: true as const, value: "" }),
    snapshot: () => ({ version: 1, objects: [...store.values()] }),
  };
  return cluster as unknown as Cluster & { connects: ConnectRequest[]; lookups: DnsLookupRequest[] };
}

// ---- object builders -----------------------------------------------------------

export function pod(name: string, image: string, opts: { namespace?: string; ip?: string; node?: string; created?: number; hostname?: string; subdomain?: string } = {}): KObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: opts.namespace ?? "default", uid: `uid-${name}`, creationTimestamp: new Date(opts.created ?? T0).toISOString() },
    spec: { containers: [{ name, image }], nodeName: opts.node ?? "worker1", ...(opts.hostname ? { hostname: opts.hostname } : {}), ...(opts.subdomain ? { subdomain: opts.subdomain } : {}) },
    status: { phase: "Running", podIP: opts.ip ?? "192.168.1.10" },
  };
}

export function service(name: string, ip: string, ports: { name?: string; port: number; protocol?: string }[], opts: { namespace?: string; created?: number } = {}): KObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: opts.namespace ?? "default", creationTimestamp: new Date(opts.created ?? T0 - 60_000).toISOString() },
    spec: { clusterIP: ip, ports: ports.map((p) => ({ protocol: "TCP", ...p })) },
  };
}

export function node(name: string): KObject {
  return { apiVersion: "v1", kind: "Node", metadata: { name } };
}

/** The default objects most tests want: kube-dns, kubernetes, two nodes. */
export function basics(): KObject[] {
  return [
    service("kubernetes", "10.96.0.1", [{ name: "https", port: 443 }]),
    service("kube-dns", "10.96.0.10", [{ name: "dns", port: 53, protocol: "UDP" }, { name: "dns-tcp", port: 53 }, { name: "metrics", port: 9153 }], { namespace: "kube-system" }),
    node("control-plane"),
    node("worker1"),
    node("worker2"),
  ];
}

// ---- DNS answers -----------------------------------------------------------------

export function a(name: string, ip: string, ttl = 30): ResourceRecord {
  return { name, ttl, class: "IN", type: "A", data: ip };
}

export function soa(): ResourceRecord {
  return { name: "cluster.local.", ttl: 30, class: "IN", type: "SOA", data: "ns.dns.cluster.local. hostmaster.cluster.local. 1767225600 7200 1800 86400 30" };
}

/** A CoreDNS exchange: authoritative, no recursion available. */
export function coredns(name: string, type: DnsExchange["question"]["type"], answer: ResourceRecord[], rcode: "NOERROR" | "NXDOMAIN" = "NOERROR"): DnsExchange {
  return {
    server: "10.96.0.10",
    port: 53,
    question: { name, type },
    reply: { rcode, authoritative: true, recursionAvailable: false, answer, authority: answer.length ? [] : [soa()], additional: [] },
  };
}

/** A CoreDNS that knows `records` (fully-qualified name → IP) and walks the search path like a stub resolver. */
export function dnsOf(records: Record<string, string>, search = ["default.svc.cluster.local", "svc.cluster.local", "cluster.local"]) {
  return (_from: Source, req: DnsLookupRequest): DnsLookup => {
    const fq = req.name.endsWith(".") ? [req.name] : req.search && req.name.split(".").length - 1 < 5 ? [...search.map((s) => `${req.name}.${s}.`), `${req.name}.`] : [`${req.name}.`];
    const exchanges: DnsExchange[] = [];
    for (const q of fq) {
      const ip = records[q];
      const ex = coredns(q, req.type, ip && req.type === "A" ? [a(q, ip)] : [], ip || q === "cluster.local." ? "NOERROR" : "NXDOMAIN");
      exchanges.push(ex);
      if (ip) return { exchanges, final: ex };
    }
    return { exchanges, final: null };
  };
}
