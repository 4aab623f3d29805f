// Evaluates a lab check against the cluster's public API. Read-only: requests
// and lookups run with dryRun so a check never leaves logs, conntrack entries
// or random draws behind. A check that cannot be evaluated (missing pod, bad
// resource name) fails with a reason instead of throwing.
import type { Cluster, ConnectRequest, HttpRequest, KObject, Source } from "../cluster/index.ts";
import { parseFieldPath, selectValues } from "./field-path.ts";
import type { Check, DnsExpectation, FieldMatcher, ObjectQuery, RequestExpectation } from "./types.ts";

export type CheckCluster = Pick<Cluster, "resolveResource" | "get" | "list" | "connect" | "lookup">;

export interface CheckContext {
  cluster: CheckCluster;
  /** Every line the learner ran, oldest first (nested shells included). */
  history: readonly string[];
  /** History length when the previous step was done: where `afterPreviousStep` patterns start looking. */
  stepStart?: number;
}

export interface Verdict {
  pass: boolean;
  /** Why, in a few words: shown next to a failed step and by `labnotes check`. */
  reason: string;
}

export function evaluateCheck(check: Check, ctx: CheckContext): Verdict {
  try {
    return evaluate(check, ctx);
  } catch (e) {
    return { pass: false, reason: `check could not run: ${(e as Error).message}` };
  }
}

function evaluate(check: Check, ctx: CheckContext): Verdict {
  switch (check.kind) {
    case "exists":
      return exists(check.query, ctx.cluster, check.count, check.min);
    case "absent": {
      const found = matchingObjects(check.query, ctx.cluster);
      if (!found.ok) return { pass: false, reason: found.reason };
      return found.objects.length === 0
        ? { pass: true, reason: `no ${describeQuery(check.query)}` }
        : { pass: false, reason: `${describeQuery(check.query)} still exists` };
    }
    case "request":
      return request(check, ctx.cluster);
    case "dns":
      return dns(check, ctx.cluster);
    case "ran": {
      const lines = check.sinceStepStart ? ctx.history.slice(ctx.stepStart ?? 0) : ctx.history;
      const line = lines.find((l) => check.pattern.test(l));
      return line !== undefined
        ? { pass: true, reason: `ran: ${line}` }
        : { pass: false, reason: `no command matching /${check.pattern.source}/ was run` };
    }
    case "all": {
      for (const c of check.checks) {
        const v = evaluate(c, ctx);
        if (!v.pass) return v;
      }
      return { pass: true, reason: "all conditions hold" };
    }
    case "any": {
      const reasons: string[] = [];
      for (const c of check.checks) {
        const v = evaluate(c, ctx);
        if (v.pass) return v;
        reasons.push(v.reason);
      }
      return { pass: false, reason: reasons.join("; ") };
    }
    case "not": {
      const v = evaluate(check.check, ctx);
      return { pass: !v.pass, reason: v.pass ? `should not hold: ${v.reason}` : v.reason };
    }
  }
}

function describeQuery(q: ObjectQuery): string {
  const what = q.name ? `${q.resource}/${q.name}` : q.selector ? `${q.resource} -l ${q.selector}` : q.resource;
  return q.fields.length ? `${what} with ${q.fields.map((f) => f.path).join(", ")}` : what;
}

type Found = { ok: true; objects: KObject[] } | { ok: false; reason: string };

function matchingObjects(q: ObjectQuery, cluster: CheckCluster): Found {
  const info = cluster.resolveResource(q.resource);
  if (!info) return { ok: false, reason: `unknown resource "${q.resource}"` };
  const allNamespaces = q.namespace === "*";
  const namespace = info.namespaced && !allNamespaces ? (q.namespace ?? "default") : undefined;
  let candidates: KObject[];
  if (q.name !== undefined) {
    const got = cluster.get({ group: info.group, resource: info.resource, namespace, name: q.name });
    candidates = got.ok ? [got.value] : [];
  } else {
    const listed = cluster.list({ group: info.group, resource: info.resource }, { namespace, labelSelector: q.selector });
    if (!listed.ok) return { ok: false, reason: listed.status.message };
    candidates = listed.value;
  }
  return { ok: true, objects: candidates.filter((o) => q.fields.every((f) => fieldMatches(o, f.path, f.matcher))) };
}

export function fieldMatches(obj: unknown, path: string, matcher: FieldMatcher): boolean {
  const parsed = parseFieldPath(path);
  if (!parsed.ok) return false;
  const values = selectValues(obj, parsed.segments);
  switch (matcher.kind) {
    case "absent":
      return values.length === 0 || values.every((v) => v === null);
    case "length":
      return values.some((v) => (Array.isArray(v) ? v.length : v && typeof v === "object" ? Object.keys(v).length : -1) === matcher.length);
    case "regex":
      return values.some((v) => isScalar(v) && matcher.regex.test(String(v)));
    case "equals":
      // YAML authors write `port: 80` or `port: "80"` alike; compare the printed forms, as kubectl shows them.
      return values.some((v) => isScalar(v) && String(v) === String(matcher.value));
  }
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

function exists(q: ObjectQuery, cluster: CheckCluster, count?: number, min?: number): Verdict {
  const found = matchingObjects(q, cluster);
  if (!found.ok) return { pass: false, reason: found.reason };
  const n = found.objects.length;
  if (count !== undefined) {
    return n === count
      ? { pass: true, reason: `${n} × ${describeQuery(q)}` }
      : { pass: false, reason: `expected ${count} × ${describeQuery(q)}, found ${n}` };
  }
  const least = min ?? 1;
  return n >= least
    ? { pass: true, reason: `found ${describeQuery(q)}` }
    : { pass: false, reason: least === 1 ? `no ${describeQuery(q)}` : `expected at least ${least} × ${describeQuery(q)}, found ${n}` };
}

export function buildConnectRequest(check: Extract<Check, { kind: "request" }>): ConnectRequest {
  const req: ConnectRequest = { from: check.from, to: check.to, dryRun: true };
  if (check.port !== undefined) req.port = check.port;
  if (check.protocol !== undefined) req.protocol = check.protocol;
  if (check.timeoutMs !== undefined) req.timeoutMs = check.timeoutMs;
  const url = /^https?:\/\//i.test(check.to) ? new URL(check.to) : null;
  if (url) {
    const http: HttpRequest = {
      scheme: url.protocol === "https:" ? "https" : "http",
      method: check.method ?? (check.body !== undefined ? "POST" : "GET"),
      path: (url.pathname || "/") + url.search,
      headers: { ...(check.headers ?? {}) },
      serverName: url.hostname,
    };
    if (check.body !== undefined) http.body = check.body;
    if (check.insecure) http.insecure = true;
    req.http = http;
  }
  return req;
}

function request(check: Extract<Check, { kind: "request" }>, cluster: CheckCluster): Verdict {
  const result = cluster.connect(buildConnectRequest(check));
  const outcome = result.outcome;
  const seen = outcome.kind === "http" ? `HTTP ${outcome.response.status}` : outcome.kind;
  for (const e of check.expect) {
    if (!expectationHolds(e, outcome)) {
      return { pass: false, reason: `${sourceText(check.from)} → ${check.to}: ${seen}, expected ${expectationText(e)}` };
    }
  }
  return { pass: true, reason: `${sourceText(check.from)} → ${check.to}: ${seen}` };
}

function expectationHolds(e: RequestExpectation, outcome: ReturnType<CheckCluster["connect"]>["outcome"]): boolean {
  const succeeded = outcome.kind === "connected" || outcome.kind === "http";
  switch (e.kind) {
    case "succeeds":
      return succeeded;
    case "fails":
      return !succeeded && (e.outcome === undefined || e.outcome === outcome.kind);
    case "status":
      return outcome.kind === "http" && outcome.response.status === e.status;
    case "body":
      return outcome.kind === "http" && e.regex.test(outcome.response.body);
  }
}

function expectationText(e: RequestExpectation): string {
  switch (e.kind) {
    case "succeeds":
      return "success";
    case "fails":
      return e.outcome ? `failure (${e.outcome})` : "failure";
    case "status":
      return `HTTP ${e.status}`;
    case "body":
      return `a body matching /${e.regex.source}/`;
  }
}

export function sourceText(s: Source): string {
  return s.kind === "pod" ? `pod/${s.namespace}/${s.name}` : s.kind === "node" ? `node/${s.name}` : "outside";
}

function dns(check: Extract<Check, { kind: "dns" }>, cluster: CheckCluster): Verdict {
  const result = cluster.lookup(check.from, { name: check.name, type: check.type, search: true });
  const last = result.final ?? result.exchanges[result.exchanges.length - 1] ?? null;
  const rcode = last ? (last.reply?.rcode ?? "TIMEOUT") : "NO QUERY";
  if (check.expect.kind === "rcode") {
    return rcode === check.expect.rcode
      ? { pass: true, reason: `${check.name}: ${rcode}` }
      : { pass: false, reason: `${check.name}: ${rcode}, expected ${check.expect.rcode}` };
  }
  const answers = (result.final?.reply?.answer ?? []).filter((rr) => rr.type === check.type).map((rr) => rr.data);
  const wanted = expectedAnswers(check.expect, cluster);
  if (!wanted.ok) return { pass: false, reason: wanted.reason };
  const got = [...new Set(answers)].sort();
  const want = [...new Set(wanted.values)].sort();
  const same = got.length === want.length && got.every((v, i) => v === want[i]);
  return same
    ? { pass: true, reason: `${check.name} → ${got.join(", ")}` }
    : { pass: false, reason: `${check.name} → ${got.join(", ") || rcode}, expected ${want.join(", ") || "(nothing)"}` };
}

function expectedAnswers(e: Exclude<DnsExpectation, { kind: "rcode" }>, cluster: CheckCluster): { ok: true; values: string[] } | { ok: false; reason: string } {
  if (e.kind === "ips") return { ok: true, values: e.ips };
  if (e.kind === "serviceIP") {
    const svc = cluster.get({ group: "", resource: "services", namespace: e.namespace, name: e.name });
    if (!svc.ok) return { ok: false, reason: `service ${e.namespace}/${e.name} not found` };
    const ip = (svc.value.spec as { clusterIP?: string } | undefined)?.clusterIP;
    return ip && ip !== "None" ? { ok: true, values: [ip] } : { ok: false, reason: `service ${e.name} has no ClusterIP` };
  }
  const pods = cluster.list({ group: "", resource: "pods" }, { namespace: e.namespace, labelSelector: e.selector });
  if (!pods.ok) return { ok: false, reason: pods.status.message };
  const ips = pods.value
    .filter((p) => (p.status as { phase?: string } | undefined)?.phase === "Running")
    .map((p) => (p.status as { podIP?: string }).podIP)
    .filter((ip): ip is string => typeof ip === "string");
  if (ips.length === 0) return { ok: false, reason: `no running pods match ${e.selector}` };
  return { ok: true, values: ips };
}
