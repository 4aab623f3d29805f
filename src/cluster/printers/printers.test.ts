import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types.ts";
import { printTable } from "./index.ts";
import { formatEndpoints, ingressHosts, servicePorts, serviceExternalIP } from "./network.ts";
import { formatLabelSelector } from "./labels.ts";
import { podStatus } from "./workloads.ts";

const NOW = Date.parse("2026-01-01T01:00:00Z");
const meta = (name: string) => ({ name, namespace: "default", creationTimestamp: "2026-01-01T00:50:00Z" });
const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KObject => ({ apiVersion: "v1", kind: "Service", metadata: meta("s"), spec, status });

describe("Service cells", () => {
  it.each([
    ["ClusterIP without external IPs", svc({ type: "ClusterIP" }), "<none>"],
    ["ClusterIP with external IPs", svc({ type: "ClusterIP", externalIPs: ["1.2.3.4", "5.6.7.8"] }), "1.2.3.4,5.6.7.8"],
    ["LoadBalancer waiting for an address", svc({ type: "LoadBalancer" }), "<pending>"],
    ["LoadBalancer with sorted addresses", svc({ type: "LoadBalancer" }, { loadBalancer: { ingress: [{ ip: "172.18.0.9" }, { ip: "172.18.0.10" }] } }), "172.18.0.10,172.18.0.9"],
    ["ExternalName", svc({ type: "ExternalName", externalName: "example.com" }), "example.com"],
  ])("EXTERNAL-IP: %s", (_name, s, want) => {
    expect(serviceExternalIP(s, true)).toBe(want);
  });

  it.each([
    [[{ port: 80, protocol: "TCP" }], "80/TCP"],
    [[{ port: 80, protocol: "TCP", nodePort: 30080 }, { port: 443, protocol: "TCP", nodePort: 30443 }], "80:30080/TCP,443:30443/TCP"],
    [[{ port: 53, protocol: "UDP" }, { port: 53 }], "53/UDP,53/TCP"],
    [[], "<none>"],
  ])("PORT(S) of %j is %s", (ports, want) => {
    expect(servicePorts(svc({ ports }))).toBe(want);
  });

  it("a headless Service shows None as its cluster IP and ExternalName shows <none>", () => {
    const rows = printTable("services", [svc({ type: "ClusterIP", clusterIPs: ["None"] }), svc({ type: "ExternalName", externalName: "x.y" })], NOW).rows;
    expect(rows.map((r) => r.cells[2])).toEqual(["None", "<none>"]);
    expect(rows[0]!.cells[5]).toBe("10m");
  });
});

describe("formatEndpoints", () => {
  const ep = (subsets: unknown[]): KObject => ({ apiVersion: "v1", kind: "Endpoints", metadata: meta("e"), subsets });
  it.each([
    ["no subsets", [], "<none>"],
    ["one ready address", [{ addresses: [{ ip: "10.0.0.1" }], ports: [{ port: 80 }] }], "10.0.0.1:80"],
    [
      "four addresses: three shown, then + 1 more...",
      [{ addresses: [{ ip: "a" }, { ip: "b" }, { ip: "c" }, { ip: "d" }], ports: [{ port: 8080 }] }],
      "a:8080,b:8080,c:8080 + 1 more...",
    ],
    ["ports outer, addresses inner", [{ addresses: [{ ip: "a" }, { ip: "b" }], ports: [{ port: 53 }, { port: 9153 }] }], "a:53,b:53,a:9153 + 1 more..."],
    ["headless without ports lists bare IPs", [{ addresses: [{ ip: "a" }] }], "a"],
    ["only not-ready addresses: blank", [{ notReadyAddresses: [{ ip: "a" }], ports: [{ port: 80 }] }], ""],
  ])("%s", (_name, subsets, want) => {
    expect(formatEndpoints(ep(subsets))).toBe(want);
  });
});

describe("Ingress HOSTS", () => {
  it.each([
    [[{}], "*"],
    [[{ host: "a" }, { host: "b" }], "a,b"],
    [[{ host: "a" }, { host: "b" }, { host: "c" }, { host: "d" }, { host: "e" }], "a,b,c + 2 more..."],
  ])("%j → %s", (rules, want) => {
    expect(ingressHosts(rules)).toBe(want);
  });
});

describe("formatLabelSelector", () => {
  it.each([
    [{}, "<none>"],
    [{ matchLabels: { b: "2", a: "1" } }, "a=1,b=2"],
    [{ matchExpressions: [{ key: "env", operator: "In", values: ["prod", "dev"] }, { key: "x", operator: "DoesNotExist" }] }, "env in (dev,prod),!x"],
  ])("%j → %s", (sel, want) => {
    expect(formatLabelSelector(sel)).toBe(want);
  });
});

describe("pod STATUS, READY and RESTARTS", () => {
  const pod = (status: Record<string, unknown>, extra: Partial<KObject["metadata"]> = {}): KObject => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { ...meta("p"), ...extra },
    spec: { containers: [{ name: "a" }, { name: "b" }] },
    status,
  });
  it.each([
    ["pending", pod({ phase: "Pending" }), "Pending", "0/2", "0"],
    [
      "creating",
      pod({ phase: "Pending", containerStatuses: [{ name: "a", state: { waiting: { reason: "ContainerCreating" } }, restartCount: 0 }] }),
      "ContainerCreating",
      "0/2",
      "0",
    ],
    [
      "running with a restart 2m ago",
      pod({
        phase: "Running",
        containerStatuses: [
          { name: "a", ready: true, state: { running: {} }, restartCount: 1, lastState: { terminated: { finishedAt: "2026-01-01T00:58:00Z" } } },
          { name: "b", ready: true, state: { running: {} }, restartCount: 0 },
        ],
      }),
      "Running",
      "2/2",
      "1 (2m ago)",
    ],
    ["crash looping", pod({ phase: "Running", containerStatuses: [{ name: "a", state: { waiting: { reason: "CrashLoopBackOff" } }, restartCount: 4 }] }), "CrashLoopBackOff", "0/2", "4"],
    ["terminated with a code", pod({ phase: "Failed", containerStatuses: [{ name: "a", state: { terminated: { exitCode: 2 } } }] }), "ExitCode:2", "0/2", "0"],
    ["being deleted", pod({ phase: "Running" }, { deletionTimestamp: "2026-01-01T01:00:00Z" }), "Terminating", "0/2", "0"],
  ])("%s", (_name, p, reason, ready, restarts) => {
    const s = podStatus(p, NOW);
    expect([s.reason, `${s.ready}/${s.total}`, s.restarts]).toEqual([reason, ready, restarts]);
  });
});

describe("printTable", () => {
  it("marks wide-only columns with priority 1 and always renders every cell", () => {
    const t = printTable("pods", [], NOW);
    expect(t.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(["Name", "Ready", "Status", "Restarts", "Age"]);
    expect(t.columnDefinitions.filter((c) => c.priority === 1).map((c) => c.name)).toEqual(["IP", "Node", "Nominated Node", "Readiness Gates"]);
  });
  it("falls back to Name and Created At for kinds without a printer", () => {
    const t = printTable("widgets", [{ apiVersion: "x/v1", kind: "Widget", metadata: meta("w") }], NOW);
    expect(t.rows[0]!.cells).toEqual(["w", "2026-01-01T00:50:00Z"]);
  });
});
