// The netfilter connection table a node keeps for flows it NATed or routed, as
// `conntrack -L` lists it. Flows are recorded by the packet walk (never in dry
// runs) and age out in virtual time: TCP sits in TIME_WAIT for 120 s after the
// client closes, a single UDP exchange lives 30 s.
import type { ClusterView } from "../view.ts";
import { listSlot } from "./memory.ts";

export interface FlowEntry {
  node: string;
  proto: "tcp" | "udp";
  /** Original direction, as the client sent it (before DNAT). */
  src: string;
  dst: string;
  sport: number;
  dport: number;
  /** Reply direction, as the server answers (after DNAT / SNAT). */
  replySrc: string;
  replyDst: string;
  replySport: number;
  replyDport: number;
  createdAt: number;
}

const TCP_TIME_WAIT_S = 120;
const UDP_TIMEOUT_S = 30;
/** Enough history for a lab; older flows would have expired anyway. */
const MAX_FLOWS = 500;

// The flows are plain JSON records in the cluster's network memory, so snapshots keep them.
const CONNTRACK = "conntrack.flows";

export function recordFlow(view: ClusterView, entry: FlowEntry): void {
  const list = listSlot<FlowEntry>(view, CONNTRACK);
  list.push(entry);
  if (list.length > MAX_FLOWS) list.splice(0, list.length - MAX_FLOWS);
}

function remaining(view: ClusterView, e: FlowEntry): number {
  const life = e.proto === "tcp" ? TCP_TIME_WAIT_S : UDP_TIMEOUT_S;
  return life - Math.floor((view.now() - e.createdAt) / 1000);
}

/** The live flows on a node, oldest first. */
export function flowsOn(view: ClusterView, node: string): FlowEntry[] {
  return listSlot<FlowEntry>(view, CONNTRACK).filter((e) => e && e.node === node && typeof e.createdAt === "number" && remaining(view, e) > 0);
}

/** `conntrack -L` on a node: the table on stdout, the count line on stderr (conntrack-tools 1.4.8). */
export function conntrackList(view: ClusterView, node: string, opts: { proto?: "tcp" | "udp" } = {}): { stdout: string; stderr: string; exitCode: number } {
  const flows = flowsOn(view, node).filter((e) => !opts.proto || e.proto === opts.proto);
  const lines = flows.map((e) => {
    const num = e.proto === "tcp" ? 6 : 17;
    const state = e.proto === "tcp" ? " TIME_WAIT" : "";
    const orig = `src=${e.src} dst=${e.dst} sport=${e.sport} dport=${e.dport}`;
    const reply = `src=${e.replySrc} dst=${e.replyDst} sport=${e.replySport} dport=${e.replyDport}`;
    return `${e.proto.padEnd(8)} ${num} ${remaining(view, e)}${state} ${orig} ${reply}${e.proto === "tcp" ? " [ASSURED]" : ""} mark=0 use=1`;
  });
  return {
    stdout: lines.map((l) => l + "\n").join(""),
    stderr: `conntrack v1.4.8 (conntrack-tools): ${lines.length} flow entries have been shown.\n`,
    exitCode: 0,
  };
}
