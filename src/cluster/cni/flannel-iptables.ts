// The iptables rules flanneld keeps on each node (flannel-io/flannel pkg/trafficmngr/iptables:
// masquerade rules for the pod network, forward accepts), as a real kubeadm + Flannel node's
// iptables-save shows them. flanneld appends its jumps, so they follow kube-proxy's.
import { comment, type Match, type Rule, type Table } from "../proxy/rules.ts";

const MASQ = comment("flanneld masq");
const FWD = comment("flanneld forward");

function rule(t: Table, r: Omit<Rule, "matches"> & { matches: Match[] }): void {
  t.rules.push(r);
}

/** Adds FLANNEL-POSTRTG (nat) and FLANNEL-FWD (filter) for a node whose lease is `subnet`. */
export function addFlannelRules(nat: Table, filter: Table, network: string, subnet: string): void {
  nat.chains.add("FLANNEL-POSTRTG");
  filter.chains.add("FLANNEL-FWD");
  rule(nat, { chain: "POSTROUTING", matches: [MASQ], target: "FLANNEL-POSTRTG" });
  // kube-proxy's masquerade mark wins: that traffic is SNATed by KUBE-POSTROUTING instead.
  rule(nat, { chain: "FLANNEL-POSTRTG", matches: [{ m: "mark", neg: false, value: "0x4000/0x4000" }, MASQ], target: "RETURN" });
  rule(nat, { chain: "FLANNEL-POSTRTG", src: subnet, dst: network, matches: [MASQ], target: "RETURN" });
  rule(nat, { chain: "FLANNEL-POSTRTG", src: network, dst: subnet, matches: [MASQ], target: "RETURN" });
  rule(nat, { chain: "FLANNEL-POSTRTG", src: network, srcNeg: true, dst: subnet, matches: [MASQ], target: "RETURN" });
  rule(nat, { chain: "FLANNEL-POSTRTG", src: network, dst: "224.0.0.0/4", dstNeg: true, matches: [MASQ], target: "MASQUERADE", opts: { t: "random-fully" } });
  rule(nat, { chain: "FLANNEL-POSTRTG", src: network, srcNeg: true, dst: network, matches: [MASQ], target: "MASQUERADE", opts: { t: "random-fully" } });
  rule(filter, { chain: "FORWARD", matches: [FWD], target: "FLANNEL-FWD" });
  rule(filter, { chain: "FLANNEL-FWD", src: network, matches: [FWD], target: "ACCEPT" });
  rule(filter, { chain: "FLANNEL-FWD", dst: network, matches: [FWD], target: "ACCEPT" });
}
