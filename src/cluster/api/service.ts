// Services: SetDefaults_Service, ValidateService and the registry's allocation of
// ClusterIPs and NodePorts (reference §11), with the API server's messages.
import type { KObject, Status } from "./types.ts";
import type { Strategy, StrategyContext } from "./strategy.ts";
import { invalid, type FieldError } from "./errors.ts";
import { dns1035Label, dns1123Label, dns1123Subdomain, portName, portNumber } from "./names.ts";
import { intToIp, ipToInt, NODE_PORT_RANGE } from "./allocators.ts";
import { isPlainObject } from "./objects.ts";

export interface ServicePort {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port?: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceSpec {
  type?: string;
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  clusterIPs?: string[];
  externalName?: string;
  externalIPs?: string[];
  sessionAffinity?: string;
  sessionAffinityConfig?: unknown;
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  allocateLoadBalancerNodePorts?: boolean;
  healthCheckNodePort?: number;
  loadBalancerSourceRanges?: string[];
  loadBalancerIP?: string;
  loadBalancerClass?: string;
  publishNotReadyAddresses?: boolean;
}

const TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];

export const specOf = (o: KObject): ServiceSpec => (o.spec ?? {}) as ServiceSpec;

function needsNodePorts(s: ServiceSpec): boolean {
  return s.type === "NodePort" || (s.type === "LoadBalancer" && s.allocateLoadBalancerNodePorts !== false);
}

function externallyAccessible(s: ServiceSpec): boolean {
  return s.type === "NodePort" || s.type === "LoadBalancer" || (s.externalIPs?.length ?? 0) > 0;
}

const SPEC_FIELDS = new Set([
  "type", "selector", "ports", "clusterIP", "clusterIPs", "externalName", "externalIPs", "sessionAffinity",
  "sessionAffinityConfig", "externalTrafficPolicy", "internalTrafficPolicy", "ipFamilies", "ipFamilyPolicy",
  "allocateLoadBalancerNodePorts", "healthCheckNodePort", "loadBalancerSourceRanges", "loadBalancerIP",
  "loadBalancerClass", "publishNotReadyAddresses", "trafficDistribution",
]);
const PORT_FIELDS = new Set(["name", "protocol", "appProtocol", "port", "targetPort", "nodePort"]);

/** Strict decoding: unknown fields and wrong JSON types are a BadRequest before anything else. */
export function decodeService(obj: KObject): string | undefined {
  const pre = `Service in version "v1" cannot be handled as a Service: `;
  const spec = obj.spec;
  if (spec === undefined) return undefined;
  if (!isPlainObject(spec)) return `${pre}json: cannot unmarshal ${jsonType(spec)} into Go struct field Service.spec of type v1.ServiceSpec`;
  for (const k of Object.keys(spec)) if (!SPEC_FIELDS.has(k)) return `${pre}strict decoding error: unknown field "spec.${k}"`;
  if (spec.ports !== undefined && !Array.isArray(spec.ports))
    return `${pre}json: cannot unmarshal ${jsonType(spec.ports)} into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort`;
  for (const [i, p] of ((spec.ports as unknown[]) ?? []).entries()) {
    if (!isPlainObject(p)) return `${pre}json: cannot unmarshal ${jsonType(p)} into Go struct field ServiceSpec.spec.ports of type v1.ServicePort`;
    for (const k of Object.keys(p)) if (!PORT_FIELDS.has(k)) return `${pre}strict decoding error: unknown field "spec.ports[${i}].${k}"`;
    for (const k of ["port", "nodePort"]) {
      if (p[k] !== undefined && p[k] !== null && typeof p[k] !== "number")
        return `${pre}json: cannot unmarshal ${jsonType(p[k])} into Go struct field ServicePort.spec.ports.${k} of type int32`;
    }
    for (const k of ["name", "protocol"]) {
      if (p[k] !== undefined && p[k] !== null && typeof p[k] !== "string")
        return `${pre}json: cannot unmarshal ${jsonType(p[k])} into Go struct field ServicePort.spec.ports.${k} of type ${k === "protocol" ? "v1.Protocol" : "string"}`;
    }
  }
  if (spec.selector !== undefined && spec.selector !== null && !isPlainObject(spec.selector))
    return `${pre}json: cannot unmarshal ${jsonType(spec.selector)} into Go struct field ServiceSpec.spec.selector of type map[string]string`;
  return undefined;
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  return typeof v === "object" ? "object" : typeof v === "boolean" ? "bool" : typeof v;
}

function defaults(obj: KObject, _ctx: StrategyContext, old?: KObject): void {
  const s = (obj.spec ??= {}) as ServiceSpec;
  s.type ||= "ClusterIP";
  s.sessionAffinity ||= "None";
  if (s.sessionAffinity === "ClientIP" && !s.sessionAffinityConfig) s.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  if (s.sessionAffinity === "None") delete s.sessionAffinityConfig;
  for (const p of s.ports ?? []) {
    p.protocol ||= "TCP";
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
  }
  if (externallyAccessible(s)) s.externalTrafficPolicy ||= "Cluster";
  if (s.type !== "ExternalName") s.internalTrafficPolicy ||= "Cluster";
  if (s.type === "LoadBalancer" && s.allocateLoadBalancerNodePorts === undefined) s.allocateLoadBalancerNodePorts = true;
  if (!isPlainObject(obj.status)) obj.status = { loadBalancer: {} };
  // An update that leaves out allocated values keeps them (patchAllocatedValues).
  if (old) {
    const o = specOf(old);
    if (s.type !== "ExternalName" && o.clusterIP && !s.clusterIP && !s.clusterIPs?.length) {
      s.clusterIP = o.clusterIP;
      s.clusterIPs = o.clusterIPs ? [...o.clusterIPs] : [o.clusterIP];
    }
    if (needsNodePorts(s) && needsNodePorts(o)) {
      for (const p of s.ports ?? []) {
        if (p.nodePort) continue;
        const prev = o.ports?.find((q) => q.port === p.port && (q.protocol ?? "TCP") === p.protocol && q.nodePort);
        if (prev) p.nodePort = prev.nodePort;
      }
    }
    if (s.type === "LoadBalancer" && s.externalTrafficPolicy === "Local" && !s.healthCheckNodePort && o.healthCheckNodePort)
      s.healthCheckNodePort = o.healthCheckNodePort;
  }
  normalizeClusterIPs(s, old && specOf(old));
  if (old) dropTypeDependentFields(s, specOf(old));
}

const sameList = (a: string[] | undefined, b: string[] | undefined) => (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === b?.[i]);

/**
 * The registry's NormalizeClusterIPs (pkg/registry/core/service/strategy.go): clients may
 * manage clusterIP alone (old clients) or both fields; work out what they meant.
 */
function normalizeClusterIPs(s: ServiceSpec, o: ServiceSpec | undefined): void {
  if (!o) {
    if (s.clusterIP && !s.clusterIPs?.length) s.clusterIPs = [s.clusterIP];
    return;
  }
  if (o.clusterIPs?.length && !s.clusterIPs?.length && o.clusterIP === s.clusterIP) s.clusterIPs = [...o.clusterIPs];
  if ((o.clusterIP ?? "") === (s.clusterIP ?? "")) return;
  const same = sameList(o.clusterIPs, s.clusterIPs);
  if (o.clusterIP && !s.clusterIP) {
    if (same) delete s.clusterIPs;
  } else if (same) s.clusterIPs = [s.clusterIP!];
}

/**
 * dropTypeDependentFields: switching to a type that no longer needs an allocated value
 * wipes it, unless the user changed it in the same write.
 */
function dropTypeDependentFields(s: ServiceSpec, o: ServiceSpec): void {
  if (o.type !== "ExternalName" && s.type === "ExternalName") {
    if (o.clusterIP === s.clusterIP && sameList(o.clusterIPs, s.clusterIPs)) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (sameList(o.ipFamilies, s.ipFamilies)) delete s.ipFamilies;
    if (o.ipFamilyPolicy === s.ipFamilyPolicy) delete s.ipFamilyPolicy;
  }
  if (needsNodePorts(o) && !needsNodePorts(s)) {
    const samePorts = (s.ports ?? []).every((p) => !p.nodePort || o.ports?.some((q) => q.nodePort === p.nodePort));
    if (samePorts) for (const p of s.ports ?? []) delete p.nodePort;
  }
  const needsHealthCheck = (x: ServiceSpec) => x.type === "LoadBalancer" && x.externalTrafficPolicy === "Local";
  if (needsHealthCheck(o) && !needsHealthCheck(s) && o.healthCheckNodePort === s.healthCheckNodePort) delete s.healthCheckNodePort;
  if (o.type === "LoadBalancer" && s.type !== "LoadBalancer") {
    if (o.allocateLoadBalancerNodePorts === s.allocateLoadBalancerNodePorts) delete s.allocateLoadBalancerNodePorts;
    if (o.loadBalancerClass === s.loadBalancerClass) delete s.loadBalancerClass;
  }
  if (externallyAccessible(o) && !externallyAccessible(s) && o.externalTrafficPolicy === s.externalTrafficPolicy) delete s.externalTrafficPolicy;
  if (s.type === "ExternalName" && o.type !== "ExternalName" && o.internalTrafficPolicy === s.internalTrafficPolicy) delete s.internalTrafficPolicy;
}

function goServicePort(p: ServicePort): string {
  return `core.ServicePort{Name:"", Protocol:"${p.protocol}", AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

function validate(obj: KObject, old: KObject | undefined, ctx: StrategyContext): FieldError[] {
  // In ValidateService's order (k/k pkg/apis/core/validation/validation.go), then ValidateServiceUpdate's.
  const errs: FieldError[] = [];
  const s = specOf(obj);
  if (!TYPES.includes(s.type!)) {
    errs.push({ type: "NotSupported", field: "spec.type", value: s.type, supported: TYPES });
    return errs;
  }
  const clusterIPs = s.clusterIPs ?? [];
  const headless = clusterIPs.length === 1 && clusterIPs[0] === "None";
  const ports = s.ports ?? [];
  const ipsValue = { toString: () => `[]string{${clusterIPs.map((ip) => JSON.stringify(ip)).join(", ")}}` };
  if (old) {
    // validateUpgradeDowngradeClusterIPs (single-stack: the lists have one entry each).
    const o = specOf(old);
    const before = o.clusterIPs ?? [];
    const oldHeadless = before.length === 1 && before[0] === "None";
    if (s.type !== "ExternalName" && o.type !== "ExternalName" && !(headless && oldHeadless)) {
      if (before.length === clusterIPs.length) {
        before.forEach((ip, i) => {
          if (ip !== clusterIPs[i]) errs.push({ type: "Invalid", field: `spec.clusterIPs[${i}]`, value: ipsValue, detail: "may not change once set" });
        });
      } else if (before.length > clusterIPs.length && clusterIPs.length === 0) {
        errs.push({ type: "Invalid", field: "spec.clusterIPs[0]", value: ipsValue, detail: "primary clusterIP can not be unset" });
      } else if (before.length && clusterIPs.length && before[0] !== clusterIPs[0]) {
        errs.push({ type: "Invalid", field: "spec.clusterIPs[0]", value: ipsValue, detail: "may not change once set" });
      }
    }
  }
  if (!ports.length && !headless && s.type !== "ExternalName") errs.push({ type: "Required", field: "spec.ports" });
  if (headless && (s.type === "NodePort" || s.type === "LoadBalancer"))
    errs.push({ type: "Invalid", field: "spec.clusterIPs[0]", value: "None", detail: `may not be set to 'None' for ${s.type} services` });
  if (s.type === "ExternalName") {
    if (clusterIPs.length) errs.push({ type: "Forbidden", field: "spec.clusterIPs", detail: "may not be set for ExternalName services" });
    if (s.ipFamilies?.length) errs.push({ type: "Forbidden", field: "spec.ipFamilies", detail: "may not be set for ExternalName services" });
    if (s.ipFamilyPolicy) errs.push({ type: "Forbidden", field: "spec.ipFamilyPolicy", detail: "may not be set for ExternalName services" });
    const cname = (s.externalName ?? "").replace(/\.$/, "");
    if (!cname) errs.push({ type: "Required", field: "spec.externalName" });
    else for (const m of dns1123Subdomain(cname)) errs.push({ type: "Invalid", field: "spec.externalName", value: cname, detail: m });
  }
  const names = new Set<string>();
  for (const [i, p] of ports.entries()) {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push({ type: "Required", field: `${at}.name` });
    else if (p.name) {
      for (const m of dns1123Label(p.name)) errs.push({ type: "Invalid", field: `${at}.name`, value: p.name, detail: m });
      if (names.has(p.name)) errs.push({ type: "Duplicate", field: `${at}.name`, value: p.name });
      names.add(p.name);
    }
    if (p.port === undefined || p.port === null) errs.push({ type: "Required", field: `${at}.port` });
    else for (const m of portNumber(p.port)) errs.push({ type: "Invalid", field: `${at}.port`, value: p.port, detail: m });
    if (!PROTOCOLS.includes(p.protocol!)) errs.push({ type: "NotSupported", field: `${at}.protocol`, value: p.protocol, supported: PROTOCOLS });
    if (typeof p.targetPort === "number") {
      for (const m of portNumber(p.targetPort)) errs.push({ type: "Invalid", field: `${at}.targetPort`, value: p.targetPort, detail: m });
    } else if (typeof p.targetPort === "string") {
      for (const m of portName(p.targetPort)) errs.push({ type: "Invalid", field: `${at}.targetPort`, value: p.targetPort, detail: m });
    }
  }
  if (!["None", "ClientIP"].includes(s.sessionAffinity!))
    errs.push({ type: "NotSupported", field: "spec.sessionAffinity", value: s.sessionAffinity, supported: ["ClientIP", "None"] });
  if (s.type !== "ExternalName") {
    // ValidateServiceClusterIPsRelatedFields
    if (s.clusterIP) {
      if (!clusterIPs.length) errs.push({ type: "Required", field: "spec.clusterIPs" });
      else if (clusterIPs[0] !== s.clusterIP) errs.push({ type: "Invalid", field: "spec.clusterIPs", value: ipsValue, detail: "first value must match `clusterIP`" });
    } else if (clusterIPs.length) {
      errs.push({ type: "Invalid", field: "spec.clusterIPs", value: ipsValue, detail: "must be empty when `clusterIP` is not specified" });
    }
    clusterIPs.forEach((ip, i) => {
      if (i === 0 && ip === "None") return;
      if (Number.isNaN(ipToInt(ip))) errs.push({ type: "Invalid", field: `spec.clusterIPs[${i}]`, value: ip, detail: "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)" });
    });
  }
  if (s.type === "ClusterIP") {
    for (const [i, p] of ports.entries())
      if (p.nodePort) errs.push({ type: "Forbidden", field: `spec.ports[${i}].nodePort`, detail: "may not be used when `type` is 'ClusterIP'" });
  }
  const nodePorts = new Set<string>();
  for (const [i, p] of ports.entries()) {
    if (!p.nodePort) continue;
    const nk = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(nk)) errs.push({ type: "Duplicate", field: `spec.ports[${i}].nodePort`, value: p.nodePort });
    nodePorts.add(nk);
  }
  const keys = new Set<string>();
  for (const [i, p] of ports.entries()) {
    const key = `${p.protocol}/${p.port}`;
    if (keys.has(key)) errs.push({ type: "Duplicate", field: `spec.ports[${i}]`, value: { toString: () => goServicePort(p) } });
    keys.add(key);
  }
  // The field path is spelt with a capital L upstream.
  if (s.loadBalancerSourceRanges?.length && s.type !== "LoadBalancer")
    errs.push({ type: "Forbidden", field: "spec.LoadBalancerSourceRanges", detail: "may only be used when `type` is 'LoadBalancer'" });
  if (s.externalTrafficPolicy !== undefined) {
    if (!externallyAccessible(s))
      errs.push({ type: "Invalid", field: "spec.externalTrafficPolicy", value: s.externalTrafficPolicy, detail: "may only be set for externally-accessible services" });
    else if (!["Cluster", "Local"].includes(s.externalTrafficPolicy))
      errs.push({ type: "NotSupported", field: "spec.externalTrafficPolicy", value: s.externalTrafficPolicy, supported: ["Cluster", "Local"] });
  }
  if (s.healthCheckNodePort && !(s.type === "LoadBalancer" && s.externalTrafficPolicy === "Local"))
    errs.push({ type: "Invalid", field: "spec.healthCheckNodePort", value: s.healthCheckNodePort, detail: "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'" });
  if (s.internalTrafficPolicy !== undefined && !["Cluster", "Local"].includes(s.internalTrafficPolicy))
    errs.push({ type: "NotSupported", field: "spec.internalTrafficPolicy", value: s.internalTrafficPolicy, supported: ["Cluster", "Local"] });
  void ctx;
  return errs;
}

type AllocResult = { ok: true; rollback: () => void; commit: () => void } | { ok: false; status: Status };

function allocate(obj: KObject, old: KObject | undefined, ctx: StrategyContext): AllocResult {
  const s = specOf(obj);
  const o = old ? specOf(old) : undefined;
  const a = ctx.allocators;
  const takenIPs: number[] = [];
  const takenPorts: number[] = [];
  const undo = () => {
    for (const n of takenIPs) a.clusterIPs.release(n);
    for (const p of takenPorts) a.nodePorts.release(p);
  };
  const failWith = (errs: FieldError[]): AllocResult => {
    undo();
    return { ok: false, status: invalid(ctx.info, obj.metadata.name ?? "", errs) };
  };
  const oldIP = o && o.clusterIP && o.clusterIP !== "None" ? ipToInt(o.clusterIP) : NaN;

  // --- ClusterIP ---
  if (s.type === "ExternalName") {
    delete s.clusterIP;
    delete s.clusterIPs;
    delete s.ipFamilies;
    delete s.ipFamilyPolicy;
  } else {
    const requested = s.clusterIPs?.[0] ?? s.clusterIP;
    if (requested === "None") {
      s.clusterIP = "None";
      s.clusterIPs = ["None"];
      const selectorless = !s.selector || Object.keys(s.selector).length === 0;
      // alloc.go initIPFamilyFields: headless without selector defaults to dual-stack fields.
      s.ipFamilyPolicy ||= selectorless ? "RequireDualStack" : "SingleStack";
      s.ipFamilies ??= selectorless ? ["IPv4", "IPv6"] : ["IPv4"];
    } else {
      let ip: number;
      if (requested) {
        ip = ipToInt(requested);
        if (ip !== oldIP) {
          if (!a.clusterIPs.contains(ip))
            return failWith([{ type: "Invalid", field: "spec.clusterIPs", value: [requested], detail: `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${a.serviceCIDR}` }]);
          if (a.clusterIPs.has(ip))
            return failWith([{ type: "Invalid", field: "spec.clusterIPs", value: [requested], detail: `failed to allocate IP ${requested}: provided IP is already allocated` }]);
          a.clusterIPs.take(ip);
          takenIPs.push(ip);
        }
      } else {
        const next = a.clusterIPs.next(ctx.random);
        if (next === undefined) return failWith([{ type: "Invalid", field: "spec.clusterIPs", value: [], detail: "failed to allocate a serviceIP: range is full" }]);
        ip = next;
        a.clusterIPs.take(ip);
        takenIPs.push(ip);
      }
      s.clusterIP = intToIp(ip);
      s.clusterIPs = [s.clusterIP];
      s.ipFamilyPolicy ||= "SingleStack";
      s.ipFamilies ??= ["IPv4"];
    }
  }

  // --- NodePorts ---
  const oldPorts = new Set<number>();
  if (o && needsNodePorts(o)) for (const p of o.ports ?? []) if (p.nodePort) oldPorts.add(p.nodePort);
  if (o?.healthCheckNodePort) oldPorts.add(o.healthCheckNodePort);
  const keep = new Set<number>();
  if (needsNodePorts(s)) {
    const byPort = new Map<number, number>();
    for (const [i, p] of (s.ports ?? []).entries()) {
      if (p.nodePort) {
        if (p.nodePort < NODE_PORT_RANGE.first || p.nodePort > NODE_PORT_RANGE.last)
          return failWith([{ type: "Invalid", field: `spec.ports[${i}].nodePort`, value: p.nodePort, detail: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.first}-${NODE_PORT_RANGE.last}` }]);
        if (!oldPorts.has(p.nodePort) && !keep.has(p.nodePort) && byPort.get(p.port!) !== p.nodePort) {
          if (a.nodePorts.has(p.nodePort))
            return failWith([{ type: "Invalid", field: `spec.ports[${i}].nodePort`, value: p.nodePort, detail: "provided port is already allocated" }]);
          a.nodePorts.take(p.nodePort);
          takenPorts.push(p.nodePort);
        }
      }
      if (p.nodePort) {
        keep.add(p.nodePort);
        byPort.set(p.port!, p.nodePort);
      }
    }
    for (const p of s.ports ?? []) {
      if (p.nodePort) continue;
      // Two entries with the same port number (TCP and UDP 53) share one NodePort.
      const shared = byPort.get(p.port!);
      if (shared) {
        p.nodePort = shared;
        continue;
      }
      const n = a.nodePorts.next(ctx.random);
      if (n === undefined) return failWith([{ type: "Invalid", field: "spec.ports", value: [], detail: "failed to allocate a nodePort: range is full" }]);
      a.nodePorts.take(n);
      takenPorts.push(n);
      p.nodePort = n;
      keep.add(n);
      byPort.set(p.port!, n);
    }
  } else if (s.type !== "ClusterIP" && s.type !== "ExternalName") {
    for (const p of s.ports ?? []) if (p.nodePort) keep.add(p.nodePort);
  }
  if (s.type === "LoadBalancer" && s.externalTrafficPolicy === "Local") {
    if (s.healthCheckNodePort) {
      if (!oldPorts.has(s.healthCheckNodePort)) {
        if (a.nodePorts.has(s.healthCheckNodePort))
          return failWith([{ type: "Invalid", field: "spec.healthCheckNodePort", value: s.healthCheckNodePort, detail: "provided port is already allocated" }]);
        a.nodePorts.take(s.healthCheckNodePort);
        takenPorts.push(s.healthCheckNodePort);
      }
    } else {
      const n = a.nodePorts.next(ctx.random);
      if (n !== undefined) {
        a.nodePorts.take(n);
        takenPorts.push(n);
        s.healthCheckNodePort = n;
      }
    }
    keep.add(s.healthCheckNodePort!);
  } else delete s.healthCheckNodePort;

  return {
    ok: true,
    rollback: undo,
    commit: () => {
      // What the old object held and the new one does not goes back to the pools.
      if (!Number.isNaN(oldIP) && (s.clusterIP === undefined || ipToInt(s.clusterIP) !== oldIP)) a.clusterIPs.release(oldIP);
      for (const p of oldPorts) if (!keep.has(p)) a.nodePorts.release(p);
    },
  };
}

function release(obj: KObject, ctx: StrategyContext): void {
  const s = specOf(obj);
  for (const ip of s.clusterIPs ?? []) if (ip !== "None") ctx.allocators.clusterIPs.release(ipToInt(ip));
  for (const p of s.ports ?? []) if (p.nodePort) ctx.allocators.nodePorts.release(p.nodePort);
  if (s.healthCheckNodePort) ctx.allocators.nodePorts.release(s.healthCheckNodePort);
  const ing = (obj.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress ?? [];
  for (const i of ing) if (i.ip) ctx.allocators.lbIPs.delete(i.ip);
}

export const serviceStrategy: Strategy = {
  nameRule: dns1035Label,
  decode: decodeService,
  defaults,
  validate,
  allocate,
  release,
};
