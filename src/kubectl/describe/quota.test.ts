// describe's quota, LimitRange and node Lease blocks (k/kubectl pkg/describe/describe.go
// describeQuota, DescribeResourceQuotas, DescribeLimitRanges, describeNodeLease).
import { describe, expect, it } from "vitest";
import type { KObject } from "../../cluster/index.ts";
import type { DescribeContext } from "./context.ts";
import { describeQuota, writeNamespaceQuotas, writeNodeLease } from "./quota.ts";
import { DescribeWriter } from "./writer.ts";

const quota = (name: string, spec: Record<string, unknown>, status: Record<string, unknown>): KObject => ({ apiVersion: "v1", kind: "ResourceQuota", metadata: { name, namespace: "shop" }, spec, status });

function ctx(objects: Record<string, KObject[]>): DescribeContext {
  return {
    now: Date.UTC(2026, 0, 1),
    list: (resource) => objects[resource] ?? [],
    get: (resource, _ns, name) => (objects[resource] ?? []).find((o) => o.metadata.name === name),
    events: () => null,
  };
}

describe("describe quota", () => {
  it("lists scopes with their help text and shows used in the hard limit's format", () => {
    const q = quota("q", { scopes: ["NotTerminating", "BestEffort"] }, { hard: { pods: "10", "requests.memory": "1G" }, used: { pods: "2", "requests.memory": "64Mi" } });
    expect(describeQuota(q)).toBe(
      [
        "Name:       q",
        "Namespace:  shop",
        "Scopes:     BestEffort, NotTerminating",
        " * Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.",
        " * Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.",
        "Resource         Used      Hard",
        "--------         ----      ----",
        "pods             2         10",
        // 64Mi in the DecimalSI format of 1G, as whole bytes.
        "requests.memory  67108864  1G",
        "",
      ].join("\n"),
    );
  });
});

describe("describe namespace: quota and LimitRange blocks", () => {
  const run = (objects: Record<string, KObject[]>) => {
    const w = new DescribeWriter();
    writeNamespaceQuotas(w, "shop", ctx(objects));
    return w.toString();
  };
  it.each([
    ["neither", {}, "\nNo resource quota.\n\nNo LimitRange resource.\n"],
    [
      "one of each",
      {
        resourcequotas: [quota("q", {}, { hard: { pods: "10" }, used: {} })],
        limitranges: [{ apiVersion: "v1", kind: "LimitRange", metadata: { name: "l", namespace: "shop" }, spec: { limits: [{ type: "Container", max: { cpu: "2" }, default: { cpu: "2" } }] } }],
      },
      [
        "",
        "Resource Quotas",
        "  Name:     q",
        "  Resource  Used  Hard",
        "  --------  ---   ---",
        "  pods      0     10",
        "",
        "Resource Limits",
        " Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio",
        " ----       --------  ---  ---  ---------------  -------------  -----------------------",
        " Container  cpu       -    2    -                2              -",
        "",
      ].join("\n"),
    ],
  ])("%s", (_, objects, text) => {
    expect(run(objects as Record<string, KObject[]>)).toBe(text);
  });
});

describe("describe node: Lease", () => {
  it.each([
    ["a renewed lease", { leases: [{ apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "worker1" }, spec: { holderIdentity: "worker1", renewTime: "2026-01-01T00:00:10.000000Z" } }] }, "Lease:\n  HolderIdentity:  worker1\n  AcquireTime:     <unset>\n  RenewTime:       Thu, 01 Jan 2026 00:00:10 +0000\n"],
    ["no lease", {}, 'Lease:  Failed to get lease: leases.coordination.k8s.io "worker1" not found\n'],
  ])("%s", (_, objects, text) => {
    const w = new DescribeWriter();
    writeNodeLease(w, "worker1", ctx(objects as Record<string, KObject[]>));
    expect(w.toString()).toBe(text);
  });
});
