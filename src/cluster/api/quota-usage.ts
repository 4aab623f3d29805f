// What a namespace uses of each quota resource (the evaluators of k/k pkg/quota/v1/evaluator/core
// and the generic object-count evaluator), and the ResourceQuota admission check for object
// counts (k8s.io/apiserver pkg/admission/plugin/resourcequota/controller.go CheckRequest).
// The quota controller fills status.used from the same numbers.
import type { KObject, ResourceInfo } from "./types.ts";
import type { ObjectStore } from "./store.ts";
import { infoForResource, resourceKey } from "./resources.ts";
import { formatQuantity, parseQuantity, ZERO, type Quantity } from "./quantity.ts";
import { podRequestsAndLimits, sumResourceLists } from "./pod-resources.ts";
import { quotaHard } from "./quota.ts";

const UNIT = 10n ** 9n;
const count = (n: number): Quantity => ({ nano: BigInt(n) * UNIT, format: "DecimalSI" });

// Core kinds whose quota resource has a plain name besides count/<resource>.
const LEGACY_COUNTED = new Set(["pods", "services", "configmaps", "secrets", "resourcequotas", "replicationcontrollers", "persistentvolumeclaims"]);

type ServiceSpec = { type?: string; ports?: { nodePort?: number }[] };

/** Pods the quota still charges: not finished. */
function livePods(store: ObjectStore, ns: string): KObject[] {
  return store.list("pods", ns).filter((p) => !["Succeeded", "Failed"].includes((p.status as { phase?: string } | undefined)?.phase ?? ""));
}

function serviceNodePorts(s: KObject): number {
  const spec = (s.spec ?? {}) as ServiceSpec;
  return spec.type === "NodePort" || spec.type === "LoadBalancer" ? (spec.ports ?? []).filter((p) => p.nodePort).length : 0;
}

/** What the namespace uses of one quota resource name. */
export function quotaUsage(store: ObjectStore, ns: string, name: string): Quantity {
  if (name === "pods" || name === "count/pods") return count(livePods(store, ns).length);
  if (LEGACY_COUNTED.has(name)) return count(store.list(name, ns).length);
  if (name.startsWith("count/")) {
    const [resource, ...group] = name.slice("count/".length).split(".");
    const info = infoForResource(group.join("."), resource);
    return info ? count(store.list(resourceKey(info.group, info.resource), ns).length) : ZERO;
  }
  if (name === "services.loadbalancers") return count(store.list("services", ns).filter((s) => (s.spec as ServiceSpec | undefined)?.type === "LoadBalancer").length);
  if (name === "services.nodeports") return count(store.list("services", ns).reduce((n, s) => n + serviceNodePorts(s), 0));
  // cpu, memory, requests.*, limits.*: summed over the live pods' containers.
  const dot = name.indexOf(".");
  const [kind, resource] = dot < 0 ? ["requests", name] : [name.slice(0, dot), name.slice(dot + 1)];
  if (kind !== "requests" && kind !== "limits") return ZERO;
  const perPod = livePods(store, ns).map((pod) => podRequestsAndLimits(pod)[kind]);
  return sumResourceLists(perPod).get(resource) ?? ZERO;
}

/** The object counts one new object adds (the evaluators' Usage, counts only). */
function requestedCounts(info: ResourceInfo, obj: KObject): Record<string, number> {
  const key = info.group ? `count/${info.resource}.${info.group}` : `count/${info.resource}`;
  const out: Record<string, number> = { [key]: 1 };
  if (!info.group && LEGACY_COUNTED.has(info.resource)) out[info.resource] = 1;
  if (info.kind === "Service") {
    const type = (obj.spec as ServiceSpec | undefined)?.type;
    if (type === "NodePort" || type === "LoadBalancer") out["services.nodeports"] = ((obj.spec as ServiceSpec).ports ?? []).length;
    if (type === "LoadBalancer") out["services.loadbalancers"] = 1;
  }
  return out;
}

/**
 * The admission answer for creating `obj`: undefined when every quota of its namespace has
 * room, else the reason (`exceeded quota: <name>, requested: …, used: …, limited: …`).
 * Only object counts are enforced; cpu and memory quotas are tracked, not enforced.
 */
export function quotaExceeded(store: ObjectStore, info: ResourceInfo, obj: KObject): string | undefined {
  const ns = obj.metadata.namespace;
  if (!ns || !info.namespaced) return undefined;
  const quotas = store.list("resourcequotas", ns);
  if (!quotas.length) return undefined;
  const requested = requestedCounts(info, obj);
  for (const q of quotas) {
    const hard = quotaHard(q);
    const exceeded = Object.keys(requested)
      .filter((k) => k in hard)
      .sort();
    const failed = exceeded.filter((k) => {
      const limit = parseQuantity(hard[k]);
      return limit && quotaUsage(store, ns, k).nano + BigInt(requested[k]) * UNIT > limit.nano;
    });
    if (!failed.length) continue;
    const list = (value: (k: string) => string) => failed.map((k) => `${k}=${value(k)}`).join(",");
    return `exceeded quota: ${q.metadata.name}, requested: ${list((k) => String(requested[k]))}, used: ${list((k) => formatQuantity(quotaUsage(store, ns, k)))}, limited: ${list((k) => hard[k])}`;
  }
  return undefined;
}
