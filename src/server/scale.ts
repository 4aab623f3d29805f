// The scale subresource: an autoscaling/v1 Scale view of a workload's replicas.
import type { KObject } from "../cluster/index.ts";

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** The selector as a label-selector string, the way Scale.status.selector carries it (sorted by key). */
export function selectorString(sel: LabelSelector | undefined): string {
  if (!sel) return "";
  const parts: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(",");
    const text =
      e.operator === "In" ? `${e.key} in (${values})`
      : e.operator === "NotIn" ? `${e.key} notin (${values})`
      : e.operator === "Exists" ? e.key
      : `!${e.key}`;
    parts.push({ key: e.key, text });
  }
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return parts.map((p) => p.text).join(",");
}

export function scaleOf(obj: KObject): KObject {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: LabelSelector };
  const status = (obj.status ?? {}) as { replicas?: number };
  const m = obj.metadata;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: status.replicas ?? 0, selector: selectorString(spec.selector) },
  };
}

/** RFC 7386 merge patch (Scale has no lists, so strategic merge is the same thing here). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target && typeof target === "object" && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** The replicas a scale patch asks for, or undefined when it does not touch them. */
export function replicasFromScalePatch(current: KObject, type: "merge" | "strategic" | "json", patch: unknown): number | undefined | Error {
  if (type === "json") {
    if (!Array.isArray(patch)) return new Error("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    let replicas: number | undefined;
    for (const op of patch as { op?: string; path?: string; value?: unknown }[]) {
      if ((op.op === "replace" || op.op === "add") && op.path === "/spec/replicas" && typeof op.value === "number") replicas = op.value;
    }
    return replicas;
  }
  const merged = mergePatch(current, patch) as { spec?: { replicas?: unknown } };
  const r = merged.spec?.replicas;
  return typeof r === "number" ? r : undefined;
}
