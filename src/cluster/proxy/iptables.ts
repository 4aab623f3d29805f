// kube-proxy's iptables proxier: the nat and filter rules it writes for one node
// (pkg/proxy/iptables/proxier.go, v1.32 structure; reference §4).
import type { NetModel } from "../net/model.ts";
import { comment, kernelProbability, newTable, type Match, type Rule, type Table } from "./rules.ts";
import { portProtoHash, sepChain } from "./hash.ts";
import { portPlan, proxiedPorts, type PortPlan } from "./plan.ts";
import type { EndpointInfo } from "../net/model.ts";
import { cidrContains } from "../net/ip.ts";
import { addCanaries, addKubeletFirewall } from "./kubelet.ts";

export { addCanaries } from "./kubelet.ts";

const MASQ = "KUBE-MARK-MASQ";
/** Above this many endpoints kube-proxy stops writing per-endpoint comments. */
const LARGE_CLUSTER_ENDPOINTS = 1000;

export interface IptablesOptions {
  /** kube-proxy's clusterCIDR (kubeadm --pod-network-cidr), for the "! -s <cidr>" masquerade rules. */
  clusterCIDR?: string;
  /** This node's address: a loadBalancerSourceRanges CIDR holding it lets the node reach the LB IP. */
  nodeIP?: string;
}

function add(t: Table, r: Omit<Rule, "matches"> & { matches?: Match[] }): void {
  t.rules.push({ matches: [], ...r });
}

function protoMatch(proto: string, dport?: number): Match {
  return { m: "proto", proto, dport };
}

export function buildIptables(model: NetModel, node: string, opts: IptablesOptions): { nat: Table; filter: Table } {
  const nat = newTable("nat");
  const filter = newTable("filter");
  for (const c of ["KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ"]) nat.chains.add(c);
  for (const c of ["KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD", "KUBE-NODEPORTS", "KUBE-PROXY-FIREWALL"]) filter.chains.add(c);
  addCanaries(true, nat, filter);

  // Jumps from the builtin chains (prepended by kube-proxy, so they come first).
  add(nat, { chain: "PREROUTING", matches: [comment("kubernetes service portals")], target: "KUBE-SERVICES" });
  add(nat, { chain: "OUTPUT", matches: [comment("kubernetes service portals")], target: "KUBE-SERVICES" });
  add(nat, { chain: "POSTROUTING", matches: [comment("kubernetes postrouting rules")], target: "KUBE-POSTROUTING" });
  const ctNew: Match = { m: "conntrack", states: "NEW" };
  add(filter, { chain: "INPUT", matches: [ctNew, comment("kubernetes load balancer firewall")], target: "KUBE-PROXY-FIREWALL" });
  add(filter, { chain: "INPUT", matches: [comment("kubernetes health check service ports")], target: "KUBE-NODEPORTS" });
  add(filter, { chain: "INPUT", matches: [ctNew, comment("kubernetes externally-visible service portals")], target: "KUBE-EXTERNAL-SERVICES" });
  add(filter, { chain: "FORWARD", matches: [ctNew, comment("kubernetes load balancer firewall")], target: "KUBE-PROXY-FIREWALL" });
  add(filter, { chain: "FORWARD", matches: [comment("kubernetes forwarding rules")], target: "KUBE-FORWARD" });
  add(filter, { chain: "FORWARD", matches: [ctNew, comment("kubernetes service portals")], target: "KUBE-SERVICES" });
  add(filter, { chain: "FORWARD", matches: [ctNew, comment("kubernetes externally-visible service portals")], target: "KUBE-EXTERNAL-SERVICES" });
  add(filter, { chain: "OUTPUT", matches: [ctNew, comment("kubernetes load balancer firewall")], target: "KUBE-PROXY-FIREWALL" });
  add(filter, { chain: "OUTPUT", matches: [ctNew, comment("kubernetes service portals")], target: "KUBE-SERVICES" });
  addKubeletFirewall(filter);

  add(nat, { chain: MASQ, target: "MARK", opts: { t: "xmark", mark: "0x4000", mask: "0x4000" } });
  add(nat, { chain: "KUBE-POSTROUTING", matches: [{ m: "mark", neg: true, value: "0x4000/0x4000" }], target: "RETURN" });
  add(nat, { chain: "KUBE-POSTROUTING", target: "MARK", opts: { t: "xmark", mark: "0x4000", mask: "0x0" } });
  add(nat, { chain: "KUBE-POSTROUTING", matches: [comment("kubernetes service traffic requiring SNAT")], target: "MASQUERADE", opts: { t: "random-fully" } });
  add(filter, { chain: "KUBE-FORWARD", matches: [{ m: "conntrack", states: "INVALID" }], target: "DROP" });
  add(filter, { chain: "KUBE-FORWARD", matches: [comment("kubernetes forwarding rules"), { m: "mark", neg: false, value: "0x4000/0x4000" }], target: "ACCEPT" });
  add(filter, { chain: "KUBE-FORWARD", matches: [comment("kubernetes forwarding conntrack rule"), { m: "conntrack", states: "RELATED,ESTABLISHED" }], target: "ACCEPT" });

  const ports = proxiedPorts(model);
  const plans = ports.map(({ svc, port }) => portPlan(model, svc, port, node));
  const totalEndpoints = plans.reduce((n, p) => n + p.all.length, 0);
  const large = totalEndpoints > LARGE_CLUSTER_ENDPOINTS;
  for (const plan of plans) writeServicePort(nat, filter, plan, opts, large);

  add(nat, {
    chain: "KUBE-SERVICES",
    matches: [comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain"), { m: "addrtype", dir: "dst", type: "LOCAL" }],
    target: "KUBE-NODEPORTS",
  });
  // Rules were appended per service; iptables-save groups them by chain anyway, and
  // KUBE-SERVICES must end with the nodeports jump, which a stable sort by chain keeps.
  return { nat, filter };
}

function writeServicePort(nat: Table, filter: Table, plan: PortPlan, opts: IptablesOptions, large: boolean): void {
  const { svc, port } = plan;
  const proto = port.protocol.toLowerCase();
  const spn = port.spn;
  const clusterIP = svc.clusterIPs[0];
  // One hash names all of a port's chains; only the prefix differs.
  const hash = portProtoHash(spn, proto);
  const svcName = `KUBE-SVC-${hash}`;
  const svlName = `KUBE-SVL-${hash}`;
  const extName = `KUBE-EXT-${hash}`;
  const usesLocalInternal = svc.internalTrafficPolicy === "Local";
  const usesLocalExternal = svc.externalTrafficPolicy === "Local";
  const hasEndpoints = plan.all.length > 0;
  const internalChain = usesLocalInternal ? svlName : svcName;
  const externalChain = usesLocalExternal ? svlName : svcName;
  // KUBE-SVC is needed for Cluster internal traffic, and for external traffic (ETP Local
  // still routes pod and node-local sources through it); KUBE-SVL only when it has local endpoints.
  const needCluster = hasEndpoints && (!usesLocalInternal || plan.hasExternal);
  const needLocal = plan.local.length > 0 && (usesLocalInternal || (plan.hasExternal && usesLocalExternal));
  const hasInternal = plan.internal.length > 0;
  const hasExternalEps = plan.external.length > 0;
  const dportMatch = protoMatch(proto, port.port);

  // Filter rules: REJECT when nothing backs the service, DROP when only remote endpoints exist for a Local policy.
  if (!hasInternal) {
    add(filter, {
      chain: "KUBE-SERVICES",
      dst: `${clusterIP}/32`,
      proto,
      matches: [comment(hasEndpoints ? `${spn} has no local endpoints` : `${spn} has no endpoints`), dportMatch],
      target: hasEndpoints ? "DROP" : "REJECT",
      opts: hasEndpoints ? undefined : { t: "reject", with: "icmp-port-unreachable" },
    });
  } else {
    nat.chains.add(internalChain);
    add(nat, { chain: "KUBE-SERVICES", dst: `${clusterIP}/32`, proto, matches: [comment(`${spn} cluster IP`), dportMatch], target: internalChain });
  }

  // External destinations (proxier.go syncProxyRules, "Capture externalIPs / load-balancer
  // ingress / nodeports"): the nat jump exists whenever the service has endpoints anywhere
  // (the EXT chain short-circuits pod and node sources), the filter DROP/REJECT whenever no
  // endpoint serves external traffic; with ETP Local and only remote endpoints, both.
  if (plan.hasExternal) {
    const extComment = hasEndpoints ? `${spn} has no local endpoints` : `${spn} has no endpoints`;
    const extTarget = hasEndpoints ? "DROP" : "REJECT";
    const extOpts = hasEndpoints ? undefined : ({ t: "reject", with: "icmp-port-unreachable" } as const);
    const usesFw = hasEndpoints && svc.loadBalancerSourceRanges.length > 0 && svc.loadBalancerIPs.length > 0;
    const fw = `KUBE-FW-${hash}`;
    for (const ip of svc.externalIPs) {
      if (hasEndpoints) add(nat, { chain: "KUBE-SERVICES", dst: `${ip}/32`, proto, matches: [comment(`${spn} external IP`), dportMatch], target: extName });
      if (!hasExternalEps) add(filter, { chain: "KUBE-EXTERNAL-SERVICES", dst: `${ip}/32`, proto, matches: [comment(extComment), dportMatch], target: extTarget, opts: extOpts });
    }
    for (const ip of svc.loadBalancerIPs) {
      if (hasEndpoints) add(nat, { chain: "KUBE-SERVICES", dst: `${ip}/32`, proto, matches: [comment(`${spn} loadbalancer IP`), dportMatch], target: usesFw ? fw : extName });
      if (usesFw) add(filter, { chain: "KUBE-PROXY-FIREWALL", dst: `${ip}/32`, proto, matches: [comment(`${spn} traffic not accepted by ${fw}`), dportMatch], target: "DROP" });
    }
    if (!hasExternalEps) {
      for (const ip of svc.loadBalancerIPs) add(filter, { chain: "KUBE-EXTERNAL-SERVICES", dst: `${ip}/32`, proto, matches: [comment(extComment), dportMatch], target: extTarget, opts: extOpts });
    }
    if (port.nodePort) {
      const np = protoMatch(proto, port.nodePort);
      if (hasEndpoints) add(nat, { chain: "KUBE-NODEPORTS", proto, matches: [comment(spn), np], target: extName });
      if (!hasExternalEps) add(filter, { chain: "KUBE-EXTERNAL-SERVICES", proto, matches: [comment(extComment), { m: "addrtype", dir: "dst", type: "LOCAL" }, np], target: extTarget, opts: extOpts });
    }
    if (svc.healthCheckNodePort) {
      add(filter, { chain: "KUBE-NODEPORTS", proto: "tcp", matches: [comment(`${spn} health check node port`), protoMatch("tcp", svc.healthCheckNodePort)], target: "ACCEPT" });
    }
    if (hasEndpoints) {
      nat.chains.add(extName);
      if (usesLocalExternal) {
        if (opts.clusterCIDR) add(nat, { chain: extName, src: opts.clusterCIDR, matches: [comment(`pod traffic for ${spn} external destinations`)], target: svcName });
        add(nat, { chain: extName, matches: [comment(`masquerade LOCAL traffic for ${spn} external destinations`), { m: "addrtype", dir: "src", type: "LOCAL" }], target: MASQ });
        add(nat, { chain: extName, matches: [comment(`route LOCAL traffic for ${spn} external destinations`), { m: "addrtype", dir: "src", type: "LOCAL" }], target: svcName });
      } else {
        add(nat, { chain: extName, matches: [comment(`masquerade traffic for ${spn} external destinations`)], target: MASQ });
      }
      if (hasExternalEps) add(nat, { chain: extName, target: externalChain });
    }
    if (usesFw) {
      nat.chains.add(fw);
      const fwComment = comment(`${spn} loadbalancer IP`);
      for (const cidr of svc.loadBalancerSourceRanges) add(nat, { chain: fw, src: cidr, matches: [fwComment], target: extName });
      // A node inside an allowed range reaches the LB IP from the LB IP itself (local route).
      if (opts.nodeIP && svc.loadBalancerSourceRanges.some((c) => cidrContains(c, opts.nodeIP!))) {
        for (const ip of svc.loadBalancerIPs) add(nat, { chain: fw, src: `${ip}/32`, matches: [fwComment], target: extName });
      }
      // A target-less rule: what falls through is left un-DNATed for the filter table to drop.
      add(nat, { chain: fw, matches: [comment(`other traffic to ${spn} will be dropped by KUBE-PROXY-FIREWALL`)], target: "" });
    }
  }

  if (!hasEndpoints) return;
  const masqRule = (chain: string) => {
    if (!opts.clusterCIDR) return;
    add(nat, { chain, src: opts.clusterCIDR, srcNeg: true, dst: `${clusterIP}/32`, proto, matches: [comment(`${spn} cluster IP`), dportMatch], target: MASQ });
  };
  if (needCluster) {
    nat.chains.add(svcName);
    if (internalChain === svcName) masqRule(svcName);
    writeBalancing(nat, svcName, plan, plan.all, large);
  }
  if (needLocal) {
    nat.chains.add(svlName);
    if (internalChain === svlName) masqRule(svlName);
    const locals = usesLocalInternal ? plan.internal : plan.external;
    writeBalancing(nat, svlName, plan, locals, large);
  }
  // Endpoint chains only for endpoints some policy chain can reach ("allLocallyReachableEndpoints").
  const reachable = needCluster ? plan.all : needLocal ? plan.local : [];
  for (const ep of reachable) writeEndpoint(nat, plan, ep, large);
}

function epString(ep: EndpointInfo): string {
  return `${ep.ip}:${ep.port}`;
}

// Each endpoint's chain name is needed twice (the jump and the chain itself); hashing dominates generation time.
const sepNames = new WeakMap<EndpointInfo, string>();
function sepOf(spn: string, proto: string, ep: EndpointInfo): string {
  let name = sepNames.get(ep);
  if (!name) sepNames.set(ep, (name = sepChain(spn, proto, epString(ep))));
  return name;
}

function writeBalancing(nat: Table, chain: string, plan: PortPlan, eps: EndpointInfo[], large: boolean): void {
  const { svc, port } = plan;
  const proto = port.protocol.toLowerCase();
  const n = eps.length;
  if (svc.sessionAffinity === "ClientIP") {
    for (const ep of eps) {
      const sep = sepOf(port.spn, proto, ep);
      add(nat, {
        chain,
        matches: [...(large ? [] : [comment(`${port.spn} -> ${epString(ep)}`)]), { m: "recent", mode: "rcheck", name: sep, seconds: svc.affinityTimeoutSeconds, reap: true }],
        target: sep,
      });
    }
  }
  eps.forEach((ep, i) => {
    const sep = sepOf(port.spn, proto, ep);
    const matches: Match[] = large ? [] : [comment(`${port.spn} -> ${epString(ep)}`)];
    if (i < n - 1) matches.push({ m: "statistic", probability: kernelProbability(n - i) });
    add(nat, { chain, matches, target: sep });
  });
}

function writeEndpoint(nat: Table, plan: PortPlan, ep: EndpointInfo, large: boolean): void {
  const { svc, port } = plan;
  const proto = port.protocol.toLowerCase();
  const sep = sepOf(port.spn, proto, ep);
  nat.chains.add(sep);
  const c = large ? [] : [comment(port.spn)];
  add(nat, { chain: sep, src: `${ep.ip}/32`, matches: c, target: MASQ });
  const matches: Match[] = [...c];
  if (svc.sessionAffinity === "ClientIP") matches.push({ m: "recent", mode: "set", name: sep });
  matches.push(protoMatch(proto));
  add(nat, { chain: sep, proto, matches, target: "DNAT", opts: { t: "dnat", to: epString(ep) } });
}
