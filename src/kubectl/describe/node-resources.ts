// describe node's "Non-terminated Pods" and "Allocated resources" blocks (describe.go
// describeNodeResource): each pod's effective cpu/memory requests and limits, then their
// sums over the node, as percentages of the node's allocatable (capacity when the node
// reports no allocatable).
import type { KObject, Quantity, ResourceList } from "../../cluster/index.ts";
import { formatQuantity, humanDuration, parseQuantity, podRequestsAndLimits, quantityValue, sumResourceLists } from "../../cluster/index.ts";
import { obj } from "./context.ts";
import type { DescribeWriter } from "./writer.ts";

const NONE: Quantity = { nano: 0n, format: "DecimalSI" };
// Resources every container may request; the rest of allocatable (bar pods) is extended.
const STANDARD = new Set(["cpu", "memory", "ephemeral-storage"]);

/** Go's int64(float64) on amd64: truncation, and the minimum int64 for NaN and out-of-range values. */
function goInt64(f: number): string {
  return Number.isFinite(f) && Math.abs(f) < 2 ** 63 ? String(Math.trunc(f)) : "-9223372036854775808";
}

/** `<quantity> (<percent>%)`; the percentage divides as Go does, even by zero, unless `guard` says otherwise. */
function share(q: Quantity, of: Quantity, milli: boolean, guard: boolean): string {
  const total = Number(quantityValue(of, milli));
  const pct = guard && total === 0 ? 0 : (Number(quantityValue(q, milli)) / total) * 100;
  return `${formatQuantity(q)} (${goInt64(pct)}%)`;
}

export function writeNodeResources(w: DescribeWriter, node: KObject, pods: KObject[], now: number): void {
  const status = obj(node.status);
  const allocatable = Object.keys(obj(status.allocatable)).length > 0 ? obj(status.allocatable) : obj(status.capacity);
  const alloc = (name: string): Quantity => parseQuantity(allocatable[name]) ?? NONE;
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  // describe.go leaves an empty column after Name.
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const perPod = pods.map((p) => podRequestsAndLimits(p));
  pods.forEach((p, i) => {
    const { requests, limits } = perPod[i];
    const cpu = (l: ResourceList) => share(l.get("cpu") ?? NONE, alloc("cpu"), true, false);
    const mem = (l: ResourceList) => share(l.get("memory") ?? NONE, alloc("memory"), false, false);
    const age = now - Date.parse(p.metadata.creationTimestamp ?? "");
    w.write(1, `${p.metadata.namespace}\t${p.metadata.name}\t\t${cpu(requests)}\t${cpu(limits)}\t${mem(requests)}\t${mem(limits)}\t${Number.isNaN(age) ? "<unknown>" : humanDuration(age)}\n`);
  });
  w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  const requests = sumResourceLists(perPod.map((r) => r.requests));
  const limits = sumResourceLists(perPod.map((r) => r.limits));
  const names = Object.keys(allocatable).sort();
  const hugePages = names.filter((n) => n.startsWith("hugepages-"));
  const extended = names.filter((n) => !n.startsWith("hugepages-") && !STANDARD.has(n) && n !== "pods");
  for (const name of ["cpu", "memory", "ephemeral-storage", ...hugePages]) {
    const part = (l: ResourceList) => share(l.get(name) ?? NONE, alloc(name), name === "cpu", true);
    w.write(1, `${name}\t${part(requests)}\t${part(limits)}\n`);
  }
  for (const name of extended) w.write(1, `${name}\t${formatQuantity(requests.get(name) ?? NONE)}\t${formatQuantity(limits.get(name) ?? NONE)}\n`);
}
