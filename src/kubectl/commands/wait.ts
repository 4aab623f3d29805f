// kubectl wait --for=condition=…|delete|create|jsonpath=…: the condition is checked while
// virtual time passes (the cluster advances a second at a time), until it holds or
// --timeout (default 30s) has elapsed in virtual time. Messages follow k/kubectl pkg/cmd/wait.
import type { KObject, ResourceInfo } from "../../cluster/index.ts";
import { CmdError, StatusError } from "../cli/errors.ts";
import { parseGoDuration } from "../cli/duration.ts";
import type { Invocation } from "../cli/invocation.ts";
import { jsonPathValues, parseTemplate, relaxedJsonPath, JsonPathError } from "../output/jsonpath.ts";
import { objectOutputFormat, printObjects } from "../printing.ts";
import { kindPrefix, listObjects, parseResourceArgs, refFor } from "../resources.ts";
import { NO_RESOURCES } from "./delete.ts";

/** A check on the live object: met, not yet, or an error that ends the wait. */
type Check = (obj: KObject) => boolean;

type Condition = { kind: "delete" } | { kind: "create" } | { kind: "check"; check: Check };

const WEEK_MS = 168 * 3_600_000;

/** Split `{.a}=b` on single `=` (a `==` stays inside the expression), as kubectl does. */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < input.length; i++) {
    if (input[i] === "=") {
      if (input[i + 1] === "=") {
        cur += "==";
        i++;
        continue;
      }
      out.push(cur);
      cur = "";
      continue;
    }
    cur += input[i];
  }
  out.push(cur);
  return out;
}

function conditionCheck(name: string, want: string): Check {
  return (obj) => {
    const conditions = (obj.status as { conditions?: unknown } | undefined)?.conditions;
    if (!Array.isArray(conditions)) return false;
    for (const c of conditions as Record<string, unknown>[]) {
      if (typeof c.type !== "string" || c.type.toLowerCase() !== name.toLowerCase() || typeof c.status !== "string") continue;
      // A condition reported for an older generation does not count yet.
      const generation = obj.metadata.generation;
      const observed = typeof c.observedGeneration === "number" ? c.observedGeneration : (obj.status as { observedGeneration?: number }).observedGeneration;
      if (generation !== undefined && observed !== undefined && observed < generation) return false;
      return c.status.toLowerCase() === want.toLowerCase();
    }
    return false;
  };
}

/** fmt's %v of a decoded JSON scalar. */
function goValue(v: unknown): string {
  return v === null ? "<nil>" : String(v);
}

function jsonPathCheck(input: string): Check {
  const parts = splitJsonPathInput(input);
  if (parts.length < 1 || parts.length > 2) {
    throw new CmdError("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  }
  const expr = parts[0] === "" ? "" : relaxedJsonPath(parts[0]!);
  const want = parts.length === 2 ? parts[1]!.replace(/^['"]+|['"]+$/g, "") : "";
  if (parts.length === 2 && want === "") throw new CmdError("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  if (expr === "") throw new CmdError("jsonpath expression cannot be empty");
  try {
    parseTemplate(expr);
  } catch (e) {
    if (e instanceof JsonPathError) throw new CmdError(e.message);
    throw e;
  }
  return (obj) => {
    const values = jsonPathValues(expr, JSON.parse(JSON.stringify(obj))).filter((v) => v !== undefined);
    if (values.length === 0) return false;
    if (values.length > 1) throw new CmdError("given jsonpath expression matches more than one value");
    if (want === "") return true;
    const v = values[0];
    if (v !== null && typeof v === "object") throw new CmdError("jsonpath leads to a nested object or list which is not supported");
    return goValue(v).trim() === want.trim();
  };
}

function parseCondition(text: string): Condition {
  const lower = text.toLowerCase();
  if (lower === "delete") return { kind: "delete" };
  if (lower === "create") return { kind: "create" };
  if (text.startsWith("condition=")) {
    const rest = text.slice("condition=".length);
    const eq = rest.indexOf("=");
    return { kind: "check", check: conditionCheck(eq < 0 ? rest : rest.slice(0, eq), eq < 0 ? "true" : rest.slice(eq + 1)) };
  }
  if (text.startsWith("jsonpath=")) return { kind: "check", check: jsonPathCheck(text.slice("jsonpath=".length)) };
  throw new CmdError(`unrecognized condition: ${JSON.stringify(text)}`);
}

interface Target {
  info: ResourceInfo;
  name: string;
  namespace: string;
}

/** What the resource builder visits: named objects, or those a selector / --all lists. */
function targets(inv: Invocation): Target[] {
  if (inv.args.length === 0) throw new CmdError("no resources", 1, NO_RESOURCES);
  const selector = inv.str("selector");
  const out: Target[] = [];
  for (const { info, names } of parseResourceArgs(inv, inv.args)) {
    if (names.length > 0) {
      for (const name of names) out.push({ info, name, namespace: inv.namespace });
      continue;
    }
    if (!selector && !inv.bool("all") && !inv.str("field-selector")) throw new CmdError("resource(s) were provided, but no name was specified");
    const objs = listObjects(inv, info, { allNamespaces: inv.bool("all-namespaces"), labelSelector: selector, fieldSelector: inv.str("field-selector") });
    for (const o of objs) out.push({ info, name: o.metadata.name ?? "", namespace: o.metadata.namespace ?? inv.namespace });
  }
  return out;
}

class Clock {
  private waited = 0;
  constructor(
    private readonly inv: Invocation,
    private readonly timeout: number,
  ) {}
  /** Let a second (a minute, once a long wait is under way) of virtual time pass; false once the timeout is spent. */
  tick(): boolean {
    if (this.waited >= this.timeout || this.inv.ctx.signal?.aborted) return false;
    const step = Math.min(this.waited < 600_000 ? 1000 : 60_000, this.timeout - this.waited);
    this.inv.cluster.advance(step);
    this.waited += step;
    return true;
  }
}

export async function waitCmd(inv: Invocation): Promise<number> {
  const condition = parseCondition(inv.str("for"));
  const fmt = await objectOutputFormat(inv);
  let timeout = parseGoDuration(inv.str("timeout"));
  if (timeout < 0) timeout = WEEK_MS;
  const clock = new Clock(inv, timeout);
  const list = targets(inv);
  if (condition.kind === "create") {
    // Polls until every named object exists.
    while (!list.every((t) => inv.cluster.get(refFor(t.info, t.name, t.namespace)).ok)) {
      if (!clock.tick()) throw new CmdError("timed out waiting for the condition");
    }
  }
  const met = (obj: KObject, info: ResourceInfo) => {
    if (fmt) inv.out(printObjects([obj], fmt, { single: true, serverObjects: true }));
    else inv.out(`${kindPrefix(info)}/${obj.metadata.name ?? ""} condition met\n`);
  };
  let visited = 0;
  for (const t of list) {
    const ref = refFor(t.info, t.name, t.namespace);
    const first = inv.cluster.get(ref);
    if (!first.ok) {
      if (condition.kind === "delete" && first.status.reason === "NotFound") continue;
      throw new StatusError(first.status);
    }
    visited++;
    const timedOut = new CmdError(`timed out waiting for the condition on ${t.info.resource}/${t.name}`);
    if (condition.kind === "delete") {
      const uid = first.value.metadata.uid;
      if (timeout === 0) throw new CmdError(`condition not met for ${t.info.resource}/${t.name}`);
      for (;;) {
        const now = inv.cluster.get(ref);
        if (!now.ok || now.value.metadata.uid !== uid) break;
        if (!clock.tick()) throw timedOut;
      }
      met(first.value, t.info);
      continue;
    }
    const check = condition.kind === "check" ? condition.check : () => true;
    let obj = first.value;
    if (timeout === 0) {
      if (!check(obj)) throw new CmdError(`condition not met for ${t.info.resource}/${t.name}`);
      met(obj, t.info);
      continue;
    }
    while (!check(obj)) {
      if (!clock.tick()) throw timedOut;
      const now = inv.cluster.get(ref);
      // The object vanished while waiting: the informer's precondition reports it as not found.
      if (!now.ok) throw new StatusError(now.status);
      obj = now.value;
    }
    met(obj, t.info);
  }
  if (visited === 0 && condition.kind !== "delete") throw new CmdError("no matching resources found");
  return 0;
}
