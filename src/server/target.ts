// What a request addresses and the small translations every verb needs: the object
// reference, write and list options from the query, the patch type from Content-Type.
import type { Cluster, KObject, ListOptions, ObjectRef, PatchType, ResourceInfo, Result, WriteOptions } from "../cluster/index.ts";
import type { ApiResponse } from "./types.ts";
import type { Representation } from "./media.ts";
import { bareType } from "./media.ts";
import { represent, statusResponse } from "./encode.ts";

export interface ResourceTarget {
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export interface ResourceContext {
  cluster: Cluster;
}

export function groupVersion(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

export function ref(t: ResourceTarget, name: string): ObjectRef {
  return { group: t.info.group, resource: t.info.resource, ...(t.info.namespaced && t.namespace !== undefined ? { namespace: t.namespace } : {}), name };
}

export /** The store's answer: the object in the negotiated form, or its Status. */
function answer(r: Result<KObject>, code: number, rep: Representation): ApiResponse {
  return r.ok ? represent(code, r.value, rep) : statusResponse(r.status);
}

export function writeOptions(q: URLSearchParams): WriteOptions {
  const dryRun = q.getAll("dryRun").includes("All");
  const fieldManager = q.get("fieldManager") ?? undefined;
  return { ...(dryRun ? { dryRun } : {}), ...(fieldManager ? { fieldManager } : {}) };
}

export function listOptions(q: URLSearchParams, t: ResourceTarget): ListOptions {
  const labelSelector = q.get("labelSelector") ?? undefined;
  const fieldSelector = q.get("fieldSelector") ?? undefined;
  return {
    ...(t.info.namespaced && t.namespace !== undefined ? { namespace: t.namespace } : {}),
    ...(labelSelector ? { labelSelector } : {}),
    ...(fieldSelector ? { fieldSelector } : {}),
  };
}

export function patchType(contentType: string | undefined): PatchType | "apply" | undefined {
  switch (bareType(contentType)) {
    case "application/json-patch+json":
      return "json";
    case "application/merge-patch+json":
      return "merge";
    case "application/strategic-merge-patch+json":
      return "strategic";
    case "application/apply-patch+yaml":
      return "apply";
    default:
      return undefined;
  }
}

