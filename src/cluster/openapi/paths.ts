// The `paths` section: one entry per REST path of a resource, each operation tagged with
// x-kubernetes-action and x-kubernetes-group-version-kind. PATCH lists the fieldValidation
// query parameter, which tells kubectl to leave unknown-field checks to the server.
// PATCH carries no requestBody on purpose: kubectl then computes strategic merge
// patches from its built-in Go types, which are exact for every built-in kind.
import type { ResourceInfo } from "../api/types.ts";
import { schemaIdForKind } from "./components.ts";

function gvk(r: ResourceInfo) {
  return { group: r.group, version: r.version, kind: r.kind };
}

function param(name: string, description: string, type = "string"): object {
  return { name, in: "query", description, schema: { type, uniqueItems: true } };
}

const DRY_RUN = param("dryRun", "When present, indicates that modifications should not be persisted.");
const FIELD_MANAGER = param("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes.");
const FIELD_VALIDATION = param("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields: Ignore, Warn or Strict.");
const PRETTY = param("pretty", "If 'true', then the output is pretty printed.");

function response(schemaId: string): object {
  return {
    "200": {
      description: "OK",
      content: { "application/json": { schema: { $ref: `#/components/schemas/${schemaId}` } } },
    },
  };
}

function op(r: ResourceInfo, action: string, verb: string, schemaId: string, params: object[]): object {
  const scope = r.namespaced ? "Namespaced" : "";
  return {
    tags: [`${r.group ? r.group.split(".")[0] : "core"}_${r.version}`],
    description: `${verb} ${r.kind}`,
    operationId: `${action}${scope}${r.kind}`,
    parameters: params,
    responses: response(schemaId),
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": gvk(r),
  };
}

export function resourcePaths(r: ResourceInfo): Record<string, object> {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const collection = r.namespaced ? `${base}/namespaces/{namespace}/${r.resource}` : `${base}/${r.resource}`;
  const item = `${collection}/{name}`;
  const id = schemaIdForKind(r);
  const listId = `${id}List`;
  const pathParams = (withName: boolean) => [
    ...(withName ? [{ name: "name", in: "path", description: `name of the ${r.kind}`, required: true, schema: { type: "string", uniqueItems: true } }] : []),
    ...(r.namespaced ? [{ name: "namespace", in: "path", description: "object name and auth scope, such as for teams and projects", required: true, schema: { type: "string", uniqueItems: true } }] : []),
    PRETTY,
  ];
  const out: Record<string, object> = {
    [collection]: {
      get: op(r, "list", "list or watch objects of kind", listId, []),
      post: op(r, "post", "create a", id, [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION]),
      ...(r.verbs.includes("deletecollection") ? { delete: op(r, "deletecollection", "delete collection of", id, [DRY_RUN]) } : {}),
      parameters: pathParams(false),
    },
    [item]: {
      get: op(r, "get", "read the specified", id, []),
      put: op(r, "put", "replace the specified", id, [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION]),
      patch: op(r, "patch", "partially update the specified", id, [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, param("force", "Force is going to \"force\" Apply requests.", "boolean")]),
      delete: op(r, "delete", "delete a", id, [DRY_RUN]),
      parameters: pathParams(true),
    },
  };
  if (r.namespaced) out[`${base}/${r.resource}`] = { get: op(r, "list", "list or watch objects of kind", listId, []), parameters: [PRETTY] };
  return out;
}
