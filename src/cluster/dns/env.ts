// Docker-link style Service environment variables kubelet injects at container
// creation (pkg/kubelet/envvars/envvars.go; reference §7.6).
import type { ClusterView } from "../view.ts";
import { netModel, type ServiceInfo } from "../net/model.ts";

function envName(svc: string): string {
  return svc.toUpperCase().replace(/-/g, "_");
}

function varsFor(svc: ServiceInfo): [string, string][] {
  const p = envName(svc.name);
  const ip = svc.clusterIPs[0];
  const out: [string, string][] = [[`${p}_SERVICE_HOST`, ip]];
  const first = svc.ports[0];
  if (!first) return out;
  out.push([`${p}_SERVICE_PORT`, String(first.port)]);
  for (const port of svc.ports) if (port.name) out.push([`${p}_SERVICE_PORT_${envName(port.name)}`, String(port.port)]);
  out.push([`${p}_PORT`, `${first.protocol.toLowerCase()}://${ip}:${first.port}`]);
  for (const port of svc.ports) {
    const proto = port.protocol.toLowerCase();
    const base = `${p}_PORT_${port.port}_${port.protocol}`;
    out.push([base, `${proto}://${ip}:${port.port}`], [`${base}_PROTO`, proto], [`${base}_PORT`, String(port.port)], [`${base}_ADDR`, ip]);
  }
  return out;
}

/**
 * The variables a container of `pod` got: every Service of its namespace that
 * existed when the pod was created and has a cluster IP, plus `kubernetes` from default.
 */
export function serviceEnv(view: ClusterView, pod: { namespace: string; name: string }): Record<string, string> {
  const model = netModel(view);
  const p = model.pod(pod.namespace, pod.name);
  if (!p) return {};
  const spec = (p.obj.spec ?? {}) as Record<string, unknown>;
  const created = Date.parse(p.obj.metadata.creationTimestamp ?? "") || Infinity;
  const existed = (s: ServiceInfo) => (Date.parse(s.obj.metadata.creationTimestamp ?? "") || 0) <= created;
  const links = spec.enableServiceLinks !== false;
  const chosen = new Map<string, ServiceInfo>();
  for (const s of model.services) {
    if (s.clusterIPs.length === 0 || !existed(s)) continue;
    if (s.namespace === "default" && s.name === "kubernetes") chosen.set(s.name, s);
    else if (links && s.namespace === p.namespace) chosen.set(s.name, s);
  }
  // A same-namespace Service named "kubernetes" is shadowed by the master service.
  const env: Record<string, string> = {};
  for (const name of [...chosen.keys()].sort()) for (const [k, v] of varsFor(chosen.get(name)!)) env[k] = v;
  return env;
}
