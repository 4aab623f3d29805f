// The packet walk: DNS, kube-proxy translation, routing through the CNI,
// NetworkPolicy at both ends, and the app that answers (or does not). Every step
// leaves a hop in the trace. A dry run draws from a forked random and writes nothing.
import type { ClusterView } from "../view.ts";
import type { ConnectRequest, ConnectResult, Hop, HttpRequest, Outcome, Protocol, Source, TlsInfo } from "./types.ts";
import type { DnsLookup } from "../dns/types.ts";
import { cidrContains, isIPv4 } from "./ip.ts";
import { netModel, usableEndpoints, type EndpointInfo, type L4Protocol, type NetModel, type NodeInfo, type PodInfo, type ServiceInfo, type ServicePortInfo } from "./model.ts";
import { addressesOf, lookup } from "../dns/lookup.ts";
import { policyVerdictFor, type PolicyPeer } from "../policy/evaluate.ts";
import { portPlan } from "../proxy/plan.ts";
import { kernelProbability } from "../proxy/rules.ts";
import { sepChain, svcChain, svlChain } from "../proxy/hash.ts";
import { normalizeImage, runningApp, type AppContext, type RunningApp } from "../apps/catalog.ts";
import { handleIngressRequest, tlsFor } from "../ingress/controller.ts";
import { controllerResponse, errorResponse, type ControllerResult } from "../ingress/controller.ts";
import { parseTarget, type Target } from "./target.ts";
import { routerAddress } from "../cni/index.ts";
import { nodeListeners } from "./node-services.ts";
import { byteLength, goResponse, header, nginxErrorPage, nginxResponse, nginxTimeLocal } from "../apps/http.ts";
import { upstreamAnswer } from "../dns/upstream.ts";

/** Linux gives up on an unanswered SYN after the 6 default retries (~127 s). */
const DEFAULT_TIMEOUT_MS = 127_000;
/** glibc's resolver: 5 s per try, 2 attempts. */
const DNS_TIMEOUT_MS = 10_000;
const INGRESS_CONTROLLER = "registry.k8s.io/ingress-nginx/controller";

interface Walk {
  view: ClusterView;
  model: NetModel;
  rnd: () => number;
  dry: boolean;
  trace: Hop[];
  elapsed: number;
  timeoutMs: number;
}

/** Where a packet enters the network: its address, the node whose kube-proxy rules it meets, and its policy identity. */
interface Origin {
  ip: string;
  at: string;
  node?: NodeInfo;
  peer: PolicyPeer;
  pod?: PodInfo;
  outside: boolean;
}

// Session affinity (-m recent / IPVS persistence) and IPVS round-robin positions live per cluster view.
const affinity = new WeakMap<ClusterView, Map<string, { ep: string; at: number }>>();
const rrState = new WeakMap<ClusterView, Map<string, number>>();
function stateOf<T>(m: WeakMap<ClusterView, Map<string, T>>, view: ClusterView): Map<string, T> {
  let s = m.get(view);
  if (!s) m.set(view, (s = new Map()));
  return s;
}

export function connect(view: ClusterView, req: ConnectRequest): ConnectResult {
  const dry = !!req.dryRun;
  const rnd = dry ? (view.forkRandom?.() ?? (() => 0)) : () => view.random();
  const w: Walk = { view, model: netModel(view), rnd, dry, trace: [], elapsed: 0, timeoutMs: req.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  const target = parseTarget(req);
  if (!target) return finish(w, { kind: "nxdomain", name: req.to });
  const origin = originOf(w, req.from);
  if (!origin) return finish(w, { kind: "timeout", ip: target.host, port: target.port, reason: "no-route", afterMs: w.timeoutMs }, undefined, w.timeoutMs);
  w.trace.push({ kind: "source", label: `${origin.at} (${origin.ip})`, at: origin.at, verdict: "pass" });

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

const timeout = (w: Walk, ip: string, port: number | undefined, reason: "policy" | "no-route" | "no-answer"): Outcome => ({ kind: "timeout", ip, port, reason, afterMs: w.timeoutMs });

function deliver(w: Walk, origin: Origin, ip: string, t: Target): Outcome {
  if (ip.startsWith("127.")) {
    if (origin.pod && !origin.pod.hostNetwork) return toPodApp(w, origin, origin.pod, ip, t, t.port, origin.ip, 64);
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
  if (node) {
    const np = t.protocol === "ICMP" ? undefined : findNodePort(w.model, t.port, t.protocol);
    if (np) return viaExternal(w, origin, np.svc, np.port, node, ip, t, `NodePort ${node.ip}:${t.port}`);
    return toNode(w, origin, node, ip, t, t.port);
  }
  const pod = w.model.podByIP.get(ip);
  if (pod) {
    // Pod IPs are not routed from outside the cluster (no route on the learner's machine).
    if (origin.outside) return timeout(w, ip, t.port, "no-route");
    return toPod(w, origin, origin.peer, origin.ip, pod, ip, t, t.port);
  }
  return toInternet(w, origin, ip, t);
}

function findNodePort(model: NetModel, port: number | undefined, protocol: Protocol): { svc: ServiceInfo; port: ServicePortInfo } | undefined {
  if (!port) return undefined;
  for (const svc of model.services) for (const p of svc.ports) if (p.nodePort === port && p.protocol === protocol) return { svc, port: p };
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
  return translateAndDeliver(w, origin, origin.peer, origin.ip, svc, sp, node, ip, t, plan.internal, plan.all.length > 0, "internal");
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
  return translateAndDeliver(w, origin, peer, srcIP, svc, sp, node, ip, t, plan.external, plan.all.length > 0, "external");
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
  w.trace.push({ kind: "kube-proxy", label, at: node.name, verdict: "pass", detail: { mode, endpoint: `${ep.ip}:${ep.port}` } });
  const pod = w.model.podByIP.get(ep.ip);
  if (pod) return toPod(w, { ...origin, node }, peer, srcIP, pod, ep.ip, t, ep.port, ip);
  const epNode = w.model.nodeByIP.get(ep.ip);
  if (epNode) return toNode(w, origin, epNode, ep.ip, t, ep.port, ip);
  // A hand-made EndpointSlice pointing outside the cluster.
  return toInternet(w, origin, ep.ip, { ...t, port: ep.port });
}

function chooseEndpoint(w: Walk, mode: string, svc: ServiceInfo, sp: ServicePortInfo, eps: EndpointInfo[], clientIP: string, vip: string, vport: number, kind: "internal" | "external"): { ep: EndpointInfo; label: string } {
  const proto = sp.protocol.toLowerCase();
  const key = `${sp.spn}|${sp.protocol}|${clientIP}`;
  const sticky = svc.sessionAffinity === "ClientIP" ? stateOf(affinity, w.view) : undefined;
  const now = w.view.now();
  const remember = (ep: EndpointInfo) => {
    if (sticky && !w.dry) sticky.set(key, { ep: `${ep.ip}:${ep.port}`, at: now });
  };
  const chain = kind === "internal" && svc.internalTrafficPolicy === "Local" ? svlChain(sp.spn, proto) : kind === "external" && svc.externalTrafficPolicy === "Local" ? svlChain(sp.spn, proto) : svcChain(sp.spn, proto);
  if (sticky) {
    const prev = sticky.get(key);
    const ep = prev && now - prev.at < svc.affinityTimeoutSeconds * 1000 ? eps.find((e) => `${e.ip}:${e.port}` === prev.ep) : undefined;
    if (ep) {
      remember(ep);
      return { ep, label: mode === "ipvs" ? `IPVS ${sp.protocol} ${vip}:${vport} persistent → ${ep.ip}:${ep.port}` : `${chain} -> ${sepChain(sp.spn, proto, `${ep.ip}:${ep.port}`)} (recent: ClientIP affinity)` };
    }
  }
  if (mode === "ipvs") {
    const rr = stateOf(rrState, w.view);
    const vsKey = `${sp.protocol}|${vip}|${vport}`;
    const i = rr.get(vsKey) ?? 0;
    const ep = eps[i % eps.length];
    if (!w.dry) rr.set(vsKey, i + 1);
    remember(ep);
    return { ep, label: `IPVS ${sp.protocol} ${vip}:${vport} rr → ${ep.ip}:${ep.port}` };
  }
  // iptables walks the chain: each statistic rule draws once until one matches; the last rule always matches.
  const n = eps.length;
  let chosen = n - 1;
  let probability = 1;
  for (let i = 0; i < n - 1; i++) {
    const p = kernelProbability(n - i);
    if (w.rnd() < p) {
      chosen = i;
      probability = p;
      break;
    }
  }
  const ep = eps[chosen];
  remember(ep);
  const sep = sepChain(sp.spn, proto, `${ep.ip}:${ep.port}`);
  return { ep, label: `${chain} -> ${sep}${chosen < n - 1 ? ` (probability ${probability.toFixed(11)})` : ""}` };
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
  return toPodApp(w, origin, pod, vip ?? ip, t, port, srcIP, ttl);
}

function appsOf(w: Walk, pod: PodInfo): { container: string; app: RunningApp; image: string }[] {
  return pod.containers.map((c) => ({ container: c.name, image: normalizeImage(c.image), app: runningApp(c.image, c.command, c.args, w.view.config.images) }));
}

function toPodApp(w: Walk, origin: Origin, pod: PodInfo, shownIP: string, t: Target, port: number | undefined, srcIP: string, ttl: number): Outcome {
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
  const started = Date.parse(String((pod.obj.status as { startTime?: string } | undefined)?.startTime ?? ""));
  const ctx: AppContext = { now: w.view.now(), hostname: pod.hostname ?? pod.name, podIP: pod.ip ?? "", clientIP: srcIP, clientPort, localPort: port ?? 0, ...(Number.isNaN(started) ? {} : { startedAt: started }) };
  if (listening.image === INGRESS_CONTROLLER && (port === 80 || port === 443)) return ingressController(w, pod, shownIP, t, port, ctx);
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

const FAKE_CERT: Omit<TlsInfo, "trusted"> = { subject: "O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate", issuer: "O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate", protocol: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384" };

function ingressController(w: Walk, pod: PodInfo, shownIP: string, t: Target, port: number, ctx: AppContext): Outcome {
  const at = `${pod.namespace}/${pod.name}`;
  const http = t.http;
  if (!http) {
    w.trace.push({ kind: "app", label: `ingress-nginx accepts on ${port}`, at, verdict: "answer" });
    return { kind: "connected", ip: shownIP, port: t.port };
  }
  let tls: TlsInfo | undefined;
  if (port === 443) {
    if (http.scheme !== "https") {
      const res = controllerResponse(400, ctx.now, nginxErrorPage(400, "nginx", "The plain HTTP request was sent to HTTPS port"));
      return { kind: "http", ip: shownIP, port: t.port!, response: res };
    }
    const host = http.serverName ?? "";
    const match = tlsFor(w.view, host);
    const secretOk = match?.secretName && w.view.objects("secrets", match.ingress.metadata.namespace).some((s) => s.metadata.name === match.secretName);
    // Certificates labs make are self-signed: untrusted without -k, but they carry the host's name.
    tls = secretOk ? { subject: `CN=${host}`, issuer: `CN=${host}`, trusted: false, protocol: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384" } : { ...FAKE_CERT, trusted: false };
    if (!http.insecure) {
      w.trace.push({ kind: "ingress", label: `TLS: certificate ${tls.subject} is not trusted`, at, verdict: "reject" });
      return { kind: "tls-error", ip: shownIP, port: t.port!, reason: "untrusted" };
    }
  } else if (http.scheme === "https") {
    return { kind: "tls-error", ip: shownIP, port: t.port!, reason: "wrong-version" };
  }
  let upstreamAddr: string | undefined;
  const controllerOrigin: Origin = { ip: pod.ip ?? "", at, node: pod.nodeName ? w.model.node(pod.nodeName) : undefined, peer: { kind: "pod", pod }, pod, outside: false };
  const result = handleIngressRequest(
    w.view,
    http,
    ctx.clientIP,
    (name, ns, bport, req) => {
      const svc = w.model.service(ns, name);
      const sp = svc?.ports.find((p) => (bport?.number !== undefined ? p.port === bport.number : p.name === bport?.name));
      const eps = svc && sp ? usableEndpoints(w.model.endpoints(svc, sp)) : [];
      if (!svc || !sp || eps.length === 0) return errorResponse(503, ctx.now);
      const ep = eps[Math.floor(w.rnd() * eps.length)];
      upstreamAddr = `${ep.ip}:${ep.port}`;
      const backend = w.model.podByIP.get(ep.ip);
      if (!backend) return errorResponse(502, ctx.now);
      const saved = w.timeoutMs;
      w.timeoutMs = 5000; // proxy-connect-timeout
      const out = toPod(w, controllerOrigin, controllerOrigin.peer, controllerOrigin.ip, backend, ep.ip, { host: ep.ip, port: ep.port, protocol: "TCP", http: { ...req, scheme: "http" } }, ep.port);
      w.timeoutMs = saved;
      if (out.kind === "http") return out.response;
      if (out.kind === "timeout") {
        w.elapsed += 60_000 - 5000; // proxy_read/connect retries end in a 504
        return errorResponse(504, ctx.now);
      }
      return errorResponse(502, ctx.now);
    },
    w.rnd,
  );
  w.trace.push({ kind: "ingress", label: `${result.decision.server} ${result.decision.match ? `${result.decision.match.path.path} (${result.decision.match.path.pathType})` : "no rule"} → ${result.response.status}`, at, verdict: result.response.status < 400 ? "pass" : "reject" });
  if (!w.dry) {
    const container = pod.containers.find((c) => normalizeImage(c.image) === INGRESS_CONTROLLER)?.name ?? "controller";
    w.view.appendLog(pod.namespace, pod.name, container, ingressAccessLine(http, result, upstreamAddr, ctx));
  }
  return { kind: "http", ip: shownIP, port: t.port!, response: result.response, ...(tls ? { tls } : {}) };
}

/** ingress-nginx's default log-format-upstream line. */
function ingressAccessLine(req: HttpRequest, result: ControllerResult, upstreamAddr: string | undefined, ctx: AppContext): string {
  const res = result.response;
  const ua = header(req.headers, "User-Agent") ?? "-";
  const referer = header(req.headers, "Referer") ?? "-";
  const requestLength = byteLength(`${req.method} ${req.path} HTTP/1.1\r\n${Object.entries(req.headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n${req.body ?? ""}`);
  const bytes = req.method === "HEAD" ? 0 : byteLength(res.body);
  const upstream = result.upstreamName && upstreamAddr ? `[${result.upstreamName}] [] ${upstreamAddr} ${bytes} 0.001 ${res.status} ${result.requestId}` : `[] [] - - - - ${result.requestId ?? "-"}`;
  return `${ctx.clientIP} - - [${nginxTimeLocal(ctx.now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${bytes} "${referer}" "${ua}" ${requestLength} 0.001 ${upstream}`;
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
    if (appsOf(w, pod).some((a) => a.app.listens.some((l) => l.port === port && l.protocol === t.protocol))) return toPodApp(w, origin, pod, shown, t, port, origin.ip, same ? 64 : 63);
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

const EXAMPLE_PAGE = `<!doctype html>
<html>
<head>
    <title>Example Domain</title>
</head>
<body>
<div>
    <h1>Example Domain</h1>
    <p>This domain is for use in illustrative examples in documents. You may use this
    domain in literature without prior coordination or asking for permission.</p>
</div>
</body>
</html>
`;

function toInternet(w: Walk, origin: Origin, ip: string, t: Target): Outcome {
  const known = upstreamKnows(ip);
  if (origin.pod && !origin.pod.hostNetwork) {
    const verdict = policyVerdictFor(w.view, origin.peer, { kind: "ip", ip }, t.port ?? 0, (t.protocol === "ICMP" ? "ICMP" : t.protocol) as L4Protocol);
    if (verdict.egress.isolated) w.trace.push({ kind: "policy", label: `egress to ${ip} ${verdict.egress.allowed ? "allowed" : "denied"}`, at: origin.at, verdict: verdict.allowed ? "pass" : "drop" });
    if (!verdict.allowed) return timeout(w, ip, t.port, "policy");
  }
  if (!known) {
    w.trace.push({ kind: "route", label: `${ip} does not answer`, at: origin.at, verdict: "drop" });
    return timeout(w, ip, t.port, "no-route");
  }
  w.trace.push({ kind: "route", label: `${origin.at} → internet (${ip}), masqueraded by the node`, at: origin.node?.name ?? origin.at, verdict: "pass" });
  if (t.protocol === "ICMP") return { kind: "connected", ip, ttl: 115 };
  if (t.port !== 80 && t.port !== 443) return timeout(w, ip, t.port, "no-answer");
  if (!t.http) return { kind: "connected", ip, port: t.port };
  if (t.http.scheme === "https" && t.port === 80) return { kind: "tls-error", ip, port: 80, reason: "wrong-version" };
  const tls: TlsInfo | undefined = t.http.scheme === "https" ? { subject: `CN=${t.http.serverName ?? ip}`, issuer: "C=US; O=DigiCert Inc; CN=DigiCert Global G3 TLS ECC SHA384 2020 CA1", trusted: true, protocol: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384" } : undefined;
  const res = nginxResponse(200, "ECS (nyd/D184)", w.view.now(), EXAMPLE_PAGE, [], "text/html; charset=UTF-8");
  return { kind: "http", ip, port: t.port, response: res, ...(tls ? { tls } : {}) };
}

function upstreamKnows(ip: string): boolean {
  const parts = ip.split(".").reverse().join(".");
  return upstreamAnswer(`${parts}.in-addr.arpa.`, "PTR").answer.length > 0;
}

