// Ingress, IngressClass, NetworkPolicy, EndpointSlice, ConfigMap and Secret:
// the defaults and checks the API server applies to them.
import type { KObject } from "./types.ts";
import type { Strategy } from "./strategy.ts";
import type { FieldError } from "./errors.ts";
import { isPlainObject } from "./objects.ts";
import { dns1035Label, dns1123Subdomain, portName, portNumber } from "./names.ts";
import { ipToInt } from "./allocators.ts";

const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];

interface IngressPath {
  path?: string;
  pathType?: string;
  backend?: { service?: { name?: string; port?: { name?: string; number?: number } }; resource?: unknown };
}

export const ingressStrategy: Strategy = {
  generation: true,
  defaults(obj) {
    obj.spec ??= {};
    if (!isPlainObject(obj.status)) obj.status = { loadBalancer: {} };
  },
  // ValidateIngressSpec (k/k pkg/apis/networking/validation/validation.go), in its order.
  validate(obj) {
    const errs: FieldError[] = [];
    const spec = (obj.spec ?? {}) as { rules?: { host?: string; http?: { paths?: IngressPath[] } }[]; defaultBackend?: IngressPath["backend"] };
    if (!spec.rules?.length && !spec.defaultBackend)
      errs.push({ type: "Invalid", field: "spec", value: { toString: () => "[]networking.IngressRule(nil)" }, detail: "either `defaultBackend` or `rules` must be specified" });
    if (spec.defaultBackend) errs.push(...backendErrors(spec.defaultBackend, "spec.defaultBackend"));
    for (const [i, rule] of (spec.rules ?? []).entries()) {
      const host = rule.host ?? "";
      if (host) {
        if (!Number.isNaN(ipToInt(host))) errs.push({ type: "Invalid", field: `spec.rules[${i}].host`, value: host, detail: "must be a DNS name, not an IP address" });
        if (host.includes("*")) {
          if (!/^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(host))
            errs.push({ type: "Invalid", field: `spec.rules[${i}].host`, value: host, detail: "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')" });
        } else for (const m of dns1123Subdomain(host)) errs.push({ type: "Invalid", field: `spec.rules[${i}].host`, value: host, detail: m });
      }
      const paths = rule.http?.paths;
      if (rule.http && !paths?.length) errs.push({ type: "Required", field: `spec.rules[${i}].http.paths` });
      for (const [j, p] of (paths ?? []).entries()) errs.push(...pathErrors(p, `spec.rules[${i}].http.paths[${j}]`));
    }
    return errs;
  },
};

// invalidPathSequences / invalidPathSuffixes for Exact and Prefix paths.
const INVALID_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"];
const INVALID_SUFFIXES = ["/..", "/."];

function pathErrors(p: IngressPath, at: string): FieldError[] {
  if (!p.pathType) return [{ type: "Required", field: `${at}.pathType`, detail: "pathType must be specified" }];
  const errs: FieldError[] = [];
  const path = p.path ?? "";
  if (p.pathType === "Exact" || p.pathType === "Prefix") {
    if (!path.startsWith("/")) errs.push({ type: "Invalid", field: `${at}.path`, value: path, detail: "must be an absolute path" });
    if (path) {
      for (const seq of INVALID_SEQUENCES) if (path.includes(seq)) errs.push({ type: "Invalid", field: `${at}.path`, value: path, detail: `must not contain '${seq}'` });
      for (const suf of INVALID_SUFFIXES) if (path.endsWith(suf)) errs.push({ type: "Invalid", field: `${at}.path`, value: path, detail: `cannot end with '${suf}'` });
    }
  } else if (p.pathType === "ImplementationSpecific") {
    if (path && !path.startsWith("/")) errs.push({ type: "Invalid", field: `${at}.path`, value: path, detail: "must be an absolute path" });
  } else errs.push({ type: "NotSupported", field: `${at}.pathType`, value: p.pathType, supported: PATH_TYPES });
  errs.push(...backendErrors(p.backend, `${at}.backend`));
  return errs;
}

/** validateIngressBackend: exactly one of service and resource; a service needs a name and one of port name / number. */
function backendErrors(backend: IngressPath["backend"], at: string): FieldError[] {
  const svc = backend?.service;
  const resource = backend?.resource;
  if (svc && resource) return [{ type: "Invalid", field: at, value: "", detail: "cannot set both resource and service backends" }];
  if (resource) return [];
  if (!svc) return [{ type: "Invalid", field: at, value: "", detail: "resource or service backend is required" }];
  const errs: FieldError[] = [];
  if (!svc.name) errs.push({ type: "Required", field: `${at}.service.name` });
  else for (const m of dns1035Label(svc.name)) errs.push({ type: "Invalid", field: `${at}.service.name`, value: svc.name, detail: m });
  const port = svc.port ?? {};
  if (port.name && port.number) errs.push({ type: "Invalid", field: at, value: "", detail: "cannot set both port name & port number" });
  else if (port.name) for (const m of portName(port.name)) errs.push({ type: "Invalid", field: `${at}.service.port.name`, value: port.name, detail: m });
  else if (port.number) for (const m of portNumber(port.number)) errs.push({ type: "Invalid", field: `${at}.service.port.number`, value: port.number, detail: m });
  else errs.push({ type: "Required", field: at, detail: "port name or number is required" });
  return errs;
}

export const networkPolicyStrategy: Strategy = {
  generation: true,
  defaults(obj) {
    const spec = (obj.spec ??= {}) as { podSelector?: unknown; policyTypes?: string[]; ingress?: { ports?: { protocol?: string }[] }[]; egress?: { ports?: { protocol?: string }[] }[] };
    spec.podSelector ??= {};
    // Without policyTypes: Ingress always, Egress only when there are egress rules.
    if (!spec.policyTypes?.length) spec.policyTypes = spec.egress?.length ? ["Ingress", "Egress"] : ["Ingress"];
    for (const r of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const p of r?.ports ?? []) p.protocol ||= "TCP";
  },
  validate(obj) {
    const errs: FieldError[] = [];
    const spec = (obj.spec ?? {}) as { policyTypes?: string[]; ingress?: { ports?: { port?: number | string; endPort?: number; protocol?: string }[] }[]; egress?: { ports?: { port?: number | string; endPort?: number; protocol?: string }[] }[] };
    for (const [i, t] of (spec.policyTypes ?? []).entries())
      if (t !== "Ingress" && t !== "Egress") errs.push({ type: "NotSupported", field: `spec.policyTypes[${i}]`, value: t, supported: ["Egress", "Ingress"] });
    for (const dir of ["ingress", "egress"] as const) {
      for (const [i, r] of (spec[dir] ?? []).entries()) {
        for (const [j, p] of (r?.ports ?? []).entries()) {
          const at = `spec.${dir}[${i}].ports[${j}]`;
          if (p.protocol && !["SCTP", "TCP", "UDP"].includes(p.protocol)) errs.push({ type: "NotSupported", field: `${at}.protocol`, value: p.protocol, supported: ["SCTP", "TCP", "UDP"] });
          if (typeof p.port === "number") for (const m of portNumber(p.port)) errs.push({ type: "Invalid", field: `${at}.port`, value: p.port, detail: m });
          if (p.endPort !== undefined) {
            if (typeof p.port !== "number") errs.push({ type: "Required", field: `${at}.port`, detail: "must be specified when endPort is specified" });
            else if (p.endPort < p.port) errs.push({ type: "Invalid", field: `${at}.endPort`, value: p.endPort, detail: "must be greater than or equal to `port`" });
          }
        }
      }
    }
    return errs;
  },
};

export const endpointSliceStrategy: Strategy = {
  generation: true,
  validate(obj) {
    const errs: FieldError[] = [];
    const at = obj.addressType;
    if (!at) errs.push({ type: "Required", field: "addressType" });
    else if (!["FQDN", "IPv4", "IPv6"].includes(at as string)) errs.push({ type: "NotSupported", field: "addressType", value: at, supported: ["FQDN", "IPv4", "IPv6"] });
    for (const [i, e] of ((obj.endpoints as { addresses?: string[] }[]) ?? []).entries()) {
      if (!e.addresses?.length) errs.push({ type: "Required", field: `endpoints[${i}].addresses`, detail: "must contain at least 1 address" });
    }
    return errs;
  },
};

function stringMap(kind: string, field: string, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const pre = `${kind} in version "v1" cannot be handled as a ${kind}: `;
  if (!isPlainObject(v)) return `${pre}json: cannot unmarshal ${Array.isArray(v) ? "array" : typeof v} into Go struct field ${kind}.${field} of type map[string]${field === "data" && kind === "Secret" ? "[]uint8" : "string"}`;
  for (const x of Object.values(v)) if (typeof x !== "string") return `${pre}json: cannot unmarshal ${typeof x === "boolean" ? "bool" : typeof x} into Go struct field ${kind}.${field} of type ${kind === "Secret" && field === "data" ? "[]uint8" : "string"}`;
  return undefined;
}

export const configMapStrategy: Strategy = {
  decode: (obj) => stringMap("ConfigMap", "data", obj.data),
};

export const secretStrategy: Strategy = {
  decode(obj: KObject) {
    const bad = stringMap("Secret", "data", obj.data) ?? stringMap("Secret", "stringData", obj.stringData);
    if (bad) return bad;
    for (const v of Object.values((obj.data as Record<string, string>) ?? {})) {
      const i = firstBadBase64(v);
      if (i >= 0) return `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${i}`;
    }
    return undefined;
  },
  defaults(obj) {
    obj.type ??= "Opaque";
    // stringData is write-only: folded into data, base64-encoded.
    const sd = obj.stringData as Record<string, string> | undefined;
    if (sd) {
      const data = { ...((obj.data as Record<string, string>) ?? {}) };
      for (const [k, v] of Object.entries(sd)) data[k] = base64(v);
      obj.data = data;
      delete obj.stringData;
    }
  },
};

function firstBadBase64(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (!/[A-Za-z0-9+/=]/.test(s[i])) return i;
  }
  if (s.length % 4 !== 0) return s.length - (s.length % 4);
  return -1;
}

function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
