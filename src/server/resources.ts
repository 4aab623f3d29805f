// REST verbs on one resource, mapped onto the cluster's API store. Every write goes
// through Cluster.create/update/patch/delete, so validation, defaulting and the
// controllers are the same ones the in-browser terminal uses.
import type { Cluster, DeleteOptions, KObject, ObjectRef, PatchType, ResourceInfo, Result, Status } from "../cluster/index.ts";
import type { ApiRequest, ApiResponse } from "./types.ts";
import { json, represent, statusResponse, text } from "./encode.ts";
import { bareType, negotiate, PATCH_TYPES, type Representation } from "./media.ts";
import { badRequest, methodNotAllowed, notAcceptable, pathNotFound, unsupportedMediaType } from "./status.ts";
import { decodeObject, decodeValue } from "./decode.ts";
import { paginate, storeOrder } from "./paging.ts";
import { parseIncludeObject, toTable } from "./table.ts";
import { replicasFromScalePatch, scaleOf } from "./scale.ts";
import { openWatch } from "./watch.ts";

export interface ResourceTarget {
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export interface ResourceContext {
  cluster: Cluster;
}

const ACCEPTED_REPRESENTATIONS = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];

function groupVersion(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

function ref(t: ResourceTarget, name: string): ObjectRef {
  return { group: t.info.group, resource: t.info.resource, ...(t.info.namespaced && t.namespace !== undefined ? { namespace: t.namespace } : {}), name };
}

function fail<T>(r: Result<T>): ApiResponse | undefined {
  return r.ok ? undefined : statusResponse(r.status);
}

function writeOptions(q: URLSearchParams): { dryRun?: boolean; fieldManager?: string } {
  const dryRun = q.getAll("dryRun").includes("All");
  const fieldManager = q.get("fieldManager") ?? undefined;
  return { ...(dryRun ? { dryRun } : {}), ...(fieldManager ? { fieldManager } : {}) };
}

function isWatch(q: URLSearchParams): boolean {
  const w = q.get("watch");
  return w === "1" || w === "true";
}

export function handleResource(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext): ApiResponse {
  const wantsTable = req.method === "GET" && !t.subresource;
  const rep = negotiate(req.headers["accept"], { table: wantsTable });
  if (!rep) return statusResponse(notAcceptable(ACCEPTED_REPRESENTATIONS));

  if (t.subresource) return handleSubresource(req, t, ctx, rep);
  const { method } = req;
  if (t.name === undefined) {
    if (method === "GET") return isWatch(req.query) ? openWatch(req, t, ctx, rep) : list(req, t, ctx, rep);
    if (method === "POST") return create(req, t, ctx, rep);
    if (method === "DELETE") return deleteCollection(req, t, ctx, rep);
    return statusResponse(methodNotAllowed());
  }
  switch (method) {
    case "GET":
      return getOne(req, t, ctx, rep);
    case "PUT":
      return update(req, t, ctx, rep);
    case "PATCH":
      return patch(req, t, ctx, rep);
    case "DELETE":
      return deleteOne(req, t, ctx, rep);
    default:
      return statusResponse(methodNotAllowed());
  }
}

function respondObject(status: number, obj: KObject, rep: Representation): ApiResponse {
  return represent(status, obj, rep);
}

function getOne(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
  const r = ctx.cluster.get(ref(t, t.name!));
  if (!r.ok) return statusResponse(r.status);
  if (rep.form === "table") {
    return json(
      200,
      toTable(t.info, [r.value], {
        now: ctx.cluster.now(),
        version: rep.version,
        include: parseIncludeObject(req.query.get("includeObject")),
        resourceVersion: r.value.metadata.resourceVersion,
      }),
    );
  }
  return respondObject(200, r.value, rep);
}

export function listOptions(q: URLSearchParams, t: ResourceTarget) {
  const labelSelector = q.get("labelSelector") ?? undefined;
  const fieldSelector = q.get("fieldSelector") ?? undefined;
  return {
    ...(t.info.namespaced && t.namespace !== undefined ? { namespace: t.namespace } : {}),
    ...(labelSelector ? { labelSelector } : {}),
    ...(fieldSelector ? { fieldSelector } : {}),
  };
}

/** Items inside a list carry no apiVersion/kind on the wire; the list's kind says it. */
function bare(o: KObject): Omit<KObject, "apiVersion" | "kind"> {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest as KObject;
}

function list(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
  const r = ctx.cluster.list({ group: t.info.group, resource: t.info.resource }, listOptions(req.query, t));
  if (!r.ok) return statusResponse(r.status);
  const rv = ctx.cluster.resourceVersion();
  const limitText = req.query.get("limit");
  const limit = limitText ? Number.parseInt(limitText, 10) : undefined;
  const page = paginate([...r.value].sort(storeOrder), Number.isFinite(limit) ? limit : undefined, req.query.get("continue") ?? undefined, rv);
  if ("code" in page) return statusResponse(page);
  if (rep.form === "table") {
    return json(
      200,
      toTable(t.info, page.items, {
        now: ctx.cluster.now(),
        version: rep.version,
        include: parseIncludeObject(req.query.get("includeObject")),
        resourceVersion: rv,
        ...(page.continue ? { continue: page.continue, remainingItemCount: page.remainingItemCount } : {}),
      }),
    );
  }
  const metadata: Record<string, unknown> = { resourceVersion: rv };
  if (page.continue) {
    metadata.continue = page.continue;
    metadata.remainingItemCount = page.remainingItemCount;
  }
  return represent(200, { kind: `${t.info.kind}List`, apiVersion: groupVersion(t.info), metadata, items: page.items.map(bare) }, rep);
}

/** The URL decides the namespace; a body that names another one is refused, as the real server does. */
function placeInNamespace(obj: KObject, t: ResourceTarget): Status | undefined {
  if (!t.info.namespaced) {
    delete obj.metadata.namespace;
    return undefined;
  }
  const ns = obj.metadata.namespace;
  if (ns && ns !== t.namespace) return badRequest("the namespace of the provided object does not match the namespace sent on the request");
  obj.metadata.namespace = t.namespace;
  return undefined;
}

function checkKind(obj: KObject, t: ResourceTarget): Status | undefined {
  const expected = groupVersion(t.info);
  if (!obj.kind) obj.kind = t.info.kind;
  if (obj.apiVersion && obj.apiVersion !== expected) {
    return badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`);
  }
  if (obj.kind !== t.info.kind) {
    return badRequest(`the object provided is unrecognized (must be of type ${t.info.kind}): kind "${obj.kind}" is not ${t.info.kind}`);
  }
  if (!obj.apiVersion) obj.apiVersion = expected;
  return undefined;
}

function create(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
  if (t.info.namespaced && t.namespace === undefined) return statusResponse(methodNotAllowed());
  const d = decodeObject(req.body, req.headers["content-type"], req.raw);
  if (!d.ok) return statusResponse(d.status);
  const problem = checkKind(d.value, t) ?? placeInNamespace(d.value, t);
  if (problem) return statusResponse(problem);
  const r = ctx.cluster.create(d.value, writeOptions(req.query));
  return fail(r) ?? respondObject(201, (r as { value: KObject }).value, rep);
}

function update(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
  const d = decodeObject(req.body, req.headers["content-type"], req.raw);
  if (!d.ok) return statusResponse(d.status);
  const obj = d.value;
  const problem = checkKind(obj, t) ?? placeInNamespace(obj, t);
  if (problem) return statusResponse(problem);
  if (obj.metadata.name && obj.metadata.name !== t.name) {
    return statusResponse(badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${t.name})`));
  }
  obj.metadata.name = t.name;
  const r = ctx.cluster.update(obj, writeOptions(req.query));
  return fail(r) ?? respondObject(200, (r as { value: KObject }).value, rep);
}

function patchType(contentType: string | undefined): PatchType | "apply" | undefined {
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

function patch(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
  const type = patchType(req.headers["content-type"]);
  if (!type) return statusResponse(unsupportedMediaType(bareType(req.headers["content-type"]), PATCH_TYPES));
  const body = decodeValue(req.body, type === "apply" ? "application/yaml" : "application/json");
  if (!body.ok) return statusResponse(body.status);
  if (type === "apply") return serverSideApply(req, t, ctx, rep, body.value);
  const r = ctx.cluster.patch(ref(t, t.name!), type, body.value, writeOptions(req.query));
  return fail(r) ?? respondObject(200, (r as { value: KObject }).value, rep);
}

/**
 * Server-side apply, simplified: no managedFields or conflict detection; the applied
 * configuration creates the object or is merged into it like a strategic merge patch.
 */
function serverSideApply(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation, value: unknown): ApiResponse {
  if (!req.query.get("fieldManager")) {
    return statusResponse(badRequest("PATCH, application/apply-patch+yaml requests must include a fieldManager query parameter"));
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return statusResponse(badRequest("error decoding YAML: object expected"));
  }
  const obj = value as KObject;
  obj.metadata ??= {};
  const problem = checkKind(obj, t) ?? placeInNamespace(obj, t);
  if (problem) return statusResponse(problem);
  if (obj.metadata.name && obj.metadata.name !== t.name) {
    return statusResponse(badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${t.name})`));
  }
  obj.metadata.name = t.name;
  const current = ctx.cluster.get(ref(t, t.name!));
  const opts = writeOptions(req.query);
  if (!current.ok) {
    if (current.status.code !== 404) return statusResponse(current.status);
    const r = ctx.cluster.create(obj, opts);
    return fail(r) ?? respondObject(201, (r as { value: KObject }).value, rep);
  }
  const r = ctx.cluster.patch(ref(t, t.name!), "strategic", obj, opts);
  return fail(r) ?? respondObject(200, (r as { value: KObject }).value, rep);
}

function deleteOptions(req: ApiRequest): DeleteOptions | Status {
  const opts: DeleteOptions = { ...writeOptions(req.query) };
  if (bareType(req.headers["content-type"]) === "application/vnd.kubernetes.protobuf" && req.raw?.length) {
    const d = decodeObject(req.body, req.headers["content-type"], req.raw);
    if (!d.ok) return d.status;
    const b = d.value as { propagationPolicy?: string; gracePeriodSeconds?: number; dryRun?: string[] };
    if (b.propagationPolicy) opts.propagationPolicy = b.propagationPolicy as DeleteOptions["propagationPolicy"];
    if (typeof b.gracePeriodSeconds === "number") opts.gracePeriodSeconds = b.gracePeriodSeconds;
    if (b.dryRun?.includes("All")) opts.dryRun = true;
  } else if (req.body.trim()) {
    const d = decodeValue(req.body, req.headers["content-type"]);
    if (!d.ok) return d.status;
    const b = (d.value ?? {}) as { propagationPolicy?: string; gracePeriodSeconds?: number; dryRun?: string[] };
    if (b.propagationPolicy) opts.propagationPolicy = b.propagationPolicy as DeleteOptions["propagationPolicy"];
    if (typeof b.gracePeriodSeconds === "number") opts.gracePeriodSeconds = b.gracePeriodSeconds;
    if (b.dryRun?.includes("All")) opts.dryRun = true;
  }
  const pp = req.query.get("propagationPolicy");
  if (pp) opts.propagationPolicy = pp as DeleteOptions["propagationPolicy"];
  const gp = req.query.get("gracePeriodSeconds");
  if (gp !== null && gp !== "") opts.gracePeriodSeconds = Number(gp);
  if (opts.propagationPolicy && !["Foreground", "Background", "Orphan"].includes(opts.propagationPolicy)) {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
      reason: "Invalid",
      details: { group: "meta.k8s.io", kind: "DeleteOptions", causes: [{ reason: "FieldValueNotSupported", message: `Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`, field: "propagationPolicy" }] },
      code: 422,
    };
  }
  return opts;
}

function deleteOne(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
  const opts = deleteOptions(req);
  if ("code" in opts) return statusResponse(opts);
  const r = ctx.cluster.delete(ref(t, t.name!), opts);
  return fail(r) ?? respondObject(200, (r as { value: KObject }).value, rep);
}

function deleteCollection(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
  if (!t.info.verbs.includes("deletecollection")) return statusResponse(methodNotAllowed());
  const opts = deleteOptions(req);
  if ("code" in opts) return statusResponse(opts);
  const found = ctx.cluster.list({ group: t.info.group, resource: t.info.resource }, listOptions(req.query, t));
  if (!found.ok) return statusResponse(found.status);
  const deleted: KObject[] = [];
  for (const o of [...found.value].sort(storeOrder)) {
    const r = ctx.cluster.delete(ref({ ...t, namespace: o.metadata.namespace }, o.metadata.name!), opts);
    if (r.ok) deleted.push(r.value);
  }
  return represent(200, { kind: `${t.info.kind}List`, apiVersion: groupVersion(t.info), metadata: { resourceVersion: ctx.cluster.resourceVersion() }, items: deleted.map(bare) }, rep);
}

function handleSubresource(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
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
  if (req.method === "GET") return getOne(req, t, ctx, rep);
  if (req.method === "PATCH") {
    const type = patchType(req.headers["content-type"]);
    if (!type || type === "apply") return statusResponse(unsupportedMediaType(bareType(req.headers["content-type"]), PATCH_TYPES));
    const body = decodeValue(req.body, "application/json");
    if (!body.ok) return statusResponse(body.status);
    const r = ctx.cluster.patch(ref(t, t.name!), type, body.value, writeOptions(req.query));
    return fail(r) ?? respondObject(200, (r as { value: KObject }).value, rep);
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
    return fail(r) ?? respondObject(200, (r as { value: KObject }).value, rep);
  }
  return statusResponse(methodNotAllowed());
}

function scaleSubresource(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
  const current = ctx.cluster.get(ref(t, t.name!));
  if (!current.ok) return statusResponse(current.status);
  if (req.method === "GET") return respondObject(200, scaleOf(current.value), rep);
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
  if (replicas === undefined) return respondObject(200, scaleOf(current.value), rep);
  const r = ctx.cluster.patch(ref(t, t.name!), "merge", { spec: { replicas } }, writeOptions(req.query));
  if (!r.ok) return statusResponse(r.status);
  return respondObject(200, scaleOf(r.value), rep);
}

function podLog(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext): ApiResponse {
  const r = ctx.cluster.logs(t.namespace ?? "default", t.name!, req.query.get("container") ?? undefined);
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
