// A request that reached the ingress-nginx controller pod: TLS with the host's
// certificate (or the controller's fake one), routing, the backend call through
// the pod network, and the controller's access log line.
import type { HttpRequest, Outcome, TlsInfo } from "./types.ts";
import type { PodInfo } from "./model.ts";
import type { Origin, Walk } from "./walk.ts";
import type { Target } from "./target.ts";
import type { AppContext } from "../apps/catalog.ts";
import { normalizeImage } from "../apps/catalog.ts";
import { usableEndpoints } from "./model.ts";
import { byteLength, header, nginxErrorPage, nginxTimeLocal } from "../apps/http.ts";
import { controllerResponse, errorResponse, handleIngressRequest, tlsFor, type ControllerResult } from "../ingress/controller.ts";

export const INGRESS_CONTROLLER = "registry.k8s.io/ingress-nginx/controller";

/** The pod-network delivery the controller uses to reach a backend endpoint. */
export type DeliverToPod = (w: Walk, origin: Origin, pod: PodInfo, ip: string, t: Target, port: number) => Outcome;

const FAKE_CERT: Omit<TlsInfo, "trusted"> = { subject: "O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate", issuer: "O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate", protocol: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384" };

export function ingressController(w: Walk, pod: PodInfo, shownIP: string, t: Target, port: number, ctx: AppContext, deliverToPod: DeliverToPod): Outcome {
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
      // The proxied request is a new connection from the controller pod, straight to the endpoint.
      const outer = { client: w.client, nat: w.nat };
      w.client = { ip: controllerOrigin.ip, node: controllerOrigin.node?.name };
      w.nat = undefined;
      const out = deliverToPod(w, controllerOrigin, backend, ep.ip, { host: ep.ip, port: ep.port, protocol: "TCP", http: { ...req, scheme: "http" } }, ep.port);
      Object.assign(w, outer);
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
