// NetworkPolicy evaluation to the letter of the API (reference §9): a pod is
// isolated per direction once a policy selecting it has that policyType; then only
// the union of the selecting policies' rules is allowed. Enforcement depends on the CNI.
import type { KObject } from "../api/types.ts";
import type { ClusterView } from "../view.ts";
import { cidrContains } from "../net/ip.ts";
import { netModel, type L4Protocol, type NetModel, type PodInfo } from "../net/model.ts";
import { selectorMatches, type LabelSelector } from "./selector.ts";

/** One side of a connection: a pod, or an address that is not a pod (node, outside). */
export type PolicyPeer = { kind: "pod"; pod: PodInfo } | { kind: "ip"; ip: string };

export interface DirectionVerdict {
  /** Some policy selects the pod for this direction. */
  isolated: boolean;
  allowed: boolean;
  /** Policies ("ns/name") that select the pod for this direction. */
  policies: string[];
  /** Policies whose rules allow this traffic. */
  allowedBy: string[];
}

export interface PolicyVerdict {
  allowed: boolean;
  /** False when the CNI ignores NetworkPolicy (Flannel): the verdict is then always allowed. */
  enforced: boolean;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
}

const ENFORCING = new Set(["calico", "cilium", "weave"]);

export function cniEnforcesPolicy(cni: string): boolean {
  return ENFORCING.has(cni);
}

interface PortRule {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}
interface Peer {
  podSelector?: LabelSelector | null;
  namespaceSelector?: LabelSelector | null;
  ipBlock?: { cidr: string; except?: string[] };
}
interface Rule {
  ports?: PortRule[];
  from?: Peer[];
  to?: Peer[];
}

export interface ParsedPolicy {
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  types: { ingress: boolean; egress: boolean };
  ingress: Rule[];
  egress: Rule[];
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const objs = <T>(v: unknown): T[] => (Array.isArray(v) ? (v.filter(isObj) as T[]) : []);

/** Raw objects may hold anything: keep only selector shapes the matcher understands. */
function selector(v: unknown): LabelSelector | undefined {
  if (!isObj(v)) return undefined;
  return {
    ...(isObj(v.matchLabels) ? { matchLabels: v.matchLabels as Record<string, string> } : {}),
    ...(Array.isArray(v.matchExpressions) ? { matchExpressions: objs<{ key: string; operator: string; values?: string[] }>(v.matchExpressions).map((e) => ({ ...e, values: Array.isArray(e.values) ? e.values : undefined })) } : {}),
  };
}

function rules(v: unknown, dir: "from" | "to"): Rule[] {
  return objs<Record<string, unknown>>(v).map((r) => ({
    ports: r.ports === undefined ? undefined : objs<PortRule>(r.ports),
    [dir]:
      r[dir] === undefined
        ? undefined
        : objs<Record<string, unknown>>(r[dir]).map((p) => ({
            podSelector: selector(p.podSelector),
            namespaceSelector: selector(p.namespaceSelector),
            ipBlock: isObj(p.ipBlock) && typeof p.ipBlock.cidr === "string" ? { cidr: p.ipBlock.cidr, except: Array.isArray(p.ipBlock.except) ? (p.ipBlock.except as string[]) : undefined } : undefined,
          })),
  }));
}

export function parsePolicy(obj: KObject): ParsedPolicy {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const ingress = rules(spec.ingress, "from");
  const egress = rules(spec.egress, "to");
  const declared = Array.isArray(spec.policyTypes) ? (spec.policyTypes as unknown[]) : undefined;
  // Defaulting: Ingress always, Egress only when the policy has egress rules.
  const types = declared ? { ingress: declared.includes("Ingress"), egress: declared.includes("Egress") } : { ingress: true, egress: egress.length > 0 };
  return {
    namespace: obj.metadata.namespace ?? "default",
    name: obj.metadata.name ?? "",
    podSelector: selector(spec.podSelector) ?? {},
    types,
    ingress,
    egress,
  };
}

function peerIP(p: PolicyPeer): string | undefined {
  return p.kind === "pod" ? p.pod.ip : p.ip;
}

function peerMatches(model: NetModel, policyNs: string, peer: Peer, other: PolicyPeer): boolean {
  if (peer.ipBlock) {
    const ip = peerIP(other);
    if (!ip || !cidrContains(peer.ipBlock.cidr, ip)) return false;
    return !(peer.ipBlock.except ?? []).some((c) => cidrContains(c, ip));
  }
  // Pod and namespace selectors select pods; host-network pods have the node's address and are not selectable.
  if (other.kind !== "pod" || other.pod.hostNetwork) return false;
  const pod = other.pod;
  if (peer.namespaceSelector) {
    const nsLabels = model.namespaceLabels(pod.namespace) ?? { "kubernetes.io/metadata.name": pod.namespace };
    if (!selectorMatches(peer.namespaceSelector, nsLabels)) return false;
  } else if (pod.namespace !== policyNs) {
    return false;
  }
  if (peer.podSelector && !selectorMatches(peer.podSelector, pod.labels)) return false;
  return peer.podSelector !== undefined || peer.namespaceSelector !== undefined;
}

/** Does a ports entry allow (port, protocol) on the destination? Named ports resolve against the destination pod. */
function portMatches(rule: PortRule, port: number, protocol: L4Protocol, dst: PolicyPeer): boolean {
  if ((rule.protocol ?? "TCP") !== protocol) return false;
  if (rule.port === undefined || rule.port === null) return true;
  if (typeof rule.port === "string" && !/^\d+$/.test(rule.port)) {
    if (dst.kind !== "pod") return false;
    return dst.pod.containers.some((c) => c.ports.some((p) => p.name === rule.port && p.containerPort === port && p.protocol === protocol));
  }
  const start = Number(rule.port);
  const end = rule.endPort ?? start;
  return port >= start && port <= end;
}

function ruleAllows(model: NetModel, pol: ParsedPolicy, rule: Rule, peers: Peer[] | undefined, other: PolicyPeer, port: number, protocol: L4Protocol, dst: PolicyPeer): boolean {
  const portsOk = !rule.ports || rule.ports.length === 0 || rule.ports.some((p) => portMatches(p, port, protocol, dst));
  if (!portsOk) return false;
  if (!peers || peers.length === 0) return true;
  return peers.some((p) => peerMatches(model, pol.namespace, p, other));
}

function directionVerdict(model: NetModel, policies: ParsedPolicy[], subject: PodInfo, dir: "ingress" | "egress", other: PolicyPeer, port: number, protocol: L4Protocol, dst: PolicyPeer): DirectionVerdict {
  const selecting = policies.filter((p) => p.namespace === subject.namespace && p.types[dir] && selectorMatches(p.podSelector, subject.labels));
  if (selecting.length === 0) return { isolated: false, allowed: true, policies: [], allowedBy: [] };
  const allowedBy = selecting.filter((pol) => pol[dir].some((r) => ruleAllows(model, pol, r, dir === "ingress" ? r.from : r.to, other, port, protocol, dst)));
  const name = (p: ParsedPolicy) => `${p.namespace}/${p.name}`;
  return { isolated: true, allowed: allowedBy.length > 0, policies: selecting.map(name), allowedBy: allowedBy.map(name) };
}

const OPEN: DirectionVerdict = { isolated: false, allowed: true, policies: [], allowedBy: [] };

/**
 * Whether `src` may open a connection to `dst` on (port, protocol): the source's
 * egress and the destination's ingress must both allow it. `port` is the port on
 * the destination pod (after kube-proxy's DNAT), as the CNI sees it.
 */
export function policyVerdictFor(view: ClusterView, src: PolicyPeer, dst: PolicyPeer, port: number, protocol: L4Protocol): PolicyVerdict {
  const model = netModel(view);
  const enforced = cniEnforcesPolicy(view.config.cni);
  const policies = parsedPolicies(view);
  const egress = src.kind === "pod" && !src.pod.hostNetwork ? directionVerdict(model, policies, src.pod, "egress", dst, port, protocol, dst) : OPEN;
  let ingress = dst.kind === "pod" && !dst.pod.hostNetwork ? directionVerdict(model, policies, dst.pod, "ingress", src, port, protocol, dst) : OPEN;
  // Traffic from the pod's own node (kubelet probes) is always allowed.
  if (dst.kind === "pod" && src.kind === "ip" && dst.pod.hostIP && src.ip === dst.pod.hostIP) ingress = { ...ingress, allowed: true };
  const allowed = !enforced || (egress.allowed && ingress.allowed);
  return { allowed, enforced, egress, ingress };
}

const parsedCache = new WeakMap<readonly KObject[], ParsedPolicy[]>();
function parsedPolicies(view: ClusterView): ParsedPolicy[] {
  const objs = view.objects("networkpolicies");
  const hit = parsedCache.get(objs);
  if (hit) return hit;
  const parsed = objs.map(parsePolicy);
  parsedCache.set(objs, parsed);
  return parsed;
}

/** Convenience: resolve "ns/name" pods or bare IPs into peers. */
export function peerFor(view: ClusterView, who: { namespace: string; name: string } | string): PolicyPeer {
  const model = netModel(view);
  if (typeof who === "string") {
    const pod = model.podByIP.get(who);
    return pod ? { kind: "pod", pod } : { kind: "ip", ip: who };
  }
  const pod = model.pod(who.namespace, who.name);
  return pod ? { kind: "pod", pod } : { kind: "ip", ip: "" };
}

/** The public entry point from the brief: verdict for src → dst:port/protocol. */
export function policyVerdict(
  view: ClusterView,
  src: { namespace: string; name: string } | string,
  dst: { namespace: string; name: string } | string,
  port: number,
  protocol: L4Protocol = "TCP",
): PolicyVerdict {
  return policyVerdictFor(view, peerFor(view, src), peerFor(view, dst), port, protocol);
}
