// kubectl delete: by -f, by TYPE NAME / TYPE/NAME, by -l, or --all. v1.32 prints `service "x" deleted`.
import type { DeleteOptions, KObject, ObjectRef, ResourceInfo } from "../../cluster/index.ts";
import { CmdError, statusText } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { readManifests } from "../manifests.ts";
import { infoForObject, kindPrefix, listObjects, mappingError, parseResourceArgs, refFor } from "../resources.ts";
import { applyNamespace, dryRunOf } from "../writes.ts";

const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`;

export { NO_RESOURCES };

/**
 * --wait (the default): kubectl returns once the object is really gone, so a pod's
 * graceful termination is virtual time passing (a second at a time, two minutes at most).
 */
function waitUntilGone(inv: Invocation, ref: ObjectRef, uid: string | undefined): void {
  if (inv.str("wait") === "false") return;
  for (let waited = 0; waited < 120_000; waited += 1000) {
    const now = inv.cluster.get(ref);
    if (!now.ok || now.value.metadata.uid !== uid) return;
    inv.cluster.advance(1000);
  }
}

/** --cascade, with the deprecated booleans mapped as cmdutil.GetCascadingStrategy does. */
function cascadeOf(inv: Invocation): "background" | "orphan" | "foreground" {
  const v = inv.str("cascade");
  if (v === "background" || v === "orphan" || v === "foreground") return v;
  if (v === "true" || v === "false") return v === "true" ? "background" : "orphan";
  throw new CmdError("cascade", 1, `error: invalid cascade value (${v}). Must be "background", "foreground", or "orphan"\n`);
}

function deleteOne(inv: Invocation, info: ResourceInfo, name: string, namespace: string, source?: string): boolean {
  const dry = dryRunOf(inv);
  const opts: DeleteOptions = {};
  if (dry === "server") opts.dryRun = true;
  // --cascade picks the garbage collector's propagation (background is the server's default).
  if (cascadeOf(inv) === "orphan") opts.propagationPolicy = "Orphan";
  else if (cascadeOf(inv) === "foreground") opts.propagationPolicy = "Foreground";
  const force = inv.bool("force");
  if (inv.int("grace-period") >= 0) opts.gracePeriodSeconds = inv.int("grace-period");
  if (force && !inv.has("grace-period")) opts.gracePeriodSeconds = 0;
  const ref = refFor(info, name, namespace);
  // A client dry run of -f objects never asks the server; named objects are still fetched.
  if (dry === "client" && source) {
    inv.out(`${kindPrefix(info)} "${name}" deleted (dry run)\n`);
    return true;
  }
  const r = dry === "client" ? inv.cluster.get(ref) : inv.cluster.delete(ref, opts);
  if (!r.ok) {
    if (r.status.reason === "NotFound" && inv.bool("ignore-not-found")) return true;
    inv.err(statusText(r.status, source ? `deleting "${source}"` : undefined));
    return false;
  }
  if (dry === "none") waitUntilGone(inv, ref, r.value.metadata.uid);
  const suffix = dry === "client" ? " (dry run)" : dry === "server" ? " (server dry run)" : "";
  const verb = force && opts.gracePeriodSeconds === 0 ? "force deleted" : "deleted";
  if (inv.str("output") === "name") inv.out(`${kindPrefix(info)}/${name}\n`);
  else inv.out(`${kindPrefix(info)} "${name}" ${verb}${suffix}\n`);
  return true;
}

export async function deleteCmd(inv: Invocation): Promise<number> {
  const cascade = inv.str("cascade");
  if (cascade === "true" || cascade === "false") {
    inv.err(`warning: --cascade=${cascade} is deprecated (boolean value) and can be replaced with --cascade=${cascadeOf(inv)}.\n`);
  }
  cascadeOf(inv);
  const files = inv.list("filename");
  if (files.length === 0 && inv.args.length === 0) throw new CmdError("no resources", 1, NO_RESOURCES);
  if (inv.bool("force") && inv.int("grace-period") <= 0) {
    inv.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
  }
  let ok = true;
  let any = false;
  if (files.length > 0) {
    for (const item of await readManifests(inv)) {
      if (item.error) {
        inv.err(`error: ${item.error}\n`);
        ok = false;
        continue;
      }
      const info = infoForObject(inv, item.obj!);
      if (!info) {
        inv.err(mappingError(item.obj!, item.source));
        ok = false;
        continue;
      }
      applyNamespace(inv, info, item.obj!);
      any = true;
      ok = deleteOne(inv, info, item.obj!.metadata.name ?? "", item.obj!.metadata.namespace ?? "", item.source) && ok;
    }
    if (!any && ok) inv.out("No resources found\n");
    return ok ? 0 : 1;
  }
  const reqs = parseResourceArgs(inv, inv.args);
  const selector = inv.str("selector");
  const all = inv.bool("all");
  for (const { info, names } of reqs) {
    if (names.length > 0) {
      if (selector || all) throw new CmdError("name cannot be provided when a selector is specified");
      for (const n of names) {
        any = true;
        ok = deleteOne(inv, info, n, inv.namespace) && ok;
      }
      continue;
    }
    if (!selector && !all && !inv.has("field-selector")) {
      throw new CmdError(`resource(s) were provided, but no name was specified`);
    }
    const objs: KObject[] = listObjects(inv, info, { allNamespaces: inv.bool("all-namespaces"), labelSelector: selector, fieldSelector: inv.str("field-selector") });
    for (const o of objs) {
      any = true;
      ok = deleteOne(inv, info, o.metadata.name ?? "", o.metadata.namespace ?? inv.namespace) && ok;
    }
  }
  // delete.go writes this to stdout, without the namespace get names.
  if (!any && ok) inv.out("No resources found\n");
  return ok ? 0 : 1;
}
