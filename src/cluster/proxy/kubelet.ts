// Chains kubelet (not kube-proxy) keeps in every node's tables, whatever the proxy mode
// (k/k pkg/kubelet/kubelet_network_linux.go syncIPTablesRules; kube-proxy's iptables
// proxier writes an identical copy of the KUBE-FIREWALL rule, proxier.go syncProxyRules).
import { comment, type Table } from "./rules.ts";

/** Empty chains kubelet and kube-proxy create so they notice when something flushes the tables. */
export function addCanaries(...tables: Table[]): void {
  for (const t of tables) t.chains.add("KUBE-KUBELET-CANARY").add("KUBE-PROXY-CANARY");
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
