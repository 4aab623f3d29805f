// kubectl describe TYPE [NAME_PREFIX] | TYPE/NAME | -l selector.
import type { KObject, ResourceInfo } from "../../cluster/index.ts";
import { CmdError, statusText } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { describeObject, type DescribeContext } from "../describe/index.ts";
import { listObjects, parseResourceArgs, refFor } from "../resources.ts";

function contextFor(inv: Invocation): DescribeContext {
  const cluster = inv.cluster;
  const showEvents = inv.str("show-events") !== "false";
  return {
    now: cluster.now(),
    list(resource, namespace, labelSelector) {
      const info = cluster.resolveResource(resource);
      if (!info) return [];
      const opts: { namespace?: string; labelSelector?: string } = {};
      if (namespace && info.namespaced) opts.namespace = namespace;
      if (labelSelector) opts.labelSelector = labelSelector;
      const r = cluster.list({ group: info.group, resource: info.resource }, opts);
      return r.ok ? [...r.value].sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1)) : [];
    },
    get(resource, namespace, name) {
      const info = cluster.resolveResource(resource);
      if (!info) return undefined;
      const r = cluster.get(refFor(info, name, namespace ?? ""));
      return r.ok ? r.value : undefined;
    },
    events(o: KObject) {
      if (!showEvents) return null;
      const r = cluster.list({ group: "", resource: "events" }, o.metadata.namespace ? { namespace: o.metadata.namespace } : {});
      if (!r.ok) return [];
      return r.value.filter((e) => {
        const io = (e.involvedObject ?? {}) as { uid?: string; name?: string; kind?: string };
        return io.uid ? io.uid === o.metadata.uid : io.name === o.metadata.name && io.kind === o.kind;
      });
    },
  };
}

export function describe(inv: Invocation): number {
  if (inv.args.length === 0 && inv.list("filename").length === 0) {
    throw new CmdError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  const ctx = contextFor(inv);
  const found: { info: ResourceInfo; obj: KObject }[] = [];
  let failed = false;
  for (const { info, names } of parseResourceArgs(inv, inv.args)) {
    if (names.length === 0) {
      const objs = listObjects(inv, info, { allNamespaces: inv.bool("all-namespaces"), labelSelector: inv.str("selector") });
      for (const o of objs) found.push({ info, obj: o });
      continue;
    }
    for (const name of names) {
      const r = inv.cluster.get(refFor(info, name, inv.namespace));
      if (r.ok) {
        found.push({ info, obj: r.value });
        continue;
      }
      // describe falls back to every object whose name starts with the given prefix.
      const matches = r.status.reason === "NotFound" ? listObjects(inv, info, {}).filter((o) => (o.metadata.name ?? "").startsWith(name)) : [];
      if (matches.length === 0) {
        inv.err(statusText(r.status));
        failed = true;
      }
      for (const o of matches) found.push({ info, obj: o });
    }
  }
  if (found.length === 0 && !failed) {
    inv.err(inv.bool("all-namespaces") ? "No resources found\n" : `No resources found in ${inv.namespace} namespace.\n`);
    return 0;
  }
  inv.out(found.map(({ info, obj }) => describeObject(info.resource, obj, ctx)).join("\n\n"));
  return failed ? 1 : 0;
}
