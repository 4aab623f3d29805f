// CoreDNS's kubernetes plugin for the cluster zone (coredns v1.11 plugin/kubernetes,
// reference §6): Service, headless, endpoint, SRV, pod and PTR records, NXDOMAIN vs
// NODATA, aa set and ra clear. Names outside the zone go to the forward plugin.
import type { ClusterView } from "../view.ts";
import type { DnsExchange, RecordType, ResourceRecord } from "./types.ts";
import { dashedIp, isIPv4 } from "../net/ip.ts";
import { netModel, type EndpointInfo, type NetModel, type ServiceInfo, type ServicePortInfo } from "../net/model.ts";
import { upstreamAnswer } from "./upstream.ts";

const TTL = 30;
type Reply = NonNullable<DnsExchange["reply"]>;

export function fqdn(name: string): string {
  return name.endsWith(".") ? name : `${name}.`;
}

function soa(view: ClusterView): ResourceRecord {
  const zone = view.config.clusterDomain;
  // CoreDNS's serial is a Unix timestamp of the last change; the clock stands in for it.
  const serial = Math.floor(view.now() / 1000);
  return { name: `${zone}.`, ttl: TTL, class: "IN", type: "SOA", data: `ns.dns.${zone}. hostmaster.${zone}. ${serial} 7200 1800 86400 ${TTL}` };
}

function rr(name: string, type: RecordType, data: string): ResourceRecord {
  return { name, ttl: TTL, class: "IN", type, data };
}

function authoritative(view: ClusterView, rcode: Reply["rcode"], answer: ResourceRecord[], additional: ResourceRecord[] = []): Reply {
  return { rcode, authoritative: true, recursionAvailable: false, answer, authority: answer.length === 0 ? [soa(view)] : [], additional };
}

function forwarded(name: string, type: RecordType): Reply {
  const up = upstreamAnswer(name, type);
  return { rcode: up.rcode, authoritative: false, recursionAvailable: true, answer: up.answer, authority: up.authority, additional: [] };
}

function readyEndpoints(model: NetModel, svc: ServiceInfo): EndpointInfo[] {
  const all = model.allEndpoints(svc);
  return svc.publishNotReadyAddresses ? all : all.filter((e) => e.ready);
}

function endpointLabel(e: EndpointInfo): string {
  return e.hostname ?? dashedIp(e.ip);
}

/** What CoreDNS answers for one question. */
export function corednsAnswer(view: ClusterView, questionName: string, type: RecordType, rnd: () => number = () => view.random()): Reply {
  const name = fqdn(questionName);
  const lower = name.toLowerCase();
  const zone = `${view.config.clusterDomain.toLowerCase()}.`;
  const model = netModel(view);

  if (lower.endsWith(".in-addr.arpa.")) return reverse(view, model, name, lower, type);
  if (lower !== zone && !lower.endsWith(`.${zone}`)) return forwarded(name, type);

  const labels = lower === zone ? [] : lower.slice(0, -(zone.length + 1)).split(".");
  const nodata = () => authoritative(view, "NOERROR", []);
  const nxdomain = () => authoritative(view, "NXDOMAIN", []);

  if (labels.length === 0) {
    if (type === "SOA") return authoritative(view, "NOERROR", [soa(view)].map((r) => ({ ...r, name })));
    if (type === "NS") return authoritative(view, "NOERROR", [rr(name, "NS", `ns.dns.${zone}`)]);
    return nodata();
  }
  const kind = labels[labels.length - 1];
  const rest = labels.slice(0, -1);
  if (kind === "pod") return podRecord(view, name, rest, type);
  if (kind !== "svc") return nxdomain();
  if (rest.length === 0) return nodata(); // svc.cluster.local
  const ns = rest[rest.length - 1];
  if (rest.length === 1) return model.namespaceLabels(ns) || model.services.some((s) => s.namespace === ns) ? nodata() : nxdomain();
  const svcName = rest[rest.length - 2];
  const svc = model.service(ns, svcName);
  if (!svc) return nxdomain();
  const prefix = rest.slice(0, -2);
  const svcFqdn = `${svcName}.${ns}.svc.${zone}`;

  if (prefix.length === 0) return serviceRecord(view, model, svc, name, svcFqdn, type, rnd);
  if (prefix.length === 1) {
    // <endpoint>.<svc>.<ns>.svc.<zone>
    if (svc.externalName) return nxdomain();
    const eps = readyEndpoints(model, svc).filter((e) => endpointLabel(e).toLowerCase() === prefix[0]);
    if (eps.length === 0) return nxdomain();
    return type === "A" ? authoritative(view, "NOERROR", eps.map((e) => rr(name, "A", e.ip))) : nodata();
  }
  if (prefix.length === 2 && prefix[0].startsWith("_") && prefix[1].startsWith("_")) {
    if (svc.externalName) return nxdomain();
    const portName = prefix[0].slice(1);
    const proto = prefix[1].slice(1);
    const port = svc.ports.find((p) => p.name.toLowerCase() === portName && p.protocol.toLowerCase() === proto);
    if (!port) return nxdomain();
    if (type !== "SRV") return nodata();
    return srvRecords(view, model, svc, name, svcFqdn, port);
  }
  return nxdomain();
}

function serviceRecord(view: ClusterView, model: NetModel, svc: ServiceInfo, name: string, svcFqdn: string, type: RecordType, rnd: () => number): Reply {
  if (svc.externalName) {
    const target = fqdn(svc.externalName);
    if (type !== "A" && type !== "CNAME") return authoritative(view, "NOERROR", [rr(name, "CNAME", target)]);
    const answer = [rr(name, "CNAME", target)];
    // For A questions CoreDNS follows the CNAME through the forwarder and adds what it found.
    if (type === "A") answer.push(...upstreamAnswer(target, "A").answer);
    return authoritative(view, "NOERROR", answer);
  }
  if (svc.headless) {
    const eps = readyEndpoints(model, svc);
    if (eps.length === 0) return authoritative(view, "NXDOMAIN", []);
    if (type === "A") return authoritative(view, "NOERROR", shuffle(rnd, eps.map((e) => rr(name, "A", e.ip))));
    if (type === "SRV") return srvRecords(view, model, svc, name, svcFqdn, undefined);
    return authoritative(view, "NOERROR", []);
  }
  if (type === "A") return authoritative(view, "NOERROR", svc.clusterIPs.map((ip) => rr(name, "A", ip)));
  if (type === "SRV") return srvRecords(view, model, svc, name, svcFqdn, undefined);
  return authoritative(view, "NOERROR", []);
}

/**
 * SRV answers as the kubernetes plugin builds them (findServices): a plain service name
 * matches every port, named or not; `_<port>._<proto>` one port. ClusterIP: one record per
 * port aimed at the service name. Headless: per ready address, per port, the endpoint's
 * own port aimed at the address's hostname or dashed IP. Weights: floor(100/n), at least 1.
 */
function srvRecords(view: ClusterView, model: NetModel, svc: ServiceInfo, name: string, svcFqdn: string, only: ServicePortInfo | undefined): Reply {
  const ports = only ? [only] : svc.ports;
  if (!svc.headless) {
    const weight = Math.max(1, Math.floor(100 / Math.max(1, ports.length)));
    const answer = ports.map((p) => rr(name, "SRV", `0 ${weight} ${p.port} ${svcFqdn}`));
    const additional = svc.clusterIPs.map((ip) => rr(svcFqdn, "A", ip));
    return authoritative(view, "NOERROR", answer, answer.length ? additional : []);
  }
  const eps = readyEndpoints(model, svc);
  if (eps.length === 0) return authoritative(view, "NXDOMAIN", []);
  const n = eps.length * Math.max(1, ports.length);
  const weight = Math.max(1, Math.floor(100 / n));
  const answer: ResourceRecord[] = [];
  const additional: ResourceRecord[] = [];
  for (const e of eps) {
    const target = `${endpointLabel(e)}.${svcFqdn}`;
    for (const p of ports) {
      const targetPort = model.endpoints(svc, p).find((x) => x.ip === e.ip)?.port || p.port;
      answer.push(rr(name, "SRV", `0 ${weight} ${targetPort} ${target}`));
    }
    additional.push(rr(target, "A", e.ip));
  }
  return authoritative(view, "NOERROR", answer, additional);
}

function podRecord(view: ClusterView, name: string, rest: string[], type: RecordType): Reply {
  // kubeadm's Corefile says "pods insecure": the IP is read from the name, no pod lookup.
  if (rest.length !== 2) return authoritative(view, rest.length === 1 ? "NOERROR" : "NXDOMAIN", []);
  const ip = rest[0].replace(/-/g, ".");
  if (!isIPv4(ip)) return authoritative(view, "NXDOMAIN", []);
  return type === "A" ? authoritative(view, "NOERROR", [rr(name, "A", ip)]) : authoritative(view, "NOERROR", []);
}

function reverse(view: ClusterView, model: NetModel, name: string, lower: string, type: RecordType): Reply {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa\.$/.exec(lower);
  if (!m) return forwarded(name, type);
  const ip = [m[4], m[3], m[2], m[1]].join(".");
  const zone = `${view.config.clusterDomain}.`;
  const svc = model.services.find((s) => s.clusterIPs.includes(ip));
  if (svc) return type === "PTR" ? authoritative(view, "NOERROR", [rr(name, "PTR", `${svc.name}.${svc.namespace}.svc.${zone}`)]) : authoritative(view, "NOERROR", []);
  const answer: ResourceRecord[] = [];
  for (const s of model.services) {
    const e = readyEndpoints(model, s).find((x) => x.ip === ip);
    if (e) answer.push(rr(name, "PTR", `${endpointLabel(e)}.${s.name}.${s.namespace}.svc.${zone}`));
  }
  if (answer.length) return type === "PTR" ? authoritative(view, "NOERROR", answer) : authoritative(view, "NOERROR", []);
  // fallthrough in-addr.arpa: everything else goes to the forwarder.
  return forwarded(name, type);
}

/** The loadbalance plugin rotates A records per response; the seeded random keeps it reproducible. */
function shuffle(rnd: () => number, records: ResourceRecord[]): ResourceRecord[] {
  if (records.length < 2) return records;
  const shift = Math.floor(rnd() * records.length);
  return [...records.slice(shift), ...records.slice(0, shift)];
}
