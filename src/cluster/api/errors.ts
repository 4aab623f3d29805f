// Status errors built the way apimachinery's pkg/api/errors builds them, and field
// errors rendered as pkg/util/validation/field renders them.
import type { ResourceInfo, Status, StatusCause } from "./types.ts";
import { qualifiedResource } from "./resources.ts";

type Res = Pick<ResourceInfo, "group" | "resource">;

function failure(code: number, reason: string, message: string, details?: Status["details"]): Status {
  const s: Status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code };
  if (details) s.details = details;
  return s;
}

function details(info: Res, name: string): NonNullable<Status["details"]> {
  const d: NonNullable<Status["details"]> = { name };
  if (info.group) d.group = info.group;
  d.kind = info.resource;
  return d;
}

export function notFound(info: Res, name: string): Status {
  return failure(404, "NotFound", `${qualifiedResource(info)} "${name}" not found`, details(info, name));
}

export function alreadyExists(info: Res, name: string): Status {
  return failure(409, "AlreadyExists", `${qualifiedResource(info)} "${name}" already exists`, details(info, name));
}

export function conflict(info: Res, name: string, why: string): Status {
  return failure(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualifiedResource(info)} "${name}": ${why}`,
    details(info, name),
  );
}

export const STALE_OBJECT =
  "the object has been modified; please apply your changes to the latest version and try again";

export function badRequest(message: string): Status {
  return failure(400, "BadRequest", message);
}

export function internalError(message: string): Status {
  return failure(500, "InternalError", `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}

/** StatusReasonForbidden: `namespaces "default" is forbidden: this namespace may not be deleted`. */
export function forbidden(info: Res, name: string, why: string): Status {
  return failure(403, "Forbidden", `${qualifiedResource(info)} "${name}" is forbidden: ${why}`, details(info, name));
}

export function methodNotAllowed(message: string): Status {
  return failure(405, "MethodNotAllowed", message);
}

// ---- field errors (field.Error) ----

export type FieldErrorType = "Invalid" | "Required" | "NotSupported" | "Duplicate" | "Forbidden" | "TooLong";

export interface FieldError {
  type: FieldErrorType;
  field: string;
  value?: unknown;
  detail?: string;
  /** For NotSupported: the allowed values. */
  supported?: string[];
}

const CAUSE_REASON: Record<FieldErrorType, string> = {
  Invalid: "FieldValueInvalid",
  Required: "FieldValueRequired",
  NotSupported: "FieldValueNotSupported",
  Duplicate: "FieldValueDuplicate",
  Forbidden: "FieldValueForbidden",
  TooLong: "FieldValueTooLong",
};

/** Go's %v/%q as field errors print values: strings quoted, numbers and booleans bare. */
export function formatValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === null || v === undefined) return "null";
  // Go structs print as %#v; callers pass an object whose toString renders that.
  if (typeof v === "object" && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, "toString")) return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) {
    return `[]string{${v.map((x) => JSON.stringify(x)).join(", ")}}`;
  }
  return JSON.stringify(v);
}

export function errorBody(e: FieldError): string {
  switch (e.type) {
    case "Required":
      return e.detail ? `Required value: ${e.detail}` : "Required value";
    case "Forbidden":
      return e.detail ? `Forbidden: ${e.detail}` : "Forbidden";
    case "Duplicate":
      return `Duplicate value: ${formatValue(e.value)}`;
    case "NotSupported": {
      const base = `Unsupported value: ${formatValue(e.value)}`;
      return e.supported?.length ? `${base}: supported values: ${e.supported.map((s) => JSON.stringify(s)).join(", ")}` : base;
    }
    case "TooLong":
      return `Too long: ${e.detail ?? "value is too long"}`;
    case "Invalid":
      return e.detail ? `Invalid value: ${formatValue(e.value)}: ${e.detail}` : `Invalid value: ${formatValue(e.value)}`;
  }
}

export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** StatusReasonInvalid: `Service "web" is invalid: <aggregate>`; the Kind is qualified by group for non-core kinds. */
export function invalid(info: Pick<ResourceInfo, "group" | "kind">, name: string, errs: FieldError[]): Status {
  const causes: StatusCause[] = errs.map((e) => ({ reason: CAUSE_REASON[e.type], message: errorBody(e), field: e.field }));
  const agg = errs.length === 1 ? fieldErrorString(errs[0]) : `[${errs.map(fieldErrorString).join(", ")}]`;
  const qualifiedKind = info.group ? `${info.kind}.${info.group}` : info.kind;
  const d: NonNullable<Status["details"]> = { name };
  if (info.group) d.group = info.group;
  d.kind = info.kind;
  d.causes = causes;
  return failure(422, "Invalid", `${qualifiedKind} "${name}" is invalid: ${agg}`, d);
}
