// Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`). kubectl's
// typed clients (create deployment/service/configmap/namespace/ingress/secret, run,
// expose) send them, so the server reads them for the kinds those commands create.
// Field numbers come from k8s.io/api and apimachinery generated.proto.
import type { KObject } from "../cluster/index.ts";

// Compact message table: "num name[:type][!]" entries; type defaults to string,
// "[]" prefix = repeated, "!" = keep the zero value (pointer fields, non-omitempty ones),
// "^" = inlined into the parent object (Go embedded struct with json:",inline").
const MESSAGES: Record<string, string> = {
  Unknown: "1 typeMeta:TypeMeta, 2 raw:raw",
  TypeMeta: "1 apiVersion, 2 kind",
  ObjectMeta:
    "1 name, 2 generateName, 3 namespace, 5 uid, 6 resourceVersion, 7 generation:int64, 8 creationTimestamp:Time, 9 deletionTimestamp:Time, 10 deletionGracePeriodSeconds:int64!, 11 labels:map, 12 annotations:map, 13 ownerReferences:[]OwnerReference, 14 finalizers:[]string",
  OwnerReference: "5 apiVersion, 1 kind, 3 name, 4 uid, 6 controller:bool!, 7 blockOwnerDeletion:bool!",
  LabelSelector: "1 matchLabels:map, 2 matchExpressions:[]LabelSelectorRequirement",
  LabelSelectorRequirement: "1 key, 2 operator, 3 values:[]string",
  ConfigMap: "1 metadata:ObjectMeta, 2 data:map, 3 binaryData:mapbytes, 4 immutable:bool!",
  Secret: "1 metadata:ObjectMeta, 2 data:mapbytes, 3 type, 4 stringData:map, 5 immutable:bool!",
  ResourceQuota: "1 metadata:ObjectMeta, 2 spec:ResourceQuotaSpec, 3 status:ResourceQuotaStatus",
  ResourceQuotaSpec: "1 hard:mapquantity, 2 scopes:[]string, 3 scopeSelector:ScopeSelector",
  ScopeSelector: "1 matchExpressions:[]ScopedResourceSelectorRequirement",
  ScopedResourceSelectorRequirement: "1 scopeName, 2 operator, 3 values:[]string",
  ResourceQuotaStatus: "1 hard:mapquantity, 2 used:mapquantity",
  Namespace: "1 metadata:ObjectMeta, 2 spec:NamespaceSpec, 3 status:NamespaceStatus",
  NamespaceSpec: "1 finalizers:[]string",
  NamespaceStatus: "1 phase",
  Service: "1 metadata:ObjectMeta, 2 spec:ServiceSpec, 3 status:ServiceStatus",
  ServiceSpec:
    "1 ports:[]ServicePort, 2 selector:map, 3 clusterIP, 18 clusterIPs:[]string, 4 type, 5 externalIPs:[]string, 7 sessionAffinity, 8 loadBalancerIP, 9 loadBalancerSourceRanges:[]string, 10 externalName, 11 externalTrafficPolicy, 12 healthCheckNodePort:int32, 13 publishNotReadyAddresses:bool, 14 sessionAffinityConfig:SessionAffinityConfig, 19 ipFamilies:[]string, 17 ipFamilyPolicy, 20 allocateLoadBalancerNodePorts:bool!, 21 loadBalancerClass, 22 internalTrafficPolicy",
  ServicePort: "1 name, 2 protocol, 6 appProtocol, 3 port:int32!, 4 targetPort:IntOrString, 5 nodePort:int32",
  SessionAffinityConfig: "1 clientIP:ClientIPConfig",
  ClientIPConfig: "1 timeoutSeconds:int32!",
  ServiceStatus: "1 loadBalancer:LoadBalancerStatus",
  LoadBalancerStatus: "1 ingress:[]LoadBalancerIngress",
  LoadBalancerIngress: "1 ip, 2 hostname",
  Pod: "1 metadata:ObjectMeta, 2 spec:PodSpec, 3 status:PodStatus",
  PodStatus: "1 phase",
  PodSpec:
    "2 containers:[]Container, 20 initContainers:[]Container, 3 restartPolicy, 4 terminationGracePeriodSeconds:int64!, 6 dnsPolicy, 7 nodeSelector:map, 8 serviceAccountName, 10 nodeName, 11 hostNetwork:bool, 16 hostname, 17 subdomain, 22 tolerations:[]Toleration, 30 enableServiceLinks:bool!, 21 automountServiceAccountToken:bool!",
  Container:
    "1 name!, 2 image, 3 command:[]string, 4 args:[]string, 5 workingDir, 6 ports:[]ContainerPort, 7 env:[]EnvVar, 8 resources:ResourceRequirements, 14 imagePullPolicy, 16 stdin:bool, 17 stdinOnce:bool, 18 tty:bool, 13 terminationMessagePath, 20 terminationMessagePolicy",
  ContainerPort: "1 name, 2 hostPort:int32, 3 containerPort:int32!, 4 protocol, 5 hostIP",
  EnvVar: "1 name!, 2 value",
  ResourceRequirements: "1 limits:mapquantity, 2 requests:mapquantity",
  Toleration: "1 key, 2 operator, 3 value, 4 effect, 5 tolerationSeconds:int64!",
  PodTemplateSpec: "1 metadata:ObjectMeta, 2 spec:PodSpec",
  Deployment: "1 metadata:ObjectMeta, 2 spec:DeploymentSpec, 3 status:DeploymentStatus",
  DeploymentSpec:
    "1 replicas:int32!, 2 selector:LabelSelector, 3 template:PodTemplateSpec, 4 strategy:DeploymentStrategy, 5 minReadySeconds:int32, 6 revisionHistoryLimit:int32!, 7 paused:bool, 9 progressDeadlineSeconds:int32!",
  DeploymentStrategy: "1 type, 2 rollingUpdate:RollingUpdateDeployment",
  RollingUpdateDeployment: "1 maxUnavailable:IntOrString, 2 maxSurge:IntOrString",
  DeploymentStatus: "2 replicas:int32",
  DeleteOptions: "1 gracePeriodSeconds:int64!, 4 propagationPolicy, 5 dryRun:[]string",
  Ingress: "1 metadata:ObjectMeta, 2 spec:IngressSpec, 3 status:IngressStatus",
  IngressSpec: "4 ingressClassName, 1 defaultBackend:IngressBackend, 2 tls:[]IngressTLS, 3 rules:[]IngressRule",
  IngressRule: "1 host, 2 ingressRuleValue:IngressRuleValue^",
  IngressRuleValue: "1 http:HTTPIngressRuleValue",
  HTTPIngressRuleValue: "1 paths:[]HTTPIngressPath!",
  HTTPIngressPath: "1 path, 3 pathType, 2 backend:IngressBackend",
  IngressBackend: "4 service:IngressServiceBackend",
  IngressServiceBackend: "1 name!, 2 port:ServiceBackendPort",
  ServiceBackendPort: "1 name, 2 number:int32",
  IngressTLS: "1 hosts:[]string, 2 secretName",
  IngressStatus: "1 loadBalancer:IngressLoadBalancerStatus",
  IngressLoadBalancerStatus: "1 ingress:[]LoadBalancerIngress",
};

interface FieldDef {
  name: string;
  type: string;
  repeated: boolean;
  keepZero: boolean;
  inline: boolean;
}

const SCHEMA = new Map<string, Map<number, FieldDef>>();
for (const [msg, spec] of Object.entries(MESSAGES)) {
  const fields = new Map<number, FieldDef>();
  for (const entry of spec.split(",")) {
    const m = /^\s*(\d+) (\w+)(?::(\[\])?(\w+))?(!)?(\^)?\s*$/.exec(entry);
    if (!m) throw new Error(`protobuf schema: bad entry "${entry}" in ${msg}`);
    fields.set(Number(m[1]), { name: m[2], type: m[4] ?? "string", repeated: !!m[3], keepZero: !!m[5], inline: !!m[6] });
  }
  SCHEMA.set(msg, fields);
}

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array, readonly end = buf.length) {}
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error("unexpected EOF");
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new Error("varint overflow");
    }
  }
  bytes(): Uint8Array {
    const len = Number(this.varint());
    if (this.pos + len > this.end) throw new Error("unexpected EOF");
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

const utf8 = new TextDecoder();

function base64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function signed32(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

function decodeMap(bytes: Uint8Array, valueType: string): [string, unknown] {
  const r = new Reader(bytes);
  let key = "";
  let value: unknown = valueType === "mapbytes" ? "" : "";
  while (r.pos < r.end) {
    const tag = Number(r.varint());
    const num = tag >> 3;
    if ((tag & 7) !== 2) {
      r.skip(tag & 7);
      continue;
    }
    const b = r.bytes();
    if (num === 1) key = utf8.decode(b);
    else if (num === 2) {
      if (valueType === "mapbytes") value = base64(b);
      else if (valueType === "mapquantity") value = String(decodeMessage(b, "Quantity").string ?? "");
      else value = utf8.decode(b);
    }
  }
  return [key, value];
}

function decodeTime(bytes: Uint8Array): string | null {
  const r = new Reader(bytes);
  let seconds = 0n;
  while (r.pos < r.end) {
    const tag = Number(r.varint());
    if (tag >> 3 === 1 && (tag & 7) === 0) seconds = r.varint();
    else r.skip(tag & 7);
  }
  if (seconds === 0n) return null;
  return new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function decodeIntOrString(bytes: Uint8Array): number | string {
  const r = new Reader(bytes);
  let type = 0n;
  let intVal = 0;
  let strVal = "";
  while (r.pos < r.end) {
    const tag = Number(r.varint());
    const num = tag >> 3;
    if (num === 1) type = r.varint();
    else if (num === 2) intVal = signed32(r.varint());
    else if (num === 3) strVal = utf8.decode(r.bytes());
    else r.skip(tag & 7);
  }
  return type === 1n ? strVal : intVal;
}

function isZero(v: unknown): boolean {
  return v === "" || v === 0 || v === false || v === null;
}

function decodeMessage(bytes: Uint8Array, message: string): Record<string, unknown> {
  if (message === "Quantity") {
    const r = new Reader(bytes);
    let s = "";
    while (r.pos < r.end) {
      const tag = Number(r.varint());
      if (tag >> 3 === 1 && (tag & 7) === 2) s = utf8.decode(r.bytes());
      else r.skip(tag & 7);
    }
    return { string: s };
  }
  const fields = SCHEMA.get(message);
  if (!fields) throw new UnsupportedKind(message);
  const out: Record<string, unknown> = {};
  const r = new Reader(bytes);
  while (r.pos < r.end) {
    const tag = Number(r.varint());
    const num = tag >> 3;
    const wire = tag & 7;
    const f = fields.get(num);
    if (!f) {
      r.skip(wire);
      continue;
    }
    let value: unknown;
    switch (f.type) {
      case "string":
        value = utf8.decode(r.bytes());
        break;
      case "raw":
        value = r.bytes();
        break;
      case "int32":
        value = signed32(r.varint());
        break;
      case "int64":
        value = Number(BigInt.asIntN(64, r.varint()));
        break;
      case "bool":
        value = r.varint() !== 0n;
        break;
      case "map":
      case "mapbytes":
      case "mapquantity": {
        const [k, v] = decodeMap(r.bytes(), f.type);
        const m = (out[f.name] ??= {}) as Record<string, unknown>;
        m[k] = v;
        continue;
      }
      case "Time":
        value = decodeTime(r.bytes());
        break;
      case "IntOrString":
        value = decodeIntOrString(r.bytes());
        break;
      default:
        value = decodeMessage(r.bytes(), f.type);
    }
    if (f.inline && value && typeof value === "object") {
      Object.assign(out, value);
      continue;
    }
    if (f.repeated) {
      ((out[f.name] ??= []) as unknown[]).push(value);
      continue;
    }
    // Go's JSON leaves out zero values of omitempty fields; protobuf writes them anyway.
    if (isZero(value) && !f.keepZero) continue;
    out[f.name] = value;
  }
  return out;
}

class UnsupportedKind extends Error {}

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

export type ProtoDecoded = { ok: true; value: KObject } | { ok: false; reason: "unsupported-kind" | "malformed"; message: string };

/** Decode a `k8s\0`-prefixed runtime.Unknown envelope into a plain JSON object. */
export function decodeKubernetesProtobuf(body: Uint8Array): ProtoDecoded {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) {
    return { ok: false, reason: "malformed", message: "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]" };
  }
  try {
    const env = decodeMessage(body.subarray(4), "Unknown");
    const typeMeta = (env.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
    const kind = typeMeta.kind ?? "";
    const raw = (env.raw as Uint8Array | undefined) ?? new Uint8Array();
    const obj = decodeMessage(raw, kind);
    const metadata = (obj.metadata ?? {}) as Record<string, unknown>;
    const { metadata: _m, ...rest } = obj;
    return { ok: true, value: { apiVersion: typeMeta.apiVersion ?? "", kind, metadata, ...rest } as KObject };
  } catch (e) {
    if (e instanceof UnsupportedKind) return { ok: false, reason: "unsupported-kind", message: e.message };
    return { ok: false, reason: "malformed", message: e instanceof Error ? e.message : String(e) };
  }
}
