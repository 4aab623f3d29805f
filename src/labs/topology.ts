// What the topology panel draws, computed from the cluster's public API: nodes
// with their pods, Services with the pods behind them, Ingress rules, and
// NetworkPolicies with the pods they select. Plain data: it crosses the worker
// boundary and is drawn by the page.
import type { Cluster, KObject } from "../cluster/index.ts";

export interface TopoPod {
  id: string; // "ns/name"
  name: string;
  namespace: string;
  node: string;
  ip: string;
  /** Pod phase as kubectl shows it coarse-grained: Running, Pending, Failed, Succeeded, Terminating. */
  status: string;
  ready: boolean;
}

export interface TopoService {
  id: string;
  name: string;
  namespace: string;
  type: string;
  clusterIP: string;
  ports: string;
  externalIP: string;
  /** Pod ids that are endpoints (ready addresses of its EndpointSlices/Endpoints). */
  endpoints: string[];
}

export interface TopoIngress {
  id: string;
  name: string;
  namespace: string;
  rules: { host: string; path: string; service: string }[];
}

export interface TopoPolicy {
  id: string;
  name: string;
  namespace: string;
  /** Pod ids the policy's podSelector selects (the fence). */
  pods: string[];
  types: string[];
}

export interface Topology {
  cni: string;
  proxyMode: string;
  nodes: { name: string; ip: string; roles: string[]; pods: TopoPod[] }[];
  services: TopoService[];
  ingresses: TopoIngress[];
  policies: TopoPolicy[];
}

type ListCluster = Pick<Cluster, "list" | "config">;

/** System namespaces are left out unless asked: the learner's objects are what matters. */
const HIDDEN_NAMESPACES = new Set(["kube-system", "ingress-nginx", "kube-flannel", "calico-system", "tigera-operator", "metallb-system", "local-path-storage", "kube-public", "kube-node-lease"]);

function list(cluster: ListCluster, group: string, resource: string): KObject[] {
  const r = cluster.list({ group, resource }, {});
  return r.ok ? r.value : [];
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

export function podStatus(pod: KObject): { status: string; ready: boolean } {
  if (pod.metadata.deletionTimestamp) return { status: "Terminating", ready: false };
  const status = (pod.status ?? {}) as { phase?: string; conditions?: { type: string; status: string }[] };
  const ready = (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
  return { status: status.phase ?? "Pending", ready };
}

/** A LabelSelector as the label-selector string the API understands, so the cluster does the matching. */
export function selectorString(sel: unknown): string | null {
  if (!sel || typeof sel !== "object") return null;
  const s = sel as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const values = `(${(e.values ?? []).join(",")})`;
    if (e.operator === "In") parts.push(`${e.key} in ${values}`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin ${values}`);
    else if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
    else return null;
  }
  return parts.join(",");
}

function selectPods(cluster: ListCluster, namespace: string, selector: string | null): KObject[] {
  if (selector === null) return [];
  const r = cluster.list({ group: "", resource: "pods" }, { namespace, labelSelector: selector || undefined });
  return r.ok ? r.value : [];
}

export function buildTopology(cluster: ListCluster, opts: { showSystem?: boolean } = {}): Topology {
  const visible = (o: KObject) => opts.showSystem || !HIDDEN_NAMESPACES.has(o.metadata.namespace ?? "");
  const allPods = list(cluster, "", "pods");
  const pods = allPods.filter(visible);
  const podId = (p: KObject) => `${p.metadata.namespace}/${p.metadata.name}`;
  const byIP = new Map<string, string>();
  for (const p of allPods) {
    const ip = str((p.status as { podIP?: string } | undefined)?.podIP);
    if (ip) byIP.set(`${p.metadata.namespace}|${ip}`, podId(p));
  }
  const topoPods: TopoPod[] = pods.map((p) => ({
    id: podId(p),
    name: p.metadata.name ?? "",
    namespace: p.metadata.namespace ?? "",
    node: str((p.spec as { nodeName?: string } | undefined)?.nodeName),
    ip: str((p.status as { podIP?: string } | undefined)?.podIP),
    ...podStatus(p),
  }));
  const nodes = cluster.config.nodes.map((n) => ({ name: n.name, ip: n.ip, roles: n.roles, pods: topoPods.filter((p) => p.node === n.name) }));
  const unscheduled = topoPods.filter((p) => !cluster.config.nodes.some((n) => n.name === p.node));
  if (unscheduled.length) nodes.push({ name: "", ip: "", roles: [], pods: unscheduled });

  const endpoints = list(cluster, "", "endpoints");
  const services: TopoService[] = list(cluster, "", "services")
    .filter(visible)
    .map((s) => {
      const spec = (s.spec ?? {}) as { type?: string; clusterIP?: string; selector?: Record<string, string>; ports?: { port: number; nodePort?: number; protocol?: string }[] };
      const lb = ((s.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? "");
      const ep = endpoints.find((e) => e.metadata.name === s.metadata.name && e.metadata.namespace === s.metadata.namespace);
      const subsets = ((ep as { subsets?: { addresses?: { ip: string; targetRef?: { name?: string; namespace?: string } }[] }[] } | undefined)?.subsets ?? []);
      const fromEndpoints = subsets.flatMap((ss) => (ss.addresses ?? []).map((a) => (a.targetRef?.name ? `${a.targetRef.namespace ?? s.metadata.namespace}/${a.targetRef.name}` : byIP.get(`${s.metadata.namespace}|${a.ip}`) ?? "")));
      // Without an Endpoints object yet, fall back to what the selector picks (same answer once the controller ran).
      const bySelector = () => (spec.selector ? selectPods(cluster, s.metadata.namespace ?? "", selectorString({ matchLabels: spec.selector })).filter((p) => podStatus(p).ready).map(podId) : []);
      const eps = ep ? fromEndpoints.filter(Boolean) : bySelector();
      return {
        id: `${s.metadata.namespace}/${s.metadata.name}`,
        name: s.metadata.name ?? "",
        namespace: s.metadata.namespace ?? "",
        type: spec.type ?? "ClusterIP",
        clusterIP: spec.clusterIP ?? "",
        ports: (spec.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? "TCP"}` : `${p.port}/${p.protocol ?? "TCP"}`)).join(","),
        externalIP: lb.join(","),
        endpoints: [...new Set(eps)].sort(),
      };
    });

  const ingresses: TopoIngress[] = list(cluster, "networking.k8s.io", "ingresses")
    .filter(visible)
    .map((ing) => {
      const rules = ((ing.spec as { rules?: { host?: string; http?: { paths?: { path?: string; backend?: { service?: { name?: string } } }[] } }[] } | undefined)?.rules ?? []);
      return {
        id: `${ing.metadata.namespace}/${ing.metadata.name}`,
        name: ing.metadata.name ?? "",
        namespace: ing.metadata.namespace ?? "",
        rules: rules.flatMap((r) => (r.http?.paths ?? []).map((p) => ({ host: r.host ?? "*", path: p.path ?? "/", service: p.backend?.service?.name ?? "" }))),
      };
    });

  const policies: TopoPolicy[] = list(cluster, "networking.k8s.io", "networkpolicies")
    .filter(visible)
    .map((np) => {
      const spec = (np.spec ?? {}) as { podSelector?: unknown; policyTypes?: string[] };
      return {
        id: `${np.metadata.namespace}/${np.metadata.name}`,
        name: np.metadata.name ?? "",
        namespace: np.metadata.namespace ?? "",
        pods: selectPods(cluster, np.metadata.namespace ?? "", selectorString(spec.podSelector ?? {})).filter(visible).map(podId),
        types: spec.policyTypes ?? ["Ingress"],
      };
    });

  return { cni: cluster.config.cni, proxyMode: cluster.config.proxyMode, nodes, services, ingresses, policies };
}
