import { describe, expect, it } from "vitest";
import { RESOURCES } from "../api/resources.ts";
import { componentSchemas, openApiV3Document, openApiV3Root, schemaIdForKind } from "./index.ts";
import { DEFINITIONS } from "./schemas.ts";

type Schema = { properties?: Record<string, { $ref?: string; allOf?: { $ref: string }[]; items?: { allOf?: { $ref: string }[]; $ref?: string } }>; "x-kubernetes-group-version-kind"?: unknown[] };

function refsOf(schema: Schema): string[] {
  const out: string[] = [];
  for (const p of Object.values(schema.properties ?? {})) {
    for (const r of [p.$ref, p.allOf?.[0].$ref, p.items?.$ref, p.items?.allOf?.[0].$ref]) if (r) out.push(r.replace("#/components/schemas/", ""));
  }
  return out;
}

describe("OpenAPI v3", () => {
  it("lists one document per group-version, each at a hashed URL", () => {
    const root = openApiV3Root(RESOURCES);
    expect(Object.keys(root.paths)).toEqual(expect.arrayContaining(["api/v1", "apis/apps/v1", "apis/networking.k8s.io/v1"]));
    expect(root.paths["api/v1"].serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{16}$/);
  });

  it.each(RESOURCES.map((r) => [`${r.group || "core"}/${r.version} ${r.kind}`, r] as const))("%s: every $ref resolves inside its document", (_name, r) => {
    const doc = openApiV3Document(RESOURCES, r.group, r.version) as { components: { schemas: Record<string, Schema> } };
    const schemas = doc.components.schemas;
    const id = schemaIdForKind(r);
    expect(schemas[id]["x-kubernetes-group-version-kind"]).toEqual([{ group: r.group, kind: r.kind, version: r.version }]);
    for (const [name, s] of Object.entries(schemas)) for (const ref of refsOf(s)) expect(schemas[ref], `${name} → ${ref}`).toBeDefined();
  });

  it("tags each PATCH operation with its kind and the fieldValidation parameter", () => {
    const doc = openApiV3Document(RESOURCES, "", "v1") as { paths: Record<string, { patch?: { parameters: { name: string; in: string }[]; "x-kubernetes-group-version-kind": { kind: string } } }> };
    const patch = doc.paths["/api/v1/namespaces/{namespace}/services/{name}"].patch!;
    expect(patch["x-kubernetes-group-version-kind"].kind).toBe("Service");
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: "fieldValidation", in: "query" }));
    // No requestBody: kubectl then builds strategic merge patches from its own Go types.
    expect(patch).not.toHaveProperty("requestBody");
  });

  it("resolves a short name in the referring package first", () => {
    const schemas = componentSchemas(RESOURCES.filter((r) => r.group === "discovery.k8s.io")) as Record<string, Schema>;
    const ports = schemas["io.k8s.api.discovery.v1.EndpointSlice"].properties!.ports;
    expect(ports.items?.allOf?.[0].$ref).toBe("#/components/schemas/io.k8s.api.discovery.v1.EndpointPort");
  });

  it("describes every field it defines", () => {
    for (const [id, def] of Object.entries(DEFINITIONS)) {
      for (const [field, spec] of Object.entries(def.fields ?? {})) expect(spec.indexOf(":"), `${id}.${field}`).toBeGreaterThan(0);
    }
  });

  it("answers nothing for a group-version it does not serve", () => {
    expect(openApiV3Document(RESOURCES, "batch", "v1")).toBeUndefined();
  });
});
