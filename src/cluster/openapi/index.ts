// OpenAPI v3 documents for the kinds the emulated cluster serves, generated from the
// compact schema description in schemas.ts. The API server adapter serves them at
// /openapi/v3, and kubectl explain reads the same component schemas.
import type { ResourceInfo } from "../api/types.ts";
import { componentSchemas } from "./components.ts";
import { resourcePaths } from "./paths.ts";

export { componentSchemas, schemaIdForKind } from "./components.ts";

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** A stable short hash of a document, for the ?hash= URLs the root lists (FNV-1a, hex). */
function hashOf(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x85ebca6b) >>> 0;
  }
  return (h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0")).toUpperCase();
}

/** GET /openapi/v3: one entry per group-version, each with its document's URL. */
export function openApiV3Root(resources: readonly ResourceInfo[]): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  const seen = new Set<string>();
  for (const r of resources) {
    const p = gvPath(r.group, r.version);
    if (seen.has(p)) continue;
    seen.add(p);
    const doc = openApiV3Document(resources, r.group, r.version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(JSON.stringify(doc))}` };
  }
  return { paths };
}

/** GET /openapi/v3/api/v1 or /openapi/v3/apis/<g>/<v>; undefined for a group-version we do not serve. */
export function openApiV3Document(resources: readonly ResourceInfo[], group: string, version: string): object | undefined {
  const mine = resources.filter((r) => r.group === group && r.version === version);
  if (mine.length === 0) return undefined;
  const paths: Record<string, object> = {};
  for (const r of mine) Object.assign(paths, resourcePaths(r));
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: "unversioned" },
    paths,
    components: { schemas: componentSchemas(mine) },
  };
}
