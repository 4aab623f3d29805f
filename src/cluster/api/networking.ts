// Ingress, IngressClass, NetworkPolicy, EndpointSlice, ConfigMap and Secret:
// the defaults and checks the API server applies to them.
import type { KObject } from "./types.ts";
import type { Strategy } from "./strategy.ts";
import type { FieldError } from "./errors.ts";
import { isPlainObject } from "./objects.ts";
import { portNumber } from "./names.ts";

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
  validate(obj) {
    const errs: FieldError[] = [];
    const spec = (obj.spec ?? {}) as { rules?: { host?: string; http?: { paths?: IngressPath[] } }[]; defaultBackend?: unknown };
    if (!spec.rules?.length && !spec.defaultBackend)
      errs.push({ type: "Invalid", field: "spec", value: { toString: () => "[]networking.IngressRule(nil)" }, detail: "either `defaultBackend` or `rules` must be specified" });
    for (const [i, rule] of (spec.rules ?? []).entries()) {
      if (rule.host && rule.host.includes("*") && !/^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(rule.host))
        errs.push({ type: "Invalid", field: `spec.rules[${i}].host`, value: rule.host, detail: "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')" });
      const paths = rule.http?.paths;
      if (rule.http && !paths?.length) errs.push({ type: "Required", field: `spec.rules[${i}].http.paths` });
      for (const [j, p] of (paths ?? []).entries()) {
        const at = `spec.rules[${i}].http.paths[${j}]`;
        if (!p.pathType) errs.push({ type: "Required", field: `${at}.pathType`, detail: "pathType must be specified" });
        else if (!PATH_TYPES.includes(p.pathType)) errs.push({ type: "NotSupported", field: `${at}.pathType`, value: p.pathType, supported: PATH_TYPES });
        if (p.pathType && p.pathType !== "ImplementationSpecific" && !(p.path ?? "").startsWith("/"))
          errs.push({ type: "Invalid", field: `${at}.path`, value: p.path ?? "", detail: "must be an absolute path" });
        const svc = p.backend?.service;
        if (!svc && !p.backend?.resource) errs.push({ type: "Invalid", field: `${at}.backend`, value: { toString: () => "networking.IngressBackend{Service:(*networking.IngressServiceBackend)(nil), Resource:(*core.TypedLocalObjectReference)(nil)}" }, detail: "one backend (service or resource) must be specified" });
        if (svc) {
          if (!svc.name) errs.push({ type: "Required", field: `${at}.backend.service.name` });
          const port = svc.port ?? {};
          if (port.name && port.number) errs.push({ type: "Invalid", field: `${at}.backend.service.port`, value: { toString: () => `networking.ServiceBackendPort{Name:"${port.name}", Number:${port.number}}` }, detail: "cannot set both port name & port number" });
          else if (!port.name && !port.number) errs.push({ type: "Invalid", field: `${at}.backend.service.port`, value: { toString: () => `networking.ServiceBackendPort{Name:"", Number:0}` }, detail: "port name or number is required" });
          else if (port.number !== undefined) for (const m of portNumber(port.number)) errs.push({ type: "Invalid", field: `${at}.backend.service.port.number`, value: port.number, detail: m });
        }
      }
    }
    return errs;
  },
};

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
