// A tiny stand-in for the cluster's read API, so the check language can be
// tested without the emulator. Only what checks use is implemented.
import type { ConnectRequest, ConnectResult, DnsLookup, KObject, ResourceInfo } from "../../src/cluster/index.ts";
import type { CheckCluster } from "../../src/labs/evaluate.ts";

const RESOURCES: ResourceInfo[] = [
  info("", "pods", "Pod", true, ["po"]),
  info("", "services", "Service", true, ["svc"]),
  info("apps", "deployments", "Deployment", true, ["deploy"]),
  info("", "nodes", "Node", false, ["no"]),
];

function info(group: string, resource: string, kind: string, namespaced: boolean, shortNames: string[]): ResourceInfo {
  return { group, version: "v1", resource, singular: kind.toLowerCase(), kind, namespaced, shortNames, categories: [], verbs: [], subresources: [] };
}

function notFound(name: string) {
  return { ok: false as const, status: { kind: "Status" as const, apiVersion: "v1" as const, metadata: {}, status: "Failure" as const, message: `"${name}" not found`, reason: "NotFound", code: 404 } };
}

export interface FakeCluster extends CheckCluster {
  objects: { resource: string; obj: KObject }[];
  connects: ConnectRequest[];
}

export function fakeCluster(opts: {
  objects?: { resource: string; obj: KObject }[];
  connect?: (req: ConnectRequest) => ConnectResult["outcome"];
  lookup?: (name: string) => DnsLookup;
}): FakeCluster {
  const objects = opts.objects ?? [];
  const connects: ConnectRequest[] = [];
  const inScope = (resource: string, ns?: string) =>
    objects.filter((o) => o.resource === resource && (ns === undefined || o.obj.metadata.namespace === ns)).map((o) => o.obj);
  return {
    objects,
    connects,
    resolveResource: (name) => RESOURCES.find((r) => r.resource === name || r.singular === name || r.shortNames.includes(name) || r.kind === name),
    get: (ref) => {
      const found = inScope(ref.resource, ref.namespace).find((o) => o.metadata.name === ref.name);
      return found ? { ok: true, value: found } : notFound(ref.name);
    },
    list: (ref, lo) => {
      const pairs = (lo?.labelSelector ?? "").split(",").filter(Boolean).map((p) => p.split("="));
      const value = inScope(ref.resource, lo?.namespace).filter((o) => pairs.every(([k, v]) => o.metadata.labels?.[k] === v));
      return { ok: true, value };
    },
    connect: (req) => {
      connects.push(req);
      return { outcome: opts.connect ? opts.connect(req) : { kind: "unreachable", ip: "0.0.0.0" }, trace: [], elapsedMs: 1 };
    },
    lookup: (_from, req) => (opts.lookup ? opts.lookup(req.name) : { exchanges: [], final: null }),
  };
}

export function pod(name: string, labels: Record<string, string>, phase: string, podIP?: string, namespace = "default"): { resource: string; obj: KObject } {
  return { resource: "pods", obj: { apiVersion: "v1", kind: "Pod", metadata: { name, namespace, labels }, spec: {}, status: { phase, podIP } } };
}

export function answer(name: string, rcode: "NOERROR" | "NXDOMAIN", ips: string[]): DnsLookup {
  const ex = {
    server: "10.96.0.10",
    port: 53,
    question: { name, type: "A" as const },
    reply: {
      rcode,
      authoritative: true,
      recursionAvailable: false,
      answer: ips.map((ip) => ({ name, ttl: 30, class: "IN" as const, type: "A" as const, data: ip })),
      authority: [],
      additional: [],
    },
  };
  return { exchanges: [ex], final: rcode === "NOERROR" ? ex : null };
}
