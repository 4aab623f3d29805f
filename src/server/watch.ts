// ?watch=1: a chunked stream of {"type","object"} lines. Without a resourceVersion
// (or with "0") the current objects come first as ADDED, as the real server sends them.
import type { KObject } from "../cluster/index.ts";
import type { ApiRequest, StreamResponse } from "./types.ts";
import type { Representation } from "./media.ts";
import { listOptions, type ResourceContext, type ResourceTarget } from "./target.ts";
import { storeOrder } from "./paging.ts";
import { parseIncludeObject, toTable } from "./table.ts";

export function openWatch(req: ApiRequest, t: ResourceTarget, ctx: ResourceContext, rep: Representation): StreamResponse {
  const opts = listOptions(req.query, t);
  const rv = req.query.get("resourceVersion");
  const timeout = Number(req.query.get("timeoutSeconds") ?? "");
  const include = parseIncludeObject(req.query.get("includeObject"));
  let headersSent = false;
  const shape = (o: KObject): unknown => {
    if (rep.form !== "table") return o;
    const table = toTable(t.info, [o], {
      now: ctx.cluster.now(),
      version: rep.version,
      include,
      resourceVersion: o.metadata.resourceVersion,
      noHeaders: headersSent,
    });
    headersSent = true;
    return table;
  };
  return {
    kind: "stream",
    status: 200,
    contentType: "application/json",
    ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutSeconds: timeout } : {}),
    start(send) {
      const emit = (type: string, o: KObject) => send(JSON.stringify({ type, object: shape(o) }) + "\n");
      if (!rv || rv === "0") {
        const current = ctx.cluster.list({ group: t.info.group, resource: t.info.resource }, opts);
        if (current.ok) for (const o of [...current.value].sort(storeOrder)) emit("ADDED", o);
      }
      return ctx.cluster.watch({ group: t.info.group, resource: t.info.resource }, opts, (e) => emit(e.type, e.object));
    },
  };
}
