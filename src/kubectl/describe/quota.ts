// ResourceQuota, LimitRange and node Lease parts of describe.go: describeQuota,
// describeLimitRange, and the DescribeResourceQuotas / DescribeLimitRanges blocks
// `describe namespace` ends with, and describeNodeLease.
import type { KObject } from "../../cluster/index.ts";
import { formatQuantity, parseQuantity } from "../../cluster/index.ts";
import { obj, str, type DescribeContext, type Json } from "./context.ts";
import { DescribeWriter, rfc1123z } from "./writer.ts";

const LIMIT_HEADER = "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n";
const LIMIT_RULE = "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n";

// helpTextForResourceQuotaScope
const SCOPE_HELP: Record<string, string> = {
  Terminating: "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.",
  NotTerminating: "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.",
  BestEffort: "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.",
  NotBestEffort: "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.",
};

/** The quota's scopes, sorted, each with its help line (` * ` in describe quota, `* ` in describe namespace). */
function writeScopes(w: DescribeWriter, level: number, q: KObject, bullet: string): void {
  const list = obj(q.spec).scopes;
  const scopes = Array.isArray(list) ? list.map(str).sort() : [];
  if (scopes.length === 0) return;
  w.write(level, `Scopes:\t${scopes.join(", ")}\n`);
  for (const s of scopes) if (SCOPE_HELP[s]) w.write(level, `${bullet}${SCOPE_HELP[s]}\n`);
}

/** status.hard and status.used, by resource name in sorted order; an absent used value is the zero Quantity. */
function quotaRows(q: KObject): { name: string; used: string; hard: string }[] {
  const status = obj(q.status);
  const hard = obj(status.hard);
  const used = obj(status.used);
  return Object.keys(hard)
    .sort()
    .map((name) => ({ name, used: str(used[name]) || "0", hard: str(hard[name]) }));
}

export function describeQuota(q: KObject): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${q.metadata.name}\n`);
  w.write(0, `Namespace:\t${q.metadata.namespace}\n`);
  writeScopes(w, 0, q, " * ");
  w.write(0, "Resource\tUsed\tHard\n");
  w.write(0, "--------\t----\t----\n");
  for (const r of quotaRows(q)) w.write(0, `${r.name}\t${usedInHardFormat(r.used, r.hard)}\t${r.hard}\n`);
  return w.toString();
}

/** describeQuota shows the used amount in the hard limit's format, as whole units (Quantity.Value rounds up). */
function usedInHardFormat(used: string, hard: string): string {
  const u = parseQuantity(used);
  const h = parseQuantity(hard);
  if (!u || !h || u.format === h.format) return used;
  const unit = 10n ** 9n;
  const whole = u.nano >= 0n ? (u.nano + unit - 1n) / unit : u.nano / unit;
  return formatQuantity({ nano: whole * unit, format: h.format });
}

function writeLimitItems(w: DescribeWriter, lr: KObject, prefix: string): void {
  const limits = obj(lr.spec).limits;
  for (const item of Array.isArray(limits) ? (limits as Json[]) : []) {
    const maps = ["min", "max", "defaultRequest", "default", "maxLimitRequestRatio"].map((k) => obj(item[k]));
    // describe.go walks a Go map here (random order); sorted keeps it stable.
    const names = [...new Set(maps.flatMap((m) => Object.keys(m)))].sort();
    for (const name of names) {
      const cells = maps.map((m) => (name in m ? str(m[name]) : "-"));
      w.write(0, `${prefix}${str(item.type)}\t${name}\t${cells.join("\t")}\n`);
    }
  }
}

export function describeLimitRange(lr: KObject): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${lr.metadata.name}\n`);
  w.write(0, `Namespace:\t${lr.metadata.namespace}\n`);
  w.write(0, LIMIT_HEADER);
  w.write(0, LIMIT_RULE);
  writeLimitItems(w, lr, "");
  return w.toString();
}

/** The two blocks `describe namespace` ends with (DescribeResourceQuotas, DescribeLimitRanges). */
export function writeNamespaceQuotas(w: DescribeWriter, ns: string, ctx: DescribeContext): void {
  const quotas = ctx.list("resourcequotas", ns);
  w.write(0, "\n");
  if (quotas.length === 0) w.write(0, "No resource quota.\n");
  else {
    w.write(0, "Resource Quotas\n");
    for (const q of quotas) {
      w.write(1, `Name:\t${q.metadata.name}\n`);
      writeScopes(w, 1, q, "* ");
      w.write(1, "Resource\tUsed\tHard\n");
      w.write(1, "--------\t---\t---\n");
      for (const r of quotaRows(q)) w.write(1, `${r.name}\t${r.used}\t${r.hard}\n`);
    }
  }
  const limitRanges = ctx.list("limitranges", ns);
  w.write(0, "\n");
  if (limitRanges.length === 0) w.write(0, "No LimitRange resource.\n");
  else {
    w.write(0, `Resource Limits\n ${LIMIT_HEADER}`);
    w.write(0, ` ${LIMIT_RULE}`);
    for (const lr of limitRanges) writeLimitItems(w, lr, " ");
  }
}

/** describeNodeLease, or the error kubectl prints when the Lease cannot be read. */
export function writeNodeLease(w: DescribeWriter, node: string, ctx: DescribeContext): void {
  const lease = ctx.get("leases", "kube-node-lease", node);
  if (!lease) {
    w.write(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node}" not found\n`);
    return;
  }
  const spec = obj(lease.spec);
  w.write(0, "Lease:\n");
  w.write(1, `HolderIdentity:\t${str(spec.holderIdentity) || "<unset>"}\n`);
  w.write(1, `AcquireTime:\t${spec.acquireTime ? rfc1123z(str(spec.acquireTime)) : "<unset>"}\n`);
  w.write(1, `RenewTime:\t${spec.renewTime ? rfc1123z(str(spec.renewTime)) : "<unset>"}\n`);
}
