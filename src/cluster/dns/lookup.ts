// A stub resolver's view of DNS: which names a lookup really sends (search path,
// ndots), to which server, and what comes back — or nothing, when NetworkPolicy
// or a missing CoreDNS leaves the query unanswered.
import type { ClusterView } from "../view.ts";
import type { Source } from "../net/types.ts";
import type { DnsExchange, DnsLookup, DnsLookupRequest } from "./types.ts";
import { netModel, usableEndpoints, type NetModel } from "../net/model.ts";
import { policyVerdictFor, type PolicyPeer } from "../policy/evaluate.ts";
import { corednsAnswer, fqdn } from "./coredns.ts";
import { clusterDnsIP, NODE_STUB_RESOLVER, nodeResolver, podResolver, type ResolverConfig } from "./resolvconf.ts";
import { PUBLIC_RESOLVERS, upstreamAnswer } from "./upstream.ts";

export { resolvConf, hostsFile, clusterDnsIP } from "./resolvconf.ts";
export { serviceEnv } from "./env.ts";
export { corednsAnswer } from "./coredns.ts";

/** The names a stub resolver tries, in order (resolv.conf(5): ndots decides whether the name goes first or last). */
export function searchCandidates(name: string, cfg: ResolverConfig): string[] {
  if (name.endsWith(".")) return [name];
  const dots = name.split(".").length - 1;
  // "search ." (systemd-resolved) means no search domain at all.
  const searched = cfg.search.filter((s) => s !== "." && s !== "").map((s) => `${name}.${s}.`);
  return dots >= cfg.ndots ? [`${name}.`, ...searched] : [...searched, `${name}.`];
}

export function resolverFor(view: ClusterView, from: Source): ResolverConfig {
  const model = netModel(view);
  if (from.kind === "pod") {
    const pod = model.pod(from.namespace, from.name);
    if (pod) return podResolver(view, pod);
  }
  // A node's own lookups go through systemd-resolved's stub, which forwards upstream.
  if (from.kind === "node") return { ...nodeResolver(view, model.node(from.name)?.ip), nameservers: [NODE_STUB_RESOLVER] };
  return nodeResolver(view, undefined);
}

type ServerKind = "coredns" | "upstream" | "none" | "refused";

function sourcePeer(model: NetModel, from: Source): PolicyPeer | undefined {
  if (from.kind !== "pod") return undefined;
  const pod = model.pod(from.namespace, from.name);
  return pod ? { kind: "pod", pod } : undefined;
}

/** Who answers at `server`, and whether a UDP/53 packet from `from` gets there. */
function reachServer(view: ClusterView, model: NetModel, from: Source, server: string): ServerKind {
  const kubeDns = model.service("kube-system", "kube-dns");
  const clusterDns = clusterDnsIP(view, model);
  const src = sourcePeer(model, from);
  const allowed = (dst: PolicyPeer, port: number) => !src || policyVerdictFor(view, src, dst, port, "UDP").allowed;
  if (server === clusterDns || kubeDns?.clusterIPs.includes(server)) {
    if (from.kind === "outside") return "none"; // cluster IPs are not routed outside the cluster
    if (!kubeDns) return "coredns"; // raw fixtures without kube-system: assume CoreDNS answers
    const port = kubeDns.ports.find((p) => p.protocol === "UDP" && p.port === 53);
    if (!port) return "none";
    const eps = usableEndpoints(model.endpoints(kubeDns, port));
    // iptables mode REJECTs a Service without endpoints (ICMP port unreachable); IPVS just has no real server.
    const node = from.kind === "node" ? from.name : model.pod((from as { namespace: string }).namespace, (from as { name: string }).name)?.nodeName;
    if (eps.length === 0) return node && view.proxyModeOn(node) === "iptables" ? "refused" : "none";
    const reachable = eps.some((e) => {
      const pod = model.podByIP.get(e.ip);
      return allowed(pod ? { kind: "pod", pod } : { kind: "ip", ip: e.ip }, e.port);
    });
    return reachable ? "coredns" : "none";
  }
  const pod = model.podByIP.get(server);
  if (pod) {
    const isCoreDns = pod.labels["k8s-app"] === "kube-dns" || pod.containers.some((c) => c.image.includes("coredns"));
    return isCoreDns && allowed({ kind: "pod", pod }, 53) ? "coredns" : "none";
  }
  const nodeGateway = nodeResolver(view, undefined).nameservers[0];
  if ((server === NODE_STUB_RESOLVER && from.kind === "node") || PUBLIC_RESOLVERS.has(server) || server === nodeGateway || model.nodes.some((n) => nodeResolver(view, n.ip).nameservers[0] === server)) {
    return allowed({ kind: "ip", ip: server }, 53) ? "upstream" : "none";
  }
  return "none";
}

/** `rnd` replaces view.random for dry runs (CoreDNS's loadbalance shuffle draws from it). */
export function lookup(view: ClusterView, from: Source, req: DnsLookupRequest, rnd: () => number = () => view.random()): DnsLookup {
  const model = netModel(view);
  const cfg = resolverFor(view, from);
  const server = req.server ?? cfg.nameservers[0];
  if (!server) return { exchanges: [], final: null };
  const kind = reachServer(view, model, from, server);
  const names = req.search ? searchCandidates(req.name, cfg) : [fqdn(req.name)];
  const exchanges: DnsExchange[] = [];
  let nodata: DnsExchange | null = null;
  for (const name of names) {
    const question = { name, type: req.type };
    if (kind === "none" || kind === "refused") {
      // The resolver gives up on the first failure instead of walking the search list.
      exchanges.push({ server, port: 53, question, failure: kind === "none" ? "timeout" : "refused", reply: null });
      return { exchanges, final: null };
    }
    const reply =
      kind === "coredns"
        ? corednsAnswer(view, name, req.type, rnd)
        : (() => {
            const up = upstreamAnswer(name, req.type);
            return { rcode: up.rcode, authoritative: false, recursionAvailable: true, answer: up.answer, authority: up.authority, additional: [] };
          })();
    const ex: DnsExchange = { server, port: 53, question, reply };
    exchanges.push(ex);
    if (reply.rcode === "NOERROR" && reply.answer.length > 0) return { exchanges, final: ex };
    if (reply.rcode === "NOERROR" && !nodata) nodata = ex;
    if (reply.rcode !== "NOERROR" && reply.rcode !== "NXDOMAIN") return { exchanges, final: null };
  }
  return { exchanges, final: nodata };
}

/** The IPv4 addresses a lookup settled on (following CNAMEs inside the answer). */
export function addressesOf(result: DnsLookup): string[] {
  return (result.final?.reply?.answer ?? []).filter((r) => r.type === "A").map((r) => r.data);
}
