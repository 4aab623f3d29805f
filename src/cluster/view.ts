// The read-only view of cluster state that the network layers (cni, proxy, dns,
// ingress, policy, net, apps) compute from. The cluster implementation provides it;
// the layers never write objects, only logs and conntrack through the hooks below.
import type { KObject } from "./api/types.ts";
import type { ClusterConfig, ImageBehavior, ProxyMode } from "./types.ts";

export interface ClusterView {
  readonly config: ClusterConfig;
  /** Objects of one resource (plural, e.g. "services", "endpointslices", "pods"), optionally in one namespace. */
  objects(resource: string, namespace?: string): readonly KObject[];
  /** The proxy mode kube-proxy on this node started with (it only reads its ConfigMap at start). */
  proxyModeOn(node: string): ProxyMode;
  /** Pod CIDR blocks the CNI's IPAM gave each node (calico /26 blocks, flannel the node's /24). */
  podBlocks(node: string): readonly string[];
  /** Seeded random number in [0, 1): kube-proxy's endpoint choice, DNS shuffling. */
  random(): number;
  now(): number;
  image(name: string): ImageBehavior;
  /** Append a line to a container's log (nginx access lines and the like). */
  appendLog(namespace: string, pod: string, container: string, line: string): void;
  /** Optional: a number that changes whenever any object changes, so layers can memoise per state. */
  generation?(): number;
  /** Optional: an independent generator starting from the current random state, for dry runs that must not consume draws. */
  forkRandom?(): () => number;
  /**
   * Optional: a JSON-serialisable object the network layers keep their runtime memory in
   * (session affinity, IPVS round-robin positions, conntrack flows). The cluster returns the
   * same object every call and carries it in its snapshot, so a restored cluster remembers.
   */
  netState?(): Record<string, unknown>;
}
