// Shared by the commands that write objects: namespaces, dry-run and the success line.
import type { KObject, ResourceInfo } from "../cluster/index.ts";
import { CmdError, StatusError } from "./cli/errors.ts";
import type { Invocation } from "./cli/invocation.ts";
import { kindPrefix } from "./resources.ts";

export type DryRun = "none" | "client" | "server";

export function dryRunOf(inv: Invocation): DryRun {
  const v = inv.str("dry-run");
  switch (v) {
    case "":
    case "none":
    case "false":
      return "none";
    case "client":
    case "unchanged":
    case "true":
      return "client";
    case "server":
      return "server";
  }
  throw new CmdError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/** `service/web created`, `deployment.apps/web configured (dry run)`. */
export function successLine(info: Pick<ResourceInfo, "kind" | "group">, name: string, op: string, dry: DryRun): string {
  const suffix = dry === "client" ? " (dry run)" : dry === "server" ? " (server dry run)" : "";
  return `${kindPrefix(info)}/${name} ${op}${suffix}\n`;
}

/** Fill in the namespace the way the resource builder does, refusing a mismatch with -n. */
export function applyNamespace(inv: Invocation, info: ResourceInfo, obj: KObject): void {
  if (!info.namespaced) {
    delete obj.metadata.namespace;
    return;
  }
  const ns = obj.metadata.namespace;
  if (ns && inv.explicitNamespace && ns !== inv.namespace) {
    throw new CmdError(
      `the namespace from the provided object "${ns}" does not match the namespace "${inv.namespace}". You must pass '--namespace=${ns}' to perform this operation.`,
    );
  }
  obj.metadata.namespace = ns || inv.namespace;
}

export function writeOptions(dry: DryRun, manager: string): { dryRun?: boolean; fieldManager: string } {
  return dry === "server" ? { dryRun: true, fieldManager: manager } : { fieldManager: manager };
}

/**
 * Send a locally generated object (namespace filled in, the null creationTimestamp
 * dropped) unless this is a client dry run; returns what the server stored.
 */
export function createGenerated(inv: Invocation, obj: KObject, dry: DryRun): KObject {
  if (dry === "client") return obj;
  const toSend = JSON.parse(JSON.stringify(obj)) as KObject;
  toSend.metadata.namespace = inv.namespace;
  if (toSend.metadata.creationTimestamp === null) delete toSend.metadata.creationTimestamp;
  const r = inv.cluster.create(toSend, dry === "server" ? { dryRun: true } : {});
  if (!r.ok) throw new StatusError(r.status);
  return r.value;
}
