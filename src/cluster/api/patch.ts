// The three patch types kubectl sends: JSON merge (RFC 7386), JSON patch (RFC 6902)
// and strategic merge, where lists of named things merge by key instead of being
// replaced (containers by name, container ports by containerPort, Service ports by port).
import { clone, deepEqual, isPlainObject } from "./objects.ts";

export type PatchOutcome = { ok: true; value: unknown } | { ok: false; message: string };

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

// ---- RFC 6902 ----

function unescape(seg: string): string {
  return seg.replace(/~1/g, "/").replace(/~0/g, "~");
}

function splitPointer(path: string): string[] | undefined {
  if (path === "") return [];
  if (!path.startsWith("/")) return undefined;
  return path.slice(1).split("/").map(unescape);
}

interface Loc {
  parent: Record<string, unknown> | unknown[];
  key: string;
}

function locate(doc: unknown, segs: string[]): Loc | undefined {
  let cur: unknown = doc;
  for (let i = 0; i < segs.length - 1; i++) {
    if (Array.isArray(cur)) cur = cur[Number(segs[i])];
    else if (isPlainObject(cur)) cur = cur[segs[i]];
    else return undefined;
  }
  if (!Array.isArray(cur) && !isPlainObject(cur)) return undefined;
  return { parent: cur, key: segs[segs.length - 1] };
}

function getAt(doc: unknown, segs: string[]): { found: boolean; value?: unknown } {
  let cur: unknown = doc;
  for (const s of segs) {
    if (Array.isArray(cur)) {
      const i = Number(s);
      if (!/^\d+$/.test(s) || i >= cur.length) return { found: false };
      cur = cur[i];
    } else if (isPlainObject(cur)) {
      if (!(s in cur)) return { found: false };
      cur = cur[s];
    } else return { found: false };
  }
  return { found: true, value: cur };
}

export function jsonPatch(target: unknown, ops: unknown): PatchOutcome {
  if (!Array.isArray(ops)) return { ok: false, message: "json: cannot unmarshal object into Go value of type jsonpatch.Patch" };
  let doc = clone(target);
  for (const raw of ops) {
    if (!isPlainObject(raw)) return { ok: false, message: "invalid JSON Patch" };
    const op = String(raw.op ?? "");
    const path = String(raw.path ?? "");
    const segs = splitPointer(path);
    if (!segs) return { ok: false, message: `invalid JSON Patch: path ${JSON.stringify(path)} must start with /` };
    const missing = (what: string) => ({ ok: false as const, message: `${what} operation does not apply: doc is missing path: "${path}": missing value` });
    switch (op) {
      case "add":
      case "replace": {
        if (segs.length === 0) {
          doc = clone(raw.value);
          break;
        }
        const loc = locate(doc, segs);
        if (!loc) return missing(op);
        const value = clone(raw.value);
        if (Array.isArray(loc.parent)) {
          const i = loc.key === "-" ? loc.parent.length : Number(loc.key);
          if (!Number.isInteger(i) || i < 0 || i > loc.parent.length || (op === "replace" && i >= loc.parent.length)) return missing(op);
          if (op === "add") loc.parent.splice(i, 0, value);
          else loc.parent[i] = value;
        } else {
          if (op === "replace" && !(loc.key in loc.parent)) return missing(op);
          loc.parent[loc.key] = value;
        }
        break;
      }
      case "remove": {
        const loc = locate(doc, segs);
        if (!loc || !getAt(doc, segs).found) return missing(op);
        if (Array.isArray(loc.parent)) loc.parent.splice(Number(loc.key), 1);
        else delete loc.parent[loc.key];
        break;
      }
      case "test": {
        const got = getAt(doc, segs);
        if (!got.found || !deepEqual(got.value, raw.value)) return { ok: false, message: `testing value ${path} failed: test failed` };
        break;
      }
      case "move":
      case "copy": {
        const from = splitPointer(String(raw.from ?? ""));
        const got = from && getAt(doc, from);
        if (!from || !got || !got.found) return missing(op);
        if (op === "move") {
          const r = jsonPatch(doc, [{ op: "remove", path: raw.from }]);
          if (!r.ok) return r;
          doc = r.value;
        }
        const r = jsonPatch(doc, [{ op: "add", path, value: got.value }]);
        if (!r.ok) return r;
        doc = r.value;
        break;
      }
      default:
        return { ok: false, message: `Unexpected kind: ${op}` };
    }
  }
  return { ok: true, value: doc };
}

// ---- strategic merge ----

/**
 * Merge key of a list, by the field name and its parent (k8s.io/api patchMergeKey tags);
 * the parent of a container's fields is "container". Shared with kubectl's apply, which
 * computes the patches this merges.
 */
export function mergeKey(field: string, parent: string): string | undefined {
  switch (field) {
    case "containers":
    case "initContainers":
    case "ephemeralContainers":
    case "env":
    case "volumes":
    case "imagePullSecrets":
      return "name";
    case "ports":
      // Container ports merge by containerPort, Service ports by port.
      return parent === "container" ? "containerPort" : "port";
    case "volumeMounts":
      return "mountPath";
    case "conditions":
      return "type";
    case "ownerReferences":
      return "uid";
    case "hostAliases":
      return "ip";
    case "topologySpreadConstraints":
      return "topologyKey";
    default:
      return undefined;
  }
}

export function strategicMerge(target: unknown, patch: unknown, parent = ""): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  if (patch["$patch"] === "replace") {
    const { $patch: _, ...rest } = patch;
    return clone(rest);
  }
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$setElementOrder/") || k === "$retainKeys" || k === "$patch") continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const key = mergeKey(k, parent);
    if (Array.isArray(v) && key && Array.isArray(out[k])) {
      out[k] = mergeList(out[k] as unknown[], v, key, k);
    } else if (isPlainObject(v)) {
      out[k] = strategicMerge(out[k], v, k);
    } else {
      out[k] = clone(v);
    }
  }
  return out;
}

function mergeList(target: unknown[], patch: unknown[], key: string, field: string): unknown[] {
  const childParent = field === "containers" || field === "initContainers" || field === "ephemeralContainers" ? "container" : field;
  const out = target.map((x) => clone(x));
  for (const item of patch) {
    if (!isPlainObject(item)) {
      out.push(clone(item));
      continue;
    }
    const i = out.findIndex((x) => isPlainObject(x) && x[key] === item[key]);
    if (item["$patch"] === "delete") {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = strategicMerge(out[i], item, childParent);
    else out.push(strategicMerge(undefined, item, childParent));
  }
  return out;
}
