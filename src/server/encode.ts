// Writing answers: JSON the way the Go encoder writes it (compact, one trailing newline).
import { stringify as yamlStringify } from "yaml";
import type { Status } from "../cluster/index.ts";
import type { BodyResponse } from "./types.ts";
import type { Representation } from "./media.ts";

export function json(status: number, value: unknown, contentType = "application/json"): BodyResponse {
  return { kind: "body", status, contentType, body: JSON.stringify(value) + "\n" };
}

export function statusResponse(s: Status): BodyResponse {
  return json(s.code, s);
}

/** An object or list in the representation the client negotiated (json or yaml). */
export function represent(status: number, value: unknown, rep: Representation): BodyResponse {
  if (rep.form === "yaml") {
    return { kind: "body", status, contentType: "application/yaml", body: yamlStringify(value) };
  }
  return json(status, value);
}

export function text(status: number, body: string): BodyResponse {
  return { kind: "body", status, contentType: "text/plain", body };
}
