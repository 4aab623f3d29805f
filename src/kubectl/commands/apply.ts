// kubectl apply -f (client-side apply): create, or three-way patch from the
// last-applied-configuration annotation; created / configured / unchanged.
import type { KObject, ResourceInfo } from "../../cluster/index.ts";
import { mergeKey } from "../../cluster/index.ts";
import { CmdError, statusText } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { readManifests } from "../manifests.ts";
import { toGoJsonCompact } from "../output/json.ts";
import { objectOutputFormat, printObjects } from "../printing.ts";
import { infoForObject, mappingError, qualified, refFor } from "../resources.ts";
import { applyNamespace, dryRunOf, successLine, writeOptions, type DryRun } from "../writes.ts";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

type Json = Record<string, unknown>;
const isMap = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const equal = (a: unknown, b: unknown) => JSON.stringify(sortDeep(a)) === JSON.stringify(sortDeep(b));
function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (isMap(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep(v[k])]));
  return v;
}

/**
 * The patch that takes `current` to `modified`, deleting what `original` (the last
 * applied configuration) had and `modified` no longer has. Server-set fields the user
 * never wrote are left alone. `parent` names the enclosing field, which decides how a
 * list merges (by key, as the server's strategic merge does, or replaced whole).
 */
export function threeWayPatch(original: unknown, modified: Json, current: unknown, parent = ""): Json {
  const patch: Json = {};
  const cur = isMap(current) ? current : {};
  const orig = isMap(original) ? original : {};
  for (const [k, m] of Object.entries(modified)) {
    const c = cur[k];
    if (c === undefined) {
      patch[k] = m;
    } else if (isMap(m) && isMap(c)) {
      const sub = threeWayPatch(orig[k], m, c, k);
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (Array.isArray(m) && Array.isArray(c)) {
      // Lists carry server defaults per item; only a change against what was last applied counts.
      if (equal(m, orig[k]) || equal(m, c)) continue;
      patch[k] = listPatch(k, parent, m, orig[k]);
    } else if (!equal(m, c)) {
      patch[k] = m;
    }
  }
  for (const k of Object.keys(orig)) {
    if (!(k in modified) && k in cur) patch[k] = null;
  }
  return patch;
}

/** A keyed list sends its items plus a `$patch: delete` for each item no longer applied; others replace. */
function listPatch(field: string, parent: string, modified: unknown[], original: unknown): unknown[] {
  const key = mergeKey(field, parent);
  if (!key || !Array.isArray(original)) return modified;
  const kept = new Set(modified.filter(isMap).map((x) => x[key]));
  const removed = original.filter((o) => isMap(o) && o[key] !== undefined && !kept.has(o[key])) as Json[];
  return [...modified, ...removed.map((o) => ({ [key]: o[key], $patch: "delete" }))];
}

/** The manifest as kubectl stores it in the annotation (compact JSON, keys sorted, newline). */
export function lastAppliedValue(obj: KObject): string {
  const copy = JSON.parse(JSON.stringify(obj)) as KObject;
  if (copy.metadata.annotations) {
    delete copy.metadata.annotations[LAST_APPLIED];
  } else {
    // kubectl always records an annotations map, empty when the manifest had none.
    copy.metadata.annotations = {};
  }
  return toGoJsonCompact(copy) + "\n";
}

function withLastApplied(obj: KObject): KObject {
  const value = lastAppliedValue(obj);
  const copy = JSON.parse(JSON.stringify(obj)) as KObject;
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [LAST_APPLIED]: value };
  return copy;
}

async function applyOne(inv: Invocation, info: ResourceInfo, obj: KObject, source: string, dry: DryRun): Promise<{ line?: string; obj?: KObject; error?: string }> {
  applyNamespace(inv, info, obj);
  const name = obj.metadata.name ?? "";
  const modified = withLastApplied(obj);
  const ref = refFor(info, name, obj.metadata.namespace ?? "");
  const current = inv.cluster.get(ref);
  const opts = writeOptions(dry, "kubectl-client-side-apply");
  if (!current.ok) {
    if (current.status.reason !== "NotFound") return { error: statusText(current.status, `retrieving current configuration of:\n${describeTarget(info, obj, name)}\nfrom server for: "${source}"`) };
    if (dry === "client") return { line: successLine(info, name, "created", dry), obj: modified };
    const r = inv.cluster.create(modified, opts);
    if (!r.ok) return { error: statusText(r.status, `creating "${source}"`) };
    return { line: successLine(info, name, "created", dry), obj: r.value };
  }
  const live = current.value;
  // A client dry run never computes the patch: an existing object is always "configured".
  if (dry === "client") return { line: successLine(info, name, "configured", dry), obj: live };
  let warning = "";
  const originalText = live.metadata.annotations?.[LAST_APPLIED];
  if (originalText === undefined) {
    warning = `Warning: resource ${qualified(info)}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;
  }
  let original: unknown = {};
  try {
    original = originalText ? JSON.parse(originalText) : {};
  } catch {
    original = {};
  }
  const patch = threeWayPatch(original, modified as unknown as Json, live);
  if (Object.keys(patch).length === 0) return { line: warning + "\0" + successLine(info, name, "unchanged", dry), obj: live };
  const r = inv.cluster.patch(ref, "strategic", patch, opts);
  if (!r.ok) return { error: statusText(r.status, `applying patch:\n${toGoJsonCompact(patch)}\nto:\n${describeTarget(info, obj, name)}\nfor: "${source}"`) };
  return { line: warning + "\0" + successLine(info, name, "configured", dry), obj: r.value };
}

/**
 * --server-side: the whole manifest goes to the server, which merges it (the emulated
 * server's apply is a strategic merge without field ownership, so there are no conflicts).
 * No last-applied annotation is written; the field manager is "kubectl" unless given.
 */
function serverSideApplyOne(inv: Invocation, info: ResourceInfo, obj: KObject, dry: DryRun): { line?: string; obj?: KObject; error?: string } {
  applyNamespace(inv, info, obj);
  const name = obj.metadata.name ?? "";
  const ref = refFor(info, name, obj.metadata.namespace ?? "");
  const manager = inv.has("field-manager") ? inv.str("field-manager") : "kubectl";
  const opts = writeOptions(dry, manager);
  const current = inv.cluster.get(ref);
  const r = current.ok ? inv.cluster.patch(ref, "strategic", obj, opts) : current.status.reason === "NotFound" ? inv.cluster.create(obj, opts) : current;
  // Server-side apply errors reach the user as the server wrote them, without the source.
  if (!r.ok) return { error: statusText(r.status) };
  return { line: successLine(info, name, "serverside-applied", dry), obj: r.value };
}

function describeTarget(info: ResourceInfo, obj: KObject, name: string): string {
  return `Resource: "${info.group}/${info.version}, Resource=${info.resource}", GroupVersionKind: "${obj.apiVersion.includes("/") ? obj.apiVersion : "/" + obj.apiVersion}, Kind=${obj.kind}"\nName: "${name}", Namespace: "${obj.metadata.namespace ?? ""}"`;
}

export async function apply(inv: Invocation): Promise<number> {
  if (inv.list("filename").length === 0 && !inv.has("kustomize")) throw new CmdError("must specify one of -f and -k");
  const dry = dryRunOf(inv);
  const serverSide = inv.bool("server-side");
  if (inv.bool("force-conflicts") && !serverSide) throw new CmdError("--force-conflicts only works with --server-side");
  if (serverSide && dry === "client") throw new CmdError("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
  const fmt = await objectOutputFormat(inv);
  const items = await readManifests(inv);
  if (items.length === 0) throw new CmdError("no objects passed to apply");
  let failed = false;
  const printed: KObject[] = [];
  for (const item of items) {
    if (item.error) {
      inv.err(`error: ${item.error}\n`);
      failed = true;
      continue;
    }
    const obj = item.obj!;
    const info = infoForObject(inv, obj);
    if (!info) {
      inv.err(mappingError(obj, item.source));
      failed = true;
      continue;
    }
    const res = serverSide ? serverSideApplyOne(inv, info, obj, dry) : await applyOne(inv, info, obj, item.source, dry);
    if (res.error) {
      inv.err(res.error);
      failed = true;
      continue;
    }
    const [warning, line] = res.line!.includes("\0") ? res.line!.split("\0") : ["", res.line!];
    if (warning) inv.err(warning);
    if (fmt) printed.push(res.obj!);
    else inv.out(line!);
  }
  if (fmt && printed.length > 0) inv.out(printObjects(printed, fmt, { single: printed.length === 1, serverObjects: dry !== "client" }));
  return failed ? 1 : 0;
}
