// Decoding as the API server's JSON decoder does it: a field of the wrong JSON type
// is a BadRequest ("cannot unmarshal string into Go struct field ..."), before any
// defaulting or validation. Only types are checked here, for the fields the kinds
// we serve have; values are validation's job.

type Go = string; // the Go type named in the message, e.g. "int32", "[]v1.Container"

export type Schema =
  | { t: "string" | "int" | "bool" | "intOrString" | "any"; go?: Go }
  | { t: "map"; go?: Go } // map[string]string
  | { t: "object"; struct: string; fields?: Record<string, Schema>; go?: Go }
  | { t: "array"; of: Schema; go: Go };

const str: Schema = { t: "string" };
const int: Schema = { t: "int", go: "int32" };
const int64: Schema = { t: "int", go: "int64" };
const bool: Schema = { t: "bool" };
const any: Schema = { t: "any" };
const map: Schema = { t: "map" };
const strings: Schema = { t: "array", of: str, go: "[]string" };
const obj = (struct: string, fields?: Record<string, Schema>, go?: Go): Schema => ({ t: "object", struct, fields, go: go ?? `v1.${struct}` });
const arr = (of: Schema, go: Go): Schema => ({ t: "array", of, go });

const ownerReference = obj("OwnerReference", { apiVersion: str, kind: str, name: str, uid: { t: "string", go: "types.UID" }, controller: bool, blockOwnerDeletion: bool });
export const objectMeta = obj("ObjectMeta", {
  name: str,
  generateName: str,
  namespace: str,
  uid: { t: "string", go: "types.UID" },
  resourceVersion: str,
  generation: int64,
  labels: map,
  annotations: map,
  ownerReferences: arr(ownerReference, "[]v1.OwnerReference"),
  finalizers: strings,
});

const containerPort = obj("ContainerPort", { name: str, containerPort: int, hostPort: int, protocol: { t: "string", go: "v1.Protocol" }, hostIP: str });
const envVar = obj("EnvVar", { name: str, value: str, valueFrom: any });
const container = obj("Container", {
  name: str,
  image: str,
  command: strings,
  args: strings,
  workingDir: str,
  ports: arr(containerPort, "[]v1.ContainerPort"),
  env: arr(envVar, "[]v1.EnvVar"),
  imagePullPolicy: { t: "string", go: "v1.PullPolicy" },
  readinessProbe: obj("Probe", { initialDelaySeconds: int, periodSeconds: int, timeoutSeconds: int }, "*v1.Probe"),
  livenessProbe: obj("Probe", { initialDelaySeconds: int, periodSeconds: int, timeoutSeconds: int }, "*v1.Probe"),
  stdin: bool,
  tty: bool,
});
const toleration = obj("Toleration", { key: str, operator: { t: "string", go: "v1.TolerationOperator" }, value: str, effect: { t: "string", go: "v1.TaintEffect" }, tolerationSeconds: int64 });
export const podSpec = obj("PodSpec", {
  containers: arr(container, "[]v1.Container"),
  initContainers: arr(container, "[]v1.Container"),
  restartPolicy: { t: "string", go: "v1.RestartPolicy" },
  terminationGracePeriodSeconds: int64,
  dnsPolicy: { t: "string", go: "v1.DNSPolicy" },
  nodeSelector: map,
  serviceAccountName: str,
  nodeName: str,
  hostNetwork: bool,
  hostname: str,
  subdomain: str,
  tolerations: arr(toleration, "[]v1.Toleration"),
  priorityClassName: str,
  affinity: obj("Affinity", undefined, "*v1.Affinity"),
  volumes: arr(obj("Volume"), "[]v1.Volume"),
});
const labelSelector = obj("LabelSelector", { matchLabels: map, matchExpressions: arr(obj("LabelSelectorRequirement", { key: str, operator: str, values: strings }), "[]v1.LabelSelectorRequirement") }, "*v1.LabelSelector");
const template = obj("PodTemplateSpec", { metadata: objectMeta, spec: podSpec });
const workloadSpec = (struct: string) => obj(struct, { replicas: { t: "int", go: "*int32" }, selector: labelSelector, template, serviceName: str, minReadySeconds: int, revisionHistoryLimit: { t: "int", go: "*int32" } });

const SPECS: Record<string, Record<string, Schema>> = {
  Pod: { spec: podSpec },
  Deployment: { spec: workloadSpec("DeploymentSpec") },
  ReplicaSet: { spec: workloadSpec("ReplicaSetSpec") },
  StatefulSet: { spec: workloadSpec("StatefulSetSpec") },
  DaemonSet: { spec: workloadSpec("DaemonSetSpec") },
  NetworkPolicy: { spec: obj("NetworkPolicySpec", { podSelector: obj("LabelSelector", labelSelector.t === "object" ? labelSelector.fields : undefined), policyTypes: arr({ t: "string", go: "v1.PolicyType" }, "[]v1.PolicyType"), ingress: arr(obj("NetworkPolicyIngressRule"), "[]v1.NetworkPolicyIngressRule"), egress: arr(obj("NetworkPolicyEgressRule"), "[]v1.NetworkPolicyEgressRule") }) },
  Ingress: { spec: obj("IngressSpec", { ingressClassName: { t: "string", go: "*string" }, rules: arr(obj("IngressRule", { host: str }), "[]v1.IngressRule"), tls: arr(obj("IngressTLS", { hosts: strings, secretName: str }), "[]v1.IngressTLS") }) },
  EndpointSlice: { endpoints: arr(obj("Endpoint", { addresses: strings, hostname: { t: "string", go: "*string" }, nodeName: { t: "string", go: "*string" } }), "[]v1.Endpoint"), ports: arr(obj("EndpointPort", { name: { t: "string", go: "*string" }, port: { t: "int", go: "*int32" }, protocol: { t: "string", go: "*v1.Protocol" } }), "[]v1.EndpointPort") },
  Endpoints: { subsets: arr(obj("EndpointSubset", { addresses: arr(obj("EndpointAddress", { ip: str, hostname: str, nodeName: { t: "string", go: "*string" } }), "[]v1.EndpointAddress"), notReadyAddresses: arr(obj("EndpointAddress", { ip: str }), "[]v1.EndpointAddress"), ports: arr(obj("EndpointPort", { name: str, port: int, protocol: { t: "string", go: "v1.Protocol" } }), "[]v1.EndpointPort") }), "[]v1.EndpointSubset") },
  Namespace: { spec: obj("NamespaceSpec") },
  Lease: { spec: obj("LeaseSpec", { holderIdentity: { t: "string", go: "*string" }, leaseDurationSeconds: { t: "int", go: "*int32" }, leaseTransitions: { t: "int", go: "*int32" }, acquireTime: { t: "string", go: "*v1.MicroTime" }, renewTime: { t: "string", go: "*v1.MicroTime" } }) },
  ResourceQuota: { spec: obj("ResourceQuotaSpec", { hard: { t: "any" }, scopes: arr({ t: "string", go: "v1.ResourceQuotaScope" }, "[]v1.ResourceQuotaScope") }) },
  LimitRange: { spec: obj("LimitRangeSpec", { limits: arr(obj("LimitRangeItem", { type: { t: "string", go: "v1.LimitType" } }), "[]v1.LimitRangeItem") }) },
  Node: { spec: obj("NodeSpec", { podCIDR: str, podCIDRs: strings, unschedulable: bool, taints: arr(obj("Taint", { key: str, value: str, effect: { t: "string", go: "v1.TaintEffect" } }), "[]v1.Taint") }) },
};

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (typeof v === "boolean") return "bool";
  return typeof v;
}

// Every object the API receives is checked, so the walk allocates nothing for fields
// that are absent or well typed: paths are joined only for fields that are present.
const TOP = new Map<string, [string, Schema][]>();

/** The decoder's complaint about the first wrongly typed field, or undefined. */
export function decodeError(kind: string, version: string, obj: Record<string, unknown>): string | undefined {
  let top = TOP.get(kind);
  if (!top) {
    top = Object.entries({ metadata: objectMeta, ...(SPECS[kind] ?? {}) });
    TOP.set(kind, top);
  }
  for (const [k, s] of top) {
    const e = check(obj[k], s, kind, k);
    if (e) return `${kind} in version "${version}" cannot be handled as a ${kind}: ${e}`;
  }
  return undefined;
}

function unmarshalError(v: unknown, parent: string, path: string, go: Go): string {
  // The decoder allocates a pointer field before storing into it, so the message names the
  // pointed-to type: ReplicationControllerSpec.replicas (*int32) reads "of type int32".
  return `json: cannot unmarshal ${jsonType(v)} into Go struct field ${parent}.${path} of type ${go.replace(/^\*/, "")}`;
}

function check(v: unknown, s: Schema, parent: string, path: string): string | undefined {
  // null is "unset" for every field in Go's decoder.
  if (v === undefined || v === null || s.t === "any") return undefined;
  switch (s.t) {
    case "string":
      return typeof v === "string" ? undefined : unmarshalError(v, parent, path, s.go ?? "string");
    case "int":
      return typeof v === "number" && Number.isInteger(v) ? undefined : unmarshalError(v, parent, path, s.go ?? "int32");
    case "bool":
      return typeof v === "boolean" ? undefined : unmarshalError(v, parent, path, "bool");
    case "intOrString":
      return typeof v === "string" || typeof v === "number" ? undefined : unmarshalError(v, parent, path, "intstr.IntOrString");
    case "map": {
      if (typeof v !== "object" || Array.isArray(v)) return unmarshalError(v, parent, path, s.go ?? "map[string]string");
      const m = v as Record<string, unknown>;
      for (const k in m) {
        const x = m[k];
        if (x !== null && typeof x !== "string") return `json: cannot unmarshal ${jsonType(x)} into Go struct field ${parent}.${path} of type string`;
      }
      return undefined;
    }
    case "array": {
      if (!Array.isArray(v)) return unmarshalError(v, parent, path, s.go);
      for (const item of v) {
        const e = check(item, s.of, parent, path);
        if (e) return e;
      }
      return undefined;
    }
    case "object": {
      if (typeof v !== "object" || Array.isArray(v)) return unmarshalError(v, parent, path, s.go ?? `v1.${s.struct}`);
      const o = v as Record<string, unknown>;
      const fields = s.fields ?? {};
      for (const k in fields) {
        const x = o[k];
        if (x === undefined || x === null) continue;
        const e = check(x, fields[k]!, s.struct, `${path}.${k}`);
        if (e) return e;
      }
      return undefined;
    }
  }
}
