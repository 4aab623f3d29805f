// The objects `kubectl create <generator>` builds, field for field in Go struct order
// (which is what `--dry-run=client -o json` shows).
import type { KObject } from "../../cluster/index.ts";
import { CmdError } from "../cli/errors.ts";

type Json = Record<string, unknown>;

/** ObjectMeta in struct order: name, namespace, creationTimestamp, labels. */
export function meta(name: string, namespace: string | undefined, labels?: Record<string, string>): KObject["metadata"] {
  const m: Json = { name };
  if (namespace) m.namespace = namespace;
  m.creationTimestamp = null;
  if (labels) m.labels = labels;
  return m as KObject["metadata"];
}

/** Go's strconv.ParseUint(s, 10, 16), with its error text. */
function parsePort(s: string): number {
  if (!/^\d+$/.test(s)) throw new CmdError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw new CmdError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

function parsePortSpec(spec: string): { port: number; target: number | string; name: string } {
  const [p, t] = spec.split(":");
  const port = parsePort(p ?? "");
  if (t === undefined) return { port, target: port, name: String(port) };
  const target = /^\d+$/.test(t) ? Number(t) : t;
  return { port, target, name: `${port}-${t}` };
}

export function serviceObject(
  type: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName",
  name: string,
  namespace: string | undefined,
  opts: { tcp: string[]; clusterIP?: string; nodePort?: number; externalName?: string },
): KObject {
  const labels = { app: name };
  const spec: Json = {};
  if (type !== "ExternalName") {
    const ports = opts.tcp.map((t) => {
      const p = parsePortSpec(t);
      const port: Json = { name: p.name, protocol: "TCP", port: p.port, targetPort: p.target };
      if (opts.nodePort) port.nodePort = opts.nodePort;
      return port;
    });
    if (ports.length > 0) spec.ports = ports;
  }
  spec.selector = labels;
  if (opts.clusterIP !== undefined && opts.clusterIP !== "") spec.clusterIP = opts.clusterIP;
  spec.type = type;
  if (type === "ExternalName") spec.externalName = opts.externalName;
  return { kind: "Service", apiVersion: "v1", metadata: meta(name, namespace, { app: name }), spec, status: { loadBalancer: {} } };
}

/** The container name kubectl derives from an image: last path segment without tag or digest. */
export function containerNameFor(image: string): string {
  const last = image.split("/").pop() ?? image;
  return last.split("@")[0]!.split(":")[0]!;
}

export function deploymentObject(name: string, namespace: string | undefined, images: string[], opts: { replicas: number; port: number; command: string[] }): KObject {
  const labels = { app: name };
  const containers = images.map((image) => {
    const c: Json = { name: containerNameFor(image), image };
    if (opts.command.length > 0) c.command = opts.command;
    if (opts.port >= 0) c.ports = [{ containerPort: opts.port }];
    c.resources = {};
    return c;
  });
  return {
    kind: "Deployment",
    apiVersion: "apps/v1",
    metadata: meta(name, namespace, labels),
    spec: {
      replicas: opts.replicas,
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

function backendOf(svcPort: string): Json {
  const at = svcPort.lastIndexOf(":");
  const svc = svcPort.slice(0, at);
  const port = svcPort.slice(at + 1);
  return { service: { name: svc, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

/** `host/path=svc:port[,tls[=secret]]`: a trailing `*` on the path means Prefix, else Exact. */
export function ingressObject(name: string, namespace: string | undefined, opts: { className: string; rules: string[]; defaultBackend: string; annotations: string[] }): KObject {
  const spec: Json = {};
  if (opts.className) spec.ingressClassName = opts.className;
  if (opts.defaultBackend) spec.defaultBackend = backendOf(opts.defaultBackend);
  const tls: Json[] = [];
  const rules: Json[] = [];
  for (const rule of opts.rules) {
    const [hostPath, ...extras] = rule.split(",");
    const eq = hostPath!.indexOf("=");
    if (eq < 0 || !/^[^=]*\/?[^=]*=[^:]+:[^:]+$/.test(hostPath!)) throw new CmdError(`rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
    const left = hostPath!.slice(0, eq);
    const slash = left.indexOf("/");
    const host = slash < 0 ? left : left.slice(0, slash);
    let path = slash < 0 ? "/" : left.slice(slash);
    let pathType = "Exact";
    if (path.endsWith("*")) {
      pathType = "Prefix";
      path = path.slice(0, -1);
    }
    const r: Json = {};
    if (host) r.host = host;
    r.http = { paths: [{ path, pathType, backend: backendOf(hostPath!.slice(eq + 1)) }] };
    const existing = rules.find((x) => x.host === r.host && x.http);
    if (existing) ((existing.http as Json).paths as Json[]).push(...((r.http as Json).paths as Json[]));
    else rules.push(r);
    for (const extra of extras) {
      if (extra === "tls" || extra.startsWith("tls=")) {
        const t: Json = {};
        if (host) t.hosts = [host];
        const secret = extra.slice(4);
        if (secret) t.secretName = secret;
        tls.push(t);
      }
    }
  }
  if (tls.length > 0) spec.tls = tls;
  if (rules.length > 0) spec.rules = rules;
  const m = meta(name, namespace);
  if (opts.annotations.length > 0) {
    m.annotations = Object.fromEntries(opts.annotations.map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]));
  }
  return { kind: "Ingress", apiVersion: "networking.k8s.io/v1", metadata: m, spec, status: { loadBalancer: {} } };
}

function literalPairs(literals: string[]): [string, string][] {
  return literals.map((l) => {
    const eq = l.indexOf("=");
    if (eq <= 0) throw new CmdError(`invalid literal source ${l}, expected key=value`);
    return [l.slice(0, eq), l.slice(eq + 1)];
  });
}

export function configMapObject(name: string, namespace: string | undefined, data: [string, string][]): KObject {
  const o: KObject = { kind: "ConfigMap", apiVersion: "v1", metadata: meta(name, namespace) };
  if (data.length > 0) o.data = Object.fromEntries(data);
  return o;
}

export function secretObject(name: string, namespace: string | undefined, type: string, data: [string, string][]): KObject {
  const o: KObject = { kind: "Secret", apiVersion: "v1", metadata: meta(name, namespace) };
  if (data.length > 0) o.data = Object.fromEntries(data.map(([k, v]) => [k, base64(v)]));
  if (type) o.type = type;
  return o;
}

export function namespaceObject(name: string): KObject {
  return { kind: "Namespace", apiVersion: "v1", metadata: meta(name, undefined), spec: {}, status: {} };
}

export { literalPairs };

function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
