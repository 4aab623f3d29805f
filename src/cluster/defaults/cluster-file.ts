// The cluster file: an optional `kind: Cluster` document, then manifests applied in
// order. The Cluster document is checked once, with errors that name the field.
import { parseAllDocuments } from "yaml";
import type { ClusterConfig, CniName, ImageBehavior, ProxyMode } from "../types.ts";
import type { KObject } from "../api/types.ts";
import { isPlainObject } from "../api/objects.ts";
import { ipToInt, parseCidr } from "../api/allocators.ts";

export interface ClusterFileInput {
  /** The `spec` of the Cluster document (any subset), plus metadata.name as `name`. */
  config?: Partial<Omit<ClusterConfig, "nodes">> & { nodes?: { name: string; ip: string; roles?: string[] }[] };
  manifests?: KObject[];
}

export interface ClusterFile {
  config: ClusterConfig;
  manifests: KObject[];
}

export class ClusterFileError extends Error {
  override name = "ClusterFileError";
}

const CNIS: CniName[] = ["calico", "flannel", "cilium", "weave"];
const MODES: ProxyMode[] = ["iptables", "ipvs"];
const ADDONS = ["ingress-nginx", "metallb"];

export function defaultNodes(): Required<ClusterConfig["nodes"][number]>[] {
  return [
    { name: "control-plane", ip: "172.18.0.2", roles: ["control-plane"] },
    { name: "worker1", ip: "172.18.0.3", roles: [] },
    { name: "worker2", ip: "172.18.0.4", roles: [] },
  ];
}

export function parseClusterFile(text: string): ClusterFile {
  const docs = parseAllDocuments(text);
  const values: unknown[] = [];
  for (const [i, d] of docs.entries()) {
    if (d.errors.length) throw new ClusterFileError(`document ${i + 1}: ${d.errors[0].message}`);
    const v = d.toJS();
    if (v !== null && v !== undefined) values.push(v);
  }
  let spec: Record<string, unknown> = {};
  let name: string | undefined;
  if (isPlainObject(values[0]) && values[0].kind === "Cluster") {
    const doc = values.shift() as Record<string, unknown>;
    if (doc.apiVersion !== "labnotes.dev/v1alpha1")
      throw new ClusterFileError(`apiVersion: the Cluster document must be labnotes.dev/v1alpha1, not ${JSON.stringify(doc.apiVersion)}`);
    if (doc.spec !== undefined && !isPlainObject(doc.spec)) throw new ClusterFileError("spec: must be a mapping");
    spec = (doc.spec as Record<string, unknown>) ?? {};
    const meta = doc.metadata;
    if (isPlainObject(meta) && typeof meta.name === "string") name = meta.name;
  }
  const manifests: KObject[] = [];
  for (const [i, v] of values.entries()) {
    if (!isPlainObject(v)) throw new ClusterFileError(`manifest ${i + 1}: must be a mapping`);
    if (v.kind === "List" && Array.isArray(v.items)) manifests.push(...(v.items as KObject[]));
    else manifests.push(v as KObject);
  }
  return { config: resolveConfig({ ...spec, ...(name ? { name } : {}) }), manifests };
}

/** Fill every default and check every field of a Cluster spec. */
export function resolveConfig(spec: Record<string, unknown>): ClusterConfig {
  const str = (k: string, def: string): string => {
    const v = spec[k];
    if (v === undefined || v === null) return def;
    if (typeof v !== "string") throw new ClusterFileError(`spec.${k}: must be a string`);
    return v;
  };
  const cni = str("cni", "calico") as CniName;
  if (!CNIS.includes(cni)) throw new ClusterFileError(`spec.cni: must be one of ${CNIS.join(", ")}, not ${JSON.stringify(cni)}`);
  const proxyMode = str("proxyMode", "iptables") as ProxyMode;
  if (!MODES.includes(proxyMode)) throw new ClusterFileError(`spec.proxyMode: must be iptables or ipvs, not ${JSON.stringify(proxyMode)}`);
  const serviceCIDR = str("serviceCIDR", "10.96.0.0/12");
  if (!parseCidr(serviceCIDR)) throw new ClusterFileError(`spec.serviceCIDR: ${JSON.stringify(serviceCIDR)} is not a CIDR`);
  const podCIDR = str("podCIDR", cni === "flannel" ? "10.244.0.0/16" : cni === "weave" ? "10.32.0.0/12" : cni === "cilium" ? "10.0.0.0/8" : "192.168.0.0/16");
  if (!parseCidr(podCIDR)) throw new ClusterFileError(`spec.podCIDR: ${JSON.stringify(podCIDR)} is not a CIDR`);

  let nodes = defaultNodes();
  if (spec.nodes !== undefined) {
    if (!Array.isArray(spec.nodes) || spec.nodes.length === 0) throw new ClusterFileError("spec.nodes: must be a non-empty list");
    const seen = new Set<string>();
    nodes = spec.nodes.map((n, i) => {
      if (!isPlainObject(n)) throw new ClusterFileError(`spec.nodes[${i}]: must be a mapping`);
      if (typeof n.name !== "string" || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(n.name))
        throw new ClusterFileError(`spec.nodes[${i}].name: must be a lower-case DNS label`);
      if (seen.has(n.name)) throw new ClusterFileError(`spec.nodes[${i}].name: duplicate node ${n.name}`);
      seen.add(n.name);
      if (typeof n.ip !== "string" || Number.isNaN(ipToInt(n.ip))) throw new ClusterFileError(`spec.nodes[${i}].ip: must be an IPv4 address`);
      const roles = n.roles ?? [];
      if (!Array.isArray(roles) || roles.some((r) => typeof r !== "string")) throw new ClusterFileError(`spec.nodes[${i}].roles: must be a list of strings`);
      return { name: n.name, ip: n.ip, roles: roles as string[] };
    });
  }
  const list = (k: string): string[] => {
    const v = spec[k] ?? [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new ClusterFileError(`spec.${k}: must be a list of strings`);
    return v as string[];
  };
  const addons = list("addons");
  for (const a of addons) if (!ADDONS.includes(a)) throw new ClusterFileError(`spec.addons: unknown add-on ${JSON.stringify(a)} (known: ${ADDONS.join(", ")})`);
  const loadBalancerPool = list("loadBalancerPool");
  for (const p of loadBalancerPool) if (!parsePoolEntry(p)) throw new ClusterFileError(`spec.loadBalancerPool: ${JSON.stringify(p)} is neither a CIDR nor a range a.b.c.d-e.f.g.h`);
  const images = spec.images ?? {};
  if (!isPlainObject(images)) throw new ClusterFileError("spec.images: must be a mapping of image name to behaviour");
  const raw = spec.raw ?? false;
  if (typeof raw !== "boolean") throw new ClusterFileError("spec.raw: must be true or false");
  return {
    name: str("name", "default"),
    kubernetesVersion: str("kubernetesVersion", "v1.32.0"),
    nodes,
    cni,
    proxyMode,
    serviceCIDR,
    podCIDR,
    clusterDomain: str("clusterDomain", "cluster.local"),
    addons,
    loadBalancerPool,
    images: images as Record<string, ImageBehavior>,
    raw,
  };
}

/** A pool entry: `172.18.255.200-172.18.255.250` or a CIDR. Returns the inclusive integer range. */
export function parsePoolEntry(entry: string): { first: number; last: number } | undefined {
  const dash = entry.indexOf("-");
  if (dash > 0) {
    const first = ipToInt(entry.slice(0, dash).trim());
    const last = ipToInt(entry.slice(dash + 1).trim());
    if (Number.isNaN(first) || Number.isNaN(last) || last < first) return undefined;
    return { first, last };
  }
  const c = parseCidr(entry);
  if (!c) return undefined;
  return { first: c.base, last: c.base + 2 ** (32 - c.bits) - 1 };
}
