// Subresources reached through the REST verbs: status (the object, writes limited to
// status), scale (an autoscaling/v1 Scale over spec.replicas) and log (plain text).
// exec and attach are WebSocket upgrades (exec.ts).
import type { KObject } from "../cluster/index.ts";
import type { ApiRequest, ApiResponse } from "./types.ts";
import type { Representation } from "./media.ts";
import { bareType, PATCH_TYPES } from "./media.ts";
import { represent, statusResponse, text } from "./encode.ts";
import { badRequest, methodNotAllowed, pathNotFound, unsupportedMediaType } from "./status.ts";
import { decodeObject, decodeValue } from "./decode.ts";
import { replicasFromScalePatch, scaleOf } from "./scale.ts";
import { answer, patchType, ref, writeOptions, type ResourceContext, type ResourceTarget } from "./target.ts";

export function handleSubresource(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
  if (t.name === undefined) return statusResponse(pathNotFound());
  switch (t.subresource) {
    case "status":
      return statusSubresource(req, t, ctx, rep);
    case "scale":
      return scaleSubresource(req, t, ctx, rep);
    case "log":
      return req.method === "GET" ? podLog(req, t, ctx) : statusResponse(methodNotAllowed());
    case "exec":
    case "attach":
    case "portforward":
      // Streaming subresources are reached by an upgrade (exec.ts); a plain request is refused.
      return statusResponse(badRequest("Upgrade request required"));
    default:
      return statusResponse(methodNotAllowed());
  }
}

function statusSubresource(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
  if (req.method === "GET") {
    const r = ctx.cluster.get(ref(t, t.name!));
    return answer(r, 200, rep);
  }
  if (req.method === "PATCH") {
    const type = patchType(req.headers["content-type"]);
    if (!type || type === "apply") return statusResponse(unsupportedMediaType(bareType(req.headers["content-type"]), PATCH_TYPES));
    const body = decodeValue(req.body, "application/json");
    if (!body.ok) return statusResponse(body.status);
    const r = ctx.cluster.patch(ref(t, t.name!), type, body.value, writeOptions(req.query));
    return answer(r, 200, rep);
  }
  if (req.method === "PUT") {
    const d = decodeObject(req.body, req.headers["content-type"], req.raw);
    if (!d.ok) return statusResponse(d.status);
    const current = ctx.cluster.get(ref(t, t.name!));
    if (!current.ok) return statusResponse(current.status);
    // Only status changes through this subresource; spec and metadata come from the store.
    const next: KObject = { ...current.value, status: d.value.status };
    if (d.value.metadata.resourceVersion) next.metadata = { ...next.metadata, resourceVersion: d.value.metadata.resourceVersion };
    const r = ctx.cluster.update(next, writeOptions(req.query));
    return answer(r, 200, rep);
  }
  return statusResponse(methodNotAllowed());
}

function scaleSubresource(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
  const current = ctx.cluster.get(ref(t, t.name!));
  if (!current.ok) return statusResponse(current.status);
  if (req.method === "GET") return represent(200, scaleOf(current.value), rep);
  let replicas: number | undefined;
  if (req.method === "PATCH") {
    const type = patchType(req.headers["content-type"]);
    if (!type || type === "apply") return statusResponse(unsupportedMediaType(bareType(req.headers["content-type"]), PATCH_TYPES));
    const body = decodeValue(req.body, "application/json");
    if (!body.ok) return statusResponse(body.status);
    const r = replicasFromScalePatch(scaleOf(current.value), type, body.value);
    if (r instanceof Error) return statusResponse(badRequest(r.message));
    replicas = r;
  } else if (req.method === "PUT") {
    const d = decodeObject(req.body, req.headers["content-type"], req.raw);
    if (!d.ok) return statusResponse(d.status);
    const spec = d.value.spec as { replicas?: unknown } | undefined;
    replicas = typeof spec?.replicas === "number" ? spec.replicas : 0;
  } else {
    return statusResponse(methodNotAllowed());
  }
  if (replicas === undefined) return represent(200, scaleOf(current.value), rep);
  const r = ctx.cluster.patch(ref(t, t.name!), "merge", { spec: { replicas } }, writeOptions(req.query));
  if (!r.ok) return statusResponse(r.status);
  return represent(200, scaleOf(r.value), rep);
}

function podLog(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext): ApiResponse {
  // PodLogOptions as kubectl sends them: previous, timestamps, sinceSeconds, sinceTime.
  const q = req.query;
  const since = Number(q.get("sinceSeconds") ?? "");
  const r = ctx.cluster.logs(t.namespace ?? "default", t.name!, q.get("container") ?? undefined, {
    ...(q.get("previous") === "true" ? { previous: true } : {}),
    ...(q.get("timestamps") === "true" ? { timestamps: true } : {}),
    ...(since > 0 ? { sinceSeconds: since } : {}),
    ...(q.get("sinceTime") ? { sinceTime: q.get("sinceTime")! } : {}),
  });
  if (!r.ok) return statusResponse(r.status);
  let out = r.value;
  const tail = req.query.get("tailLines");
  if (tail !== null && tail !== "") {
    const n = Number(tail);
    const lines = out.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    out = n <= 0 ? "" : lines.slice(-n).map((l) => l + "\n").join("");
  }
  return text(200, out);
}
