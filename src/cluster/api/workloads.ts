// Pods and the workload kinds: SetDefaults_Pod / _Deployment / ... and the basic
// validation the API server applies (containers, images, selectors vs. labels).
import { mountServiceAccountToken } from "./service-account.ts";
import { canonicalizeQuantities } from "./quantity.ts";
import type { KObject } from "./types.ts";
import type { Strategy } from "./strategy.ts";
import type { FieldError } from "./errors.ts";
import { dns1123Label, portName, portNumber } from "./names.ts";
import { clone, deepEqual, isPlainObject } from "./objects.ts";
import { matchesLabelSelector, type LabelSelector } from "./selectors.ts";

interface Container {
  name?: string;
  image?: string;
  imagePullPolicy?: string;
  ports?: { name?: string; containerPort?: number; protocol?: string }[];
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  resources?: unknown;
  [k: string]: unknown;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  restartPolicy?: string;
  dnsPolicy?: string;
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  tolerations?: { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }[];
  terminationGracePeriodSeconds?: number;
  [k: string]: unknown;
}

/** `nginx` and `nginx:latest` are pulled Always, a pinned tag IfNotPresent (SetDefaults_Container). */
function pullPolicy(image: string): string {
  const name = image.includes("@") ? image : image.slice(image.lastIndexOf("/") + 1);
  if (image.includes("@")) return "IfNotPresent";
  const tag = name.includes(":") ? name.slice(name.indexOf(":") + 1) : "latest";
  return tag === "latest" ? "Always" : "IfNotPresent";
}

function defaultContainer(c: Container): void {
  if (typeof c.image === "string" && !c.imagePullPolicy) c.imagePullPolicy = pullPolicy(c.image);
  c.terminationMessagePath ??= "/dev/termination-log";
  c.terminationMessagePolicy ??= "File";
  c.resources ??= {};
  if (isPlainObject(c.resources)) {
    canonicalizeQuantities((c.resources as { requests?: unknown }).requests);
    canonicalizeQuantities((c.resources as { limits?: unknown }).limits);
  }
  for (const p of c.ports ?? []) p.protocol ||= "TCP";
}

export function defaultPodSpec(spec: PodSpec, forPod: boolean): void {
  for (const c of spec.containers ?? []) if (isPlainObject(c)) defaultContainer(c);
  for (const c of spec.initContainers ?? []) if (isPlainObject(c)) defaultContainer(c);
  spec.restartPolicy ||= "Always";
  spec.dnsPolicy ||= "ClusterFirst";
  spec.schedulerName ??= "default-scheduler";
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  if (forPod) {
    spec.enableServiceLinks ??= true;
    spec.serviceAccountName ??= "default";
    spec.serviceAccount ??= spec.serviceAccountName;
    spec.preemptionPolicy ??= "PreemptLowerPriority";
    spec.priority ??= 0;
    // DefaultTolerationSeconds admission: tolerate not-ready/unreachable for 300s.
    const tol = (spec.tolerations ??= []);
    for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
      if (!tol.some((t) => t.key === key && t.effect === "NoExecute"))
        tol.push({ effect: "NoExecute", key, operator: "Exists", tolerationSeconds: 300 });
    }
  }
}

function validateContainers(spec: PodSpec | undefined, at: string): FieldError[] {
  const errs: FieldError[] = [];
  const containers = spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    errs.push({ type: "Required", field: `${at}.containers` });
    return errs;
  }
  const names = new Set<string>();
  for (const [i, c] of containers.entries()) {
    const p = `${at}.containers[${i}]`;
    if (!c.name) errs.push({ type: "Required", field: `${p}.name` });
    else {
      for (const m of dns1123Label(c.name)) errs.push({ type: "Invalid", field: `${p}.name`, value: c.name, detail: m });
      if (names.has(c.name)) errs.push({ type: "Duplicate", field: `${p}.name`, value: c.name });
      names.add(c.name);
    }
    if (!c.image) errs.push({ type: "Required", field: `${p}.image` });
    for (const [j, port] of (c.ports ?? []).entries()) {
      const pp = `${p}.ports[${j}]`;
      if (port.containerPort === undefined) errs.push({ type: "Required", field: `${pp}.containerPort` });
      else for (const m of portNumber(port.containerPort)) errs.push({ type: "Invalid", field: `${pp}.containerPort`, value: port.containerPort, detail: m });
      if (port.name) for (const m of portName(port.name)) errs.push({ type: "Invalid", field: `${pp}.name`, value: port.name, detail: m });
      if (port.protocol && !["SCTP", "TCP", "UDP"].includes(port.protocol))
        errs.push({ type: "NotSupported", field: `${pp}.protocol`, value: port.protocol, supported: ["SCTP", "TCP", "UDP"] });
    }
  }
  const rp = spec?.restartPolicy;
  if (rp && !["Always", "OnFailure", "Never"].includes(rp))
    errs.push({ type: "NotSupported", field: `${at}.restartPolicy`, value: rp, supported: ["Always", "OnFailure", "Never"] });
  return errs;
}

/** The pod's QoS class from its containers' requests and limits (kubelet qos.GetPodQOS). */
export function qosClass(spec: PodSpec): "BestEffort" | "Burstable" | "Guaranteed" {
  const rs = (spec.containers ?? []).map((c) => (c.resources ?? {}) as { requests?: Record<string, string>; limits?: Record<string, string> });
  if (rs.every((r) => !Object.keys(r.requests ?? {}).length && !Object.keys(r.limits ?? {}).length)) return "BestEffort";
  const guaranteed = rs.every((r) => {
    const lim = r.limits ?? {};
    const req = { ...lim, ...(r.requests ?? {}) };
    return !!lim.cpu && !!lim.memory && req.cpu === lim.cpu && req.memory === lim.memory;
  });
  return guaranteed ? "Guaranteed" : "Burstable";
}

export const podStrategy: Strategy = {
  defaults(obj, ctx, old) {
    const spec = (obj.spec ??= {}) as PodSpec;
    defaultPodSpec(spec, true);
    if (!old) mountServiceAccountToken(spec, obj.metadata.namespace ?? "", obj.metadata.name ?? "", ctx.now);
    // The API server decides the QoS class at creation (PrepareForCreate).
    if (!old) obj.status = { phase: "Pending", qosClass: qosClass(spec) };
  },
  validate(obj, old) {
    const errs = validateContainers(obj.spec as PodSpec, "spec");
    if (old && errs.length === 0) {
      // Only a few pod fields may change (image, activeDeadlineSeconds, tolerations additions).
      const strip = (s: unknown) => {
        const c = clone(s ?? {}) as PodSpec;
        for (const x of c.containers ?? []) delete x.image;
        delete c.tolerations;
        delete c.activeDeadlineSeconds;
        delete c.nodeName;
        return c;
      };
      if (!deepEqual(strip(obj.spec), strip(old.spec)))
        errs.push({ type: "Forbidden", field: "spec", detail: "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)" });
    }
    return errs;
  },
};

/** Go's %#v of a map[string]string, as selector/labels mismatches print it. */
function goMap(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(m![k])}`).join(", ")}}`;
}

/** %#v of a v1.LabelSelector, as the immutable-selector error prints it. */
function goLabelSelector(sel: LabelSelector | undefined): string {
  const ml = sel?.matchLabels ? goMap(sel.matchLabels) : "map[string]string(nil)";
  const me = sel?.matchExpressions?.length
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions.map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${e.values ? `[]string{${e.values.map((v) => JSON.stringify(v)).join(", ")}}` : "[]string(nil)"}}`).join(", ")}}`
    : "[]v1.LabelSelectorRequirement(nil)";
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`;
}

function workloadStrategy(opts: { replicas: boolean; defaults?: (spec: Record<string, unknown>) => void }): Strategy {
  return {
    generation: true,
    defaults(obj) {
      const spec = (obj.spec ??= {}) as Record<string, unknown>;
      if (opts.replicas && spec.replicas === undefined) spec.replicas = 1;
      const tpl = spec.template as { spec?: PodSpec } | undefined;
      if (isPlainObject(tpl)) {
        tpl.spec ??= {};
        defaultPodSpec(tpl.spec, false);
        (tpl as Record<string, unknown>).metadata ??= {};
        const md = (tpl as { metadata: Record<string, unknown> }).metadata;
        md.creationTimestamp ??= null;
      }
      opts.defaults?.(spec);
      if (!isPlainObject(obj.status)) obj.status = {};
    },
    validate(obj, old) {
      const errs: FieldError[] = [];
      const spec = (obj.spec ?? {}) as { selector?: LabelSelector; template?: { metadata?: { labels?: Record<string, string> }; spec?: PodSpec }; replicas?: number };
      if (!spec.selector) errs.push({ type: "Required", field: "spec.selector" });
      else if (!spec.selector.matchLabels && !spec.selector.matchExpressions?.length)
        errs.push({ type: "Invalid", field: "spec.selector", value: { toString: () => "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}" }, detail: "empty selector is invalid for deployment" });
      const labels = spec.template?.metadata?.labels;
      if (spec.selector && (spec.selector.matchLabels || spec.selector.matchExpressions?.length) && !matchesLabelSelector(spec.selector, labels))
        errs.push({ type: "Invalid", field: "spec.template.metadata.labels", value: { toString: () => goMap(labels) }, detail: "`selector` does not match template `labels`" });
      if (opts.replicas && typeof spec.replicas === "number" && spec.replicas < 0)
        errs.push({ type: "Invalid", field: "spec.replicas", value: spec.replicas, detail: "must be greater than or equal to 0" });
      errs.push(...validateContainers(spec.template?.spec, "spec.template.spec"));
      if (old && spec.selector && !deepEqual((old.spec as { selector?: unknown })?.selector, spec.selector))
        errs.push({ type: "Invalid", field: "spec.selector", value: { toString: () => goLabelSelector(spec.selector) }, detail: "field is immutable" });
      return errs;
    },
  };
}

type UpdateStrategy = { type?: string; rollingUpdate?: Record<string, unknown> };

/**
 * SetDefaults_* in k/k pkg/apis/apps/v1/defaults.go: an empty strategy (kubectl's generators
 * send `strategy: {}`) becomes RollingUpdate, and each unset rolling-update field gets its default.
 */
function defaultRollingUpdate(current: unknown, fields: Record<string, unknown>): UpdateStrategy {
  const strategy = (current && typeof current === "object" ? current : {}) as UpdateStrategy;
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const rolling = (strategy.rollingUpdate ??= {});
    for (const [field, value] of Object.entries(fields)) rolling[field] ??= value;
  }
  return strategy;
}

export const deploymentStrategy = workloadStrategy({
  replicas: true,
  defaults(spec) {
    spec.strategy = defaultRollingUpdate(spec.strategy, { maxUnavailable: "25%", maxSurge: "25%" });
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
  },
});
export const replicaSetStrategy = workloadStrategy({ replicas: true });
export const statefulSetStrategy = workloadStrategy({
  replicas: true,
  defaults(spec) {
    spec.podManagementPolicy ??= "OrderedReady";
    spec.updateStrategy = defaultRollingUpdate(spec.updateStrategy, { partition: 0 });
    spec.revisionHistoryLimit ??= 10;
    spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: "Retain", whenScaled: "Retain" };
    spec.serviceName ??= "";
  },
});
export const daemonSetStrategy = workloadStrategy({
  replicas: false,
  defaults(spec) {
    spec.updateStrategy = defaultRollingUpdate(spec.updateStrategy, { maxUnavailable: 1, maxSurge: 0 });
    spec.revisionHistoryLimit ??= 10;
  },
});

export function podSpecOf(o: KObject): PodSpec {
  return (o.spec ?? {}) as PodSpec;
}
