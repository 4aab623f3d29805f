// Turns the `check:` of a lab step, as YAML gave it, into a typed Check, or says
// exactly what is wrong (with the path inside the check) so the build can fail
// with the file, the step and the reason.
import type { Source } from "../cluster/index.ts";
import { parseFieldPath } from "./field-path.ts";
import type { Check, DnsExpectation, FieldMatcher, ObjectQuery, RequestExpectation } from "./types.ts";

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const CHECK_KINDS = ["exists", "absent", "request", "dns", "ran", "all", "any", "not"] as const;
const DNS_TYPES = ["A", "AAAA", "SRV", "CNAME", "PTR"] as const;
const FAIL_OUTCOMES = ["refused", "timeout", "unreachable", "nxdomain", "dns-timeout", "tls-error"];

class CheckSyntaxError extends Error {}

export function parseCheck(raw: unknown): ParseResult<Check> {
  try {
    return { ok: true, value: check(raw, "check") };
  } catch (e) {
    if (e instanceof CheckSyntaxError) return { ok: false, error: e.message };
    throw e;
  }
}

function fail(where: string, message: string): never {
  throw new CheckSyntaxError(`${where}: ${message}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) fail(where, `unknown field "${key}" (expected one of: ${allowed.join(", ")})`);
  }
}

function str(v: unknown, where: string): string {
  if (typeof v !== "string" || v.trim() === "") fail(where, "must be a non-empty string");
  return v;
}

function int(v: unknown, where: string, min = 0): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) fail(where, `must be an integer >= ${min}`);
  return v;
}

export function regex(v: unknown, where: string): RegExp {
  const source = str(v, where);
  try {
    return new RegExp(source);
  } catch (e) {
    return fail(where, `invalid regular expression: ${(e as Error).message}`);
  }
}

function check(raw: unknown, where: string): Check {
  if (!isRecord(raw)) fail(where, `must be a mapping with one of: ${CHECK_KINDS.join(", ")}`);
  const kinds = Object.keys(raw);
  if (kinds.length !== 1) fail(where, `must have exactly one of: ${CHECK_KINDS.join(", ")} (found: ${kinds.join(", ") || "nothing"})`);
  const kind = kinds[0];
  const body = raw[kind];
  const at = `${where}.${kind}`;
  switch (kind) {
    case "exists": {
      const q = query(body, at, ["count", "min"]);
      const count = isRecord(body) && body.count !== undefined ? int(body.count, `${at}.count`) : undefined;
      const min = isRecord(body) && body.min !== undefined ? int(body.min, `${at}.min`, 1) : undefined;
      return { kind: "exists", query: q, count, min };
    }
    case "absent":
      return { kind: "absent", query: query(body, at, []) };
    case "request":
      return request(body, at);
    case "dns":
      return dns(body, at);
    case "ran": {
      if (typeof body === "string") return { kind: "ran", pattern: regex(body, at) };
      if (!isRecord(body)) fail(at, 'must be a pattern or {pattern, afterPreviousStep: true}');
      onlyKeys(body, ["pattern", "afterPreviousStep"], at);
      if (body.afterPreviousStep !== undefined && typeof body.afterPreviousStep !== "boolean") fail(`${at}.afterPreviousStep`, "must be true or false");
      return { kind: "ran", pattern: regex(body.pattern, `${at}.pattern`), sinceStepStart: body.afterPreviousStep === true };
    }
    case "all":
    case "any": {
      if (!Array.isArray(body) || body.length === 0) fail(at, "must be a non-empty list of checks");
      return { kind, checks: body.map((c, i) => check(c, `${at}[${i}]`)) };
    }
    case "not":
      return { kind: "not", check: check(body, at) };
    default:
      return fail(where, `unknown check "${kind}" (expected one of: ${CHECK_KINDS.join(", ")})`);
  }
}

/** `deployments/myapp` or `{resource, name, namespace, selector, fields}`. */
function query(raw: unknown, where: string, extra: readonly string[]): ObjectQuery {
  if (typeof raw === "string") return shortRef(raw, where);
  if (!isRecord(raw)) fail(where, 'must be "resource/name" or a mapping with "resource"');
  onlyKeys(raw, ["resource", "name", "namespace", "selector", "fields", ...extra], where);
  const q: ObjectQuery = { resource: str(raw.resource, `${where}.resource`), fields: [] };
  if (raw.name !== undefined) q.name = str(raw.name, `${where}.name`);
  if (raw.namespace !== undefined) q.namespace = str(raw.namespace, `${where}.namespace`);
  if (raw.selector !== undefined) q.selector = str(raw.selector, `${where}.selector`);
  if (raw.fields !== undefined) {
    if (!isRecord(raw.fields)) fail(`${where}.fields`, "must be a mapping of field path to expected value");
    for (const [path, expected] of Object.entries(raw.fields)) {
      const parsed = parseFieldPath(path);
      if (!parsed.ok) fail(`${where}.fields`, parsed.error);
      q.fields.push({ path, matcher: matcher(expected, `${where}.fields["${path}"]`) });
    }
  }
  return q;
}

function shortRef(text: string, where: string): ObjectQuery {
  const parts = text.split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) fail(where, `"${text}" is not "resource/name"`);
  return { resource: parts[0], name: parts[1], fields: [] };
}

function matcher(raw: unknown, where: string): FieldMatcher {
  if (isRecord(raw)) {
    const keys = Object.keys(raw);
    if (keys.length !== 1) fail(where, "must be a value or one of {regex}, {absent: true}, {length}");
    if ("regex" in raw) return { kind: "regex", regex: regex(raw.regex, `${where}.regex`) };
    if ("absent" in raw) {
      if (raw.absent !== true) fail(`${where}.absent`, "must be true");
      return { kind: "absent" };
    }
    if ("length" in raw) return { kind: "length", length: int(raw.length, `${where}.length`) };
    return fail(where, `unknown matcher "${keys[0]}" (expected regex, absent or length)`);
  }
  if (Array.isArray(raw)) fail(where, "lists are not compared; use [N] or [*] in the path");
  return { kind: "equals", value: raw };
}

/** `pod/NAME`, `pod/NAMESPACE/NAME`, `node/NAME` or `outside`. */
export function parseSource(raw: unknown, where: string): Source {
  const text = str(raw, where);
  if (text === "outside") return { kind: "outside" };
  const parts = text.split("/");
  if (parts[0] === "node" && parts.length === 2 && parts[1]) return { kind: "node", name: parts[1] };
  if (parts[0] === "pod" && parts.length === 2 && parts[1]) return { kind: "pod", namespace: "default", name: parts[1] };
  if (parts[0] === "pod" && parts.length === 3 && parts[1] && parts[2]) return { kind: "pod", namespace: parts[1], name: parts[2] };
  return fail(where, `"${text}" is not pod/NAME, pod/NAMESPACE/NAME, node/NAME or outside`);
}

function request(raw: unknown, where: string): Check {
  if (!isRecord(raw)) fail(where, "must be a mapping with from, to and expect");
  onlyKeys(raw, ["from", "to", "port", "protocol", "method", "headers", "body", "bodyBytes", "insecure", "timeoutMs", "expect"], where);
  if (raw.body !== undefined && raw.bodyBytes !== undefined) fail(where, 'give "body" or "bodyBytes", not both');
  // bodyBytes: a body of that many bytes, for size limits (proxy-body-size) without pasting kilobytes into YAML.
  const body = raw.bodyBytes !== undefined ? "x".repeat(int(raw.bodyBytes, `${where}.bodyBytes`, 1)) : raw.body === undefined ? undefined : String(raw.body);
  const protocol = raw.protocol;
  if (protocol !== undefined && protocol !== "TCP" && protocol !== "UDP") fail(`${where}.protocol`, "must be TCP or UDP");
  let headers: Record<string, string> | undefined;
  if (raw.headers !== undefined) {
    if (!isRecord(raw.headers)) fail(`${where}.headers`, "must be a mapping");
    headers = Object.fromEntries(Object.entries(raw.headers).map(([k, v]) => [k, String(v)]));
  }
  if (raw.expect === undefined) fail(where, 'needs "expect" (succeeds, fails, {status}, {body} or a list of them)');
  const expectList = Array.isArray(raw.expect) ? raw.expect : [raw.expect];
  return {
    kind: "request",
    from: parseSource(raw.from, `${where}.from`),
    to: str(raw.to, `${where}.to`),
    port: raw.port === undefined ? undefined : int(raw.port, `${where}.port`, 1),
    protocol,
    method: raw.method === undefined ? undefined : str(raw.method, `${where}.method`),
    headers,
    body,
    insecure: raw.insecure === undefined ? undefined : raw.insecure === true,
    timeoutMs: raw.timeoutMs === undefined ? undefined : int(raw.timeoutMs, `${where}.timeoutMs`, 1),
    expect: expectList.map((e, i) => requestExpectation(e, Array.isArray(raw.expect) ? `${where}.expect[${i}]` : `${where}.expect`)),
  };
}

function requestExpectation(raw: unknown, where: string): RequestExpectation {
  if (raw === "succeeds") return { kind: "succeeds" };
  if (raw === "fails") return { kind: "fails" };
  if (isRecord(raw) && Object.keys(raw).length === 1) {
    if ("status" in raw) return { kind: "status", status: int(raw.status, `${where}.status`, 100) };
    if ("body" in raw) return { kind: "body", regex: regex(raw.body, `${where}.body`) };
    if ("fails" in raw) {
      const outcome = str(raw.fails, `${where}.fails`);
      if (!FAIL_OUTCOMES.includes(outcome)) fail(`${where}.fails`, `must be one of: ${FAIL_OUTCOMES.join(", ")}`);
      return { kind: "fails", outcome };
    }
  }
  return fail(where, "must be succeeds, fails, {fails: OUTCOME}, {status: N} or {body: REGEX}");
}

function dns(raw: unknown, where: string): Check {
  if (!isRecord(raw)) fail(where, "must be a mapping with from, name and expect");
  onlyKeys(raw, ["from", "name", "type", "expect"], where);
  const type = raw.type ?? "A";
  if (!DNS_TYPES.includes(type as (typeof DNS_TYPES)[number])) fail(`${where}.type`, `must be one of: ${DNS_TYPES.join(", ")}`);
  return {
    kind: "dns",
    from: parseSource(raw.from, `${where}.from`),
    name: str(raw.name, `${where}.name`),
    type: type as (typeof DNS_TYPES)[number],
    expect: dnsExpectation(raw.expect, `${where}.expect`),
  };
}

function dnsExpectation(raw: unknown, where: string): DnsExpectation {
  if (Array.isArray(raw)) return { kind: "ips", ips: raw.map((ip, i) => str(ip, `${where}[${i}]`)) };
  if (isRecord(raw)) {
    onlyKeys(raw, ["podIPs", "serviceIP", "rcode", "namespace"], where);
    const namespace = raw.namespace === undefined ? "default" : str(raw.namespace, `${where}.namespace`);
    if (raw.podIPs !== undefined) return { kind: "podIPs", selector: str(raw.podIPs, `${where}.podIPs`), namespace };
    if (raw.serviceIP !== undefined) return { kind: "serviceIP", name: str(raw.serviceIP, `${where}.serviceIP`), namespace };
    if (raw.rcode !== undefined) {
      const rcode = str(raw.rcode, `${where}.rcode`);
      if (!["NOERROR", "NXDOMAIN", "SERVFAIL", "REFUSED"].includes(rcode)) fail(`${where}.rcode`, "must be NOERROR, NXDOMAIN, SERVFAIL or REFUSED");
      return { kind: "rcode", rcode };
    }
  }
  return fail(where, "must be a list of IPs, {podIPs: SELECTOR}, {serviceIP: NAME} or {rcode: RCODE}");
}
