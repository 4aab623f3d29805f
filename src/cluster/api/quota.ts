// ResourceQuota and LimitRange: what the API server decodes, defaults and validates
// (k/k pkg/apis/core/validation ValidateResourceQuota, ValidateLimitRange; quantity
// syntax from apimachinery resource.ParseQuantity). The quota's status is the quota
// controller's job (controllers/quota.ts).
import type { KObject } from "./types.ts";
import type { Strategy } from "./strategy.ts";
import type { FieldError } from "./errors.ts";
import { isPlainObject } from "./objects.ts";
import { canonicalizeQuantities, canonicalQuantity, parseQuantity, quantityError } from "./quantity.ts";

// helper.standardQuotaResources; hugepages-* and anything with a "/" are also accepted.
const STANDARD_QUOTA = new Set([
  "cpu", "memory", "ephemeral-storage",
  "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage",
  "limits.cpu", "limits.memory", "limits.ephemeral-storage",
  "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "persistentvolumeclaims", "configmaps",
  "services.nodeports", "services.loadbalancers",
]);
const QUOTA_SCOPES = ["Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity"];
const LIMIT_TYPES = ["Pod", "Container", "PersistentVolumeClaim"];
// helper.standardResources (validateResourceName) and the container subset.
const STANDARD_RESOURCES = new Set([...STANDARD_QUOTA, "storage"]);
const CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);
const NEGATIVE = "must be greater than or equal to 0";

type ResourceList = Record<string, unknown>;

/** The decoder rejects a malformed quantity anywhere in the listed resource maps. */
function quantityDecodeError(kind: string, lists: unknown[]): string | undefined {
  for (const list of lists) {
    if (!isPlainObject(list)) continue;
    for (const v of Object.values(list)) {
      const error = v === null ? undefined : quantityError(v);
      if (error) return `${kind} in version "v1" cannot be handled as a ${kind}: ${error}`;
    }
  }
  return undefined;
}

function nonNegative(list: ResourceList, field: string, errs: FieldError[]): void {
  for (const [k, v] of Object.entries(list)) {
    const q = parseQuantity(v);
    if (q && q.nano < 0n) errs.push({ type: "Invalid", field: `${field}[${k}]`, value: canonicalQuantity(v), detail: NEGATIVE });
  }
}

const goSlice = (type: string, items: string[]) => ({ toString: () => `[]${type}{${items.map((s) => JSON.stringify(s)).join(", ")}}` });

export const resourceQuotaStrategy: Strategy = {
  decode(obj) {
    const spec = obj.spec as { hard?: unknown } | undefined;
    return quantityDecodeError("ResourceQuota", [spec?.hard]);
  },
  defaults(obj, _ctx, old) {
    obj.spec ??= {};
    canonicalizeQuantities((obj.spec as { hard?: unknown }).hard);
    // PrepareForCreate clears the status: only the quota controller fills it.
    if (!old) delete obj.status;
  },
  validate(obj, old) {
    const errs: FieldError[] = [];
    const spec = (obj.spec ?? {}) as { hard?: ResourceList; scopes?: string[] };
    const hard = isPlainObject(spec.hard) ? spec.hard : {};
    for (const k of Object.keys(hard)) {
      if (!k.includes("/") && !STANDARD_QUOTA.has(k) && !k.startsWith("hugepages-") && !k.startsWith("requests.hugepages-"))
        errs.push({ type: "Invalid", field: `spec.hard[${k}]`, value: k, detail: "must be a standard resource for quota" });
    }
    nonNegative(hard, "spec.hard", errs);
    const scopes = spec.scopes ?? [];
    const scopesValue = goSlice("core.ResourceQuotaScope", scopes);
    for (const s of scopes) if (!QUOTA_SCOPES.includes(s)) errs.push({ type: "Invalid", field: "spec.scopes", value: scopesValue, detail: "unsupported scope" });
    for (const [a, b] of [["BestEffort", "NotBestEffort"], ["Terminating", "NotTerminating"]])
      if (scopes.includes(a) && scopes.includes(b)) errs.push({ type: "Invalid", field: "spec.scopes", value: scopesValue, detail: "conflicting scopes" });
    if (old) {
      const before = new Set((old.spec as { scopes?: string[] } | undefined)?.scopes ?? []);
      const now = new Set(scopes);
      if (before.size !== now.size || [...now].some((s) => !before.has(s)))
        errs.push({ type: "Invalid", field: "spec.scopes", value: scopesValue, detail: "field is immutable" });
    }
    return errs;
  },
};

interface LimitItem {
  type?: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

const LIMIT_MAPS = ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"] as const;

function limitResourceErrors(type: string, name: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (name.includes("/")) return errs;
  if (!STANDARD_RESOURCES.has(name) && !name.startsWith("hugepages-"))
    errs.push({ type: "Invalid", field, value: name, detail: "must be a standard resource type or fully qualified" });
  if ((type === "Pod" || type === "Container") && !CONTAINER_RESOURCES.has(name) && !name.startsWith("hugepages-"))
    errs.push({ type: "Invalid", field, value: name, detail: "must be a standard resource for containers" });
  return errs;
}

export const limitRangeStrategy: Strategy = {
  decode(obj) {
    const limits = ((obj.spec as { limits?: unknown } | undefined)?.limits ?? []) as LimitItem[];
    if (!Array.isArray(limits)) return undefined;
    return quantityDecodeError("LimitRange", limits.flatMap((l) => (isPlainObject(l) ? LIMIT_MAPS.map((m) => l[m]) : [])));
  },
  defaults(obj) {
    const limits = ((obj.spec as { limits?: unknown } | undefined)?.limits ?? []) as LimitItem[];
    if (!Array.isArray(limits)) return;
    for (const item of limits) {
      if (!isPlainObject(item)) continue;
      const l = item as LimitItem;
      for (const m of LIMIT_MAPS) canonicalizeQuantities(l[m]);
      // SetDefaults_LimitRangeItem: for a Container the max is the default limit, the
      // default limit is the default request, and failing both the min is.
      if (l.type === "Container") {
        const fill = (target: "default" | "defaultRequest", from: ResourceList | undefined) => {
          for (const [k, v] of Object.entries(from ?? {})) {
            const t: ResourceList = (l[target] ??= {});
            if (!(k in t)) t[k] = v;
          }
        };
        fill("default", l.max);
        fill("defaultRequest", l.default);
        fill("defaultRequest", l.min);
      }
    }
  },
  validate(obj) {
    const errs: FieldError[] = [];
    const limits = ((obj.spec as { limits?: unknown } | undefined)?.limits ?? []) as LimitItem[];
    const seen = new Set<string>();
    for (const [i, l] of (Array.isArray(limits) ? limits : []).entries()) {
      const at = `spec.limits[${i}]`;
      const type = l.type ?? "";
      if (!type.includes("/") && !LIMIT_TYPES.includes(type))
        errs.push({ type: "Invalid", field: `${at}.type`, value: type, detail: "must be a standard limit type or fully qualified" });
      if (seen.has(type)) errs.push({ type: "Duplicate", field: `${at}.type`, value: type });
      seen.add(type);
      for (const m of ["max", "min"] as const) for (const k of Object.keys(l[m] ?? {})) errs.push(...limitResourceErrors(type, k, `${at}.${m}[${k}]`));
      if (type === "Pod") {
        if (Object.keys(l.default ?? {}).length) errs.push({ type: "Forbidden", field: `${at}.default`, detail: "may not be specified when `type` is 'Pod'" });
        if (Object.keys(l.defaultRequest ?? {}).length) errs.push({ type: "Forbidden", field: `${at}.defaultRequest`, detail: "may not be specified when `type` is 'Pod'" });
      } else {
        for (const m of ["default", "defaultRequest"] as const) for (const k of Object.keys(l[m] ?? {})) errs.push(...limitResourceErrors(type, k, `${at}.${m}[${k}]`));
      }
      if (type === "PersistentVolumeClaim" && !("storage" in (l.min ?? {})) && !("storage" in (l.max ?? {})))
        errs.push({ type: "Required", field: `${at}.limits`, detail: "either minimum or maximum storage value is required, but neither was provided" });
      for (const k of Object.keys(l.maxLimitRequestRatio ?? {})) errs.push(...limitResourceErrors(type, k, `${at}.maxLimitRequestRatio[${k}]`));
    }
    return errs;
  },
};

/** Quota hard limits of a stored quota, canonical: what the controller copies to status.hard. */
export function quotaHard(q: KObject): Record<string, string> {
  const hard = (q.spec as { hard?: unknown } | undefined)?.hard;
  const out: Record<string, string> = {};
  if (isPlainObject(hard)) for (const k of Object.keys(hard).sort()) out[k] = canonicalQuantity(hard[k]) ?? String(hard[k]);
  return out;
}
