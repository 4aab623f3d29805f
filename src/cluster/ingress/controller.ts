// The ingress-nginx controller answering an HTTP request (controller v1.12):
// server selection by host, location by path, ssl-redirect / force-ssl-redirect
// 308s, proxy-body-size 413, rewrite-target, 503 for backends without endpoints
// and the default server's 404. The backend call itself is the packet walk's job.
import type { KObject } from "../api/types.ts";
import type { ClusterView } from "../view.ts";
import type { HttpRequest, HttpResponse } from "../net/types.ts";
import { byteLength, header, httpDate, nginxErrorPage, nginxReason } from "../apps/http.ts";
import { bestPath, hostMatches, type IngressBackend, type IngressPath, type PathType } from "./match.ts";

const ANN = "nginx.ingress.kubernetes.io/";
export const INGRESS_CLASS_CONTROLLER = "k8s.io/ingress-nginx";

/** Ingresses this controller serves: class "nginx" by name, legacy annotation, or the default class. */
export function nginxIngresses(view: ClusterView): KObject[] {
  const classes = view.objects("ingressclasses").filter((c) => (c.spec as { controller?: string } | undefined)?.controller === INGRESS_CLASS_CONTROLLER);
  // Like the controller, serve only classes that exist and name k8s.io/ingress-nginx (the ADDRESS controller agrees).
  const names = new Set(classes.map((c) => c.metadata.name ?? ""));
  const defaultClass = classes.some((c) => c.metadata.annotations?.["ingressclass.kubernetes.io/is-default-class"] === "true");
  return view.objects("ingresses").filter((ing) => {
    const cls = (specOf(ing) as { ingressClassName?: string }).ingressClassName ?? ing.metadata.annotations?.["kubernetes.io/ingress.class"];
    return cls ? names.has(cls) : defaultClass;
  });
}

interface Spec {
  rules?: { host?: string; http?: { paths?: { path?: string; pathType?: PathType; backend?: IngressBackend }[] } }[];
  tls?: { hosts?: string[]; secretName?: string }[];
  defaultBackend?: IngressBackend;
}

const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === "object") as T[]) : []);
const specOf = (ing: KObject): Spec => (ing.spec && typeof ing.spec === "object" ? (ing.spec as Spec) : {});
/** Rules of an ingress, tolerating raw objects of any shape. */
function rulesOf(ing: KObject): NonNullable<Spec["rules"]> {
  return arr<NonNullable<Spec["rules"]>[number]>(specOf(ing).rules).map((r) => ({
    host: typeof r.host === "string" ? r.host : undefined,
    http: { paths: arr<NonNullable<NonNullable<NonNullable<Spec["rules"]>[number]["http"]>["paths"]>[number]>(r.http?.paths) },
  }));
}

function usesRegex(ing: KObject): boolean {
  const a = ing.metadata.annotations ?? {};
  return a[`${ANN}use-regex`] === "true" || a[`${ANN}rewrite-target`] !== undefined;
}

/** Every path of every served ingress, tagged with its host. */
export function ingressPaths(view: ClusterView): IngressPath[] {
  const out: IngressPath[] = [];
  const ings = nginxIngresses(view);
  // Regex mode is per host in ingress-nginx: one ingress asking for it turns all that host's locations into regexes.
  const regexHosts = new Set<string>();
  for (const ing of ings) if (usesRegex(ing)) for (const r of rulesOf(ing)) regexHosts.add(r.host ?? "");
  for (const ing of ings) {
    for (const rule of rulesOf(ing)) {
      const host = rule.host ?? "";
      for (const p of rule.http?.paths ?? []) {
        if (!p.backend || typeof p.backend !== "object") continue;
        const path = typeof p.path === "string" ? p.path : "/";
        const pathType = p.pathType === "Exact" || p.pathType === "Prefix" ? p.pathType : "ImplementationSpecific";
        out.push({ ingress: ing, host, path, pathType, backend: p.backend, regex: regexHosts.has(host) });
      }
    }
  }
  return out;
}

export interface RouteDecision {
  /** The server block chosen: the rule host, or "_" for the default server. */
  server: string;
  match?: { path: IngressPath; groups: string[] };
  /** The ingress whose annotations apply (the matched path's, else the host's first). */
  ingress?: KObject;
  backend?: IngressBackend;
}

export function route(view: ClusterView, host: string, path: string): RouteDecision {
  const paths = ingressPaths(view);
  const hosts = [...new Set(paths.map((p) => p.host).filter((h) => h))];
  const exact = hosts.find((h) => !h.startsWith("*.") && hostMatches(h, host));
  const wildcard = exact ? undefined : hosts.find((h) => h.startsWith("*.") && hostMatches(h, host));
  const server = exact ?? wildcard ?? "";
  const candidates = paths.filter((p) => p.host === server);
  const match = bestPath(candidates, path.split("?")[0]);
  if (match) return { server: server || "_", match, ingress: match.path.ingress, backend: match.path.backend };
  // No location matched: an ingress's spec.defaultBackend, else the controller's 404.
  const withDefault = nginxIngresses(view).find((i) => specOf(i).defaultBackend && typeof specOf(i).defaultBackend === "object");
  return { server: server || "_", ingress: candidates[0]?.ingress, backend: withDefault ? specOf(withDefault).defaultBackend : undefined };
}

/** Does some served ingress have a TLS section covering this host? */
export function tlsFor(view: ClusterView, host: string): { ingress: KObject; secretName?: string } | undefined {
  for (const ing of nginxIngresses(view)) {
    for (const t of arr<NonNullable<Spec["tls"]>[number]>(specOf(ing).tls)) {
      const hosts = Array.isArray(t.hosts) ? t.hosts.filter((h): h is string => typeof h === "string") : [];
      if (hosts.some((h) => hostMatches(h, host))) return { ingress: ing, secretName: typeof t.secretName === "string" ? t.secretName : undefined };
    }
  }
  return undefined;
}

/** "8m" → bytes, as nginx parses client_max_body_size; "0" disables the check. */
export function parseSize(s: string): number {
  const m = /^(\d+)([kKmMgG]?)$/.exec(s.trim());
  if (!m) return 1024 * 1024;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  return unit === "k" ? n * 1024 : unit === "m" ? n * 1024 * 1024 : unit === "g" ? n * 1024 * 1024 * 1024 : n;
}

/** An ingress-nginx generated response: server tokens off clears the Server header. */
export function controllerResponse(status: number, now: number, body: string, extra: [string, string][] = []): HttpResponse {
  return {
    status,
    reason: nginxReason(status),
    httpVersion: "1.1",
    headers: [["Date", httpDate(now)], ["Content-Type", "text/html"], ["Content-Length", String(byteLength(body))], ["Connection", "keep-alive"], ...extra],
    body,
  };
}

export function errorResponse(status: number, now: number, extra: [string, string][] = []): HttpResponse {
  return controllerResponse(status, now, nginxErrorPage(status, "nginx"), extra);
}

export type BackendCall = (service: string, namespace: string, port: { number?: number; name?: string }, req: HttpRequest) => HttpResponse;

export interface ControllerResult {
  response: HttpResponse;
  decision: RouteDecision;
  /** The upstream request after rewrite-target, when the request was proxied. */
  upstreamPath?: string;
  /** The X-Request-ID sent upstream ($req_id in the access log). */
  requestId?: string;
  /** "ns-svc-port", as ingress-nginx names upstreams ($proxy_upstream_name). */
  upstreamName?: string;
}

/** Handle one request that reached the controller on its http (80) or https (443) port. */
export function handleIngressRequest(view: ClusterView, req: HttpRequest, clientIP: string, callBackend: BackendCall, rnd: () => number = () => view.random()): ControllerResult {
  const now = view.now();
  const hostHeader = header(req.headers, "Host") ?? req.serverName ?? "";
  const host = hostHeader.replace(/:\d+$/, "");
  const path = req.path || "/";
  const decision = route(view, host, path);
  const ann = decision.ingress?.metadata.annotations ?? {};

  // ssl-redirect applies when the host has TLS; force-ssl-redirect even without it.
  if (req.scheme === "http" && decision.ingress) {
    const hasTls = !!tlsFor(view, host);
    const force = ann[`${ANN}force-ssl-redirect`] === "true";
    const sslRedirect = ann[`${ANN}ssl-redirect`] !== "false";
    if (force || (hasTls && sslRedirect)) {
      const code = Number(ann[`${ANN}permanent-redirect-code`] ?? 308) || 308;
      return { response: errorResponse(code, now, [["Location", `https://${host}${path}`]]), decision };
    }
  }

  const limit = parseSize(ann[`${ANN}proxy-body-size`] ?? "1m");
  if (limit > 0 && req.body !== undefined && byteLength(req.body) > limit) return { response: errorResponse(413, now), decision };

  if (!decision.backend?.service) return { response: errorResponse(404, now), decision };

  let upstreamPath = path;
  const rewrite = ann[`${ANN}rewrite-target`];
  if (rewrite !== undefined && decision.match) {
    const groups = decision.match.groups;
    const query = path.includes("?") ? path.slice(path.indexOf("?")) : "";
    upstreamPath = rewrite.replace(/\$(\d)/g, (_, d: string) => groups[Number(d)] ?? "") || "/";
    if (!upstreamPath.includes("?")) upstreamPath += query;
  }
  const ns = decision.match?.path.ingress.metadata.namespace ?? decision.ingress?.metadata.namespace ?? "default";
  const svc = decision.backend.service;
  const reqId = requestId(rnd);
  const forwarded: HttpRequest = {
    ...req,
    path: upstreamPath,
    headers: {
      ...req.headers,
      "X-Request-ID": reqId,
      "X-Real-IP": clientIP,
      "X-Forwarded-For": clientIP,
      "X-Forwarded-Host": host,
      "X-Forwarded-Port": req.scheme === "https" ? "443" : "80",
      "X-Forwarded-Proto": req.scheme,
      "X-Forwarded-Scheme": req.scheme,
      "X-Scheme": req.scheme,
    },
  };
  const upstream = callBackend(svc.name, ns, svc.port, forwarded);
  const upstreamName = `${ns}-${svc.name}-${svc.port?.number ?? svc.port?.name ?? ""}`;
  return { response: proxied(upstream, now, req.scheme === "https"), decision, upstreamPath, requestId: reqId, upstreamName };
}

function requestId(rnd: () => number): string {
  let s = "";
  for (let i = 0; i < 32; i++) s += Math.floor(rnd() * 16).toString(16);
  return s;
}

// nginx hides the upstream's Server and Date and writes its own Date; with HSTS on (the default) https answers get Strict-Transport-Security.
function proxied(up: HttpResponse, now: number, https: boolean): HttpResponse {
  const drop = new Set(["server", "date", "connection", "content-type", "content-length"]);
  const get = (k: string) => up.headers.find(([h]) => h.toLowerCase() === k)?.[1];
  const headers: [string, string][] = [["Date", httpDate(now)]];
  const ct = get("content-type");
  if (ct) headers.push(["Content-Type", ct]);
  headers.push(["Content-Length", get("content-length") ?? String(byteLength(up.body))], ["Connection", "keep-alive"]);
  for (const [k, v] of up.headers) if (!drop.has(k.toLowerCase())) headers.push([k, v]);
  if (https) headers.push(["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]);
  return { ...up, headers };
}
