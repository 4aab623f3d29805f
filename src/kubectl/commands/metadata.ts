// kubectl label / annotate: `key=value` sets, `key-` removes, --overwrite to change.
import type { KObject, ResourceInfo } from "../../cluster/index.ts";
import { CmdError, StatusError } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { kindPrefix, listObjects, parseResourceArgs, refFor } from "../resources.ts";
import { dryRunOf } from "../writes.ts";

interface Change {
  set: [string, string][];
  remove: string[];
}

function parseChanges(args: string[], field: "labels" | "annotations"): { resources: string[]; change: Change } {
  const change: Change = { set: [], remove: [] };
  const resources: string[] = [];
  for (const a of args) {
    if (a.includes("=")) {
      // A label value cannot hold "=" (label.go splits on every one); an annotation's can.
      if (field === "labels" && a.split("=").length !== 2) throw new CmdError(`invalid label spec: ${a}`);
      const eq = a.indexOf("=");
      change.set.push([a.slice(0, eq), a.slice(eq + 1)]);
    } else if (a.endsWith("-") && resources.length > 0) change.remove.push(a.slice(0, -1));
    else resources.push(a);
  }
  return { resources, change };
}

function metadataCommand(field: "labels" | "annotations", verb: string, unverb: string) {
  return (inv: Invocation): number => {
    const { resources, change } = parseChanges(inv.args, field);
    if (resources.length === 0) throw new CmdError("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    if (change.set.length === 0 && change.remove.length === 0 && !inv.bool("list")) throw new CmdError(`at least one ${field === "labels" ? "label" : "annotation"} update is required`);
    const targets: { info: ResourceInfo; obj: KObject }[] = [];
    for (const { info, names } of parseResourceArgs(inv, resources)) {
      if (names.length === 0) {
        if (!inv.bool("all") && !inv.str("selector")) throw new CmdError("resource(s) were provided, but no name was specified");
        for (const obj of listObjects(inv, info, { allNamespaces: inv.bool("all-namespaces"), labelSelector: inv.str("selector") })) targets.push({ info, obj });
        continue;
      }
      for (const name of names) {
        const r = inv.cluster.get(refFor(info, name, inv.namespace));
        if (!r.ok) throw new StatusError(r.status);
        targets.push({ info, obj: r.value });
      }
    }
    const dry = dryRunOf(inv);
    for (const { info, obj } of targets) {
      const current = { ...(obj.metadata[field] ?? {}) };
      if (inv.bool("list")) {
        inv.out(Object.entries(current).map(([k, v]) => `${k}=${v}\n`).join(""));
        continue;
      }
      const clashes = inv.bool("overwrite") ? [] : change.set.filter(([k, v]) => k in current && current[k] !== v).map(([k]) => `'${k}' already has a value (${current[k]})`);
      if (clashes.length > 0) {
        if (field === "labels") throw new CmdError(clashes.map((c) => `${c}, and --overwrite is false`).join("\n"));
        throw new CmdError(`--overwrite is false but found the following declared annotation(s): ${clashes.join("; ")}`);
      }
      if (field === "labels") for (const k of change.remove) if (!(k in current)) inv.out(`label ${JSON.stringify(k)} not found.\n`);
      const patch: Record<string, string | null> = {};
      for (const [k, v] of change.set) if (current[k] !== v) patch[k] = v;
      for (const k of change.remove) if (k in current) patch[k] = null;
      const name = obj.metadata.name ?? "";
      let op = verb;
      if (Object.keys(patch).length === 0) op = `not ${verb}`;
      else if (change.set.length === 0) op = unverb;
      if (Object.keys(patch).length > 0 && dry !== "client") {
        const ref = refFor(info, name, obj.metadata.namespace ?? inv.namespace);
        const r = inv.cluster.patch(ref, "merge", { metadata: { [field]: patch } }, dry === "server" ? { dryRun: true } : {});
        if (!r.ok) throw new StatusError(r.status);
      }
      const suffix = dry === "client" ? " (dry run)" : dry === "server" ? " (server dry run)" : "";
      inv.out(inv.str("output") === "name" ? `${kindPrefix(info)}/${name}\n` : `${kindPrefix(info)}/${name} ${op}${suffix}\n`);
    }
    return 0;
  };
}

export const label = metadataCommand("labels", "labeled", "unlabeled");
export const annotate = metadataCommand("annotations", "annotated", "annotated");
