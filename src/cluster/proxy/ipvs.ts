// kube-proxy's IPVS proxier (pkg/proxy/ipvs/proxier.go): virtual servers with
// round-robin real servers, the kube-ipvs0 dummy addresses, and the few
// ipset-matching iptables rules that IPVS mode still writes (reference §5).
import type { EndpointInfo, NetModel } from "../net/model.ts";
import { compareIp, ipToInt } from "../net/ip.ts";
import { comment, newTable, type Match, type Rule, type Table } from "./rules.ts";
import { portPlan, proxiedPorts } from "./plan.ts";
import { addCanaries } from "./iptables.ts";

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

export function virtualServers(model: NetModel, node: string): VirtualServer[] {
  const nodeIP = model.node(node)?.ip;
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
    for (const ip of svc.clusterIPs) out.push({ ...base, ip, reals: plan.internal });
    for (const ip of [...svc.externalIPs, ...svc.loadBalancerIPs]) out.push({ ...base, ip, reals: plan.external });
    if (port.nodePort && nodeIP) out.push({ ...base, ip: nodeIP, port: port.nodePort, reals: plan.external });
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

export function buildIpvsIptables(model: NetModel, clusterCIDR: string | undefined): { nat: Table; filter: Table } {
  const nat = newTable("nat");
  const filter = newTable("filter");
  const hasNodePortTCP = model.services.some((s) => s.ports.some((p) => p.nodePort && p.protocol === "TCP"));
  const hasNodePortUDP = model.services.some((s) => s.ports.some((p) => p.nodePort && p.protocol === "UDP"));
  for (const c of ["KUBE-SERVICES", "KUBE-POSTROUTING", "KUBE-MARK-MASQ", "KUBE-NODE-PORT", "KUBE-LOAD-BALANCER"]) nat.chains.add(c);
  addCanaries(nat, filter);
  add(nat, { chain: "PREROUTING", matches: [comment("kubernetes service portals")], target: "KUBE-SERVICES" });
  add(nat, { chain: "OUTPUT", matches: [comment("kubernetes service portals")], target: "KUBE-SERVICES" });
  add(nat, { chain: "POSTROUTING", matches: [comment("kubernetes postrouting rules")], target: "KUBE-POSTROUTING" });
  add(nat, { chain: "KUBE-LOAD-BALANCER", target: "KUBE-MARK-MASQ" });
  add(nat, { chain: "KUBE-MARK-MASQ", target: "MARK", opts: { t: "xmark", mark: "0x4000", mask: "0x4000" } });
  if (hasNodePortTCP) add(nat, { chain: "KUBE-NODE-PORT", proto: "tcp", matches: [comment("Kubernetes nodeport TCP port for masquerade purpose"), { m: "set", name: "KUBE-NODE-PORT-TCP", flags: "dst" }], target: "KUBE-MARK-MASQ" });
  if (hasNodePortUDP) add(nat, { chain: "KUBE-NODE-PORT", proto: "udp", matches: [comment("Kubernetes nodeport UDP port for masquerade purpose"), { m: "set", name: "KUBE-NODE-PORT-UDP", flags: "dst" }], target: "KUBE-MARK-MASQ" });
  add(nat, { chain: "KUBE-POSTROUTING", matches: [comment("Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose"), { m: "set", name: "KUBE-LOOP-BACK", flags: "dst,dst,src" }], target: "MASQUERADE" });
  add(nat, { chain: "KUBE-POSTROUTING", matches: [{ m: "mark", neg: true, value: "0x4000/0x4000" }], target: "RETURN" });
  add(nat, { chain: "KUBE-POSTROUTING", target: "MARK", opts: { t: "xmark", mark: "0x4000", mask: "0x0" } });
  add(nat, { chain: "KUBE-POSTROUTING", matches: [comment("kubernetes service traffic requiring SNAT")], target: "MASQUERADE", opts: { t: "random-fully" } });
  if (clusterCIDR) add(nat, { chain: "KUBE-SERVICES", src: clusterCIDR, srcNeg: true, matches: [comment("Kubernetes service cluster ip + port for masquerade purpose"), { m: "set", name: "KUBE-CLUSTER-IP", flags: "dst,dst" }], target: "KUBE-MARK-MASQ" });
  add(nat, { chain: "KUBE-SERVICES", matches: [{ m: "addrtype", dir: "dst", type: "LOCAL" }], target: "KUBE-NODE-PORT" });
  add(nat, { chain: "KUBE-SERVICES", matches: [{ m: "set", name: "KUBE-CLUSTER-IP", flags: "dst,dst" }], target: "ACCEPT" });

  for (const c of ["KUBE-FORWARD", "KUBE-NODE-PORT", "KUBE-PROXY-FIREWALL", "KUBE-SOURCE-RANGES-FIREWALL", "KUBE-IPVS-FILTER", "KUBE-IPVS-OUT-FILTER"]) filter.chains.add(c);
  add(filter, { chain: "INPUT", matches: [comment("kubernetes ipvs access filter")], target: "KUBE-IPVS-FILTER" });
  add(filter, { chain: "INPUT", matches: [comment("kube-proxy firewall rules")], target: "KUBE-PROXY-FIREWALL" });
  add(filter, { chain: "INPUT", matches: [comment("kubernetes health check rules")], target: "KUBE-NODE-PORT" });
  add(filter, { chain: "FORWARD", matches: [comment("kube-proxy firewall rules")], target: "KUBE-PROXY-FIREWALL" });
  add(filter, { chain: "FORWARD", matches: [comment("kubernetes forwarding rules")], target: "KUBE-FORWARD" });
  add(filter, { chain: "OUTPUT", matches: [comment("kubernetes ipvs access filter")], target: "KUBE-IPVS-OUT-FILTER" });
  add(filter, { chain: "KUBE-FORWARD", matches: [{ m: "conntrack", states: "INVALID" }], target: "DROP" });
  add(filter, { chain: "KUBE-FORWARD", matches: [comment("kubernetes forwarding rules"), { m: "mark", neg: false, value: "0x4000/0x4000" }], target: "ACCEPT" });
  add(filter, { chain: "KUBE-FORWARD", matches: [comment("kubernetes forwarding conntrack rule"), { m: "conntrack", states: "RELATED,ESTABLISHED" }], target: "ACCEPT" });
  for (const set of ["KUBE-LOAD-BALANCER", "KUBE-CLUSTER-IP", "KUBE-EXTERNAL-IP", "KUBE-EXTERNAL-IP-LOCAL"]) add(filter, { chain: "KUBE-IPVS-FILTER", matches: [{ m: "set", name: set, flags: "dst,dst" }], target: "RETURN" });
  add(filter, { chain: "KUBE-IPVS-FILTER", matches: [{ m: "set", name: "KUBE-HEALTH-CHECK-NODE-PORT", flags: "dst" }], target: "RETURN" });
  add(filter, { chain: "KUBE-IPVS-FILTER", matches: [{ m: "conntrack", states: "NEW" }, { m: "set", name: "KUBE-IPVS-IPS", flags: "dst" }], target: "REJECT", opts: { t: "reject", with: "icmp-port-unreachable" } });
  add(filter, { chain: "KUBE-SOURCE-RANGES-FIREWALL", target: "DROP" });
  return { nat, filter };
}
