// Status errors the API server itself produces (before a request reaches the store).
// Texts follow apimachinery pkg/api/errors and the generic apiserver handlers.
import type { Status } from "../cluster/index.ts";

export function failure(code: number, reason: string, message: string, details: Status["details"] = {}): Status {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, details, code };
}

/** The generic apiserver's answer to any path it does not serve. */
export function pathNotFound(): Status {
  return failure(404, "NotFound", "the server could not find the requested resource");
}

export function methodNotAllowed(): Status {
  return failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
}

export function badRequest(message: string): Status {
  // NewBadRequest leaves details unset, so the JSON has no "details" key.
  const s = failure(400, "BadRequest", message);
  delete s.details;
  return s;
}

export function unsupportedMediaType(contentType: string, accepted: readonly string[]): Status {
  void contentType;
  return failure(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`,
  );
}

export function notAcceptable(accepted: readonly string[]): Status {
  return failure(406, "NotAcceptable", `only the following media types are accepted: ${accepted.join(", ")}`);
}

/** Bodies above this are refused, as the real server's default MaxRequestBodyBytes (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function entityTooLarge(): Status {
  return failure(413, "RequestEntityTooLarge", `Request entity too large: limit is ${MAX_BODY_BYTES}`);
}

export function success(details?: Status["details"]): Status {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    message: "",
    reason: "",
    ...(details ? { details } : {}),
    code: 200,
  } as Status;
}

export function internalError(message: string): Status {
  return failure(500, "InternalError", `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}
