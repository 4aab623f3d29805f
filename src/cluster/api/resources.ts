// Discovery: every resource the emulated API server serves, as `kubectl api-resources`
// shows it (verbs, short names and categories as the real server reports them).
import type { ResourceInfo } from "./types.ts";

const ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
// Namespaces cannot be deleted as a collection.
const NO_COLLECTION = ["create", "delete", "get", "list", "patch", "update", "watch"];

function r(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<Pick<ResourceInfo, "shortNames" | "categories" | "verbs" | "subresources">> = {},
): ResourceInfo {
  return {
    group,
    version,
    resource,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    shortNames: extra.shortNames ?? [],
    categories: extra.categories ?? [],
    verbs: extra.verbs ?? ALL_VERBS,
    subresources: extra.subresources ?? [],
  };
}

/** In discovery order: core first, then groups alphabetically, as `kubectl api-resources` prints them. */
export const RESOURCES: readonly ResourceInfo[] = [
  r("", "v1", "configmaps", "ConfigMap", true, { shortNames: ["cm"] }),
  r("", "v1", "endpoints", "Endpoints", true, { shortNames: ["ep"] }),
  r("", "v1", "events", "Event", true, { shortNames: ["ev"] }),
  r("", "v1", "limitranges", "LimitRange", true, { shortNames: ["limits"] }),
  r("", "v1", "namespaces", "Namespace", false, {
    shortNames: ["ns"],
    verbs: NO_COLLECTION,
    subresources: ["finalize", "status"],
  }),
  r("", "v1", "nodes", "Node", false, { shortNames: ["no"], subresources: ["proxy", "status"] }),
  r("", "v1", "pods", "Pod", true, {
    shortNames: ["po"],
    categories: ["all"],
    subresources: ["attach", "binding", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "proxy", "status"],
  }),
  r("", "v1", "resourcequotas", "ResourceQuota", true, { shortNames: ["quota"], subresources: ["status"] }),
  r("", "v1", "secrets", "Secret", true),
  r("", "v1", "serviceaccounts", "ServiceAccount", true, { shortNames: ["sa"], subresources: ["token"] }),
  r("", "v1", "services", "Service", true, {
    shortNames: ["svc"],
    categories: ["all"],
    subresources: ["proxy", "status"],
  }),
  r("apps", "v1", "daemonsets", "DaemonSet", true, { shortNames: ["ds"], categories: ["all"], subresources: ["status"] }),
  r("apps", "v1", "deployments", "Deployment", true, {
    shortNames: ["deploy"],
    categories: ["all"],
    subresources: ["scale", "status"],
  }),
  r("apps", "v1", "replicasets", "ReplicaSet", true, {
    shortNames: ["rs"],
    categories: ["all"],
    subresources: ["scale", "status"],
  }),
  r("apps", "v1", "statefulsets", "StatefulSet", true, {
    shortNames: ["sts"],
    categories: ["all"],
    subresources: ["scale", "status"],
  }),
  r("coordination.k8s.io", "v1", "leases", "Lease", true),
  r("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true),
  r("metallb.io", "v1beta1", "ipaddresspools", "IPAddressPool", true),
  r("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false),
  r("networking.k8s.io", "v1", "ingresses", "Ingress", true, { shortNames: ["ing"], subresources: ["status"] }),
  r("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, { shortNames: ["netpol"] }),
];

const byKind = new Map<string, ResourceInfo>();
const byResource = new Map<string, ResourceInfo>();
for (const info of RESOURCES) {
  byKind.set(`${groupVersion(info)}/${info.kind}`, info);
  byResource.set(resourceKey(info.group, info.resource), info);
}

export function groupVersion(info: Pick<ResourceInfo, "group" | "version">): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** `services` for core, `deployments.apps` otherwise: the name apimachinery uses in messages. */
export function qualifiedResource(info: Pick<ResourceInfo, "group" | "resource">): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

export function resourceKey(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

export function infoForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return byKind.get(`${apiVersion}/${kind}`);
}

export function infoForResource(group: string, resource: string): ResourceInfo | undefined {
  return byResource.get(resourceKey(group, resource));
}

/** A kind known under any version: tells "wrong apiVersion" apart from "unknown kind". */
export function kindExists(kind: string): boolean {
  return RESOURCES.some((i) => i.kind === kind);
}

/**
 * What a user typed to a resource, the way kubectl's RESTMapper resolves it:
 * plural, singular, short name or Kind, case-insensitive, optionally `.group` or `.version.group`.
 */
export function resolveResource(name: string): ResourceInfo | undefined {
  const typed = name.trim();
  if (!typed) return undefined;
  const lower = typed.toLowerCase();
  const dot = lower.indexOf(".");
  const head = dot < 0 ? lower : lower.slice(0, dot);
  const qualifier = dot < 0 ? undefined : lower.slice(dot + 1);
  const matches = RESOURCES.filter((i) => {
    if (qualifier !== undefined) {
      const g = i.group;
      if (qualifier !== g && qualifier !== `${i.version}.${g}` && !(g === "" && qualifier === i.version)) return false;
    }
    return i.resource === head || i.singular === head || i.shortNames.includes(head) || i.kind.toLowerCase() === head;
  });
  return matches[0];
}
