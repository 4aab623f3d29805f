// Which endpoints kube-proxy sends a service port's traffic to, per traffic kind and
// node: one model shared by the iptables and IPVS renderers and by the packet walk
// (the "same mechanism, different mode" rule: only the output differs).
import type { EndpointInfo, NetModel, ServiceInfo, ServicePortInfo } from "../net/model.ts";
import { usableEndpoints } from "../net/model.ts";

export interface PortPlan {
  svc: ServiceInfo;
  port: ServicePortInfo;
  /** Ready (or serving-terminating fallback) endpoints, sorted by "ip:port". */
  all: EndpointInfo[];
  /** The subset running on the node this plan is for. */
  local: EndpointInfo[];
  /** Endpoints cluster-IP traffic is spread over (internalTrafficPolicy). */
  internal: EndpointInfo[];
  /** Endpoints NodePort / external-IP / LB traffic is spread over (externalTrafficPolicy). */
  external: EndpointInfo[];
  /** NodePort, externalIPs or a load-balancer address exist. */
  hasExternal: boolean;
}

export function portPlan(model: NetModel, svc: ServiceInfo, port: ServicePortInfo, node: string): PortPlan {
  const all = usableEndpoints(model.endpoints(svc, port));
  const local = all.filter((e) => e.nodeName === node);
  const hasExternal = (port.nodePort ?? 0) > 0 || svc.externalIPs.length > 0 || svc.loadBalancerIPs.length > 0;
  return {
    svc,
    port,
    all,
    local,
    internal: svc.internalTrafficPolicy === "Local" ? local : all,
    external: svc.externalTrafficPolicy === "Local" ? local : all,
    hasExternal,
  };
}

/** Service ports kube-proxy programs: those with a cluster IP (not headless, not ExternalName). */
export function proxiedPorts(model: NetModel): { svc: ServiceInfo; port: ServicePortInfo }[] {
  const out: { svc: ServiceInfo; port: ServicePortInfo }[] = [];
  for (const svc of model.services) {
    if (svc.clusterIPs.length === 0) continue;
    for (const port of svc.ports) if (port.port > 0) out.push({ svc, port });
  }
  // kube-proxy iterates a Go map; a stable order keeps our output deterministic.
  out.sort((a, b) => (a.port.spn + a.port.protocol < b.port.spn + b.port.protocol ? -1 : 1));
  return out;
}

/**
 * Endpoints that external-destination traffic (NodePort, external IP, LB IP) from one source
 * reaches. With externalTrafficPolicy Local, kube-proxy's KUBE-EXT chain short-circuits sources
 * inside the cluster (pod CIDR: "pod traffic for … external destinations"; node-local:
 * "route LOCAL traffic …") to the Cluster-policy chain, so only outside clients are limited
 * to this node's endpoints (proxier.go syncProxyRules).
 */
export function externalEndpointsFor(plan: PortPlan, sourceInCluster: boolean): EndpointInfo[] {
  return plan.svc.externalTrafficPolicy === "Local" && sourceInCluster ? plan.all : plan.external;
}

/**
 * Real servers the IPVS proxier gives a virtual server (ipvs/proxier.go syncEndpoint): a
 * node-local policy takes this node's endpoints, or, when there are none, the Cluster-policy
 * endpoints if the service uses them at all (it is reachable from outside).
 */
export function ipvsReals(plan: PortPlan, kind: "internal" | "external"): EndpointInfo[] {
  const localPolicy = kind === "internal" ? plan.svc.internalTrafficPolicy === "Local" : plan.svc.externalTrafficPolicy === "Local";
  if (!localPolicy) return plan.all;
  if (plan.local.length > 0) return plan.local;
  const usesClusterEndpoints = plan.svc.internalTrafficPolicy !== "Local" || plan.hasExternal;
  return usesClusterEndpoints ? plan.all : [];
}
