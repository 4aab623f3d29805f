// The structured iptables rule model: what kube-proxy writes, independent of how
// iptables prints it. Renderers (render.ts) turn it into iptables-save, -S and -L text.

export type Match =
  | { m: "comment"; text: string }
  /** "-m tcp [--dport N]": the protocol's own match module. */
  | { m: "proto"; proto: string; dport?: number }
  /** Probability as the kernel stores it (a 31-bit fraction): printed %.11f. */
  | { m: "statistic"; probability: number }
  | { m: "recent"; mode: "set" | "rcheck"; name: string; seconds?: number; reap?: boolean }
  | { m: "addrtype"; dir: "src" | "dst"; type: string; neg?: boolean; limitIfaceOut?: boolean }
  /** "-m physdev ! --physdev-is-in": the packet did not arrive through a bridge port. */
  | { m: "physdev"; notIsIn: true }
  | { m: "mark"; neg: boolean; value: string }
  | { m: "conntrack"; neg?: boolean; states: string }
  | { m: "set"; name: string; flags: string; neg?: boolean }
  /** "-m multiport --dports 4789": destination ports (Felix writes its port matches this way). */
  | { m: "multiport"; dports: string };

export type TargetOpts =
  | { t: "dnat"; to: string }
  | { t: "xmark"; mark: string; mask: string }
  | { t: "random-fully" }
  | { t: "reject"; with: string };

export interface Rule {
  chain: string;
  src?: string;
  srcNeg?: boolean;
  dst?: string;
  dstNeg?: boolean;
  proto?: string;
  inIface?: string;
  outIface?: string;
  matches: Match[];
  target: string;
  /** "-g": go to the chain (no return to this one). */
  goto?: boolean;
  opts?: TargetOpts;
}

export interface Table {
  name: "nat" | "filter" | "mangle";
  /** Builtin chains in kernel order, all with policy ACCEPT. */
  builtins: string[];
  /** User chains (sorted alphabetically when printed). */
  chains: Set<string>;
  rules: Rule[];
}

export const NAT_BUILTINS = ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"];
export const FILTER_BUILTINS = ["INPUT", "FORWARD", "OUTPUT"];
export const MANGLE_BUILTINS = ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"];

export function newTable(name: Table["name"]): Table {
  const builtins = name === "nat" ? NAT_BUILTINS : name === "mangle" ? MANGLE_BUILTINS : FILTER_BUILTINS;
  return { name, builtins, chains: new Set(), rules: [] };
}

/** kube-proxy writes "%0.10f" and the kernel keeps round(p * 2^31) / 2^31. */
export function kernelProbability(n: number): number {
  const written = Number((1 / n).toFixed(10));
  return Math.round(written * 0x80000000) / 0x80000000;
}

export const comment = (text: string): Match => ({ m: "comment", text });
