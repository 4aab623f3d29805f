// components.schemas from the compact description in schemas.ts: each field is written
// "type: description" and expanded here into OpenAPI v3 schema objects.
import type { ResourceInfo } from "../api/types.ts";
import { DEFINITIONS, type Definition } from "./schemas.ts";

const PACKAGE: Record<string, string> = {
  "": "io.k8s.api.core.v1",
  apps: "io.k8s.api.apps.v1",
  "coordination.k8s.io": "io.k8s.api.coordination.v1",
  "discovery.k8s.io": "io.k8s.api.discovery.v1",
  "networking.k8s.io": "io.k8s.api.networking.v1",
};

/** The OpenAPI id of a kind's schema: io.k8s.api.core.v1.Service, io.k8s.api.apps.v1.Deployment. */
export function schemaIdForKind(r: Pick<ResourceInfo, "group" | "version" | "kind">): string {
  const pkg = PACKAGE[r.group] ?? `io.labnotes.${r.group.split(".").reverse().join(".")}.${r.version}`;
  return `${pkg}.${r.kind}`;
}

function packageOf(id: string): string {
  return id.slice(0, id.lastIndexOf("."));
}

// Short names resolve in the referring definition's own package first (core/v1 and
// discovery/v1 both have an EndpointPort), then anywhere (ObjectMeta, LabelSelector).
const byShort = new Map<string, string[]>();
for (const id of Object.keys(DEFINITIONS)) {
  const short = id.slice(id.lastIndexOf(".") + 1);
  byShort.set(short, [...(byShort.get(short) ?? []), id]);
}

function resolver(fromId: string): (name: string) => string | undefined {
  return (name) => {
    const local = `${packageOf(fromId)}.${name}`;
    if (DEFINITIONS[local]) return local;
    return byShort.get(name)?.[0];
  };
}

/** The referenced definition in a field spec ("[]ServicePort: …" → ServicePort), if any. */
function referencedType(spec: string): string {
  return spec.split(":")[0].trim().replace(/^\[\]/, "").replace(/^map\[string\]/, "");
}

function typeSchema(type: string, resolve: (name: string) => string | undefined): Record<string, unknown> {
  if (type.startsWith("[]")) return { type: "array", items: typeSchema(type.slice(2), resolve) };
  if (type.startsWith("map[string]")) {
    return { type: "object", additionalProperties: typeSchema(type.slice("map[string]".length), resolve) };
  }
  switch (type) {
    case "string":
    case "boolean":
      return { type, default: type === "boolean" ? false : "" };
    case "integer":
      return { type: "integer", format: "int32" };
    case "int64":
      return { type: "integer", format: "int64" };
    case "object":
      return { type: "object" };
    default: {
      const id = resolve(type) ?? type;
      return type === "IntOrString" || type === "Time"
        ? { $ref: `#/components/schemas/${id}` }
        : { allOf: [{ $ref: `#/components/schemas/${id}` }], default: {} };
    }
  }
}

function expand(def: Definition, resolve: (name: string) => string | undefined): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(def.fields ?? {})) {
    const colon = spec.indexOf(":");
    const type = (colon < 0 ? spec : spec.slice(0, colon)).trim();
    const description = colon < 0 ? undefined : spec.slice(colon + 1).trim();
    properties[name] = { ...typeSchema(type, resolve), ...(description ? { description } : {}) };
  }
  return {
    description: def.description,
    type: def.type ?? "object",
    ...(def.format ? { format: def.format } : {}),
    ...(def.fields ? { properties } : {}),
    ...(def.required ? { required: def.required } : {}),
  };
}

/** Schemas for these resources' kinds and everything they reference, plus the kind lists. */
export function componentSchemas(resources: readonly ResourceInfo[]): Record<string, object> {
  const out: Record<string, object> = {};
  const visit = (id: string, def: Definition, extra: Record<string, unknown> = {}, own?: { name: string; id: string }) => {
    if (out[id]) return;
    const base = resolver(id);
    // A list's items refer to its kind, which may have no definition of its own (generic kinds).
    const resolve = (name: string) => (own && name === own.name ? own.id : base(name));
    out[id] = { ...expand(def, resolve), ...extra };
    for (const spec of Object.values(def.fields ?? {})) {
      const ref = resolve(referencedType(spec));
      if (ref && DEFINITIONS[ref]) visit(ref, DEFINITIONS[ref]);
    }
  };
  for (const r of resources) {
    const id = schemaIdForKind(r);
    const gvk = (kind: string) => ({ "x-kubernetes-group-version-kind": [{ group: r.group, kind, version: r.version }] });
    visit(id, DEFINITIONS[id] ?? genericKind(r), gvk(r.kind));
    const list: Definition = {
      description: `${r.kind}List is a list of ${r.kind} objects.`,
      fields: {
        apiVersion: "string: APIVersion defines the versioned schema of this representation of an object.",
        items: `[]${r.kind}: items is the list of ${r.kind} objects.`,
        kind: "string: Kind is a string value representing the REST resource this object represents.",
        metadata: "ListMeta: Standard list metadata.",
      },
      required: ["items"],
    };
    visit(`${id}List`, list, gvk(`${r.kind}List`), { name: r.kind, id });
  }
  return out;
}

function genericKind(r: ResourceInfo): Definition {
  return {
    description: `${r.kind} is a ${r.group || "core"} ${r.version} object.`,
    fields: {
      apiVersion: "string: APIVersion defines the versioned schema of this representation of an object.",
      kind: "string: Kind is a string value representing the REST resource this object represents.",
      metadata: "ObjectMeta: Standard object's metadata.",
      spec: "object: The desired state of the object.",
      status: "object: The observed state of the object.",
    },
  };
}
