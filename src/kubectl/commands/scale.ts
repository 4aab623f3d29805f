// kubectl scale --replicas=N: deployments, replicasets and statefulsets.
import { CmdError, StatusError, requiredFlagError, statusText } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { NO_RESOURCES } from "./delete.ts";
import { kindPrefix, listObjects, parseResourceArgs, refFor } from "../resources.ts";
import { dryRunOf } from "../writes.ts";

export function scale(inv: Invocation): number {
  if (!inv.has("replicas")) throw requiredFlagError(inv.cluster.now(), ["replicas"]);
  const replicas = inv.int("replicas");
  if (replicas < 0) throw new CmdError("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
  if (inv.args.length === 0 && inv.list("filename").length === 0) throw new CmdError("no resources", 1, NO_RESOURCES);
  // The resource builder visits what it found; missing objects are reported after, or
  // alone as "no objects passed to scale" when nothing was found.
  const found: { info: (typeof infos)[number]["info"]; name: string }[] = [];
  const missing: Parameters<typeof statusText>[0][] = [];
  const infos = parseResourceArgs(inv, inv.args);
  for (const { info, names } of infos) {
    // Without a scale subresource the server answers 404 for the resource itself.
    if (!info.subresources.includes("scale")) throw new CmdError("no scale", 1, "Error from server (NotFound): the server could not find the requested resource\n");
    const targets = names.length > 0 ? names : listObjects(inv, info, { labelSelector: inv.str("selector") }).map((o) => o.metadata.name ?? "");
    if (names.length === 0 && !inv.bool("all") && !inv.str("selector")) throw new CmdError("resource(s) were provided, but no name was specified");
    for (const name of targets) {
      const exists = inv.cluster.get(refFor(info, name, inv.namespace));
      if (exists.ok) found.push({ info, name });
      else missing.push(exists.status);
    }
  }
  if (found.length === 0 && missing.length > 0) throw new CmdError(`no objects passed to scale ${missing[0]!.message}`);
  for (const { info, name } of found) {
    const ref = refFor(info, name, inv.namespace);
    if (inv.int("current-replicas") >= 0) {
      const cur = inv.cluster.get(ref);
      if (!cur.ok) throw new StatusError(cur.status);
      const have = (cur.value.spec as { replicas?: number } | undefined)?.replicas ?? 0;
      if (have !== inv.int("current-replicas")) throw new CmdError(`Expected replicas to be ${inv.int("current-replicas")}, was ${have}`);
    }
    const dry = dryRunOf(inv);
    if (dry !== "client") {
      const r = inv.cluster.patch(ref, "merge", { spec: { replicas } }, dry === "server" ? { dryRun: true } : {});
      if (!r.ok) throw new StatusError(r.status);
    }
    inv.out(`${kindPrefix(info)}/${name} scaled${dry === "client" ? " (dry run)" : dry === "server" ? " (server dry run)" : ""}\n`);
  }
  for (const s of missing) inv.err(statusText(s));
  if (missing.length > 0) return 1;
  return 0;
}
