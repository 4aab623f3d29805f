// REST verbs on one resource, mapped onto the cluster's API store. Every write goes
// through Cluster.create/update/patch/delete, so validation, defaulting and the
// controllers are the same ones the in-browser terminal uses.
import type { DeleteOptions, KObject, Status } from "../cluster/index.ts";
import type { ApiRequest, ApiResponse } from "./types.ts";
import { json, represent, statusResponse } from "./encode.ts";
import { bareType, negotiate, PATCH_TYPES, type Representation } from "./media.ts";
import { badRequest, failure, methodNotAllowed, notAcceptable, unsupportedMediaType } from "./status.ts";
import { decodeObject, decodeValue } from "./decode.ts";
import { paginate, storeOrder } from "./paging.ts";
import { parseIncludeObject, toTable } from "./table.ts";
import { handleSubresource } from "./subresources.ts";
import { answer, groupVersion, listOptions, patchType, ref, writeOptions, type ResourceContext, type ResourceTarget } from "./target.ts";
import { openWatch } from "./watch.ts";

const ACCEPTED_REPRESENTATIONS = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];

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
  return represent(200, r.value, rep);
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
  return answer(r, 201, rep);
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
  return answer(r, 200, rep);
}

function patch(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
  const type = patchType(req.headers["content-type"]);
  if (!type) return statusResponse(unsupportedMediaType(bareType(req.headers["content-type"]), PATCH_TYPES));
  const body = decodeValue(req.body, type === "apply" ? "application/yaml" : "application/json");
  if (!body.ok) return statusResponse(body.status);
  if (type === "apply") return serverSideApply(req, t, ctx, rep, body.value);
  const r = ctx.cluster.patch(ref(t, t.name!), type, body.value, writeOptions(req.query));
  return answer(r, 200, rep);
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
    return answer(r, 201, rep);
  }
  const r = ctx.cluster.patch(ref(t, t.name!), "strategic", obj, opts);
  return answer(r, 200, rep);
}

function deleteOptions(req: ApiRequest): DeleteOptions | Status {
  const opts: DeleteOptions = { ...writeOptions(req.query) };
  // The body is a DeleteOptions in JSON, YAML or (from typed clients) protobuf.
  if (req.raw?.length || req.body.trim()) {
    const protobuf = bareType(req.headers["content-type"]) === "application/vnd.kubernetes.protobuf";
    const d = protobuf ? decodeObject(req.body, req.headers["content-type"], req.raw) : decodeValue(req.body, req.headers["content-type"]);
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
    return unsupportedPropagationPolicy(opts.propagationPolicy);
  }
  return opts;
}

function unsupportedPropagationPolicy(policy: string): Status {
  const detail = `Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`;
  return failure(422, "Invalid", `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: ${detail}`, {
    group: "meta.k8s.io",
    kind: "DeleteOptions",
    causes: [{ reason: "FieldValueNotSupported", message: detail, field: "propagationPolicy" }],
  });
}

function deleteOne(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): ApiResponse {
  const opts = deleteOptions(req);
  if ("code" in opts) return statusResponse(opts);
  const r = ctx.cluster.delete(ref(t, t.name!), opts);
  return answer(r, 200, rep);
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

