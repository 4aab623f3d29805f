// A pod's effective requests/limits (kubectl resourcehelper PodRequestsAndLimits): app
// containers add up, sidecars add up and stay during later init containers, plain init
// containers count alone (plus the sidecars started before them), overhead is added.
import { describe, expect, it } from "vitest";
import type { KObject } from "./types.ts";
import { formatQuantity, parseQuantity, quantityValue } from "./quantity.ts";
import { podRequestsAndLimits, type ResourceList } from "./pod-resources.ts";

type C = { requests?: Record<string, string>; limits?: Record<string, string>; sidecar?: boolean };
const container = (c: C, i: number) => ({ name: `c${i}`, image: "busybox", ...(c.sidecar ? { restartPolicy: "Always" } : {}), resources: { requests: c.requests, limits: c.limits } });
const pod = (containers: C[], initContainers: C[] = [], overhead?: Record<string, string>): KObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p" },
  spec: { containers: containers.map(container), initContainers: initContainers.map(container), ...(overhead ? { overhead } : {}) },
});
const text = (l: ResourceList) => Object.fromEntries([...l].map(([k, q]) => [k, formatQuantity(q)]));

describe("podRequestsAndLimits", () => {
  it.each([
    ["app containers add up", pod([{ requests: { cpu: "100m" } }, { requests: { cpu: "250m" } }]), { cpu: "350m" }],
    ["a larger init container wins", pod([{ requests: { cpu: "100m" } }, { requests: { cpu: "250m" } }], [{ requests: { cpu: "500m" } }]), { cpu: "500m" }],
    ["a smaller init container does not", pod([{ requests: { cpu: "300m" } }], [{ requests: { cpu: "100m" } }]), { cpu: "300m" }],
    ["an init container after a sidecar runs beside it", pod([{ requests: { cpu: "200m" } }], [{ requests: { cpu: "100m" }, sidecar: true }, { requests: { cpu: "250m" } }]), { cpu: "350m" }],
    ["an init container before a sidecar runs alone", pod([{ requests: { cpu: "200m" } }], [{ requests: { cpu: "250m" } }, { requests: { cpu: "100m" }, sidecar: true }]), { cpu: "300m" }],
    ["resources only an init container names count", pod([{ requests: { cpu: "1" } }], [{ requests: { memory: "32Mi" } }]), { cpu: "1", memory: "32Mi" }],
    ["overhead adds to every request", pod([{ requests: { cpu: "100m" } }], [], { cpu: "50m", memory: "16Mi" }), { cpu: "150m", memory: "16Mi" }],
    ["binary sums stay binary", pod([{ requests: { memory: "64Mi" } }, { requests: { memory: "64Mi" } }]), { memory: "128Mi" }],
    // Quantity.Add takes the other format when the first is zero.
    ["a zero first term takes the next one's format", pod([{ requests: { memory: "0" } }, { requests: { memory: "64Mi" } }]), { memory: "64Mi" }],
    ["decimal plus binary prints in the first one's format", pod([{ requests: { memory: "100M" } }, { requests: { memory: "64Mi" } }]), { memory: "167108864" }],
  ])("requests: %s", (_name, p, want) => {
    expect(text(podRequestsAndLimits(p).requests)).toEqual(want);
  });

  it.each([
    ["limits add up like requests", pod([{ limits: { memory: "64Mi" } }, { limits: { memory: "128Mi" } }]), { memory: "192Mi" }],
    ["overhead adds only to limits that are set", pod([{ limits: { memory: "64Mi" } }], [], { cpu: "50m", memory: "16Mi" }), { memory: "80Mi" }],
    ["a zero limit gets no overhead", pod([{ limits: { memory: "0" } }], [], { memory: "16Mi" }), { memory: "0" }],
  ])("limits: %s", (_name, p, want) => {
    expect(text(podRequestsAndLimits(p).limits)).toEqual(want);
  });

  it("ignores what is not a container or not a quantity", () => {
    const p: KObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [null, 3, { resources: { requests: { cpu: "lots", memory: "1Gi" } } }] } };
    expect(text(podRequestsAndLimits(p).requests)).toEqual({ memory: "1Gi" });
  });
});

describe("quantityValue rounds away from zero", () => {
  it.each([
    ["1", false, 1n],
    ["1500m", false, 2n],
    ["1n", true, 1n],
    ["250m", true, 250n],
    ["-1500m", false, -2n],
    ["64Mi", false, 67108864n],
  ])("%s (milli=%s) is %s", (input, milli, want) => {
    expect(quantityValue(parseQuantity(input)!, milli)).toBe(want);
  });
});
