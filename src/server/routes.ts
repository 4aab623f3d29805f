// URL path → what is being addressed. Pure: knows the path grammar of the
// Kubernetes REST API and the resource list, nothing about HTTP.
import type { ResourceInfo } from "../cluster/index.ts";
import { hasGroupVersion } from "./discovery.ts";

export type Route =
  | { kind: "version" }
  | { kind: "health"; name: string }
  | { kind: "legacy-root" } // /api
  | { kind: "groups-root" } // /apis
  | { kind: "group"; group: string }
  | { kind: "group-version"; group: string; version: string }
  | { kind: "openapi-v2" }
  | { kind: "openapi-v3-root" }
  | { kind: "openapi-v3"; group: string; version: string }
  | {
      kind: "resource";
      info: ResourceInfo;
      /** From the URL; undefined for cluster-scoped kinds and for lists across namespaces. */
      namespace?: string;
      name?: string;
      subresource?: string;
    }
  | { kind: "not-found" };

/** Split a path into decoded segments, ignoring empty ones (`/api/v1/` = `/api/v1`). */
function segments(path: string): string[] {
  return path
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

export function route(path: string, resources: readonly ResourceInfo[]): Route {
  const s = segments(path);
  if (s.length === 1 && s[0] === "version") return { kind: "version" };
  if (s.length >= 1 && ["healthz", "livez", "readyz"].includes(s[0])) return { kind: "health", name: s[0] };
  if (s[0] === "openapi") {
    if (s[1] === "v2" && s.length === 2) return { kind: "openapi-v2" };
    if (s[1] === "v3" && s.length === 2) return { kind: "openapi-v3-root" };
    if (s[1] === "v3" && s[2] === "api" && s[3] === "v1" && s.length === 4) {
      return { kind: "openapi-v3", group: "", version: "v1" };
    }
    if (s[1] === "v3" && s[2] === "apis" && s.length === 5) return { kind: "openapi-v3", group: s[3], version: s[4] };
    return { kind: "not-found" };
  }
  if (s[0] === "api") {
    if (s.length === 1) return { kind: "legacy-root" };
    if (s[1] !== "v1") return { kind: "not-found" };
    if (s.length === 2) return { kind: "group-version", group: "", version: "v1" };
    return resourceRoute("", "v1", s.slice(2), resources);
  }
  if (s[0] === "apis") {
    if (s.length === 1) return { kind: "groups-root" };
    if (s.length === 2) return resources.some((r) => r.group === s[1]) ? { kind: "group", group: s[1] } : { kind: "not-found" };
    if (!hasGroupVersion(resources, s[1], s[2])) return { kind: "not-found" };
    if (s.length === 3) return { kind: "group-version", group: s[1], version: s[2] };
    return resourceRoute(s[1], s[2], s.slice(3), resources);
  }
  return { kind: "not-found" };
}

function find(resources: readonly ResourceInfo[], group: string, version: string, resource: string) {
  return resources.find((r) => r.group === group && r.version === version && r.resource === resource);
}

function resourceRoute(group: string, version: string, rest: string[], resources: readonly ResourceInfo[]): Route {
  // namespaces/<ns>/<resource>/... addresses a namespaced resource inside a namespace;
  // namespaces/<name>[/<sub>] addresses the Namespace object itself.
  if (rest[0] === "namespaces" && rest.length >= 3) {
    const inner = find(resources, group, version, rest[2]);
    if (inner && inner.namespaced) {
      if (rest.length > 5) return { kind: "not-found" };
      return withSub(inner, rest[1], rest[3], rest[4]);
    }
    if (group === "" && rest.length === 3) {
      const ns = find(resources, "", "v1", "namespaces");
      if (ns && ns.subresources.includes(rest[2])) return { kind: "resource", info: ns, name: rest[1], subresource: rest[2] };
    }
    return { kind: "not-found" };
  }
  const info = find(resources, group, version, rest[0]);
  if (!info || rest.length > 3) return { kind: "not-found" };
  // A namespaced resource addressed without a namespace is only a list/watch across namespaces.
  if (info.namespaced && rest.length > 1) return { kind: "not-found" };
  return withSub(info, undefined, rest[1], rest[2]);
}

function withSub(info: ResourceInfo, namespace: string | undefined, name?: string, sub?: string): Route {
  if (sub !== undefined && !info.subresources.includes(sub)) return { kind: "not-found" };
  return {
    kind: "resource",
    info,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(sub !== undefined ? { subresource: sub } : {}),
  };
}
