// One indexed reading of the objects the network layers need (Services, their
// EndpointSlices, Pods, Nodes, Namespaces). Every layer reads this model instead
// of walking the raw objects, so the rules for "which endpoints does a service port
// have" live in one place. Memoised per view generation when the view offers one.
import type { KObject } from "../api/types.ts";
import type { ClusterView } from "../view.ts";
import { ipToInt } from "./ip.ts";

export type L4Protocol = "TCP" | "UDP" | "SCTP";

export interface ServicePortInfo {
  /** "" when the port has no name. */
  name: string;
  port: number;
  protocol: L4Protocol;
  targetPort: number | string;
  nodePort?: number;
  /** kube-proxy's ServicePortName: "ns/svc" or "ns/svc:port-name". */
  spn: string;
}

export interface ServiceInfo {
  obj: KObject;
  namespace: string;
  name: string;
  type: string;
  /** Allocated IPv4 cluster IPs; empty for headless and ExternalName. */
  clusterIPs: string[];
  headless: boolean;
  externalIPs: string[];
  loadBalancerIPs: string[];
  externalName?: string;
  ports: ServicePortInfo[];
  selector?: Record<string, string>;
  sessionAffinity: "None" | "ClientIP";
  affinityTimeoutSeconds: number;
  externalTrafficPolicy: "Cluster" | "Local";
  internalTrafficPolicy: "Cluster" | "Local";
  publishNotReadyAddresses: boolean;
  healthCheckNodePort?: number;
  loadBalancerSourceRanges: string[];
}

export interface EndpointInfo {
  ip: string;
  /** The port for the service port this endpoint was resolved for (0 for a port-less slice). */
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  hostname?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string };
}

export interface ContainerInfo {
  name: string;
  image: string;
  command: string[];
  args: string[];
  ports: { name?: string; containerPort: number; protocol: L4Protocol; hostPort?: number }[];
}

export interface PodInfo {
  obj: KObject;
  namespace: string;
  name: string;
  ip?: string;
  hostIP?: string;
  nodeName?: string;
  phase: string;
  ready: boolean;
  hostNetwork: boolean;
  labels: Record<string, string>;
  containers: ContainerInfo[];
  hostname?: string;
  subdomain?: string;
  dnsPolicy: string;
  deleting: boolean;
}

export interface NodeInfo {
  name: string;
  ip: string;
  podCIDR?: string;
  controlPlane: boolean;
}

export interface NetModel {
  services: ServiceInfo[];
  service(namespace: string, name: string): ServiceInfo | undefined;
  /** Service owning a cluster IP, external IP or load-balancer IP. */
  serviceByIP: Map<string, ServiceInfo>;
  /** Endpoints of one service port (ready or not), sorted by "ip:port" as kube-proxy sorts them. */
  endpoints(svc: ServiceInfo, port: ServicePortInfo): EndpointInfo[];
  /** Every endpoint of the service regardless of port (headless DNS). */
  allEndpoints(svc: ServiceInfo): EndpointInfo[];
  /** Whether any EndpointSlice exists for the service. */
  hasSlices(svc: ServiceInfo): boolean;
  pods: PodInfo[];
  pod(namespace: string, name: string): PodInfo | undefined;
  /** Running non-hostNetwork pods by IP. */
  podByIP: Map<string, PodInfo>;
  nodes: NodeInfo[];
  node(name: string): NodeInfo | undefined;
  nodeByIP: Map<string, NodeInfo>;
  namespaceLabels(name: string): Record<string, string> | undefined;
  namespaces: string[];
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asStr = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const asNum = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** Addresses the layers work with are IPv4; anything else (raw junk, IPv6) is treated as absent. */
const ipv4 = (s: string | undefined): string | undefined => (s !== undefined && !Number.isNaN(ipToInt(s)) ? s : undefined);

export function protocolOf(v: unknown): L4Protocol {
  return v === "UDP" || v === "SCTP" ? v : "TCP";
}

export function readService(obj: KObject): ServiceInfo {
  const spec = asObj(obj.spec);
  const status = asObj(obj.status);
  const namespace = obj.metadata.namespace ?? "default";
  const name = obj.metadata.name ?? "";
  const clusterIP = asStr(spec.clusterIP);
  const rawIPs = asArr(spec.clusterIPs).map(asStr).filter((s): s is string => !!s);
  const ips = rawIPs.length ? rawIPs : clusterIP ? [clusterIP] : [];
  const headless = ips[0] === "None";
  const type = asStr(spec.type) ?? "ClusterIP";
  const ports: ServicePortInfo[] = asArr(spec.ports).map((p) => {
    const o = asObj(p);
    const portName = asStr(o.name) ?? "";
    const port = asNum(o.port) ?? 0;
    const tp = o.targetPort;
    return {
      name: portName,
      port,
      protocol: protocolOf(o.protocol),
      targetPort: typeof tp === "number" && tp > 0 ? tp : typeof tp === "string" && tp !== "" ? (/^\d+$/.test(tp) ? Number(tp) : tp) : port,
      nodePort: asNum(o.nodePort),
      spn: portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`,
    };
  });
  const lbIngress = asArr(asObj(status.loadBalancer).ingress).map((i) => ipv4(asStr(asObj(i).ip))).filter((s): s is string => !!s);
  const sel = asObj(spec.selector);
  const affinity = asObj(asObj(asObj(spec.sessionAffinityConfig).clientIP));
  return {
    obj,
    namespace,
    name,
    type,
    clusterIPs: headless || type === "ExternalName" ? [] : ips.filter((ip) => !Number.isNaN(ipToInt(ip))),
    headless,
    externalIPs: asArr(spec.externalIPs).map((a) => ipv4(asStr(a))).filter((s): s is string => !!s),
    loadBalancerIPs: type === "LoadBalancer" ? lbIngress : [],
    externalName: type === "ExternalName" ? asStr(spec.externalName) : undefined,
    ports,
    selector: spec.selector === undefined || spec.selector === null ? undefined : (sel as Record<string, string>),
    sessionAffinity: spec.sessionAffinity === "ClientIP" ? "ClientIP" : "None",
    affinityTimeoutSeconds: asNum(affinity.timeoutSeconds) ?? 10800,
    externalTrafficPolicy: spec.externalTrafficPolicy === "Local" ? "Local" : "Cluster",
    internalTrafficPolicy: spec.internalTrafficPolicy === "Local" ? "Local" : "Cluster",
    publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
    healthCheckNodePort: asNum(spec.healthCheckNodePort),
    loadBalancerSourceRanges: asArr(spec.loadBalancerSourceRanges).map(asStr).filter((s): s is string => !!s),
  };
}

export function readPod(obj: KObject): PodInfo {
  const spec = asObj(obj.spec);
  const status = asObj(obj.status);
  const conditions = asArr(status.conditions).map(asObj);
  const readyCond = conditions.find((c) => c.type === "Ready");
  const podIPs = asArr(status.podIPs).map((p) => asStr(asObj(p).ip));
  return {
    obj,
    namespace: obj.metadata.namespace ?? "default",
    name: obj.metadata.name ?? "",
    ip: ipv4(asStr(status.podIP) ?? podIPs[0]),
    hostIP: ipv4(asStr(status.hostIP)),
    nodeName: asStr(spec.nodeName),
    phase: asStr(status.phase) ?? "Pending",
    ready: readyCond?.status === "True",
    hostNetwork: spec.hostNetwork === true,
    labels: obj.metadata.labels ?? {},
    containers: asArr(spec.containers).map((c) => {
      const o = asObj(c);
      return {
        name: asStr(o.name) ?? "",
        image: asStr(o.image) ?? "",
        command: asArr(o.command).map(String),
        args: asArr(o.args).map(String),
        ports: asArr(o.ports).map((p) => {
          const q = asObj(p);
          return { name: asStr(q.name), containerPort: asNum(q.containerPort) ?? 0, protocol: protocolOf(q.protocol), hostPort: asNum(q.hostPort) };
        }),
      };
    }),
    hostname: asStr(spec.hostname),
    subdomain: asStr(spec.subdomain),
    dnsPolicy: asStr(spec.dnsPolicy) ?? "ClusterFirst",
    deleting: !!obj.metadata.deletionTimestamp,
  };
}

function readNodes(view: ClusterView): NodeInfo[] {
  const objs = view.objects("nodes");
  if (objs.length === 0) {
    return view.config.nodes.map((n) => ({ name: n.name, ip: n.ip, controlPlane: n.roles.includes("control-plane") }));
  }
  return objs.map((o) => {
    const spec = asObj(o.spec);
    const addrs = asArr(asObj(o.status).addresses).map(asObj);
    const internal = asStr(addrs.find((a) => a.type === "InternalIP")?.address);
    const name = o.metadata.name ?? "";
    const cfg = view.config.nodes.find((n) => n.name === name);
    const labels = o.metadata.labels ?? {};
    return {
      name,
      ip: ipv4(internal) ?? cfg?.ip ?? "",
      podCIDR: asStr(spec.podCIDR),
      controlPlane: "node-role.kubernetes.io/control-plane" in labels || !!cfg?.roles.includes("control-plane"),
    };
  });
}

interface SliceEndpointRaw {
  addresses: string[];
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  hostname?: string;
  targetRef?: EndpointInfo["targetRef"];
}
interface SliceRaw {
  ports: { name: string; port?: number; protocol: L4Protocol }[];
  endpoints: SliceEndpointRaw[];
}

function readSlice(obj: KObject): SliceRaw {
  return {
    ports: asArr(obj.ports).map((p) => {
      const o = asObj(p);
      return { name: asStr(o.name) ?? "", port: asNum(o.port), protocol: protocolOf(o.protocol) };
    }),
    endpoints: asArr(obj.endpoints).map((e) => {
      const o = asObj(e);
      const cond = asObj(o.conditions);
      // The API says a nil ready condition means "ready"; serving follows ready when absent.
      const ready = cond.ready !== false;
      const ref = asObj(o.targetRef);
      return {
        addresses: asArr(o.addresses).map((a) => ipv4(asStr(a))).filter((s): s is string => !!s),
        ready,
        serving: cond.serving === undefined ? ready : cond.serving !== false,
        terminating: cond.terminating === true,
        nodeName: asStr(o.nodeName),
        hostname: asStr(o.hostname),
        targetRef: o.targetRef ? { kind: asStr(ref.kind), namespace: asStr(ref.namespace), name: asStr(ref.name) } : undefined,
      };
    }),
  };
}

const byIpPort = (a: EndpointInfo, b: EndpointInfo): number => {
  const x = `${a.ip}:${a.port}`;
  const y = `${b.ip}:${b.port}`;
  return x < y ? -1 : x > y ? 1 : 0;
};

export function buildModel(view: ClusterView): NetModel {
  const services = view.objects("services").map(readService);
  const serviceMap = new Map<string, ServiceInfo>();
  const serviceByIP = new Map<string, ServiceInfo>();
  for (const s of services) {
    serviceMap.set(`${s.namespace}/${s.name}`, s);
    for (const ip of [...s.clusterIPs, ...s.externalIPs, ...s.loadBalancerIPs]) if (!serviceByIP.has(ip)) serviceByIP.set(ip, s);
  }
  const slicesBySvc = new Map<string, SliceRaw[]>();
  for (const o of view.objects("endpointslices")) {
    const svcName = o.metadata.labels?.["kubernetes.io/service-name"];
    if (!svcName) continue;
    if (o.addressType !== undefined && o.addressType !== "IPv4") continue;
    const key = `${o.metadata.namespace ?? "default"}/${svcName}`;
    const list = slicesBySvc.get(key) ?? [];
    list.push(readSlice(o));
    slicesBySvc.set(key, list);
  }
  const pods = view.objects("pods").map(readPod);
  const podMap = new Map<string, PodInfo>();
  const podByIP = new Map<string, PodInfo>();
  for (const p of pods) {
    podMap.set(`${p.namespace}/${p.name}`, p);
    if (p.ip && !p.hostNetwork && p.phase !== "Succeeded" && p.phase !== "Failed") podByIP.set(p.ip, p);
  }
  const nodes = readNodes(view);
  const nodeMap = new Map(nodes.map((n) => [n.name, n]));
  const nodeByIP = new Map(nodes.map((n) => [n.ip, n]));
  const nsLabels = new Map<string, Record<string, string>>();
  for (const ns of view.objects("namespaces")) {
    const name = ns.metadata.name ?? "";
    // The API server always adds this label; set it here too for raw fixtures.
    nsLabels.set(name, { "kubernetes.io/metadata.name": name, ...(ns.metadata.labels ?? {}) });
  }
  const epCache = new Map<string, EndpointInfo[]>();

  const endpoints = (svc: ServiceInfo, port: ServicePortInfo): EndpointInfo[] => {
    const key = `${svc.namespace}/${svc.name}\u0000${port.name}\u0000${port.protocol}`;
    const hit = epCache.get(key);
    if (hit) return hit;
    const seen = new Set<string>();
    const out: EndpointInfo[] = [];
    for (const slice of slicesBySvc.get(`${svc.namespace}/${svc.name}`) ?? []) {
      const sp = slice.ports.find((p) => p.name === port.name && p.protocol === port.protocol);
      if (!sp || sp.port === undefined) continue;
      for (const e of slice.endpoints) {
        const ip = e.addresses[0];
        if (!ip || seen.has(`${ip}:${sp.port}`)) continue;
        seen.add(`${ip}:${sp.port}`);
        out.push({ ip, port: sp.port, ready: e.ready, serving: e.serving, terminating: e.terminating, nodeName: e.nodeName, hostname: e.hostname, targetRef: e.targetRef });
      }
    }
    out.sort(byIpPort);
    epCache.set(key, out);
    return out;
  };

  const allEndpoints = (svc: ServiceInfo): EndpointInfo[] => {
    const seen = new Set<string>();
    const out: EndpointInfo[] = [];
    for (const slice of slicesBySvc.get(`${svc.namespace}/${svc.name}`) ?? []) {
      for (const e of slice.endpoints) {
        const ip = e.addresses[0];
        if (!ip || seen.has(ip)) continue;
        seen.add(ip);
        out.push({ ip, port: slice.ports[0]?.port ?? 0, ready: e.ready, serving: e.serving, terminating: e.terminating, nodeName: e.nodeName, hostname: e.hostname, targetRef: e.targetRef });
      }
    }
    return out;
  };

  return {
    services,
    service: (ns, name) => serviceMap.get(`${ns}/${name}`),
    serviceByIP,
    endpoints,
    allEndpoints,
    hasSlices: (svc) => (slicesBySvc.get(`${svc.namespace}/${svc.name}`)?.length ?? 0) > 0,
    pods,
    pod: (ns, name) => podMap.get(`${ns}/${name}`),
    podByIP,
    nodes,
    node: (name) => nodeMap.get(name),
    nodeByIP,
    namespaceLabels: (name) => nsLabels.get(name) ?? (nsLabels.size === 0 ? { "kubernetes.io/metadata.name": name } : undefined),
    namespaces: [...nsLabels.keys()],
  };
}

const memo = new WeakMap<ClusterView, { gen: number; model: NetModel }>();

/** The model for the view's current state: rebuilt only when the view's generation moves. */
export function netModel(view: ClusterView): NetModel {
  const gen = view.generation?.();
  if (gen === undefined) return buildModel(view);
  const hit = memo.get(view);
  if (hit && hit.gen === gen) return hit.model;
  const model = buildModel(view);
  memo.set(view, { gen, model });
  return model;
}

/** Memoise any derived value per view generation (iptables text, DNS indexes...). */
export function memoPerGeneration<T>(cache: WeakMap<ClusterView, { gen: number; value: T }>, view: ClusterView, build: () => T): T {
  const gen = view.generation?.();
  if (gen === undefined) return build();
  const hit = cache.get(view);
  if (hit && hit.gen === gen) return hit.value;
  const value = build();
  cache.set(view, { gen, value });
  return value;
}

/** Ready endpoints, or (as kube-proxy does) serving-terminating ones when none is ready. */
export function usableEndpoints(all: EndpointInfo[]): EndpointInfo[] {
  const ready = all.filter((e) => e.ready);
  if (ready.length) return ready;
  return all.filter((e) => e.serving && e.terminating);
}

