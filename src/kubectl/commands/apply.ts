// kubectl apply -f (client-side apply): create, or three-way patch from the
// last-applied-configuration annotation; created / configured / unchanged.
import type { KObject, ResourceInfo } from "../../cluster/index.ts";
import { CmdError, statusText } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { readManifests } from "../manifests.ts";
import { toGoJsonCompact } from "../output/json.ts";
import { parseObjectOutput, printObjects } from "../printing.ts";
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

// Keys that identify list items for strategic merge (what kubectl learns from OpenAPI).
const ITEM_KEYS = ["name", "containerPort", "port", "mountPath", "ip", "type"];
function itemKey(item: unknown): [string, unknown] | undefined {
  if (!isMap(item)) return undefined;
  const k = ITEM_KEYS.find((key) => key in item);
  return k ? [k, item[k]] : undefined;
}

/**
 * The patch that takes `current` to `modified`, deleting what `original` (the last
 * applied configuration) had and `modified` no longer has. Server-set fields the user
 * never wrote are left alone.
 */
export function threeWayPatch(original: unknown, modified: Json, current: unknown): Json {
  const patch: Json = {};
  const cur = isMap(current) ? current : {};
  const orig = isMap(original) ? original : {};
  for (const [k, m] of Object.entries(modified)) {
    const c = cur[k];
    if (c === undefined) {
      patch[k] = m;
    } else if (isMap(m) && isMap(c)) {
      const sub = threeWayPatch(orig[k], m, c);
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (Array.isArray(m) && Array.isArray(c)) {
      // Lists carry server defaults per item; only a change against what was last applied counts.
      if (equal(m, orig[k]) || equal(m, c)) continue;
      const removed = Array.isArray(orig[k])
        ? (orig[k] as unknown[]).filter((o) => {
            const key = itemKey(o);
            return key && !m.some((x) => isMap(x) && x[key[0]] === key[1]);
          })
        : [];
      patch[k] = [...m, ...removed.map((o) => ({ [itemKey(o)![0]]: itemKey(o)![1], $patch: "delete" }))];
    } else if (!equal(m, c)) {
      patch[k] = m;
    }
  }
  for (const k of Object.keys(orig)) {
    if (!(k in modified) && k in cur) patch[k] = null;
  }
  return patch;
}

/** The manifest as kubectl stores it in the annotation (compact JSON, keys sorted, newline). */
export function lastAppliedValue(obj: KObject): string {
  const copy = JSON.parse(JSON.stringify(obj)) as KObject;
  if (copy.metadata.annotations) {
    delete copy.metadata.annotations[LAST_APPLIED];
    if (Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations;
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
    if (current.status.reason !== "NotFound") return { error: statusText(current.status, `retrieving current configuration of:\nResource: "${info.group}/${info.version}, Resource=${info.resource}", GroupVersionKind: "${obj.apiVersion.includes("/") ? obj.apiVersion : "/" + obj.apiVersion}, Kind=${obj.kind}"\nName: "${name}", Namespace: "${obj.metadata.namespace ?? ""}"\nfrom server for: "${source}"`) };
    if (dry === "client") return { line: successLine(info, name, "created", dry), obj: modified };
    const r = inv.cluster.create(modified, opts);
    if (!r.ok) return { error: statusText(r.status, `creating "${source}"`) };
    return { line: successLine(info, name, "created", dry), obj: r.value };
  }
  const live = current.value;
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
  if (dry === "client") return { line: warning + "\0" + successLine(info, name, "configured", dry), obj: live };
  const r = inv.cluster.patch(ref, "strategic", patch, opts);
  if (!r.ok) return { error: statusText(r.status, `applying patch:\n${toGoJsonCompact(patch)}\nto:\nResource: "${info.group}/${info.version}, Resource=${info.resource}", GroupVersionKind: "${obj.apiVersion.includes("/") ? obj.apiVersion : "/" + obj.apiVersion}, Kind=${obj.kind}"\nName: "${name}", Namespace: "${obj.metadata.namespace ?? ""}"\nfor: "${source}"`) };
  return { line: warning + "\0" + successLine(info, name, "configured", dry), obj: r.value };
}

export async function apply(inv: Invocation): Promise<number> {
  if (inv.list("filename").length === 0 && !inv.has("kustomize")) throw new CmdError("must specify one of -f and -k");
  const dry = dryRunOf(inv);
  const fmt = parseObjectOutput(inv.str("output"));
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
    const res = await applyOne(inv, info, obj, item.source, dry);
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
