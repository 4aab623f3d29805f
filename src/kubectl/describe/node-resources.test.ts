// describe node's pod table and Allocated resources (describe.go describeNodeResource):
// percentages of allocatable truncated as Go's int64(float64) does, totals guarded
// against a zero allocatable, hugepages with percentages, extended resources without.
import { describe, expect, it } from "vitest";
import type { KObject } from "../../cluster/index.ts";
import { writeNodeResources } from "./node-resources.ts";
import { DescribeWriter } from "./writer.ts";

const NOW = Date.UTC(2026, 0, 1, 1);
const node = (status: Record<string, unknown>): KObject => ({ apiVersion: "v1", kind: "Node", metadata: { name: "n1" }, status });
const pod = (name: string, resources: { requests?: Record<string, string>; limits?: Record<string, string> }): KObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", creationTimestamp: "2026-01-01T00:00:00Z" },
  spec: { nodeName: "n1", containers: [{ name: "c", image: "nginx", resources }] },
});

function render(n: KObject, pods: KObject[]): string[] {
  const w = new DescribeWriter();
  writeNodeResources(w, n, pods, NOW);
  return w.toString().split("\n");
}

describe("describe node resources", () => {
  const alloc = { cpu: "2", memory: "1Gi", "ephemeral-storage": "10Gi", "hugepages-2Mi": "0", pods: "110", "example.com/gpu": "1" };
  const pods = [pod("a", { requests: { cpu: "250m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } }), pod("b", { requests: { cpu: "1", "example.com/gpu": "1" }, limits: { "example.com/gpu": "1" } })];

  it("prints each pod's requests and limits as shares of allocatable, and their sums", () => {
    expect(render(node({ capacity: { cpu: "4" }, allocatable: alloc }), pods)).toEqual([
      "Non-terminated Pods:  (2 in total)",
      "  Namespace           Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age",
      "  ---------           ----    ------------  ----------  ---------------  -------------  ---",
      // 250m of 2 cpus is 12.5%: truncated.
      "  default             a       250m (12%)    500m (25%)  128Mi (12%)      256Mi (25%)    60m",
      "  default             b       1 (50%)       0 (0%)      0 (0%)           0 (0%)         60m",
      "Allocated resources:",
      "  (Total limits may be over 100 percent, i.e., overcommitted.)",
      "  Resource           Requests     Limits",
      "  --------           --------     ------",
      "  cpu                1250m (62%)  500m (25%)",
      "  memory             128Mi (12%)  256Mi (25%)",
      "  ephemeral-storage  0 (0%)       0 (0%)",
      // A zero allocatable gives 0%, not a division by zero.
      "  hugepages-2Mi      0 (0%)       0 (0%)",
      "  example.com/gpu    1            1",
      "",
    ]);
  });

  it("uses the capacity when the node reports no allocatable", () => {
    const lines = render(node({ capacity: { cpu: "1", memory: "512Mi" } }), pods.slice(0, 1));
    expect(lines.find((l) => l.includes(" a "))).toContain("250m (25%)    500m (50%)  128Mi (25%)      256Mi (50%)");
    expect(lines.filter((l) => /^\s+(cpu|memory|ephemeral-storage|hugepages)/.test(l)).map((l) => l.trim().split(/\s+/)[0])).toEqual(["cpu", "memory", "ephemeral-storage"]);
  });

  it("prints an empty node with zero totals", () => {
    const lines = render(node({ allocatable: alloc }), []);
    expect(lines[0]).toBe("Non-terminated Pods:  (0 in total)");
    expect(lines).toContain("  cpu                0 (0%)    0 (0%)");
  });
});
