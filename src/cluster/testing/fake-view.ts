// A ClusterView built from plain object arrays, for testing the network layers
// without the API store. The builders produce the shapes a real API server stores
// (defaulted Services, controller-made EndpointSlices, running Pods, Nodes).
import type { KObject } from "../api/types.ts";
import type { ClusterConfig, ImageBehavior, ProxyMode } from "../types.ts";
import type { ClusterView } from "../view.ts";
import { imageBehavior } from "../apps/catalog.ts";
import { SeededRandom } from "../random.ts";
import { resolveConfig } from "../defaults/cluster-file.ts";

/** The default cluster's config (kubeadm-like, three nodes, Calico, iptables), with raw objects. */
export const defaultConfig: ClusterConfig = { ...resolveConfig({}), raw: true };

export interface FakeViewOptions {
  config?: Partial<ClusterConfig>;
  objects: KObject[];
  proxyMode?: Record<string, ProxyMode>;
  podBlocks?: Record<string, string[]>;
  seed?: number;
  now?: number;
}

export interface FakeView extends ClusterView {
  logs: { namespace: string; pod: string; container: string; line: string }[];
  /** Replace the objects (bumps the generation, as a store write would). */
  setObjects(objects: KObject[]): void;
}

const RESOURCE_OF_KIND: Record<string, string> = {
  Service: "services",
  EndpointSlice: "endpointslices",
  Pod: "pods",
  Node: "nodes",
  Namespace: "namespaces",
  NetworkPolicy: "networkpolicies",
  Ingress: "ingresses",
  IngressClass: "ingressclasses",
  Secret: "secrets",
  ConfigMap: "configmaps",
};

export function fakeView(opts: FakeViewOptions): FakeView {
  const config: ClusterConfig = { ...defaultConfig, ...opts.config };
  let byResource = new Map<string, KObject[]>();
  let gen = 0;
  const index = (objects: KObject[]) => {
    byResource = new Map();
    for (const o of objects) {
      const r = RESOURCE_OF_KIND[o.kind] ?? `${o.kind.toLowerCase()}s`;
      const list = byResource.get(r) ?? [];
      list.push(o);
      byResource.set(r, list);
    }
    gen++;
  };
  index(opts.objects);
  const rng = new SeededRandom(opts.seed ?? 1);
  const logs: FakeView["logs"] = [];
  return {
    config,
    logs,
    objects(resource, namespace) {
      const all = byResource.get(resource) ?? [];
      return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
    },
    proxyModeOn: (node) => opts.proxyMode?.[node] ?? config.proxyMode,
    podBlocks: (node) => opts.podBlocks?.[node] ?? [],
    random: () => rng.next(),
    forkRandom: () => {
      const fork = new SeededRandom(rng.getState());
      return () => fork.next();
    },
    now: () => opts.now ?? Date.UTC(2026, 0, 1, 0, 0, 0),
    image: (name): ImageBehavior => imageBehavior(name, config.images),
    appendLog: (namespace, pod, container, line) => logs.push({ namespace, pod, container, line }),
    generation: () => gen,
    setObjects: index,
  };
}

// ---- builders -------------------------------------------------------------

const TS = "2026-01-01T00:00:00Z";

export function namespace(name: string, labels: Record<string, string> = {}): KObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "kubernetes.io/metadata.name": name, ...labels }, creationTimestamp: TS } };
}

export function node(name: string, ip: string, podCIDR?: string, controlPlane = false): KObject {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...(controlPlane ? { "node-role.kubernetes.io/control-plane": "" } : {}) }, creationTimestamp: TS },
    spec: podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {},
    status: { addresses: [{ type: "InternalIP", address: ip }, { type: "Hostname", address: name }], conditions: [{ type: "Ready", status: "True" }] },
  };
}

export interface PortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: "TCP" | "UDP" | "SCTP";
  nodePort?: number;
}

export function service(
  ns: string,
  name: string,
  clusterIP: string,
  ports: PortSpec[],
  extra: { selector?: Record<string, string>; type?: string; spec?: Record<string, unknown>; status?: Record<string, unknown> } = {},
): KObject {
  const type = extra.type ?? "ClusterIP";
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: ns, creationTimestamp: TS },
    spec: {
      clusterIP,
      clusterIPs: [clusterIP],
      internalTrafficPolicy: "Cluster",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      ports: ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol ?? "TCP", targetPort: p.targetPort ?? p.port, ...(p.nodePort ? { nodePort: p.nodePort } : {}) })),
      ...(extra.selector ? { selector: extra.selector } : {}),
      sessionAffinity: "None",
      type,
      ...(type === "NodePort" || type === "LoadBalancer" ? { externalTrafficPolicy: "Cluster" } : {}),
      ...extra.spec,
    },
    status: extra.status ?? { loadBalancer: {} },
  };
}

export interface EndpointSpec {
  ip: string;
  node?: string;
  pod?: string;
  ready?: boolean;
  hostname?: string;
}

export function endpointSlice(ns: string, svc: string, ports: PortSpec[], endpoints: EndpointSpec[], suffix = "abcde"): KObject {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name: `${svc}-${suffix}`, namespace: ns, labels: { "kubernetes.io/service-name": svc, "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io" }, creationTimestamp: TS },
    addressType: "IPv4",
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready ?? true, serving: e.ready ?? true, terminating: false },
      ...(e.hostname ? { hostname: e.hostname } : {}),
      ...(e.node ? { nodeName: e.node } : {}),
      ...(e.pod ? { targetRef: { kind: "Pod", namespace: ns, name: e.pod } } : {}),
    })),
    ports: ports.map((p) => ({ ...(p.name !== undefined ? { name: p.name } : { name: "" }), port: typeof p.targetPort === "number" ? p.targetPort : p.port, protocol: p.protocol ?? "TCP" })),
  };
}

export interface PodSpec {
  ns?: string;
  name: string;
  ip: string;
  node: string;
  labels?: Record<string, string>;
  image?: string;
  args?: string[];
  command?: string[];
  ports?: { name?: string; containerPort: number; protocol?: "TCP" | "UDP" }[];
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  ready?: boolean;
  hostIP?: string;
}

export function pod(p: PodSpec): KObject {
  const ready = p.ready ?? true;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: p.name, namespace: p.ns ?? "default", labels: p.labels ?? {}, creationTimestamp: TS },
    spec: {
      nodeName: p.node,
      containers: [
        {
          name: "c",
          image: p.image ?? "nginx",
          ...(p.command ? { command: p.command } : {}),
          ...(p.args ? { args: p.args } : {}),
          ...(p.ports ? { ports: p.ports.map((q) => ({ ...q, protocol: q.protocol ?? "TCP" })) } : {}),
        },
      ],
      dnsPolicy: "ClusterFirst",
      ...(p.hostNetwork ? { hostNetwork: true } : {}),
      ...(p.hostname ? { hostname: p.hostname } : {}),
      ...(p.subdomain ? { subdomain: p.subdomain } : {}),
    },
    status: {
      phase: "Running",
      podIP: p.ip,
      podIPs: [{ ip: p.ip }],
      hostIP: p.hostIP,
      conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
    },
  };
}
