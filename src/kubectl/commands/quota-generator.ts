// The ResourceQuota `kubectl create quota NAME --hard=… --scopes=…` builds (create_quota.go):
// hard limits parsed as quantities and written back as resource.Quantity does, scopes passed through
// unchecked (the API server validates them).
import type { KObject } from "../../cluster/index.ts";
import { scanQuantity } from "../../cluster/index.ts";
import { CmdError } from "../cli/errors.ts";
import { meta } from "./generators.ts";

/** `resource=quantity,…`; a later value for the same resource wins; keys print sorted (a Go map). */
function hardLimits(spec: string): Record<string, string> | undefined {
  if (spec === "") return undefined;
  const out = new Map<string, string>();
  for (const statement of spec.split(",")) {
    const parts = statement.split("=");
    if (parts.length !== 2) throw new CmdError(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    // Not trimmed: kubectl parses the text as typed.
    const q = scanQuantity(parts[1]!);
    if (!q.ok) throw new CmdError(q.error);
    out.set(parts[0]!, q.text);
  }
  return Object.fromEntries([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function scopeList(spec: string): string[] | undefined {
  if (spec === "") return undefined;
  const scopes = spec.split(",");
  if (scopes.includes("")) throw new CmdError('invalid resource quota scope ""');
  return scopes;
}

export function quotaObject(name: string, namespace: string | undefined, hard: string, scopes: string): KObject {
  const spec: Record<string, unknown> = {};
  const limits = hardLimits(hard);
  if (limits) spec.hard = limits;
  const list = scopeList(scopes);
  if (list) spec.scopes = list;
  return { kind: "ResourceQuota", apiVersion: "v1", metadata: meta(name, namespace), spec, status: {} };
}
