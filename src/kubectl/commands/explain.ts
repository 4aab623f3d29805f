// kubectl explain RESOURCE[.field...]: the plaintext template of kubectl's OpenAPI v3
// explainer, over the same component schemas the API server publishes.
import { componentSchemas, schemaIdForKind } from "../../cluster/index.ts";
import { CmdError } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";

type Schema = Record<string, unknown>;
const WRAP = 76;
const REF_PREFIX = "#/components/schemas/";

/** Greedy word wrap at 76 columns, each line indented by four spaces. */
export function wrapIndented(text: string, indent = "    "): string {
  const out: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(/ +/).filter((w) => w !== "")) {
      if (line === "") line = word;
      else if (line.length + 1 + word.length <= WRAP) line += " " + word;
      else {
        out.push(line);
        line = word;
      }
    }
    out.push(line);
  }
  return out.map((l) => indent + l).join("\n");
}

function refOf(s: Schema): string | undefined {
  if (typeof s.$ref === "string") return s.$ref.slice(REF_PREFIX.length);
  const all = s.allOf as Schema[] | undefined;
  if (all?.[0] && typeof all[0].$ref === "string") return (all[0].$ref as string).slice(REF_PREFIX.length);
  return undefined;
}

function typeName(s: Schema, schemas: Record<string, Schema>): string {
  const ref = refOf(s);
  if (ref) {
    // A bare $ref replaces the schema (its type shows); allOf:[$ref] names the referenced type.
    const target = schemas[ref] ?? {};
    if (typeof s.$ref === "string" && target.type !== "object") return typeName(target, schemas);
    return ref.slice(ref.lastIndexOf(".") + 1);
  }
  if (s.type === "array") return "[]" + typeName((s.items ?? {}) as Schema, schemas);
  if (s.type === "object") return s.additionalProperties ? "map[string]" + typeName(s.additionalProperties as Schema, schemas) : "Object";
  return typeof s.type === "string" ? s.type : "Object";
}

export function explain(inv: Invocation): number {
  if (inv.args.length === 0) {
    throw new CmdError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  const [typed, ...path] = inv.args[0]!.split(".");
  const info = inv.cluster.resolveResource(typed!);
  // explain reports an unknown type without the usual "error: " prefix.
  if (!info) throw new CmdError("unknown type", 1, `the server doesn't have a resource type "${typed}"\n`);
  // --api-version must name the group/version the type is served in (the only one we serve).
  const apiVersion = inv.str("api-version");
  if (apiVersion && apiVersion !== (info.group ? `${info.group}/${info.version}` : info.version)) {
    const [g, v] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    const served = inv.cluster.resources().some((r) => r.group === g && r.version === v);
    // A served group/version without the type fails in the OpenAPI lookup, an unknown one in the RESTMapper.
    throw new CmdError(served ? `GVR (${g}/${v}, Resource=${info.resource}) not found in OpenAPI schema` : `couldn't find resource for "${g}/${v}, Resource=${info.resource}"`);
  }
  // The header is printed before the field path is resolved, so it precedes a bad-field error.
  let header = info.group ? `GROUP:      ${info.group}\n` : "";
  header += `KIND:       ${info.kind}\nVERSION:    ${info.version}\n\n`;
  inv.out(header);
  const schemas = componentSchemas(inv.cluster.resources()) as Record<string, Schema>;
  const deref = (s: Schema): Schema => {
    const ref = refOf(s);
    return ref ? schemas[ref] ?? {} : s;
  };
  let schema = schemas[schemaIdForKind(info)] ?? {};
  let field: { name: string; schema: Schema } | undefined;
  for (const name of path) {
    let container = deref(schema);
    if (container.type === "array") container = deref((container.items ?? {}) as Schema);
    const props = (container.properties ?? {}) as Record<string, Schema>;
    const next = props[name];
    if (!next) throw new CmdError(`field "${name}" does not exist`);
    field = { name, schema: next };
    schema = next;
  }
  let text = "";
  // The element type a field's description is followed by: its own schema, or its items'.
  let body = deref(schema);
  if (field) {
    text += `FIELD: ${field.name} <${typeName(field.schema, schemas)}>\n\n\n`;
    if (field.schema.type === "array") body = deref((field.schema.items ?? {}) as Schema);
  }
  // A field's description is followed by its object type's own description (not for strings like Time).
  const bareRef = field !== undefined && typeof field.schema.$ref === "string";
  const objectType = !field || bareRef || (body.type === "object" && (refOf(field.schema) !== undefined || field.schema.type === "array"));
  const ownDescription = field && !bareRef ? String(field.schema.description ?? "") : "";
  const descriptions = [ownDescription, objectType ? String(body.description ?? "") : ""].filter((d) => d !== "");
  text += "DESCRIPTION:\n" + wrapIndented(descriptions.join("\n")) + "\n    \n";
  const props = (body.properties ?? {}) as Record<string, Schema>;
  const required = new Set((body.required as string[] | undefined) ?? []);
  const names = Object.keys(props).sort();
  if (names.length > 0) {
    text += "FIELDS:\n";
    if (inv.bool("recursive")) {
      // --recursive: the whole tree of field names and types, two more spaces per level.
      const walk = (body: Schema, depth: number, seen: string[]) => {
        const props = (body.properties ?? {}) as Record<string, Schema>;
        const required = new Set((body.required as string[] | undefined) ?? []);
        for (const n of Object.keys(props).sort()) {
          const p = props[n]!;
          text += `${"  ".repeat(depth)}${n}\t<${typeName(p, schemas)}>${required.has(n) ? " -required-" : ""}\n`;
          const inner = p.type === "array" ? ((p.items ?? {}) as Schema) : p;
          const ref = refOf(inner);
          if (ref && !seen.includes(ref) && deref(inner).type === "object") walk(deref(inner), depth + 1, [...seen, ref]);
        }
      };
      walk(body, 1, []);
    } else {
      for (const n of names) {
        const p = props[n]!;
        text += `  ${n}\t<${typeName(p, schemas)}>${required.has(n) ? " -required-" : ""}\n`;
        if (p.description) text += wrapIndented(String(p.description)) + "\n";
        text += "\n";
      }
    }
  }
  inv.out(text + "\n");
  return 0;
}
