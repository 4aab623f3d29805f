// The objects a fresh kubeadm cluster has before anyone uses it: nodes, the four
// namespaces, the `kubernetes` Service with its apiserver endpoints, and the
// kube-system workloads (see kube-system.ts).
import type { ClusterConfig } from "../types.ts";
import type { KObject } from "../api/types.ts";
import { timestamp } from "../api/objects.ts";
import { nodeObject } from "./nodes.ts";
import { Ipam } from "../cni/ipam.ts";
import { intToIp, parseCidr } from "../api/allocators.ts";
import { kubeSystemObjects } from "./kube-system.ts";

/** The n-th address of the Service CIDR: kubeadm's `kubernetes` (1) and kube-dns (10). */
export function serviceIP(cfg: ClusterConfig, n: number): string {
  const c = parseCidr(cfg.serviceCIDR)!;
  return intToIp(c.base + n);
}

export function bootstrapObjects(cfg: ClusterConfig, now: number, opts: { withNodesOnly: boolean; skipNodes: boolean }): KObject[] {
  const created = timestamp(now);
  const ipam = new Ipam(cfg.cni, cfg.podCIDR);
  const nodes = opts.skipNodes ? [] : cfg.nodes.map((n, i) => nodeObject(cfg, n, ipam.nodePodCIDR(i), created));
  if (opts.withNodesOnly) return nodes;
  const ns = (name: string): KObject => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  const cp = cfg.nodes.find((n) => n.roles.includes("control-plane")) ?? cfg.nodes[0];
  const apiserver: KObject[] = [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } },
      spec: { clusterIP: serviceIP(cfg, 1), ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }] },
    },
    {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "kubernetes", namespace: "default", labels: { "endpointslice.kubernetes.io/skip-mirror": "true" } },
      subsets: [{ addresses: [{ ip: cp.ip }], ports: [{ name: "https", port: 6443, protocol: "TCP" }] }],
    },
    {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "kubernetes", namespace: "default", labels: { "kubernetes.io/service-name": "kubernetes" } },
      addressType: "IPv4",
      endpoints: [{ addresses: [cp.ip], conditions: { ready: true } }],
      ports: [{ name: "https", port: 6443, protocol: "TCP" }],
    },
  ];
  return [
    ...nodes,
    ns("default"),
    ns("kube-node-lease"),
    ns("kube-public"),
    ns("kube-system"),
    ...apiserver,
    ...kubeSystemObjects(cfg),
  ];
}
