// The state one packet walk carries, and where a packet enters the network.
import type { ClusterView } from "../view.ts";
import type { Hop, Outcome } from "./types.ts";
import type { NetModel, NodeInfo, PodInfo } from "./model.ts";
import type { PolicyPeer } from "../policy/evaluate.ts";

export interface Walk {
  view: ClusterView;
  model: NetModel;
  rnd: () => number;
  dry: boolean;
  trace: Hop[];
  elapsed: number;
  timeoutMs: number;
  /** Where the client's packet entered: its own address and the node that NATed it, for the flow table. */
  client?: { ip: string; node?: string };
  /** The node whose kube-proxy rewrote the destination, with the address:port the client dialed. */
  nat?: { node: string; dst: string; dport: number };
}

/** Where a packet enters the network: its address, the node whose kube-proxy rules it meets, and its policy identity. */
export interface Origin {
  ip: string;
  at: string;
  node?: NodeInfo;
  peer: PolicyPeer;
  pod?: PodInfo;
  outside: boolean;
}


export const timeout = (w: Walk, ip: string, port: number | undefined, reason: "policy" | "no-route" | "no-answer"): Outcome => ({ kind: "timeout", ip, port, reason, afterMs: w.timeoutMs });
