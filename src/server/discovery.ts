// Discovery documents built from the cluster's resource list: the legacy forms
// (/api, /api/v1, /apis, /apis/<g>, /apis/<g>/<v>) and the aggregated form
// (apidiscovery.k8s.io/v2) that kubectl 1.32 asks for first.
import type { ResourceInfo } from "../cluster/index.ts";

interface SubresourceShape {
  group?: string;
  version?: string;
  /** Kind of the subresource's body; undefined = the parent's kind. */
  kind?: string;
  verbs: string[];
}

// What the real server registers for each subresource name (k/k pkg/registry/*/rest storage).
const SUBRESOURCES: Record<string, SubresourceShape> = {
  status: { verbs: ["get", "patch", "update"] },
  scale: { group: "autoscaling", version: "v1", kind: "Scale", verbs: ["get", "patch", "update"] },
  log: { verbs: ["get"] },
  exec: { kind: "PodExecOptions", verbs: ["create", "get"] },
  attach: { kind: "PodAttachOptions", verbs: ["create", "get"] },
  portforward: { kind: "PodPortForwardOptions", verbs: ["create", "get"] },
  binding: { kind: "Binding", verbs: ["create"] },
  eviction: { group: "policy", version: "v1", kind: "Eviction", verbs: ["create"] },
  ephemeralcontainers: { verbs: ["get", "patch", "update"] },
  finalize: { verbs: ["update"] },
  token: { group: "authentication.k8s.io", version: "v1", kind: "TokenRequest", verbs: ["create"] },
};

function proxyKind(info: ResourceInfo): string {
  return `${info.kind}ProxyOptions`;
}

export function subresourceShape(info: ResourceInfo, sub: string): SubresourceShape {
  if (sub === "proxy") return { kind: proxyKind(info), verbs: ["create", "delete", "get", "patch", "update"] };
  return SUBRESOURCES[sub] ?? { verbs: ["get"] };
}

export interface GroupVersions {
  group: string;
  versions: string[];
}

/** Groups in discovery order (core excluded), each with its versions, preferred first. */
export function apiGroups(resources: readonly ResourceInfo[]): GroupVersions[] {
  const groups = new Map<string, string[]>();
  for (const r of resources) {
    if (!r.group) continue;
    const versions = groups.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    groups.set(r.group, versions);
  }
  return [...groups].map(([group, versions]) => ({ group, versions }));
}

export function hasGroupVersion(resources: readonly ResourceInfo[], group: string, version: string): boolean {
  return resources.some((r) => r.group === group && r.version === version);
}

function gv(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function apiVersions(serverAddress: string): object {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function groupEntry(g: GroupVersions): object {
  const versions = g.versions.map((v) => ({ groupVersion: gv(g.group, v), version: v }));
  return { name: g.group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(resources: readonly ResourceInfo[]): object {
  return { kind: "APIGroupList", apiVersion: "v1", groups: apiGroups(resources).map(groupEntry) };
}

export function apiGroup(resources: readonly ResourceInfo[], group: string): object | undefined {
  const g = apiGroups(resources).find((x) => x.group === group);
  return g ? { kind: "APIGroup", apiVersion: "v1", ...groupEntry(g) } : undefined;
}

export function apiResourceList(resources: readonly ResourceInfo[], group: string, version: string): object {
  const entries: object[] = [];
  for (const r of resources.filter((x) => x.group === group && x.version === version)) {
    entries.push({
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
    });
    for (const sub of r.subresources) {
      const shape = subresourceShape(r, sub);
      entries.push({
        name: `${r.resource}/${sub}`,
        singularName: "",
        namespaced: r.namespaced,
        ...(shape.group !== undefined ? { group: shape.group, version: shape.version } : {}),
        kind: shape.kind ?? r.kind,
        verbs: shape.verbs,
      });
    }
  }
  // The core group's list carries no apiVersion; named groups' lists do.
  return group
    ? { kind: "APIResourceList", apiVersion: "v1", groupVersion: gv(group, version), resources: entries }
    : { kind: "APIResourceList", groupVersion: "v1", resources: entries };
}

function discoveryResource(r: ResourceInfo): object {
  const subresources = r.subresources.map((sub) => {
    const shape = subresourceShape(r, sub);
    return {
      subresource: sub,
      responseKind: { group: shape.group ?? r.group, version: shape.version ?? r.version, kind: shape.kind ?? r.kind },
      verbs: shape.verbs,
    };
  });
  return {
    resource: r.resource,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? "Namespaced" : "Cluster",
    singularResource: r.singular,
    verbs: r.verbs,
    ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
    ...(r.categories.length ? { categories: r.categories } : {}),
    ...(subresources.length ? { subresources } : {}),
  };
}

function discoveryGroup(resources: readonly ResourceInfo[], group: string, versions: string[]): object {
  return {
    metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      resources: resources.filter((r) => r.group === group && r.version === version).map(discoveryResource),
      freshness: "Current",
    })),
  };
}

/** GET /api (legacy=true) or /apis in the aggregated form. */
export function aggregatedDiscovery(resources: readonly ResourceInfo[], legacy: boolean, version: string): object {
  const items = legacy
    ? [discoveryGroup(resources, "", ["v1"])]
    : apiGroups(resources).map((g) => discoveryGroup(resources, g.group, g.versions));
  return { kind: "APIGroupDiscoveryList", apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

export function aggregatedContentType(version: string): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
