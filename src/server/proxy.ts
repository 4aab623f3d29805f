// The proxy subresource of services and pods (/api/v1/namespaces/NS/services/[scheme:]NAME[:PORT]/proxy/PATH):
// the API server forwards an HTTP request into the cluster, which is how `kubectl proxy`
// and `kubectl get --raw …/proxy/` reach an app. The exchange itself is Cluster.connect.
import type { Cluster, KObject, Outcome } from "../cluster/index.ts";
import type { ApiRequest, ApiResponse, BodyResponse } from "./types.ts";
import { statusResponse } from "./encode.ts";
import { failure } from "./status.ts";

export interface ProxyTarget {
  kind: "services" | "pods";
  namespace: string;
  /** As written in the URL: "web", "web:80", "http:web:http". */
  nameAndPort: string;
  /** Path after /proxy, with its leading slash ("/" when empty). */
  path: string;
}

const PROXY_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/(services|pods)\/([^/]+)\/proxy(\/.*)?$/;

export function proxyTarget(path: string): ProxyTarget | undefined {
  const m = PROXY_PATH.exec(path);
  if (!m) return undefined;
  return { namespace: decodeURIComponent(m[1]), kind: m[2] as ProxyTarget["kind"], nameAndPort: decodeURIComponent(m[3]), path: m[4] ?? "/" };
}

/** "[scheme:]name[:port]" as the API server splits it. */
function splitNamePort(text: string): { scheme: string; name: string; port: string } {
  const parts = text.split(":");
  if (parts.length === 3) return { scheme: parts[0], name: parts[1], port: parts[2] };
  if (parts.length === 2) return { scheme: "", name: parts[0], port: parts[1] };
  return { scheme: "", name: text, port: "" };
}

function unavailable(message: string): ApiResponse {
  return statusResponse(failure(503, "ServiceUnavailable", message));
}

interface ServicePort {
  name?: string;
  port: number;
}

/** The address to dial: the Service's cluster IP and port, or the pod's IP and port. */
function dialAddress(cluster: Cluster, t: ProxyTarget, name: string, port: string): { ip: string; port: number } | ApiResponse {
  const got = cluster.get({ group: "", resource: t.kind, namespace: t.namespace, name });
  if (!got.ok) return statusResponse(got.status);
  const obj: KObject = got.value;
  if (t.kind === "pods") {
    const ip = (obj.status as { podIP?: string } | undefined)?.podIP;
    if (!ip) return unavailable(`address not allowed`);
    const containers = ((obj.spec as { containers?: { ports?: { name?: string; containerPort: number }[] }[] }).containers ?? []).flatMap((c) => c.ports ?? []);
    const named = containers.find((p) => p.name === port);
    return { ip, port: named ? named.containerPort : Number(port || 80) };
  }
  const spec = obj.spec as { clusterIP?: string; ports?: ServicePort[] };
  const ports = spec.ports ?? [];
  const chosen = port === "" ? ports[0] : ports.find((p) => p.name === port || String(p.port) === port);
  if (!chosen) return unavailable(`no endpoints available for service "${name}"`);
  if (!spec.clusterIP || spec.clusterIP === "None") return unavailable(`no endpoints available for service "${name}"`);
  return { ip: spec.clusterIP, port: chosen.port };
}

function controlPlane(cluster: Cluster): string {
  const nodes = cluster.config.nodes;
  return (nodes.find((n) => n.roles.includes("control-plane")) ?? nodes[0]).name;
}

function failed(outcome: Outcome, t: ProxyTarget, name: string, addr: { ip: string; port: number }): ApiResponse {
  const dial = `dial tcp ${addr.ip}:${addr.port}`;
  switch (outcome.kind) {
    case "refused":
      return outcome.reason === "no-endpoints" && t.kind === "services"
        ? unavailable(`no endpoints available for service "${name}"`)
        : unavailable(`error trying to reach service: ${dial}: connect: connection refused`);
    case "timeout":
      return unavailable(`error trying to reach service: ${dial}: i/o timeout`);
    case "unreachable":
      return unavailable(`error trying to reach service: ${dial}: connect: no route to host`);
    default:
      return unavailable(`error trying to reach service: ${dial}: ${outcome.kind}`);
  }
}

// Hop-by-hop and framing headers are the HTTP adapter's to write.
const DROP = new Set(["content-length", "transfer-encoding", "connection", "keep-alive"]);

export function handleProxy(req: ApiRequest, t: ProxyTarget, cluster: Cluster): ApiResponse {
  const { name, port } = splitNamePort(t.nameAndPort);
  const addr = dialAddress(cluster, t, name, port);
  if ("kind" in addr) return addr;
  const query = req.query.toString();
  const path = t.path + (query ? `?${query}` : "");
  const headers: Record<string, string> = { Host: `${addr.ip}:${addr.port}`, "User-Agent": req.headers["user-agent"] ?? "kubectl", Accept: req.headers["accept"] ?? "*/*" };
  const result = cluster.connect({
    from: { kind: "node", name: controlPlane(cluster) },
    to: `http://${addr.ip}:${addr.port}${path}`,
    http: { scheme: "http", method: req.method, path, headers, ...(req.body ? { body: req.body } : {}) },
  });
  const o = result.outcome;
  if (o.kind !== "http") return failed(o, t, name, addr);
  const answer: BodyResponse = {
    kind: "body",
    status: o.response.status,
    contentType: o.response.headers.find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "",
    body: o.response.body,
    headers: o.response.headers.filter(([k]) => !DROP.has(k.toLowerCase()) && k.toLowerCase() !== "content-type"),
  };
  return answer;
}
