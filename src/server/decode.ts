// Request bodies → plain values, or the Status the real server answers for a body it
// cannot read (BadRequest with the decoder's message, 415 for an unknown media type).
import { parse as parseYaml } from "yaml";
import type { KObject, Status } from "../cluster/index.ts";
import { badRequest, unsupportedMediaType } from "./status.ts";
import { bareType, BODY_TYPES } from "./media.ts";
import { goJsonSyntaxError } from "./go-json-error.ts";
import { decodeKubernetesProtobuf } from "./protobuf.ts";

export type Decoded<T> = { ok: true; value: T } | { ok: false; status: Status };

function parseJson(body: string, prefix: string): Decoded<unknown> {
  const syntax = goJsonSyntaxError(body);
  if (syntax !== undefined) return { ok: false, status: badRequest(`${prefix}${syntax}`) };
  return { ok: true, value: JSON.parse(body) };
}

function parseYamlBody(body: string): Decoded<unknown> {
  try {
    return { ok: true, value: parseYaml(body) ?? null };
  } catch (e) {
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return { ok: false, status: badRequest(`error converting YAML to JSON: yaml: ${msg}`) };
  }
}

/** A JSON or YAML value of any shape (patch bodies, DeleteOptions). */
export function decodeValue(body: string, contentType: string | undefined): Decoded<unknown> {
  const type = bareType(contentType);
  if (type === "application/yaml" || type.endsWith("+yaml")) return parseYamlBody(body);
  return parseJson(body, "");
}

/** A POST/PUT body: must be a JSON or YAML object carrying apiVersion and kind. */
export function decodeObject(body: string, contentType: string | undefined, raw?: Uint8Array): Decoded<KObject> {
  const type = bareType(contentType) || "application/json";
  if (type === "application/vnd.kubernetes.protobuf" && raw) {
    const p = decodeKubernetesProtobuf(raw);
    if (p.ok) return p;
    if (p.reason === "malformed") return { ok: false, status: badRequest(p.message) };
    // Kinds we hold no protobuf schema for: ask for another encoding, as for any unknown type.
    return { ok: false, status: unsupportedMediaType(type, BODY_TYPES.filter((t) => !t.includes("protobuf"))) };
  }
  if (type !== "application/json" && type !== "application/yaml") {
    return { ok: false, status: unsupportedMediaType(type, BODY_TYPES) };
  }
  const parsed = type === "application/yaml" ? parseYamlBody(body) : parseJson(body, "couldn't get version/kind; json parse error: ");
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    const go = Array.isArray(v) ? "array" : v === null ? "null" : typeof v === "string" ? "string" : typeof v;
    return {
      ok: false,
      status: badRequest(
        `couldn't get version/kind; json parse error: json: cannot unmarshal ${go} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
      ),
    };
  }
  const obj = v as Record<string, unknown>;
  // A body without apiVersion/kind takes them from the URL, as the real decoder's default GVK does.
  if (obj.kind !== undefined && typeof obj.kind !== "string") {
    return { ok: false, status: badRequest(`json: cannot unmarshal ${typeof obj.kind} into Go struct field TypeMeta.kind of type string`) };
  }
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  return { ok: true, value: obj as KObject };
}
