// The packet walk: DNS, kube-proxy translation, routing through the CNI,
// NetworkPolicy at both ends, and the app that answers (or does not). Every step
// leaves a hop in the trace. A dry run draws from a forked random and writes nothing.
import type { ClusterView } from "../view.ts";
import type { ConnectRequest, ConnectResult, Outcome, Protocol, Source, TlsInfo } from "./types.ts";
import type { DnsLookup } from "../dns/types.ts";
import { cidrContains, isIPv4 } from "./ip.ts";
import { netModel, usableEndpoints, type EndpointInfo, type L4Protocol, type NetModel, type NodeInfo, type PodInfo, type ServiceInfo, type ServicePortInfo } from "./model.ts";
import { addressesOf, lookup } from "../dns/lookup.ts";
import { policyVerdictFor, type PolicyPeer } from "../policy/evaluate.ts";
import { externalEndpointsFor, ipvsReals, portPlan } from "../proxy/plan.ts";
import { normalizeImage, runningApp, type AppContext, type RunningApp } from "../apps/catalog.ts";
import { parseTarget, type Target } from "./target.ts";
import { nodeLocalAddresses, routerAddress } from "../cni/index.ts";
import { nodeListeners } from "./node-services.ts";
import { goResponse } from "../apps/http.ts";
import { timeout, type Origin, type Walk } from "./walk.ts";
import { chooseEndpoint } from "./balance.ts";
import { INGRESS_CONTROLLER, ingressController } from "./ingress-hop.ts";
import { toInternet } from "./internet.ts";
import { recordFlow } from "./conntrack.ts";

/** Linux gives up on an unanswered SYN after the 6 default retries (~127 s). */
const DEFAULT_TIMEOUT_MS = 127_000;
/** glibc's resolver: 5 s per try, 2 attempts. */
const DNS_TIMEOUT_MS = 10_000;

export function connect(view: ClusterView, req: ConnectRequest): ConnectResult {
  const dry = !!req.dryRun;
  const rnd = dry ? (view.forkRandom?.() ?? (() => 0)) : () => view.random();
  const w: Walk = { view, model: netModel(view), rnd, dry, trace: [], elapsed: 0, timeoutMs: req.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  const target = parseTarget(req);
  if (!target) return finish(w, { kind: "nxdomain", name: req.to });
  const origin = originOf(w, req.from);
  if (!origin) return finish(w, { kind: "timeout", ip: target.host, port: target.port, reason: "no-route", afterMs: w.timeoutMs }, undefined, w.timeoutMs);
  w.trace.push({ kind: "source", label: `${origin.at} (${origin.ip})`, at: origin.at, verdict: "pass" });
  w.client = { ip: origin.ip, node: origin.node?.name };

  let ip = target.host;
  let dns: DnsLookup | undefined;
  if (target.host === "localhost") ip = "127.0.0.1";
  else if (!isIPv4(target.host)) {
    dns = lookup(view, req.from, { name: target.host, type: "A", search: true }, rnd);
    for (const ex of dns.exchanges) {
      const rcode = ex.reply?.rcode ?? "timeout";
      const answers = ex.reply?.answer.filter((a) => a.type === "A").map((a) => a.data) ?? [];
      w.trace.push({ kind: "dns", label: `${ex.question.name} ${ex.question.type} → ${answers.length ? answers.join(", ") : rcode}`, at: origin.at, verdict: ex.reply === null ? "drop" : answers.length ? "answer" : "nxdomain", detail: { server: ex.server, rcode } });
    }
    w.elapsed += dns.exchanges.length;
    const addrs = addressesOf(dns);
    if (addrs.length === 0) {
      // A refused query fails at once; a dropped one costs the resolver's whole timeout.
      const failed = dns.exchanges.find((e) => e.reply === null);
      if (failed) return finish(w, { kind: "dns-timeout", name: target.host }, dns, failed.failure === "refused" ? 0 : DNS_TIMEOUT_MS);
      return finish(w, { kind: "nxdomain", name: target.host }, dns);
    }
    ip = addrs[0];
  }
  return finish(w, deliver(w, origin, ip, target), dns);
}

function finish(w: Walk, outcome: Outcome, dns?: DnsLookup, extraMs = 0): ConnectResult {
  if (outcome.kind === "timeout") w.elapsed += outcome.afterMs;
  w.elapsed += extraMs;
  return { outcome, trace: w.trace, ...(dns ? { dns } : {}), elapsedMs: w.elapsed };
}

function originOf(w: Walk, from: Source): Origin | undefined {
  if (from.kind === "outside") {
    const ip = from.ip ?? (w.model.nodes[0]?.ip ?? "172.18.0.2").replace(/\.\d+$/, ".1");
    return { ip, at: "outside", peer: { kind: "ip", ip }, outside: true };
  }
  if (from.kind === "node") {
    const node = w.model.node(from.name);
    return node ? { ip: node.ip, at: node.name, node, peer: { kind: "ip", ip: node.ip }, outside: false } : undefined;
  }
  const pod = w.model.pod(from.namespace, from.name);
  if (!pod || !pod.nodeName) return undefined;
  const node = w.model.node(pod.nodeName);
  const at = `${pod.namespace}/${pod.name}`;
  if (pod.hostNetwork) return node ? { ip: node.ip, at, node, peer: { kind: "ip", ip: node.ip }, pod, outside: false } : undefined;
  if (!pod.ip) return undefined;
  return { ip: pod.ip, at, node, peer: { kind: "pod", pod }, pod, outside: false };
}

function deliver(w: Walk, origin: Origin, ip: string, t: Target): Outcome {
  if (ip.startsWith("127.")) {
    if (origin.pod && !origin.pod.hostNetwork) return toPodApp(w, origin.pod, ip, t, t.port, origin.ip, 64);
    if (origin.node) {
      // iptables mode serves NodePorts on localhost too (--iptables-localhost-nodeports); IPVS does not bind 127.0.0.1.
      const np = t.protocol === "ICMP" || w.view.proxyModeOn(origin.node.name) === "ipvs" ? undefined : findNodePort(w.model, t.port, t.protocol);
      if (np) return viaExternal(w, origin, np.svc, np.port, origin.node, ip, t, `NodePort ${ip}:${t.port}`);
      return toNode(w, origin, origin.node, ip, t, t.port);
    }
    return timeout(w, ip, t.port, "no-route");
  }
  const svc = w.model.serviceByIP.get(ip);
  if (svc) return viaService(w, origin, svc, ip, t);
  const node = w.model.nodeByIP.get(ip);
  if (node) return toNodeAddress(w, origin, node, ip, t);
  const pod = w.model.podByIP.get(ip);
  if (pod) {
    // Pod IPs are not routed from outside the cluster (no route on the learner's machine).
    if (origin.outside) return timeout(w, ip, t.port, "no-route");
    return toPod(w, origin, origin.peer, origin.ip, pod, ip, t, t.port);
  }
  // A node's other addresses (cni0, flannel.1, tunl0) are routed inside the cluster only.
  const owner = origin.outside ? undefined : w.model.nodes.find((n) => nodeLocalAddresses(w.view, n.name).includes(ip));
  if (owner) return toNodeAddress(w, origin, owner, ip, t);
  return toInternet(w, origin, ip, t);
}

/** A packet for one of a node's own addresses: a NodePort (served on every local address), a hostPort, or the node itself. */
function toNodeAddress(w: Walk, origin: Origin, node: NodeInfo, ip: string, t: Target): Outcome {
  const np = t.protocol === "ICMP" ? undefined : findNodePort(w.model, t.port, t.protocol);
  if (np) return viaExternal(w, origin, np.svc, np.port, node, ip, t, `NodePort ${ip}:${t.port}`);
  const hp = t.protocol === "ICMP" ? undefined : findHostPort(w.model, node, t.port, t.protocol);
  if (hp) {
    // The CNI portmap plugin DNATs a hostPort on every local address; the client address is kept.
    w.trace.push({ kind: "service", label: `hostPort ${ip}:${t.port} → ${hp.pod.namespace}/${hp.pod.name}:${hp.port} (portmap)`, at: node.name, verdict: "pass" });
    w.nat = { node: node.name, dst: ip, dport: t.port! };
    return toPod(w, { ...origin, node }, origin.peer, origin.ip, hp.pod, hp.pod.ip!, t, hp.port, ip);
  }
  return toNode(w, origin, node, ip, t, t.port);
}

function findNodePort(model: NetModel, port: number | undefined, protocol: Protocol): { svc: ServiceInfo; port: ServicePortInfo } | undefined {
  if (!port) return undefined;
  for (const svc of model.services) for (const p of svc.ports) if (p.nodePort === port && p.protocol === protocol) return { svc, port: p };
  return undefined;
}

function findHostPort(model: NetModel, node: NodeInfo, port: number | undefined, protocol: Protocol): { pod: PodInfo; port: number } | undefined {
  if (!port) return undefined;
  for (const pod of model.pods) {
    if (pod.nodeName !== node.name || pod.hostNetwork || !pod.ip || pod.phase !== "Running") continue;
    for (const c of pod.containers) for (const p of c.ports) if (p.hostPort === port && p.protocol === protocol) return { pod, port: p.containerPort };
  }
  return undefined;
}

function viaService(w: Walk, origin: Origin, svc: ServiceInfo, ip: string, t: Target): Outcome {
  const isClusterIP = svc.clusterIPs.includes(ip);
  if (!isClusterIP) {
    // An external IP or load-balancer address: enters through a node, like a NodePort.
    const node = entryNode(w, origin, svc);
    if (!node) return timeout(w, ip, t.port, "no-route");
    if (t.protocol === "ICMP") return icmpToServiceIP(w, node, ip);
    const sp = svc.ports.find((p) => p.port === t.port && p.protocol === t.protocol);
    if (!sp) return w.view.proxyModeOn(node.name) === "ipvs" ? refusedAt(w, node, ip, t.port) : timeout(w, ip, t.port, "no-answer");
    if (svc.loadBalancerIPs.includes(ip) && svc.loadBalancerSourceRanges.length && !svc.loadBalancerSourceRanges.some((c) => cidrContains(c, origin.ip))) {
      w.trace.push({ kind: "kube-proxy", label: `${origin.ip} is outside loadBalancerSourceRanges: KUBE-PROXY-FIREWALL drops it`, at: node.name, verdict: "drop" });
      return timeout(w, ip, t.port, "policy");
    }
    return viaExternal(w, origin, svc, sp, node, ip, t, `${svc.loadBalancerIPs.includes(ip) ? "LoadBalancer" : "external IP"} ${ip}:${t.port}`);
  }
  // Cluster IPs only exist inside the cluster's nodes.
  if (origin.outside || !origin.node) return timeout(w, ip, t.port, "no-route");
  const node = origin.node;
  const mode = w.view.proxyModeOn(node.name);
  w.trace.push({ kind: "service", label: `${svc.namespace}/${svc.name} ${ip}`, at: node.name, verdict: "pass", detail: { type: svc.type } });
  if (t.protocol === "ICMP") return icmpToServiceIP(w, node, ip);
  const sp = svc.ports.find((p) => p.port === t.port && p.protocol === t.protocol);
  if (!sp) {
    // iptables: no DNAT rule matches, the packet follows the default route and is lost. IPVS: the address is local, the port closed.
    if (mode === "ipvs") return refusedAt(w, node, ip, t.port);
    w.trace.push({ kind: "kube-proxy", label: `no rule for ${ip}:${t.port}/${t.protocol}`, at: node.name, verdict: "drop" });
    defaultRouteHops(w, node);
    return timeout(w, ip, t.port, "no-answer");
  }
  const plan = portPlan(w.model, svc, sp, node.name);
  const eps = mode === "ipvs" ? ipvsReals(plan, "internal") : plan.internal;
  return translateAndDeliver(w, origin, origin.peer, origin.ip, svc, sp, node, ip, t, eps, plan.all.length > 0, "internal");
}

function icmpToServiceIP(w: Walk, node: NodeInfo, ip: string): Outcome {
  if (w.view.proxyModeOn(node.name) === "ipvs") {
    w.trace.push({ kind: "kube-proxy", label: `${ip} is bound to kube-ipvs0: the node answers`, at: node.name, verdict: "answer" });
    return { kind: "connected", ip, ttl: 64 };
  }
  w.trace.push({ kind: "kube-proxy", label: `no rule matches ICMP to ${ip}`, at: node.name, verdict: "drop" });
  defaultRouteHops(w, node);
  return timeout(w, ip, undefined, "no-answer");
}

/** A packet no rule claims follows the node's default route out of the cluster, where nothing answers. */
function defaultRouteHops(w: Walk, node: NodeInfo): void {
  const first = routerAddress(w.view, node.name, "gateway");
  // Both routers still answer TTL-exceeded (traceroute lists them); the destination never does.
  w.trace.push({ kind: "route", label: `${node.name} default route`, at: node.name, verdict: "pass", detail: first ? { router: first } : {} });
  w.trace.push({ kind: "route", label: "node network gateway, then nowhere", at: "outside", verdict: "pass", detail: { router: node.ip.replace(/\.\d+$/, ".1") } });
}

function refusedAt(w: Walk, node: NodeInfo, ip: string, port: number | undefined): Outcome {
  w.trace.push({ kind: "kube-proxy", label: `${ip}:${port} is not a virtual server (KUBE-IPVS-FILTER)`, at: node.name, verdict: "reject" });
  return { kind: "refused", ip, port, reason: "no-listener" };
}

/** Which node an external address's traffic enters: the source's own node, or one that announces it. */
function entryNode(w: Walk, origin: Origin, svc: ServiceInfo): NodeInfo | undefined {
  if (origin.node) return origin.node;
  const workers = w.model.nodes.filter((n) => !n.controlPlane);
  const candidates = workers.length ? workers : w.model.nodes;
  if (svc.externalTrafficPolicy === "Local") {
    // MetalLB-style speakers announce only from nodes with a local endpoint.
    const withLocal = candidates.find((n) => svc.ports.some((p) => usableEndpoints(w.model.endpoints(svc, p)).some((e) => e.nodeName === n.name)));
    if (withLocal) return withLocal;
  }
  return candidates[0];
}

function viaExternal(w: Walk, origin: Origin, svc: ServiceInfo, sp: ServicePortInfo, node: NodeInfo, ip: string, t: Target, label: string): Outcome {
  w.trace.push({ kind: "service", label: `${label} → ${svc.namespace}/${svc.name}`, at: node.name, verdict: "pass", detail: { type: svc.type } });
  const plan = portPlan(w.model, svc, sp, node.name);
  // externalTrafficPolicy Cluster masquerades to the node address; Local keeps the client address.
  const local = svc.externalTrafficPolicy === "Local";
  const srcIP = local || origin.node === node ? origin.ip : node.ip;
  const peer: PolicyPeer = local || origin.node === node ? origin.peer : { kind: "ip", ip: node.ip };
  // Pods (by the cluster CIDR, as kube-proxy's local detector sees them) and the node itself bypass ETP Local.
  const podCIDR = w.view.config.podCIDR;
  const inCluster = origin.node === node || (!!podCIDR && cidrContains(podCIDR, origin.ip));
  // IPVS has no short-circuit: its real servers serve everyone, but an outside client's reply from
  // another node's endpoint (not masqueraded under ETP Local) never finds its way back.
  const eps = w.view.proxyModeOn(node.name) === "ipvs" ? (inCluster ? ipvsReals(plan, "external") : plan.external) : externalEndpointsFor(plan, inCluster);
  return translateAndDeliver(w, origin, peer, srcIP, svc, sp, node, ip, t, eps, plan.all.length > 0, "external");
}

function translateAndDeliver(
  w: Walk,
  origin: Origin,
  peer: PolicyPeer,
  srcIP: string,
  svc: ServiceInfo,
  sp: ServicePortInfo,
  node: NodeInfo,
  ip: string,
  t: Target,
  eps: EndpointInfo[],
  anyEndpoints: boolean,
  kind: "internal" | "external",
): Outcome {
  const mode = w.view.proxyModeOn(node.name);
  if (!anyEndpoints) {
    w.trace.push({ kind: "kube-proxy", label: `${sp.spn} has no endpoints: REJECT`, at: node.name, verdict: "reject" });
    return { kind: "refused", ip, port: t.port, reason: "no-endpoints" };
  }
  if (eps.length === 0) {
    w.trace.push({ kind: "kube-proxy", label: `${sp.spn} has no local endpoints: DROP`, at: node.name, verdict: "drop" });
    return timeout(w, ip, t.port, "no-answer");
  }
  const { ep, label } = chooseEndpoint(w, mode, svc, sp, eps, origin.ip, ip, t.port!, kind);
  w.nat = { node: node.name, dst: ip, dport: t.port! };
  w.trace.push({ kind: "kube-proxy", label, at: node.name, verdict: "pass", detail: { mode, endpoint: `${ep.ip}:${ep.port}` } });
  const pod = w.model.podByIP.get(ep.ip);
  if (pod) return toPod(w, { ...origin, node }, peer, srcIP, pod, ep.ip, t, ep.port, ip);
  const epNode = w.model.nodeByIP.get(ep.ip);
  if (epNode) return toNode(w, origin, epNode, ep.ip, t, ep.port, ip);
  // A hand-made EndpointSlice pointing outside the cluster.
  return toInternet(w, origin, ep.ip, { ...t, port: ep.port });
}

function cniRoute(w: Walk, from: NodeInfo | undefined, to: NodeInfo | undefined): { label: string; hops: number } {
  if (!from || !to || from.name === to.name) return { label: `local delivery on ${to?.name ?? "?"}`, hops: 1 };
  switch (w.view.config.cni) {
    case "calico":
      return { label: `${from.name} → ${to.name} via tunl0 (IP-in-IP, BGP route from bird)`, hops: 2 };
    case "flannel":
      return { label: `${from.name} → ${to.name} via flannel.1 (VXLAN)`, hops: 2 };
    case "cilium":
      return { label: `${from.name} → ${to.name} via cilium_vxlan`, hops: 2 };
    case "weave":
      return { label: `${from.name} → ${to.name} via weave`, hops: 2 };
  }
}

function toPod(w: Walk, origin: Origin, peer: PolicyPeer, srcIP: string, pod: PodInfo, ip: string, t: Target, port: number | undefined, vip?: string): Outcome {
  const dstNode = pod.nodeName ? w.model.node(pod.nodeName) : undefined;
  if (pod.phase !== "Running" || !dstNode) {
    w.trace.push({ kind: "route", label: `${ip} is not running anywhere`, at: origin.at, verdict: "drop" });
    return timeout(w, vip ?? ip, t.port, "no-route");
  }
  if (pod.hostNetwork) return toNode(w, origin, dstNode, ip, t, port, vip);
  const route = cniRoute(w, origin.node, dstNode);
  // detail.router: the address that router answers from (traceroute's hop lines).
  const firstRouter = origin.node ? routerAddress(w.view, origin.node.name, "gateway") : undefined;
  w.trace.push({ kind: "route", label: route.label, at: origin.node?.name ?? origin.at, verdict: "pass", detail: { cni: w.view.config.cni, ...(firstRouter ? { router: firstRouter } : {}) } });
  // Across nodes the destination node routes once more (tunnel → pod interface): one hop per router, as TTL counts them.
  if (route.hops > 1) {
    const second = routerAddress(w.view, dstNode.name, "tunnel");
    w.trace.push({ kind: "route", label: `${dstNode.name} → ${ip} on its pod interface`, at: dstNode.name, verdict: "pass", detail: { cni: w.view.config.cni, ...(second ? { router: second } : {}) } });
  }
  const proto = (t.protocol === "ICMP" ? "ICMP" : t.protocol) as L4Protocol;
  const verdict = policyVerdictFor(w.view, peer, { kind: "pod", pod }, port ?? 0, proto);
  if (verdict.egress.isolated) w.trace.push({ kind: "policy", label: `egress ${verdict.egress.allowed ? `allowed by ${verdict.egress.allowedBy.join(", ")}` : `denied (isolated by ${verdict.egress.policies.join(", ")})`}${verdict.enforced ? "" : ` — not enforced by ${w.view.config.cni}`}`, at: origin.at, verdict: verdict.egress.allowed || !verdict.enforced ? "pass" : "drop" });
  if (verdict.egress.allowed || !verdict.enforced) {
    if (verdict.ingress.isolated) w.trace.push({ kind: "policy", label: `ingress ${verdict.ingress.allowed ? `allowed by ${verdict.ingress.allowedBy.join(", ")}` : `denied (isolated by ${verdict.ingress.policies.join(", ")})`}${verdict.enforced ? "" : ` — not enforced by ${w.view.config.cni}`}`, at: `${pod.namespace}/${pod.name}`, verdict: verdict.ingress.allowed || !verdict.enforced ? "pass" : "drop" });
  }
  if (!verdict.allowed) return timeout(w, vip ?? ip, t.port, "policy");
  const ttl = 64 - route.hops;
  return toPodApp(w, pod, vip ?? ip, t, port, srcIP, ttl);
}

/**
 * Record the flow in the conntrack table of the NATing node and, when it differs, of the
 * server's node. The server's node sees the packet after the NAT: addressed to the pod
 * itself, from whatever source survived (the client, or the node that masqueraded it).
 */
function remember(w: Walk, pod: PodInfo, port: number, proto: L4Protocol, seenSrc: string, clientPort: number): void {
  if (w.dry || !w.client || !pod.ip || proto === "SCTP") return;
  const l4 = proto === "UDP" ? "udp" : "tcp";
  const natNode = w.nat?.node ?? w.client.node;
  const reply = { replySrc: pod.ip, replyDst: seenSrc, replySport: port, replyDport: clientPort, createdAt: w.view.now() };
  if (natNode) {
    recordFlow(w.view, { node: natNode, proto: l4, src: w.client.ip, dst: w.nat?.dst ?? pod.ip, sport: clientPort, dport: w.nat?.dport ?? port, ...reply });
  }
  if (pod.nodeName && pod.nodeName !== natNode) {
    recordFlow(w.view, { node: pod.nodeName, proto: l4, src: seenSrc, dst: pod.ip, sport: clientPort, dport: port, ...reply });
  }
}

/** A container whose status says it is not running (exited, waiting in back-off) listens on nothing; no status at all (raw fixtures) counts as running. */
function running(pod: PodInfo, container: string): boolean {
  const statuses = (pod.obj.status as { containerStatuses?: { name?: string; state?: Record<string, unknown> }[] } | undefined)?.containerStatuses;
  const s = statuses?.find((x) => x?.name === container);
  return !s?.state || "running" in s.state;
}

function appsOf(w: Walk, pod: PodInfo): { container: string; app: RunningApp; image: string }[] {
  return pod.containers
    .filter((c) => running(pod, c.name))
    .map((c) => ({ container: c.name, image: normalizeImage(c.image), app: runningApp(c.image, c.command, c.args, w.view.config.images) }));
}

function toPodApp(w: Walk, pod: PodInfo, shownIP: string, t: Target, port: number | undefined, srcIP: string, ttl: number): Outcome {
  const at = `${pod.namespace}/${pod.name}`;
  if (t.protocol === "ICMP") {
    w.trace.push({ kind: "app", label: `${at} answers ICMP echo`, at, verdict: "answer" });
    return { kind: "connected", ip: shownIP, ttl };
  }
  const proto = t.protocol as L4Protocol;
  const listening = appsOf(w, pod).find((a) => a.app.listens.some((l) => l.port === port && l.protocol === proto));
  if (!listening) {
    w.trace.push({ kind: "app", label: `nothing listens on ${port}/${proto} in ${at}`, at, verdict: "reject" });
    return { kind: "refused", ip: shownIP, port: t.port, reason: "no-listener" };
  }
  w.elapsed += 1;
  const clientPort = 32768 + Math.floor(w.rnd() * 28000);
  remember(w, pod, port ?? 0, proto, srcIP, clientPort);
  const started = Date.parse(String((pod.obj.status as { startTime?: string } | undefined)?.startTime ?? ""));
  const ctx: AppContext = { now: w.view.now(), hostname: pod.hostname ?? pod.name, podIP: pod.ip ?? "", clientIP: srcIP, clientPort, localPort: port ?? 0, ...(Number.isNaN(started) ? {} : { startedAt: started }) };
  if (listening.image === INGRESS_CONTROLLER && (port === 80 || port === 443)) return ingressController(w, pod, shownIP, t, port, ctx, (w2, o, p, ip2, t2, port2) => toPod(w2, o, o.peer, o.ip, p, ip2, t2, port2));
  if (!t.http) {
    w.trace.push({ kind: "app", label: `${listening.app.id} accepts on ${port}/${proto}`, at, verdict: "answer" });
    const banner = listening.app.banner?.(ctx);
    return { kind: "connected", ip: shownIP, port: t.port, ...(banner !== undefined ? { banner } : {}) };
  }
  if (t.http.scheme === "https") {
    w.trace.push({ kind: "app", label: `${listening.app.id} does not speak TLS on ${port}`, at, verdict: "reject" });
    return { kind: "tls-error", ip: shownIP, port: t.port!, reason: "wrong-version" };
  }
  const full = listening.app.http?.(t.http, ctx);
  // HEAD gets the GET headers (Content-Length included) and no body.
  const res = full && t.http.method === "HEAD" ? { ...full, body: "" } : full;
  if (!res) {
    w.trace.push({ kind: "app", label: `${listening.app.id} accepts on ${port} but does not speak HTTP`, at, verdict: "answer" });
    const banner = listening.app.banner?.(ctx);
    return { kind: "connected", ip: shownIP, port: t.port, ...(banner !== undefined ? { banner } : {}) };
  }
  const line = listening.app.accessLog?.(t.http, res, ctx);
  if (line && !w.dry) w.view.appendLog(pod.namespace, pod.name, listening.container, line);
  w.trace.push({ kind: "app", label: `${listening.app.id} → ${res.status} ${res.reason}`, at, verdict: "answer", detail: { status: res.status } });
  return { kind: "http", ip: shownIP, port: t.port!, response: res };
}

function toNode(w: Walk, origin: Origin, node: NodeInfo, ip: string, t: Target, port: number | undefined, vip?: string): Outcome {
  const shown = vip ?? ip;
  const same = origin.node?.name === node.name;
  if (!same) w.trace.push({ kind: "route", label: `${origin.at} → ${node.name}`, at: origin.at, verdict: "pass" });
  // A pod's egress policy also governs traffic to node addresses (they are ipBlock peers).
  if (origin.peer.kind === "pod") {
    const verdict = policyVerdictFor(w.view, origin.peer, { kind: "ip", ip: node.ip }, port ?? 0, (t.protocol === "ICMP" ? "ICMP" : t.protocol) as L4Protocol);
    if (verdict.egress.isolated) w.trace.push({ kind: "policy", label: `egress to ${node.ip} ${verdict.egress.allowed ? "allowed" : "denied"}`, at: origin.at, verdict: verdict.allowed ? "pass" : "drop" });
    if (!verdict.allowed) return timeout(w, shown, t.port, "policy");
  }
  if (t.protocol === "ICMP") {
    w.trace.push({ kind: "app", label: `${node.name} answers ICMP echo`, at: node.name, verdict: "answer" });
    return { kind: "connected", ip: shown, ttl: same ? 64 : 63 };
  }
  // Host-network pods listen on the node's address.
  for (const pod of w.model.pods) {
    if (!pod.hostNetwork || pod.nodeName !== node.name || pod.phase !== "Running") continue;
    if (appsOf(w, pod).some((a) => a.app.listens.some((l) => l.port === port && l.protocol === t.protocol))) return toPodApp(w, pod, shown, t, port, origin.ip, same ? 64 : 63);
  }
  const listener = t.protocol === "TCP" ? nodeListeners(node.controlPlane).find((l) => l.port === port) : undefined;
  if (!listener) {
    w.trace.push({ kind: "app", label: `nothing listens on ${node.name}:${port}/${t.protocol}`, at: node.name, verdict: "reject" });
    return { kind: "refused", ip: shown, port: t.port, reason: "no-listener" };
  }
  w.trace.push({ kind: "app", label: `${listener.name} on ${node.name}:${port}`, at: node.name, verdict: "answer" });
  if (!t.http) return { kind: "connected", ip: shown, port: t.port };
  if (listener.tls && t.http.scheme === "http") {
    return { kind: "http", ip: shown, port: t.port!, response: goResponse(400, w.view.now(), "Client sent an HTTP request to an HTTPS server.\n") };
  }
  if (!listener.tls && t.http.scheme === "https") return { kind: "tls-error", ip: shown, port: t.port!, reason: "wrong-version" };
  const tls: TlsInfo | undefined = listener.tls ? { subject: listener.tlsSubject, issuer: "CN=kubernetes", trusted: false, protocol: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256" } : undefined;
  if (tls && !t.http.insecure) return { kind: "tls-error", ip: shown, port: t.port!, reason: "untrusted" };
  return { kind: "http", ip: shown, port: t.port!, response: listener.answer(t.http, w.view.now()), ...(tls ? { tls } : {}) };
}


