// kube-proxy's IPVS proxier (pkg/proxy/ipvs/proxier.go): virtual servers with
// round-robin real servers, the kube-ipvs0 dummy addresses, and the few
// ipset-matching iptables rules that IPVS mode still writes (reference §5).
import type { EndpointInfo, NetModel } from "../net/model.ts";
import { cidrContains, compareIp, ipToInt } from "../net/ip.ts";
import { comment, newTable, type Match, type Rule, type Table } from "./rules.ts";
import { ipvsReals, portPlan, proxiedPorts } from "./plan.ts";
import { addCanaries, addKubeletFirewall } from "./kubelet.ts";

export interface VirtualServer {
  protocol: "TCP" | "UDP" | "SCTP";
  ip: string;
  port: number;
  scheduler: string;
  persistentSeconds?: number;
  reals: EndpointInfo[];
  /** The service port this virtual server belongs to ("ns/svc:port"). */
  spn: string;
}

const PROTO_ORDER: Record<string, number> = { TCP: 6, UDP: 17, SCTP: 132 };

/**
 * The IPVS virtual servers on `node`. `nodeAddresses` are the node's local addresses a
 * NodePort is served on: with nodePortAddresses unset, every address outside lo and
 * kube-ipvs0, so one virtual server per address and NodePort.
 */
export function virtualServers(model: NetModel, node: string, nodeAddresses: readonly string[]): VirtualServer[] {
  const out: VirtualServer[] = [];
  for (const { svc, port } of proxiedPorts(model)) {
    const plan = portPlan(model, svc, port, node);
    const base = {
      protocol: port.protocol,
      port: port.port,
      scheduler: "rr",
      persistentSeconds: svc.sessionAffinity === "ClientIP" ? svc.affinityTimeoutSeconds : undefined,
      spn: port.spn,
    };
    const internal = ipvsReals(plan, "internal");
    const external = ipvsReals(plan, "external");
    for (const ip of svc.clusterIPs) out.push({ ...base, ip, reals: internal });
    for (const ip of [...svc.externalIPs, ...svc.loadBalancerIPs]) out.push({ ...base, ip, reals: external });
    if (port.nodePort) for (const ip of nodeAddresses) out.push({ ...base, ip, port: port.nodePort, reals: external });
  }
  out.sort((a, b) => PROTO_ORDER[a.protocol] - PROTO_ORDER[b.protocol] || compareIp(a.ip, b.ip) || a.port - b.port);
  return out;
}

/** Addresses kube-proxy binds to kube-ipvs0 on every node: cluster, external and LB IPs. */
export function ipvsAddresses(model: NetModel): string[] {
  const set = new Set<string>();
  for (const svc of model.services) for (const ip of [...svc.clusterIPs, ...svc.externalIPs, ...svc.loadBalancerIPs]) set.add(ip);
  return [...set].sort((a, b) => ipToInt(a) - ipToInt(b));
}

const PORT_NAMES: Record<number, string> = { 53: "domain", 80: "http", 443: "https", 3306: "mysql", 6379: "redis", 8080: "http-alt" };

export function renderIpvsadm(servers: VirtualServer[], numeric: boolean): string {
  const port = (p: number) => (numeric ? String(p) : (PORT_NAMES[p] ?? String(p)));
  const lines = ["IP Virtual Server version 1.2.1 (size=4096)", "Prot LocalAddress:Port Scheduler Flags", "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn"];
  for (const vs of servers) {
    lines.push(`${vs.protocol.padEnd(4)} ${vs.ip}:${port(vs.port)} ${vs.scheduler}${vs.persistentSeconds ? ` persistent ${vs.persistentSeconds}` : ""}`);
    const reals = [...vs.reals].sort((a, b) => compareIp(a.ip, b.ip) || a.port - b.port);
    for (const r of reals) lines.push(`  -> ${`${r.ip}:${port(r.port)}`.padEnd(28)} ${"Masq".padEnd(7)} ${"1".padEnd(6)} ${"0".padEnd(10)} ${"0".padEnd(10)}`);
  }
  return lines.join("\n") + "\n";
}

function add(t: Table, r: Omit<Rule, "matches"> & { matches?: Match[] }): void {
  t.rules.push({ matches: [], ...r });
}

// ipset comments (pkg/proxy/ipvs/ipset.go); kube-proxy quotes them into its rules.
const SET_COMMENT = {
  "KUBE-LOOP-BACK": "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose",
  "KUBE-CLUSTER-IP": "Kubernetes service cluster ip + port for masquerade purpose",
  "KUBE-EXTERNAL-IP": "Kubernetes service external ip + port for masquerade and filter purpose",
  "KUBE-EXTERNAL-IP-LOCAL": "Kubernetes service external ip + port with externalTrafficPolicy=local",
  "KUBE-LOAD-BALANCER": "Kubernetes service lb portal",
  "KUBE-LOAD-BALANCER-LOCAL": "Kubernetes service load balancer ip + port with externalTrafficPolicy=local",
  "KUBE-LOAD-BALANCER-FW": "Kubernetes service load balancer ip + port for load balancer with sourceRange",
  "KUBE-LOAD-BALANCER-SOURCE-IP": "Kubernetes service load balancer ip + port + source IP for packet filter purpose",
  "KUBE-LOAD-BALANCER-SOURCE-CIDR": "Kubernetes service load balancer ip + port + source cidr for packet filter purpose",
  "KUBE-NODE-PORT-TCP": "Kubernetes nodeport TCP port for masquerade purpose",
  "KUBE-NODE-PORT-LOCAL-TCP": "Kubernetes nodeport TCP port with externalTrafficPolicy=local",
  "KUBE-NODE-PORT-UDP": "Kubernetes nodeport UDP port for masquerade purpose",
  "KUBE-NODE-PORT-LOCAL-UDP": "Kubernetes nodeport UDP port with externalTrafficPolicy=local",
  "KUBE-HEALTH-CHECK-NODE-PORT": "Kubernetes health check node port",
} as const;
type SetName = keyof typeof SET_COMMENT;

const setMatch = (name: string, flags: string): Match => ({ m: "set", name, flags });
const commented = (name: SetName, flags: string): Match[] => [comment(SET_COMMENT[name]), setMatch(name, flags)];

/** Which of kube-proxy's ipsets hold entries on this node: iptables rules exist only for those. */
function nonEmptySets(model: NetModel, node: string, nodeIP: string | undefined): Set<SetName> {
  const sets = new Set<SetName>();
  for (const { svc, port } of proxiedPorts(model)) {
    const plan = portPlan(model, svc, port, node);
    const local = svc.externalTrafficPolicy === "Local";
    sets.add("KUBE-CLUSTER-IP");
    if (plan.local.length > 0) sets.add("KUBE-LOOP-BACK");
    if (svc.externalIPs.length > 0) sets.add(local ? "KUBE-EXTERNAL-IP-LOCAL" : "KUBE-EXTERNAL-IP");
    if (svc.loadBalancerIPs.length > 0) {
      sets.add("KUBE-LOAD-BALANCER");
      if (local) sets.add("KUBE-LOAD-BALANCER-LOCAL");
      if (svc.loadBalancerSourceRanges.length > 0) {
        sets.add("KUBE-LOAD-BALANCER-FW").add("KUBE-LOAD-BALANCER-SOURCE-CIDR");
        if (nodeIP && svc.loadBalancerSourceRanges.some((c) => cidrContains(c, nodeIP))) sets.add("KUBE-LOAD-BALANCER-SOURCE-IP");
      }
    }
    if (port.nodePort && (port.protocol === "TCP" || port.protocol === "UDP")) {
      sets.add(`KUBE-NODE-PORT-${port.protocol}`);
      if (local) sets.add(`KUBE-NODE-PORT-LOCAL-${port.protocol}`);
    }
  }
  return sets;
}

// The set-driven jumps in their fixed order (proxier.go ipsetWithIptablesChain): only
// non-empty sets get a rule, LOCAL node-port sets before their masquerading twins.
const SET_JUMPS: { set: SetName; table: "nat" | "filter"; from: string; to: string; flags: string; proto?: string }[] = [
  { set: "KUBE-LOOP-BACK", table: "nat", from: "KUBE-POSTROUTING", to: "MASQUERADE", flags: "dst,dst,src" },
  { set: "KUBE-LOAD-BALANCER", table: "nat", from: "KUBE-SERVICES", to: "KUBE-LOAD-BALANCER", flags: "dst,dst" },
  { set: "KUBE-LOAD-BALANCER-LOCAL", table: "nat", from: "KUBE-LOAD-BALANCER", to: "RETURN", flags: "dst,dst" },
  { set: "KUBE-NODE-PORT-LOCAL-TCP", table: "nat", from: "KUBE-NODE-PORT", to: "RETURN", flags: "dst", proto: "tcp" },
  { set: "KUBE-NODE-PORT-TCP", table: "nat", from: "KUBE-NODE-PORT", to: "KUBE-MARK-MASQ", flags: "dst", proto: "tcp" },
  { set: "KUBE-NODE-PORT-LOCAL-UDP", table: "nat", from: "KUBE-NODE-PORT", to: "RETURN", flags: "dst", proto: "udp" },
  { set: "KUBE-NODE-PORT-UDP", table: "nat", from: "KUBE-NODE-PORT", to: "KUBE-MARK-MASQ", flags: "dst", proto: "udp" },
  { set: "KUBE-LOAD-BALANCER-FW", table: "filter", from: "KUBE-PROXY-FIREWALL", to: "KUBE-SOURCE-RANGES-FIREWALL", flags: "dst,dst" },
  { set: "KUBE-LOAD-BALANCER-SOURCE-CIDR", table: "filter", from: "KUBE-SOURCE-RANGES-FIREWALL", to: "RETURN", flags: "dst,dst,src" },
  { set: "KUBE-LOAD-BALANCER-SOURCE-IP", table: "filter", from: "KUBE-SOURCE-RANGES-FIREWALL", to: "RETURN", flags: "dst,dst,src" },
];

export interface IpvsIptablesOptions {
  clusterCIDR?: string;
  nodeIP?: string;
  /** The node ran the iptables proxier before (switched to IPVS later): its canary chain lingers. */
  proxyCanary?: boolean;
}

/**
 * The iptables rules the IPVS proxier still writes (pkg/proxy/ipvs/proxier.go v1.32:
 * createAndLinkKubeChain, writeIptablesRules, acceptIPVSTraffic), plus kubelet's chains.
 */
export function buildIpvsIptables(model: NetModel, node: string, opts: IpvsIptablesOptions): { nat: Table; filter: Table } {
  const nat = newTable("nat");
  const filter = newTable("filter");
  const sets = nonEmptySets(model, node, opts.nodeIP);
  const tableOf = (name: "nat" | "filter") => (name === "nat" ? nat : filter);
  for (const c of ["KUBE-SERVICES", "KUBE-POSTROUTING", "KUBE-NODE-PORT", "KUBE-LOAD-BALANCER", "KUBE-MARK-MASQ"]) nat.chains.add(c);
  for (const c of ["KUBE-FORWARD", "KUBE-NODE-PORT", "KUBE-PROXY-FIREWALL", "KUBE-SOURCE-RANGES-FIREWALL", "KUBE-IPVS-FILTER", "KUBE-IPVS-OUT-FILTER"]) filter.chains.add(c);
  addCanaries(!!opts.proxyCanary, nat, filter);

  // Jumps from the builtin chains, prepended one by one (so the last listed comes first).
  add(nat, { chain: "PREROUTING", matches: [comment("kubernetes service portals")], target: "KUBE-SERVICES" });
  add(nat, { chain: "OUTPUT", matches: [comment("kubernetes service portals")], target: "KUBE-SERVICES" });
  add(nat, { chain: "POSTROUTING", matches: [comment("kubernetes postrouting rules")], target: "KUBE-POSTROUTING" });
  add(filter, { chain: "INPUT", matches: [comment("kubernetes ipvs access filter")], target: "KUBE-IPVS-FILTER" });
  add(filter, { chain: "INPUT", matches: [comment("kube-proxy firewall rules")], target: "KUBE-PROXY-FIREWALL" });
  add(filter, { chain: "INPUT", matches: [comment("kubernetes health check rules")], target: "KUBE-NODE-PORT" });
  add(filter, { chain: "FORWARD", matches: [comment("kube-proxy firewall rules")], target: "KUBE-PROXY-FIREWALL" });
  add(filter, { chain: "FORWARD", matches: [comment("kubernetes forwarding rules")], target: "KUBE-FORWARD" });
  add(filter, { chain: "OUTPUT", matches: [comment("kubernetes ipvs access filter")], target: "KUBE-IPVS-OUT-FILTER" });
  addKubeletFirewall(filter);

  // Connections from localhost never reach a virtual server through NAT.
  add(nat, { chain: "KUBE-SERVICES", src: "127.0.0.0/8", target: "RETURN" });
  for (const j of SET_JUMPS) {
    if (sets.has(j.set)) add(tableOf(j.table), { chain: j.from, proto: j.proto, matches: commented(j.set, j.flags), target: j.to });
  }
  if (sets.has("KUBE-CLUSTER-IP")) {
    // With a known cluster CIDR only off-cluster sources are masqueraded; without one,
    // node-originated traffic whose source is a VIP on kube-ipvs0 is ("src,dst").
    if (opts.clusterCIDR) add(nat, { chain: "KUBE-SERVICES", src: opts.clusterCIDR, srcNeg: true, matches: commented("KUBE-CLUSTER-IP", "dst,dst"), target: "KUBE-MARK-MASQ" });
    else add(nat, { chain: "KUBE-SERVICES", matches: commented("KUBE-CLUSTER-IP", "src,dst"), target: "KUBE-MARK-MASQ" });
  }
  const externalIPRules = (set: SetName) => {
    const base = commented(set, "dst,dst");
    add(nat, { chain: "KUBE-SERVICES", matches: [...base, { m: "physdev", notIsIn: true }, { m: "addrtype", dir: "src", type: "LOCAL", neg: true }], target: "ACCEPT" });
    add(nat, { chain: "KUBE-SERVICES", matches: [...base, { m: "addrtype", dir: "dst", type: "LOCAL" }], target: "ACCEPT" });
  };
  if (sets.has("KUBE-EXTERNAL-IP")) {
    add(nat, { chain: "KUBE-SERVICES", matches: commented("KUBE-EXTERNAL-IP", "dst,dst"), target: "KUBE-MARK-MASQ" });
    externalIPRules("KUBE-EXTERNAL-IP");
  }
  if (sets.has("KUBE-EXTERNAL-IP-LOCAL")) externalIPRules("KUBE-EXTERNAL-IP-LOCAL");
  add(nat, { chain: "KUBE-SERVICES", matches: [{ m: "addrtype", dir: "dst", type: "LOCAL" }], target: "KUBE-NODE-PORT" });
  add(nat, { chain: "KUBE-LOAD-BALANCER", target: "KUBE-MARK-MASQ" });
  add(filter, { chain: "KUBE-SOURCE-RANGES-FIREWALL", target: "DROP" });
  // acceptIPVSTraffic: the VIPs must not fall through to other NAT rules.
  for (const set of ["KUBE-CLUSTER-IP", "KUBE-LOAD-BALANCER"] as const) {
    if (sets.has(set)) add(nat, { chain: "KUBE-SERVICES", matches: [setMatch(set, "dst,dst")], target: "ACCEPT" });
  }
  add(filter, { chain: "KUBE-FORWARD", matches: [comment("kubernetes forwarding rules"), { m: "mark", neg: false, value: "0x4000/0x4000" }], target: "ACCEPT" });
  add(filter, { chain: "KUBE-FORWARD", matches: [comment("kubernetes forwarding conntrack rule"), { m: "conntrack", states: "RELATED,ESTABLISHED" }], target: "ACCEPT" });
  add(filter, { chain: "KUBE-NODE-PORT", matches: commented("KUBE-HEALTH-CHECK-NODE-PORT", "dst"), target: "ACCEPT" });
  // KUBE-IPVS-FILTER (k/k issue 72236): only service ports on the kube-ipvs0 addresses are open.
  for (const set of ["KUBE-LOAD-BALANCER", "KUBE-CLUSTER-IP", "KUBE-EXTERNAL-IP", "KUBE-EXTERNAL-IP-LOCAL"]) add(filter, { chain: "KUBE-IPVS-FILTER", matches: [setMatch(set, "dst,dst")], target: "RETURN" });
  add(filter, { chain: "KUBE-IPVS-FILTER", matches: [setMatch("KUBE-HEALTH-CHECK-NODE-PORT", "dst")], target: "RETURN" });
  add(filter, { chain: "KUBE-IPVS-FILTER", matches: [{ m: "conntrack", states: "NEW" }, setMatch("KUBE-IPVS-IPS", "dst")], target: "REJECT", opts: { t: "reject", with: "icmp-port-unreachable" } });
  add(nat, { chain: "KUBE-POSTROUTING", matches: [{ m: "mark", neg: true, value: "0x4000/0x4000" }], target: "RETURN" });
  add(nat, { chain: "KUBE-POSTROUTING", target: "MARK", opts: { t: "xmark", mark: "0x4000", mask: "0x0" } });
  add(nat, { chain: "KUBE-POSTROUTING", matches: [comment("kubernetes service traffic requiring SNAT")], target: "MASQUERADE", opts: { t: "random-fully" } });
  add(nat, { chain: "KUBE-MARK-MASQ", target: "MARK", opts: { t: "xmark", mark: "0x4000", mask: "0x4000" } });
  return { nat, filter };
}
