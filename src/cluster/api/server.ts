// The API server's write path: decode, default, validate, allocate, then commit in
// one step. Anything that fails before the commit leaves the store and every
// allocator exactly as they were.
import type { ClusterConfig } from "../types.ts";
import type { SeededRandom } from "../random.ts";
import type { VirtualClock } from "../clock.ts";
import type {
  DeleteOptions,
  KObject,
  ListOptions,
  ObjectRef,
  PatchType,
  ResourceInfo,
  ResourceRef,
  Result,
  Status,
  WriteOptions,
} from "./types.ts";
import { ObjectStore } from "./store.ts";
import { Allocators } from "./allocators.ts";
import { alreadyExists, badRequest, conflict, forbidden, invalid, notFound, STALE_OBJECT, type FieldError } from "./errors.ts";
import { groupVersion, infoForKind, infoForResource, kindExists, resourceKey } from "./resources.ts";
import { clone, deepEqual, isPlainObject, timestamp } from "./objects.ts";
import { jsonPatch, mergePatch, strategicMerge } from "./patch.ts";
import { matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector, unsupportedField } from "./selectors.ts";
import { dns1123Subdomain } from "./names.ts";
import { strategyFor } from "./kinds.ts";
import { decodeError } from "./schema.ts";
import { quotaExceeded } from "./quota-usage.ts";
import type { StrategyContext } from "./strategy.ts";
import { randomHex, randomSuffix } from "../random.ts";

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(status: Status): Result<T> => ({ ok: false, status });

export function keyOf(info: Pick<ResourceInfo, "group" | "resource">): string {
  return resourceKey(info.group, info.resource);
}

export interface ApiServerDeps {
  store: ObjectStore;
  config: ClusterConfig;
  random: SeededRandom;
  clock: VirtualClock;
  allocators: Allocators;
}

export class ApiServer {
  readonly store: ObjectStore;
  readonly allocators: Allocators;
  constructor(private readonly deps: ApiServerDeps) {
    this.store = deps.store;
    this.allocators = deps.allocators;
  }

  private ctx(info: ResourceInfo): StrategyContext {
    return { config: this.deps.config, random: this.deps.random, allocators: this.deps.allocators, info, now: this.deps.clock.now() };
  }

  private uid(): string {
    // A v4 UUID from the seeded generator, so names and uids replay identically.
    const h = randomHex(this.deps.random, 32);
    const variant = "89ab"[parseInt(h[16], 16) & 3];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Decode step: the object must be a known kind in a served version. */
  private decode(obj: unknown, owned = false): Result<{ obj: KObject; info: ResourceInfo }> {
    if (!isPlainObject(obj)) return fail(badRequest("the body of the request was in an unknown format"));
    const kind = obj.kind;
    const apiVersion = obj.apiVersion;
    if (typeof kind !== "string" || !kind) return fail(badRequest(`Object 'Kind' is missing in '${JSON.stringify(obj)}'`));
    if (typeof apiVersion !== "string" || !apiVersion)
      return fail(badRequest(`Object 'apiVersion' is missing in '${JSON.stringify(obj)}'`));
    const info = infoForKind(apiVersion, kind);
    if (!info) {
      const msg = kindExists(kind)
        ? `no matches for kind "${kind}" in version "${apiVersion}"`
        : `no matches for kind "${kind}" in version "${apiVersion}"`;
      return fail({
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: msg,
        reason: "NotFound",
        code: 404,
      });
    }
    // Controllers build their objects from already-decoded ones: only outside input is type-checked.
    const typeError = owned ? undefined : decodeError(kind, info.version, obj);
    if (typeError) return fail(badRequest(typeError));
    // An object the caller hands over (a controller's own) needs no defensive copy.
    const copy = (owned ? obj : clone(obj)) as KObject;
    copy.metadata ??= {};
    return ok({ obj: copy, info });
  }

  private normalizeNamespace(obj: KObject, info: ResourceInfo): void {
    if (info.namespaced) obj.metadata.namespace ||= "default";
    else delete obj.metadata.namespace;
  }

  private metaErrors(obj: KObject, info: ResourceInfo, creating: boolean): FieldError[] {
    const errs: FieldError[] = [];
    const name = obj.metadata.name;
    if (!name) {
      if (creating && !obj.metadata.generateName)
        errs.push({ type: "Required", field: "metadata.name", detail: "name or generateName is required" });
    } else {
      const rule = strategyFor(info.kind).nameRule ?? dns1123Subdomain;
      for (const msg of rule(name)) errs.push({ type: "Invalid", field: "metadata.name", value: name, detail: msg });
    }
    // ValidateOwnerReferences: every reference names its owner completely.
    for (const r of obj.metadata.ownerReferences ?? []) {
      const ref = (r ?? {}) as Partial<Record<"apiVersion" | "kind" | "name" | "uid", string>>;
      if (!ref.apiVersion) errs.push({ type: "Invalid", field: "metadata.ownerReferences.apiVersion", value: "", detail: "version must not be empty" });
      if (!ref.kind) errs.push({ type: "Invalid", field: "metadata.ownerReferences.kind", value: "", detail: "kind must not be empty" });
      if (!ref.name) errs.push({ type: "Invalid", field: "metadata.ownerReferences.name", value: "", detail: "name must not be empty" });
      if (!ref.uid) errs.push({ type: "Invalid", field: "metadata.ownerReferences.uid", value: "", detail: "uid must not be empty" });
    }
    return errs;
  }

  private raw(): boolean {
    return this.deps.config.raw;
  }

  get(ref: ObjectRef): Result<KObject> {
    const info = infoForResource(ref.group, ref.resource);
    if (!info) return fail(notFoundResource(ref));
    const o = this.store.get(keyOf(info), info.namespaced ? (ref.namespace ?? "default") : "", ref.name);
    return o ? ok(this.present(info, clone(o))) : fail(notFound(info, ref.name));
  }

  list(res: ResourceRef, opts: ListOptions = {}): Result<KObject[]> {
    const info = infoForResource(res.group, res.resource);
    if (!info) return fail(notFoundResource(res));
    const labels = parseLabelSelector(opts.labelSelector ?? "");
    if ("error" in labels) return fail(badRequest(labels.error));
    const fields = parseFieldSelector(opts.fieldSelector ?? "");
    if ("error" in fields) return fail(badRequest(fields.error));
    const bad = unsupportedField(info.resource, fields);
    // The bare message: kubectl adds the "Unable to find … that match …" prefix itself.
    if (bad) return fail(badRequest(`field label not supported: ${bad}`));
    const items = this.store.list(keyOf(info), info.namespaced ? opts.namespace : undefined);
    const out: KObject[] = [];
    for (const o of items) {
      if (labels.length && !matchesRequirements(labels, o.metadata.labels)) continue;
      if (fields.length && !matchesFields(fields, o)) continue;
      // Stored objects are frozen, so a list shares them (kubectl get over 1,000 pods copied every one).
      out.push(this.present(info, o));
    }
    return ok(out);
  }

  /** What a reader sees now: the kind's `present` view of a stored object (see Strategy.present). */
  private present(info: ResourceInfo, o: KObject): KObject {
    const view = strategyFor(info.kind).present;
    return view && !this.raw() ? view(o, this.deps.clock.now()) : o;
  }

  /** `owned`: the caller gives the object away (controllers); otherwise it is copied first. */
  create(input: unknown, opts: WriteOptions = {}, owned = false): Result<KObject> {
    const d = this.decode(input, owned);
    if (!d.ok) return d;
    const { obj, info } = d.value;
    this.normalizeNamespace(obj, info);
    const ns = obj.metadata.namespace ?? "";
    const nsObj = info.namespaced && !this.raw() ? this.store.get("namespaces", "", ns) : undefined;
    if (info.namespaced && !this.raw() && !nsObj) {
      return fail(notFound({ group: "", resource: "namespaces" }, ns));
    }
    if (nsObj?.metadata.deletionTimestamp && info.kind !== "Event") {
      return fail(forbidden(info, obj.metadata.name ?? obj.metadata.generateName ?? "", `unable to create new content in namespace ${ns} because it is being terminated`));
    }
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = obj.metadata.generateName + randomSuffix(this.deps.random);
    }
    const strategy = strategyFor(info.kind);
    const ctx = this.ctx(info);
    let rollback = () => {};
    let commit = () => {};
    if (!this.raw()) {
      const bad = strategy.decode?.(obj);
      if (bad) return fail(badRequest(bad));
      strategy.defaults?.(obj, ctx);
      const errs = [...this.metaErrors(obj, info, true), ...(strategy.validate?.(obj, undefined, ctx) ?? [])];
      if (errs.length) return fail(invalid(info, obj.metadata.name ?? "", errs));
      // The ResourceQuota admission plugin runs after validation (events are not counted here).
      const overQuota = info.kind === "Event" ? undefined : quotaExceeded(this.store, info, obj);
      if (overQuota) return fail(forbidden(info, obj.metadata.name ?? "", overQuota));
    } else if (!obj.metadata.name) {
      return fail(invalid(info, "", [{ type: "Required", field: "metadata.name", detail: "name or generateName is required" }]));
    }
    const key = keyOf(info);
    if (this.store.get(key, ns, obj.metadata.name!)) return fail(alreadyExists(info, obj.metadata.name!));
    if (!this.raw() && strategy.allocate) {
      const a = strategy.allocate(obj, undefined, ctx);
      if (!a.ok) return a;
      rollback = a.rollback;
      commit = a.commit;
    }
    const m = obj.metadata;
    if (!this.raw() || !m.uid) m.uid = this.uid();
    if (!this.raw() || !m.creationTimestamp) m.creationTimestamp = timestamp(this.deps.clock.now());
    if (strategy.generation && !this.raw()) m.generation = 1;
    if (!this.raw()) {
      delete m.deletionTimestamp;
      delete m.resourceVersion;
    }
    if (opts.dryRun) {
      rollback();
      return ok(obj);
    }
    commit();
    m.resourceVersion = this.store.nextResourceVersion();
    this.store.put(key, obj);
    // The stored object itself: callers outside the cluster get a copy (cluster.ts).
    return ok(obj);
  }

  update(input: unknown, opts: WriteOptions = {}, mode: { status?: boolean } = {}): Result<KObject> {
    const d = this.decode(input);
    if (!d.ok) return d;
    const { obj, info } = d.value;
    this.normalizeNamespace(obj, info);
    const ns = obj.metadata.namespace ?? "";
    const name = obj.metadata.name;
    if (!name) return fail(badRequest("name is required"));
    const key = keyOf(info);
    const old = this.store.get(key, ns, name);
    if (!old) return fail(notFound(info, name));
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) return fail(conflict(info, name, STALE_OBJECT));
    return this.replace(info, old, obj, opts, mode);
  }

  /** Commit `obj` over `old`: the shared tail of update and patch. */
  private replace(info: ResourceInfo, old: KObject, obj: KObject, opts: WriteOptions, mode: { status?: boolean }): Result<KObject> {
    const strategy = strategyFor(info.kind);
    const ctx = this.ctx(info);
    const m = obj.metadata;
    // Identity and bookkeeping belong to the server.
    m.uid = old.metadata.uid;
    m.creationTimestamp = old.metadata.creationTimestamp;
    m.name = old.metadata.name;
    if (old.metadata.namespace) m.namespace = old.metadata.namespace;
    if (old.metadata.deletionTimestamp) m.deletionTimestamp = old.metadata.deletionTimestamp;
    else delete m.deletionTimestamp;
    if (info.subresources.includes("status") && !this.raw()) {
      if (mode.status) {
        // A status write changes nothing but the status.
        const keepStatus = obj.status;
        for (const k of Object.keys(obj)) if (k !== "status" && k !== "metadata") delete obj[k];
        for (const [k, v] of Object.entries(old)) if (k !== "status" && k !== "metadata") obj[k] = clone(v);
        if (keepStatus === undefined) delete obj.status;
        else obj.status = keepStatus;
      } else if (old.status !== undefined) obj.status = clone(old.status);
      else delete obj.status;
    }
    let rollback = () => {};
    let commit = () => {};
    if (!this.raw()) {
      const bad = strategy.decode?.(obj);
      if (bad) return fail(badRequest(bad));
      strategy.defaults?.(obj, ctx, old);
      const errs = [...this.metaErrors(obj, info, false), ...(strategy.validate?.(obj, old, ctx) ?? [])];
      if (errs.length) return fail(invalid(info, m.name!, errs));
      if (strategy.allocate) {
        const a = strategy.allocate(obj, old, ctx);
        if (!a.ok) return a;
        rollback = a.rollback;
        commit = a.commit;
      }
    }
    if (strategy.generation && !this.raw()) {
      const gen = old.metadata.generation ?? 1;
      m.generation = deepEqual(obj.spec, old.spec) ? gen : gen + 1;
    }
    m.resourceVersion = old.metadata.resourceVersion;
    if (deepEqual(obj, old)) {
      rollback();
      return ok(old);
    }
    if (opts.dryRun) {
      rollback();
      return ok(obj);
    }
    commit();
    m.resourceVersion = this.store.nextResourceVersion();
    this.store.put(keyOf(info), obj);
    return ok(obj);
  }

  patch(ref: ObjectRef, type: PatchType, patch: unknown, opts: WriteOptions = {}): Result<KObject> {
    const info = infoForResource(ref.group, ref.resource);
    if (!info) return fail(notFoundResource(ref));
    const ns = info.namespaced ? (ref.namespace ?? "default") : "";
    const old = this.store.get(keyOf(info), ns, ref.name);
    if (!old) return fail(notFound(info, ref.name));
    let next: unknown;
    if (type === "json") {
      const r = jsonPatch(old, patch);
      if (!r.ok) return fail(badRequest(r.message));
      next = r.value;
    } else if (!isPlainObject(patch)) {
      return fail(badRequest(`json: cannot unmarshal ${typeName(patch)} into Go value of type map[string]interface {}`));
    } else {
      next = type === "merge" ? mergePatch(old, patch) : strategicMerge(old, patch);
    }
    if (!isPlainObject(next)) return fail(badRequest("the patch produced an object that is not an object"));
    // A patch result shares its untouched parts with the stored (frozen) object: copy before changing it.
    const obj = clone(next) as KObject;
    if (!isPlainObject(obj.metadata)) obj.metadata = {};
    if (obj.kind !== old.kind || obj.apiVersion !== old.apiVersion) {
      return fail(badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${groupVersion(info)})`));
    }
    const typeError = decodeError(info.kind, info.version, obj);
    if (typeError) return fail(badRequest(typeError));
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) return fail(conflict(info, ref.name, STALE_OBJECT));
    obj.metadata.namespace = old.metadata.namespace;
    if (!info.namespaced) delete obj.metadata.namespace;
    return this.replace(info, old, obj, opts, {});
  }

  delete(ref: ObjectRef, opts: DeleteOptions = {}): Result<KObject> {
    const info = infoForResource(ref.group, ref.resource);
    if (!info) return fail(notFoundResource(ref));
    const ns = info.namespaced ? (ref.namespace ?? "default") : "";
    const key = keyOf(info);
    const old = this.store.get(key, ns, ref.name);
    if (!old) return fail(notFound(info, ref.name));
    if (info.kind === "Namespace" && IMMORTAL_NAMESPACES.includes(ref.name) && !this.raw())
      return fail(forbidden(info, ref.name, "this namespace may not be deleted"));
    if (opts.dryRun) return ok(clone(old));
    if (opts.propagationPolicy === "Orphan") this.orphanDependents(old);
    // Pods (and namespaces) terminate gracefully: they stay, marked, until the kubelet is done.
    const grace = graceSeconds(info, old, opts);
    if (grace > 0 && !this.raw()) {
      if (old.metadata.deletionTimestamp) return ok(clone(old));
      const obj = clone(old);
      obj.metadata.deletionTimestamp = timestamp(this.deps.clock.now() + grace * 1000);
      obj.metadata.deletionGracePeriodSeconds = grace;
      if (info.kind === "Namespace") obj.status = { ...(obj.status as object), phase: "Terminating" };
      obj.metadata.resourceVersion = this.store.nextResourceVersion();
      this.store.put(key, obj);
      return ok(clone(obj));
    }
    return ok(clone(this.remove(info, old)));
  }

  /** --cascade=orphan: dependents lose their reference to the owner and stay. */
  private orphanDependents(owner: KObject): void {
    const uid = owner.metadata.uid;
    if (!uid) return;
    for (const info of ORPHANABLE) {
      for (const o of [...this.store.list(keyOf(info))]) {
        const refs = o.metadata.ownerReferences;
        if (!refs?.some((r) => r.uid === uid)) continue;
        const kept = refs.filter((r) => r.uid !== uid);
        const next = { ...o, metadata: { ...o.metadata, ownerReferences: kept.length ? kept : undefined } };
        if (!kept.length) delete next.metadata.ownerReferences;
        this.writeInternal(next);
      }
    }
  }

  /** Remove for good, giving back what the object held. Dependents are the garbage collector's job. */
  remove(info: ResourceInfo, old: KObject): KObject {
    const removed = this.store.remove(keyOf(info), old.metadata.namespace ?? "", old.metadata.name!) ?? old;
    if (!this.raw()) strategyFor(info.kind).release?.(removed, this.ctx(info));
    return removed;
  }

  /** Controllers write without admission: their objects are built right. */
  writeInternal(obj: KObject): KObject {
    const info = infoForKind(obj.apiVersion, obj.kind)!;
    const old = this.store.get(keyOf(info), obj.metadata.namespace ?? "", obj.metadata.name!);
    if (old && deepEqual(old, { ...obj, metadata: { ...obj.metadata, resourceVersion: old.metadata.resourceVersion } })) return old;
    obj.metadata.resourceVersion = this.store.nextResourceVersion();
    this.store.put(keyOf(info), obj);
    return obj;
  }
}

const IMMORTAL_NAMESPACES = ["default", "kube-system", "kube-public"];
const ORPHANABLE = ["ReplicaSet", "Pod", "EndpointSlice"].map((k) => infoForKind(k === "ReplicaSet" ? "apps/v1" : k === "Pod" ? "v1" : "discovery.k8s.io/v1", k)!);

function graceSeconds(info: ResourceInfo, obj: KObject, opts: DeleteOptions): number {
  if (info.kind === "Namespace") return 5;
  if (info.kind !== "Pod") return 0;
  if (opts.gracePeriodSeconds !== undefined) return Math.max(0, opts.gracePeriodSeconds);
  const spec = obj.spec as { terminationGracePeriodSeconds?: number } | undefined;
  // A pod that never got a node has nothing to stop.
  if (!(obj.spec as { nodeName?: string } | undefined)?.nodeName) return 0;
  return spec?.terminationGracePeriodSeconds ?? 30;
}

function notFoundResource(ref: ResourceRef): Status {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: "the server could not find the requested resource",
    reason: "NotFound",
    details: ref.group ? { group: ref.group, kind: ref.resource } : { kind: ref.resource },
    code: 404,
  };
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  return typeof v === "object" ? "object" : typeof v;
}
