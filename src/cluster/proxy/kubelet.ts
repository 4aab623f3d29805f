// Chains kubelet (not kube-proxy) keeps in every node's tables, whatever the proxy mode
// (k/k pkg/kubelet/kubelet_network_linux.go syncIPTablesRules; kube-proxy's iptables
// proxier writes an identical copy of the KUBE-FIREWALL rule, proxier.go syncProxyRules).
import { comment, newTable, type Table } from "./rules.ts";

/**
 * Empty chains that tell kubelet and kube-proxy someone flushed the tables. Kubelet's exists
 * everywhere; KUBE-PROXY-CANARY only where kube-proxy's iptables proxier ever ran (its
 * iptables Monitor makes it; the IPVS proxier has none, and nothing deletes an old one).
 */
export function addCanaries(proxyCanary: boolean, ...tables: Table[]): void {
  for (const t of tables) {
    t.chains.add("KUBE-KUBELET-CANARY");
    if (proxyCanary) t.chains.add("KUBE-PROXY-CANARY");
  }
}

/** The mangle table: only kubelet's KUBE-IPTABLES-HINT (which iptables backend it used) and the canaries. */
export function buildMangle(proxyCanary: boolean): Table {
  const mangle = newTable("mangle");
  mangle.chains.add("KUBE-IPTABLES-HINT");
  addCanaries(proxyCanary, mangle);
  return mangle;
}

/**
 * KUBE-FIREWALL: kubelet's martian-packet guard for route_localnet. Kubelet starts before
 * kube-proxy, so its plain INPUT/OUTPUT jumps end up after the jumps kube-proxy prepends;
 * call this after the proxy's own builtin-chain jumps are in place.
 */
export function addKubeletFirewall(filter: Table): void {
  filter.chains.add("KUBE-FIREWALL");
  filter.rules.push({ chain: "INPUT", matches: [], target: "KUBE-FIREWALL" });
  filter.rules.push({ chain: "OUTPUT", matches: [], target: "KUBE-FIREWALL" });
  filter.rules.push({
    chain: "KUBE-FIREWALL",
    src: "127.0.0.0/8",
    srcNeg: true,
    dst: "127.0.0.0/8",
    matches: [comment("block incoming localnet connections"), { m: "conntrack", neg: true, states: "RELATED,ESTABLISHED,DNAT" }],
    target: "DROP",
  });
}
