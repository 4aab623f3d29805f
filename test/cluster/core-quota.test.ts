// Leases, ResourceQuotas and LimitRanges: quantities in canonical form, the quota
// controller's status, the API server's validation messages (k/k pkg/apis/core/validation
// ValidateResourceQuota / ValidateLimitRange, pkg/apis/coordination/validation) and
// the leases a kubeadm cluster keeps renewing.
import { describe, expect, it } from "vitest";
import { createCluster } from "../../src/cluster/index.ts";
import type { KObject, Result } from "../../src/cluster/index.ts";
import { canonicalQuantity, formatQuantity, parseQuantity, addQuantities, scanQuantity, QUANTITY_FORMAT_ERROR } from "../../src/cluster/api/quantity.ts";

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.status.message);
  return r.value;
}

const quota = (hard: Record<string, unknown>, extra: Record<string, unknown> = {}): KObject => ({ apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec: { hard, ...extra } });
const limitRange = (limits: unknown[]): KObject => ({ apiVersion: "v1", kind: "LimitRange", metadata: { name: "lr" }, spec: { limits } });

describe("resource.Quantity canonical form", () => {
  it.each([
    ["1000m", "1"],
    ["1500m", "1500m"],
    ["0.5", "500m"],
    ["2000", "2k"],
    ["1500", "1500"],
    ["1024Mi", "1Gi"],
    ["1536Mi", "1536Mi"],
    ["1024", "1024"],
    ["1Ki", "1Ki"],
    ["512", "512"],
    ["1e3", "1e3"],
    ["0", "0"],
    ["-1", "-1"],
    ["1.5Gi", "1536Mi"],
    [10, "10"],
  ])("%s reads back as %s", (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  // Read back from the real kubectl v1.32 (create quota --hard=cpu=<text> --dry-run=client):
  // the parser keeps the text as given when its int64 fast path finds it canonical.
  it.each([
    ["+1", "+1"],
    ["007", "007"],
    ["1.500", "1.500"],
    ["1.", "1."],
    ["-0", "0"],
    ["0.0", "0"],
    ["Gi", "0"],
    ["m", "0"],
    ["1E5", "100e3"],
    ["1e+3", "1e+3"],
    ["1e-10", "1e-9"],
    ["0.5n", "1n"],
    ["0.1m", "100u"],
    ["1000k", "1M"],
    ["8Ki", "8Ki"],
    ["9Ei", "9223372036854775807"],
    ["12345678901234567890", "12345678901234567890"],
  ])("%s is written back as %s", (input, want) => {
    const r = scanQuantity(input);
    expect(r.ok && r.text).toBe(want);
  });

  it.each([
    ["", QUANTITY_FORMAT_ERROR],
    ["abc", QUANTITY_FORMAT_ERROR],
    ["1.2.3", QUANTITY_FORMAT_ERROR],
    ["1 ", QUANTITY_FORMAT_ERROR],
    ["1iK", "unable to parse quantity's suffix"],
    ["1e", "unable to parse quantity's suffix"],
    ["1MM", "unable to parse quantity's suffix"],
  ])("%j is refused: %s", (input, error) => {
    expect(scanQuantity(input)).toEqual({ ok: false, error });
  });

  it.each(["abc", "1.2.3", "", "1 Gi"])("%j is not a quantity", (input) => {
    expect(parseQuantity(input)).toBeUndefined();
  });

  it("adds in the first operand's format (quota sums)", () => {
    expect(formatQuantity(addQuantities(parseQuantity("64Mi")!, parseQuantity("64Mi")!))).toBe("128Mi");
    expect(formatQuantity(addQuantities(parseQuantity("500m")!, parseQuantity("500m")!))).toBe("1");
  });
});

describe("ResourceQuota", () => {
  it("stores spec.hard canonical and sorted; the controller fills status.hard and status.used", () => {
    const c = createCluster();
    must(c.create(quota({ "requests.cpu": "1000m", pods: 4, "count/deployments.apps": "2", "limits.memory": "2048Mi" })));
    must(c.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "a" }, spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "250m" }, limits: { memory: "64Mi" } } }] } }));
    must(c.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "b" }, spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "250m" }, limits: { memory: "64Mi" } } }] } }));
    const q = must(c.get({ group: "", resource: "resourcequotas", namespace: "default", name: "q" }));
    expect(Object.keys((q.spec as { hard: object }).hard)).toEqual(["count/deployments.apps", "limits.memory", "pods", "requests.cpu"]);
    expect(q.status).toEqual({
      hard: { "count/deployments.apps": "2", "limits.memory": "2Gi", pods: "4", "requests.cpu": "1" },
      used: { "count/deployments.apps": "0", "limits.memory": "128Mi", pods: "2", "requests.cpu": "500m" },
    });
    must(c.delete({ group: "", resource: "pods", namespace: "default", name: "a" }, { gracePeriodSeconds: 0 }));
    c.advance(1000);
    const after = must(c.get({ group: "", resource: "resourcequotas", namespace: "default", name: "q" }));
    expect((after.status as { used: Record<string, string> }).used.pods).toBe("1");
  });

  it.each([
    ["a malformed quantity", quota({ pods: "ten" }), `ResourceQuota in version "v1" cannot be handled as a ResourceQuota: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`],
    ["a negative limit", quota({ pods: "-1" }), 'ResourceQuota "q" is invalid: spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0'],
    ["an unknown resource", quota({ gpus: "1" }), 'ResourceQuota "q" is invalid: spec.hard[gpus]: Invalid value: "gpus": must be a standard resource for quota'],
    ["an unknown scope", quota({ pods: "1" }, { scopes: ["Sometimes"] }), 'ResourceQuota "q" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"Sometimes"}: unsupported scope'],
    ["conflicting scopes", quota({ pods: "1" }, { scopes: ["BestEffort", "NotBestEffort"] }), 'ResourceQuota "q" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}: conflicting scopes'],
  ])("refuses %s", (_, obj, message) => {
    const c = createCluster();
    const r = c.create(obj);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.status.message).toBe(message);
    expect(c.list({ group: "", resource: "resourcequotas" }, { namespace: "default" })).toEqual({ ok: true, value: [] });
  });

  it("scopes cannot change on update", () => {
    const c = createCluster();
    must(c.create(quota({ pods: "1" }, { scopes: ["BestEffort"] })));
    const r = c.patch({ group: "", resource: "resourcequotas", namespace: "default", name: "q" }, "merge", { spec: { scopes: ["NotTerminating"] } });
    expect(r.ok ? "" : r.status.message).toBe('ResourceQuota "q" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"NotTerminating"}: field is immutable');
  });
});

describe("LimitRange", () => {
  it("defaults a Container's default limit from max and its default request from the default limit, then min", () => {
    const c = createCluster();
    const lr = must(c.create(limitRange([{ type: "Container", max: { cpu: "2000m", memory: "1Gi" }, min: { cpu: "100m", "ephemeral-storage": "1Gi" } }])));
    expect((lr.spec as { limits: unknown[] }).limits[0]).toEqual({
      type: "Container",
      max: { cpu: "2", memory: "1Gi" },
      min: { cpu: "100m", "ephemeral-storage": "1Gi" },
      default: { cpu: "2", memory: "1Gi" },
      defaultRequest: { cpu: "2", memory: "1Gi", "ephemeral-storage": "1Gi" },
    });
  });

  it.each([
    ["an unknown type", [{ type: "Node", max: { cpu: "1" } }], 'LimitRange "lr" is invalid: spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified'],
    ["a duplicate type", [{ type: "Pod", max: { cpu: "1" } }, { type: "Pod", max: { cpu: "2" } }], 'LimitRange "lr" is invalid: spec.limits[1].type: Duplicate value: "Pod"'],
    ["defaults on a Pod", [{ type: "Pod", default: { cpu: "1" } }], "LimitRange \"lr\" is invalid: spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'"],
    ["a PVC without storage bounds", [{ type: "PersistentVolumeClaim" }], 'LimitRange "lr" is invalid: spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided'],
    ["storage on a Pod", [{ type: "Pod", max: { storage: "1Gi" } }], 'LimitRange "lr" is invalid: spec.limits[0].max[storage]: Invalid value: "storage": must be a standard resource for containers'],
  ])("refuses %s", (_, limits, message) => {
    const r = createCluster().create(limitRange(limits));
    expect(r.ok ? "" : r.status.message).toBe(message);
  });
});

describe("Leases", () => {
  const leases = { group: "coordination.k8s.io", resource: "leases" };

  it("every node has a kubelet Lease in kube-node-lease, owned by its Node", () => {
    const c = createCluster();
    const nodes = must(c.list({ group: "", resource: "nodes" }));
    const nodeLeases = must(c.list(leases, { namespace: "kube-node-lease" }));
    expect(nodeLeases.map((l) => l.metadata.name)).toEqual(nodes.map((n) => n.metadata.name));
    for (const l of nodeLeases) {
      expect(l.spec).toMatchObject({ holderIdentity: l.metadata.name, leaseDurationSeconds: 40 });
      expect(l.metadata.ownerReferences).toEqual([{ apiVersion: "v1", kind: "Node", name: l.metadata.name, uid: nodes.find((n) => n.metadata.name === l.metadata.name)!.metadata.uid }]);
    }
    const system = must(c.list(leases, { namespace: "kube-system" }));
    expect(system.map((l) => l.metadata.name)).toEqual(["kube-controller-manager", "kube-scheduler"]);
    for (const l of system) expect((l.spec as { holderIdentity: string }).holderIdentity).toMatch(/^control-plane_[0-9a-f-]{36}$/);
  });

  it.each([
    [0, 0],
    [9_999, 0],
    [10_000, 10_000],
    [25_500, 20_000],
  ])("the kubelet renews every 10 s: %i ms later the renewTime moved by %i ms", (elapsed, moved) => {
    const c = createCluster();
    const read = () => Date.parse((must(c.get({ ...leases, namespace: "kube-node-lease", name: "worker1" })).spec as { renewTime: string }).renewTime);
    const before = read();
    const rv = must(c.get({ ...leases, namespace: "kube-node-lease", name: "worker1" })).metadata.resourceVersion;
    c.advance(elapsed);
    expect(read() - before).toBe(moved);
    // Reading a renewal writes nothing.
    expect(must(c.get({ ...leases, namespace: "kube-node-lease", name: "worker1" })).metadata.resourceVersion).toBe(rv);
  });

  it("renewTime is a MicroTime", () => {
    const l = must(createCluster().get({ ...leases, namespace: "kube-node-lease", name: "worker1" }));
    expect((l.spec as { renewTime: string }).renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it("a Lease a user creates is not renewed by anyone", () => {
    const c = createCluster();
    must(c.create({ apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "mine" }, spec: { holderIdentity: "me", leaseDurationSeconds: 10, renewTime: "2026-01-01T00:00:00.000000Z" } }));
    c.advance(60_000);
    expect((must(c.get({ ...leases, namespace: "default", name: "mine" })).spec as { renewTime: string }).renewTime).toBe("2026-01-01T00:00:00.000000Z");
  });

  it.each([
    [{ leaseDurationSeconds: 0 }, 'Lease.coordination.k8s.io "mine" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'],
    [{ leaseTransitions: -1 }, 'Lease.coordination.k8s.io "mine" is invalid: spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0'],
    [{ leaseDurationSeconds: "40" }, 'Lease in version "v1" cannot be handled as a Lease: json: cannot unmarshal string into Go struct field LeaseSpec.spec.leaseDurationSeconds of type int32'],
  ])("refuses %j", (spec, message) => {
    const r = createCluster().create({ apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "mine" }, spec });
    expect(r.ok ? "" : r.status.message).toBe(message);
  });
});

// The ResourceQuota admission plugin's answer (k8s.io/apiserver pkg/admission/plugin/resourcequota
// controller.go): "exceeded quota: <quota>, requested: k=v, used: k=v, limited: k=v", keys sorted.
describe("ResourceQuota admission (object counts)", () => {
  const pod = (name: string): KObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "c", image: "nginx" }] } });
  const deploy = (name: string, replicas = 1): KObject => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
  });
  const nodePort = (name: string): KObject => ({ apiVersion: "v1", kind: "Service", metadata: { name }, spec: { type: "NodePort", ports: [{ name: "a", port: 80 }, { name: "b", port: 81 }] } });

  it.each([
    ["a second pod", { pods: "1" }, [pod("a")], pod("b"), 'pods "b" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1'],
    ["pods and count/pods together", { pods: "1", "count/pods": "1" }, [pod("a")], pod("b"), 'pods "b" is forbidden: exceeded quota: q, requested: count/pods=1,pods=1, used: count/pods=1,pods=1, limited: count/pods=1,pods=1'],
    ["a second Deployment", { "count/deployments.apps": "1" }, [deploy("d1")], deploy("d2"), 'deployments.apps "d2" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1'],
    ["NodePorts for every port", { "services.nodeports": "1" }, [], nodePort("np"), 'services "np" is forbidden: exceeded quota: q, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1'],
  ])("refuses %s", (_, hard, before, obj, message) => {
    const c = createCluster();
    must(c.create(quota(hard)));
    for (const o of before) must(c.create(o));
    const r = c.create(obj);
    expect(r.ok ? "" : `${r.status.code} ${r.status.message}`).toBe(`403 ${message}`);
  });

  it("a ReplicaSet stops at the quota and records FailedCreate with the admission message", () => {
    const c = createCluster();
    must(c.create(quota({ pods: "2" })));
    must(c.create(deploy("web", 3)));
    c.settle();
    expect(must(c.list({ group: "", resource: "pods" }, { namespace: "default" })).length).toBe(2);
    const events = must(c.list({ group: "", resource: "events" }, { namespace: "default" }));
    expect(events.map((e) => String(e.message))).toContainEqual(expect.stringMatching(/^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2$/));
  });

  it("a quota on Services does not limit pods", () => {
    const c = createCluster();
    must(c.create(quota({ services: "0" })));
    expect(c.create(pod("a")).ok).toBe(true);
    expect(c.create(nodePort("np")).ok).toBe(false);
  });
});
