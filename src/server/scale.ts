// The scale subresource: an autoscaling/v1 Scale view of a workload's replicas. Patches
// to it are applied with the cluster's own patch functions, then only replicas go back.
import type { KObject } from "../cluster/index.ts";
import { selectorString } from "../cluster/index.ts";
import type { LabelSelector } from "../cluster/index.ts";
import { jsonPatch, mergePatch, strategicMerge } from "../cluster/index.ts";

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

/** The replicas a scale patch asks for, undefined when it leaves them alone, or the patch's error. */
export function replicasFromScalePatch(scale: KObject, type: "merge" | "strategic" | "json", patch: unknown): number | undefined | Error {
  let patched: unknown;
  if (type === "json") {
    const r = jsonPatch(scale, patch);
    if (!r.ok) return new Error(r.message);
    patched = r.value;
  } else {
    patched = type === "merge" ? mergePatch(scale, patch) : strategicMerge(scale, patch);
  }
  const replicas = (patched as { spec?: { replicas?: unknown } }).spec?.replicas;
  return typeof replicas === "number" && replicas !== (scale.spec as { replicas: number }).replicas ? replicas : undefined;
}
