// components.schemas from the compact description in schemas.ts: each field is written
// "type: description" and expanded here into OpenAPI v3 schema objects.
import type { ResourceInfo } from "../api/types.ts";
import { DEFINITIONS, type Definition } from "./schemas.ts";

const PACKAGE: Record<string, string> = {
  "": "io.k8s.api.core.v1",
  apps: "io.k8s.api.apps.v1",
  "discovery.k8s.io": "io.k8s.api.discovery.v1",
  "networking.k8s.io": "io.k8s.api.networking.v1",
};

/** The OpenAPI id of a kind's schema: io.k8s.api.core.v1.Service, io.k8s.api.apps.v1.Deployment. */
export function schemaIdForKind(r: Pick<ResourceInfo, "group" | "version" | "kind">): string {
  const pkg = PACKAGE[r.group] ?? `io.labnotes.${r.group.split(".").reverse().join(".")}.${r.version}`;
  return `${pkg}.${r.kind}`;
}

/** Expand one "type: description" field. */
function field(spec: string, resolve: (name: string) => string): Record<string, unknown> {
  const colon = spec.indexOf(":");
  const type = (colon < 0 ? spec : spec.slice(0, colon)).trim();
  const description = colon < 0 ? undefined : spec.slice(colon + 1).trim();
  const withDesc = (s: Record<string, unknown>) => (description ? { ...s, description } : s);
  return withDesc(typeSchema(type, resolve));
}

function typeSchema(type: string, resolve: (name: string) => string): Record<string, unknown> {
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
    case "IntOrString":
      return { $ref: `#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString` };
    case "Time":
      return { $ref: `#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time` };
    default:
      return { allOf: [{ $ref: `#/components/schemas/${resolve(type)}` }], default: {} };
  }
}

function expand(def: Definition, resolve: (name: string) => string): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(def.fields ?? {})) properties[name] = field(spec, resolve);
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
  const byShort = new Map<string, string>();
  for (const id of Object.keys(DEFINITIONS)) byShort.set(id.slice(id.lastIndexOf(".") + 1), id);
  const resolve = (name: string) => byShort.get(name) ?? name;
  const out: Record<string, object> = {};
  const visit = (id: string) => {
    if (out[id]) return;
    const def = DEFINITIONS[id];
    if (!def) return;
    out[id] = expand(def, resolve);
    for (const spec of Object.values(def.fields ?? {})) {
      const type = spec.split(":")[0].trim().replace(/^\[\]/, "").replace(/^map\[string\]/, "");
      const ref = byShort.get(type === "IntOrString" ? "IntOrString" : type === "Time" ? "Time" : type);
      if (ref) visit(ref);
    }
  };
  for (const r of resources) {
    const id = schemaIdForKind(r);
    const def = DEFINITIONS[id] ?? genericKind(r);
    const kindSchema = {
      ...expand(def, resolve),
      "x-kubernetes-group-version-kind": [{ group: r.group, kind: r.kind, version: r.version }],
    };
    out[id] = kindSchema;
    for (const spec of Object.values(def.fields ?? {})) {
      const type = spec.split(":")[0].trim().replace(/^\[\]/, "");
      const ref = byShort.get(type);
      if (ref) visit(ref);
    }
    out[`${id}List`] = {
      ...expand(
        {
          description: `${r.kind}List is a list of ${r.kind} objects.`,
          fields: {
            apiVersion: "string: APIVersion defines the versioned schema of this representation of an object.",
            items: `[]${r.kind}: items is the list of ${r.kind} objects.`,
            kind: "string: Kind is a string value representing the REST resource this object represents.",
            metadata: "ListMeta: Standard list metadata.",
          },
          required: ["items"],
        },
        (n) => (n === r.kind ? id : resolve(n)),
      ),
      "x-kubernetes-group-version-kind": [{ group: r.group, kind: `${r.kind}List`, version: r.version }],
    };
    visit(resolve("ListMeta"));
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
