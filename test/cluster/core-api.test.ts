// The API store: CRUD, the API server's Status errors, validation and defaulting,
// atomic writes, patches, selectors, cascading delete and watch.
import { describe, expect, it } from "vitest";
import { createCluster } from "../../src/cluster/index.ts";
import type { Cluster, KObject, Result } from "../../src/cluster/index.ts";

const svcRef = (name: string, namespace = "default") => ({ group: "", resource: "services", namespace, name });

function svc(name: string, spec: Record<string, unknown>): KObject {
  return { apiVersion: "v1", kind: "Service", metadata: { name }, spec };
}

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.status.message);
  return r.value;
}

function deployment(name: string, replicas = 2, image = "nginx"): KObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image, ports: [{ name: "http", containerPort: 80 }] }] } },
    },
  };
}

describe("discovery", () => {
  const c = createCluster();
  it.each([
    ["svc", "Service"],
    ["services", "Service"],
    ["Service", "Service"],
    ["deploy", "Deployment"],
    ["deployments.apps", "Deployment"],
    ["deployment.v1.apps", "Deployment"],
    ["ep", "Endpoints"],
    ["ing", "Ingress"],
    ["netpol", "NetworkPolicy"],
    ["cm", "ConfigMap"],
    ["po", "Pod"],
    ["ds", "DaemonSet"],
    ["sts", "StatefulSet"],
    ["ns", "Namespace"],
    ["no", "Node"],
    ["endpointslices", "EndpointSlice"],
    ["ingressclass", "IngressClass"],
  ])("%s resolves to %s", (typed, kind) => {
    expect(c.resolveResource(typed)?.kind).toBe(kind);
  });

  it("does not resolve unknown names or the wrong group", () => {
    expect(c.resolveResource("foo")).toBeUndefined();
    expect(c.resolveResource("deployments.networking.k8s.io")).toBeUndefined();
  });

  it("puts exactly the workload kinds and services in category all", () => {
    const all = c.resources().filter((r) => r.categories.includes("all")).map((r) => r.resource).sort();
    expect(all).toEqual(["daemonsets", "deployments", "pods", "replicasets", "services", "statefulsets"]);
  });
});

describe("errors as apimachinery builds them", () => {
  const c = createCluster();
  it("NotFound names the plural resource and group", () => {
    const r = c.get(svcRef("nope"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.status).toMatchObject({ code: 404, reason: "NotFound", message: 'services "nope" not found', details: { name: "nope", kind: "services" } });
    const d = c.get({ group: "apps", resource: "deployments", namespace: "default", name: "x" });
    expect(!d.ok && d.status.message).toBe('deployments.apps "x" not found');
  });

  it("AlreadyExists on a second create, and the first object is untouched", () => {
    must(c.create(svc("dup", { ports: [{ port: 80 }] })));
    const before = must(c.get(svcRef("dup")));
    const r = c.create(svc("dup", { ports: [{ port: 81 }] }));
    expect(!r.ok && r.status).toMatchObject({ code: 409, reason: "AlreadyExists", message: 'services "dup" already exists' });
    expect(must(c.get(svcRef("dup")))).toEqual(before);
  });

  it("creating in a missing namespace is NotFound for the namespace", () => {
    const r = c.create({ ...svc("x", { ports: [{ port: 80 }] }), metadata: { name: "x", namespace: "nowhere" } });
    expect(!r.ok && r.status.message).toBe('namespaces "nowhere" not found');
  });
});

describe("Service validation (reference §3, §11)", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["nodePort out of range", { type: "NodePort", ports: [{ port: 80, nodePort: 80 }] }, 'Service "s" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767'],
    ["nodePort on ClusterIP", { ports: [{ port: 80, nodePort: 30080 }] }, "Service \"s\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ["port too big", { ports: [{ port: 70000, targetPort: 80 }] }, 'Service "s" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    // targetPort defaults to port, so a bad port is reported twice, as the API server does.
    ["port too big, defaulted targetPort", { ports: [{ port: 70000 }] }, 'Service "s" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]'],
    ["headless NodePort", { type: "NodePort", clusterIP: "None", ports: [{ port: 80 }] }, "Service \"s\" is invalid: spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"],
    ["headless LoadBalancer", { type: "LoadBalancer", clusterIP: "None", ports: [{ port: 80 }] }, "Service \"s\" is invalid: spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services"],
    ["bad type", { type: "Foo", ports: [{ port: 80 }] }, 'Service "s" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ["bad protocol", { ports: [{ port: 80, protocol: "HTTP" }] }, 'Service "s" is invalid: spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ["no ports", { selector: { app: "x" } }, 'Service "s" is invalid: spec.ports: Required value'],
    ["clusterIP outside the range", { clusterIP: "10.0.0.5", ports: [{ port: 80 }] }, 'Service "s" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12'],
    ["clusterIP taken", { clusterIP: "10.96.0.10", ports: [{ port: 80 }] }, 'Service "s" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated'],
  ];
  it.each(cases)("%s", (_, spec, message) => {
    const c = createCluster();
    const r = c.create(svc("s", spec));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.status.code).toBe(422);
    expect(r.status.reason).toBe("Invalid");
    expect(r.status.message).toBe(message);
    expect(c.get(svcRef("s")).ok).toBe(false);
  });

  it("lists every cause for a multi-port Service without names", () => {
    const r = createCluster().create(svc("s", { ports: [{ port: 80 }, { port: 443 }] }));
    expect(!r.ok && r.status.details?.causes).toEqual([
      { reason: "FieldValueRequired", message: "Required value", field: "spec.ports[0].name" },
      { reason: "FieldValueRequired", message: "Required value", field: "spec.ports[1].name" },
    ]);
  });

  it("refuses a name that is not a DNS-1035 label", () => {
    const r = createCluster().create(svc("1web", { ports: [{ port: 80 }] }));
    expect(!r.ok && r.status.message).toBe(
      "Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  it("refuses unknown fields with a strict decoding BadRequest", () => {
    const r = createCluster().create(svc("s", { ports: [{ port: 80, targetport: 8080 }] }));
    expect(!r.ok && r.status).toMatchObject({
      code: 400,
      reason: "BadRequest",
      message: 'Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.ports[0].targetport"',
    });
  });
});

describe("Service defaulting and allocation", () => {
  it("fills what the API server fills", () => {
    const c = createCluster();
    const s = must(c.create(svc("web", { selector: { app: "web" }, ports: [{ port: 80 }] })));
    const spec = s.spec as Record<string, unknown>;
    expect(spec).toMatchObject({
      type: "ClusterIP",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
      ipFamilyPolicy: "SingleStack",
      ipFamilies: ["IPv4"],
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
    });
    expect(spec.externalTrafficPolicy).toBeUndefined();
    expect(spec.clusterIPs).toEqual([spec.clusterIP]);
    // Dynamic allocation stays out of the static lower band 10.96.0.0-10.96.0.255.
    expect(spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\./);
    expect(spec.clusterIP).not.toMatch(/^10\.96\.0\./);
  });

  it("gives NodePorts from 30000-32767 and the same one to TCP and UDP of one port", () => {
    const c = createCluster();
    const s = must(c.create(svc("dns", { type: "NodePort", ports: [{ name: "u", port: 53, protocol: "UDP" }, { name: "t", port: 53, protocol: "TCP" }] })));
    const ports = (s.spec as { ports: { nodePort: number }[] }).ports;
    expect(ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(ports[1].nodePort).toBe(ports[0].nodePort);
    expect((s.spec as Record<string, unknown>).externalTrafficPolicy).toBe("Cluster");
  });

  it("headless without selector defaults to dual-stack fields, with selector to single-stack", () => {
    const c = createCluster();
    const a = must(c.create(svc("a", { clusterIP: "None", ports: [{ port: 80 }] })));
    const b = must(c.create(svc("b", { clusterIP: "None", selector: { app: "b" }, ports: [{ port: 80 }] })));
    expect(a.spec).toMatchObject({ clusterIPs: ["None"], ipFamilyPolicy: "RequireDualStack", ipFamilies: ["IPv4", "IPv6"] });
    expect(b.spec).toMatchObject({ clusterIPs: ["None"], ipFamilyPolicy: "SingleStack", ipFamilies: ["IPv4"] });
  });

  it("a rejected create leaks neither a ClusterIP nor a NodePort", () => {
    const c = createCluster();
    const bad = c.create(svc("bad", { type: "NodePort", clusterIP: "10.96.5.5", ports: [{ port: 80, nodePort: 30080 }, { port: 80, nodePort: 30081 }] }));
    expect(bad.ok).toBe(false);
    const ok = must(c.create(svc("good", { type: "NodePort", clusterIP: "10.96.5.5", ports: [{ port: 80, nodePort: 30080 }] })));
    expect((ok.spec as { clusterIP: string }).clusterIP).toBe("10.96.5.5");
  });

  it("a dry run allocates nothing", () => {
    const c = createCluster();
    const rv = c.resourceVersion();
    must(c.create(svc("dry", { type: "NodePort", clusterIP: "10.96.7.7", ports: [{ port: 80, nodePort: 30090 }] }), { dryRun: true }));
    expect(c.get(svcRef("dry")).ok).toBe(false);
    expect(c.resourceVersion()).toBe(rv);
    must(c.create(svc("real", { type: "NodePort", clusterIP: "10.96.7.7", ports: [{ port: 80, nodePort: 30090 }] })));
  });

  it("deleting a Service frees its NodePort", () => {
    const c = createCluster();
    must(c.create(svc("a", { type: "NodePort", ports: [{ port: 80, nodePort: 30100 }] })));
    expect(c.create(svc("b", { type: "NodePort", ports: [{ port: 80, nodePort: 30100 }] })).ok).toBe(false);
    must(c.delete(svcRef("a")));
    must(c.create(svc("b", { type: "NodePort", ports: [{ port: 80, nodePort: 30100 }] })));
  });

  it("an update without clusterIP keeps the allocated one; changing it is refused", () => {
    const c = createCluster();
    const s = must(c.create(svc("web", { ports: [{ port: 80 }] })));
    const ip = (s.spec as { clusterIP: string }).clusterIP;
    const upd = must(c.update({ ...s, metadata: { ...s.metadata, resourceVersion: undefined }, spec: { ports: [{ port: 8080 }] } }));
    expect((upd.spec as { clusterIP: string }).clusterIP).toBe(ip);
    const r = c.update({ ...upd, spec: { ...(upd.spec as object), clusterIP: "10.96.9.9", clusterIPs: ["10.96.9.9"] } });
    // validateUpgradeDowngradeClusterIPs reports the whole clusterIPs list.
    expect(!r.ok && r.status.message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.9.9"}: may not change once set');
  });
});

// Messages checked against k/k pkg/apis/core/validation/validation.go (ValidateService,
// ValidateServiceClusterIPsRelatedFields, validateUpgradeDowngradeClusterIPs) and the
// registry's NormalizeClusterIPs / dropTypeDependentFields (pkg/registry/core/service/strategy.go).
describe("Service messages and type changes, as upstream words them", () => {
  const created: [string, Record<string, unknown>, string][] = [
    ["clusterIP on an ExternalName Service", { type: "ExternalName", externalName: "db.example.com", clusterIP: "10.96.0.50" }, 'Service "s" is invalid: spec.clusterIPs: Forbidden: may not be set for ExternalName services'],
    ["ExternalName without a name", { type: "ExternalName" }, 'Service "s" is invalid: spec.externalName: Required value'],
    ["clusterIPs not matching clusterIP", { clusterIP: "10.96.0.50", clusterIPs: ["10.96.0.51"], ports: [{ port: 80 }] }, 'Service "s" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.51"}: first value must match `clusterIP`'],
    ["clusterIPs without clusterIP", { clusterIPs: ["10.96.0.51"], ports: [{ port: 80 }] }, 'Service "s" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.51"}: must be empty when `clusterIP` is not specified'],
    ["a clusterIP that is not an IP", { clusterIP: "ten", ports: [{ port: 80 }] }, 'Service "s" is invalid: spec.clusterIPs[0]: Invalid value: "ten": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
    ["source ranges on a ClusterIP Service", { loadBalancerSourceRanges: ["10.0.0.0/8"], ports: [{ port: 80 }] }, "Service \"s\" is invalid: spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"],
    ["externalTrafficPolicy on a ClusterIP Service", { externalTrafficPolicy: "Local", ports: [{ port: 80 }] }, 'Service "s" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'],
  ];
  it.each(created)("create: %s", (_, spec, message) => {
    const r = createCluster().create(svc("s", spec));
    expect(r.ok ? "" : r.status.message).toBe(message);
  });

  const patch = (c: Cluster, spec: Record<string, unknown>) => c.patch(svcRef("web"), "merge", { spec });
  it("ClusterIP → ExternalName drops the allocated clusterIP, families and ports' nodePorts; the address is free again", () => {
    const c = createCluster();
    const s = must(c.create(svc("web", { type: "NodePort", ports: [{ port: 80 }] })));
    const ip = (s.spec as { clusterIP: string }).clusterIP;
    const r = must(patch(c, { type: "ExternalName", externalName: "db.example.com" }));
    const spec = r.spec as Record<string, unknown> & { ports: { nodePort?: number }[] };
    expect(spec.clusterIP).toBeUndefined();
    expect(spec.clusterIPs).toBeUndefined();
    expect(spec.ipFamilies).toBeUndefined();
    expect(spec.externalTrafficPolicy).toBeUndefined();
    expect(spec.ports[0].nodePort).toBeUndefined();
    expect(must(c.create(svc("again", { clusterIP: ip, ports: [{ port: 80 }] }))).spec).toMatchObject({ clusterIP: ip });
  });

  it("ExternalName → ClusterIP allocates a new clusterIP", () => {
    const c = createCluster();
    must(c.create(svc("web", { type: "ExternalName", externalName: "db.example.com" })));
    const r = must(patch(c, { type: "ClusterIP", externalName: null, ports: [{ port: 80 }] }));
    expect((r.spec as { clusterIP: string }).clusterIP).toMatch(/^10\.9[6-9]|^10\.1[01]/);
  });

  it("NodePort → ClusterIP drops the nodePorts the user did not touch", () => {
    const c = createCluster();
    must(c.create(svc("web", { type: "NodePort", ports: [{ port: 80 }] })));
    const r = must(patch(c, { type: "ClusterIP" }));
    expect((r.spec as { ports: { nodePort?: number }[] }).ports[0].nodePort).toBeUndefined();
  });

  it("changing clusterIP alone on update is refused with the list it would become", () => {
    const c = createCluster();
    must(c.create(svc("web", { ports: [{ port: 80 }] })));
    const r = patch(c, { clusterIP: "10.96.99.99" });
    expect(r.ok ? "" : r.status.message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.99.99"}: may not change once set');
  });
});

describe("updates and patches", () => {
  it("a stale resourceVersion is a Conflict with the real message", () => {
    const c = createCluster();
    const s = must(c.create(svc("web", { ports: [{ port: 80 }] })));
    must(c.patch(svcRef("web"), "merge", { metadata: { labels: { a: "b" } } }));
    const r = c.update(s);
    expect(!r.ok && r.status).toMatchObject({
      code: 409,
      reason: "Conflict",
      message: 'Operation cannot be fulfilled on services "web": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it("an update that changes nothing keeps the resourceVersion", () => {
    const c = createCluster();
    const s = must(c.create(svc("web", { ports: [{ port: 80 }] })));
    expect(must(c.update(s)).metadata.resourceVersion).toBe(s.metadata.resourceVersion);
  });

  it("strategic merge merges containers by name and Service ports by port", () => {
    const c = createCluster();
    must(c.create(deployment("web")));
    const d = must(
      c.patch({ group: "apps", resource: "deployments", namespace: "default", name: "web" }, "strategic", {
        spec: { template: { spec: { containers: [{ name: "app", image: "nginx:1.27" }, { name: "side", image: "busybox" }] } } },
      }),
    );
    const containers = (d.spec as { template: { spec: { containers: { name: string; image: string; ports?: unknown[] }[] } } }).template.spec.containers;
    expect(containers.map((x) => `${x.name}=${x.image}`)).toEqual(["app=nginx:1.27", "side=busybox"]);
    expect(containers[0].ports).toHaveLength(1);
    must(c.create(svc("s", { ports: [{ name: "a", port: 80 }, { name: "b", port: 81 }] })));
    const s = must(c.patch(svcRef("s"), "strategic", { spec: { ports: [{ port: 81, targetPort: 9090 }] } }));
    expect((s.spec as { ports: { port: number; targetPort: number }[] }).ports.map((p) => `${p.port}->${p.targetPort}`)).toEqual(["80->80", "81->9090"]);
  });

  it("a merge patch replaces lists and null deletes", () => {
    const c = createCluster();
    must(c.create(svc("s", { selector: { app: "x", tier: "y" }, ports: [{ name: "a", port: 80 }, { name: "b", port: 81 }] })));
    const s = must(c.patch(svcRef("s"), "merge", { spec: { selector: { tier: null }, ports: [{ port: 90 }] } }));
    expect((s.spec as { selector: unknown }).selector).toEqual({ app: "x" });
    expect((s.spec as { ports: { port: number }[] }).ports.map((p) => p.port)).toEqual([90]);
  });

  it("a JSON patch applies in order and a failing op changes nothing", () => {
    const c = createCluster();
    must(c.create(svc("s", { ports: [{ port: 80 }] })));
    const s = must(c.patch(svcRef("s"), "json", [{ op: "add", path: "/metadata/labels", value: { a: "1" } }, { op: "replace", path: "/spec/ports/0/port", value: 8080 }]));
    expect((s.spec as { ports: { port: number }[] }).ports[0].port).toBe(8080);
    const r = c.patch(svcRef("s"), "json", [{ op: "replace", path: "/metadata/labels/a", value: "2" }, { op: "remove", path: "/spec/nothing" }]);
    expect(!r.ok && r.status.code).toBe(400);
    expect(must(c.get(svcRef("s"))).metadata.labels).toEqual({ a: "1" });
  });
});

describe("selectors", () => {
  const c = createCluster();
  for (const [name, labels] of [["a", { app: "web", env: "prod" }], ["b", { app: "web", env: "dev" }], ["c", { app: "db" }]] as const) {
    must(c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { ...labels } }, data: {} }));
  }
  const names = (sel: string, field?: string) => {
    const r = must(c.list({ group: "", resource: "configmaps" }, { namespace: "default", labelSelector: sel, fieldSelector: field }));
    return r.map((o) => o.metadata.name).filter((n) => n !== "kube-root-ca.crt");
  };
  it.each([
    ["app=web", ["a", "b"]],
    ["app==web,env!=prod", ["b"]],
    ["env in (prod,dev)", ["a", "b"]],
    ["env notin (prod)", ["b", "c"]],
    ["!env", ["c"]],
    ["env", ["a", "b"]],
  ])("%s", (sel, want) => {
    expect(names(sel)).toEqual(want);
  });
  it("field selectors", () => {
    expect(names("", "metadata.name=c")).toEqual(["c"]);
    expect(names("app=web", "metadata.name!=a")).toEqual(["b"]);
  });
  it("a malformed selector is a BadRequest", () => {
    const r = c.list({ group: "", resource: "configmaps" }, { labelSelector: "app in (a" });
    expect(!r.ok && r.status.code).toBe(400);
  });
});

describe("ownership and watch", () => {
  it("deleting a Deployment removes its ReplicaSets and pods", () => {
    const c = createCluster();
    must(c.create(deployment("web", 3)));
    c.settle();
    expect(must(c.list({ group: "", resource: "pods" }, { namespace: "default" }))).toHaveLength(3);
    must(c.delete({ group: "apps", resource: "deployments", namespace: "default", name: "web" }));
    c.settle();
    expect(must(c.list({ group: "apps", resource: "replicasets" }, { namespace: "default" }))).toHaveLength(0);
    expect(must(c.list({ group: "", resource: "pods" }, { namespace: "default" }))).toHaveLength(0);
  });

  it("watch sees ADDED, MODIFIED and DELETED for its selector only", () => {
    const c = createCluster();
    const seen: string[] = [];
    const stop = c.watch({ group: "", resource: "configmaps" }, { namespace: "default", labelSelector: "w=1" }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    must(c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", labels: { w: "1" } }, data: { a: "1" } }));
    must(c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "y" }, data: {} }));
    must(c.patch({ group: "", resource: "configmaps", namespace: "default", name: "x" }, "merge", { data: { a: "2" } }));
    must(c.delete({ group: "", resource: "configmaps", namespace: "default", name: "x" }));
    stop();
    must(c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "z", labels: { w: "1" } }, data: {} }));
    expect(seen).toEqual(["ADDED x", "MODIFIED x", "DELETED x"]);
  });

  it("generateName appends five characters from the safe alphabet", () => {
    const c = createCluster();
    const o = must(c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "cfg-" }, data: {} }));
    expect(o.metadata.name).toMatch(/^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});

describe("bad input never throws and never writes", () => {
  const inputs: unknown[] = [null, 42, "x", [], {}, { kind: "Service" }, { apiVersion: "v1" }, { apiVersion: "v1", kind: "Nope", metadata: { name: "x" } }, { apiVersion: "apps/v1", kind: "Service", metadata: { name: "x" } }, { apiVersion: "v1", kind: "Service", metadata: "x" }, { apiVersion: "v1", kind: "Service", metadata: { name: "x" }, spec: { ports: "80" } }, { apiVersion: "v1", kind: "Service", metadata: { name: "x" }, spec: { ports: [{ port: "80" }] } }];
  it.each(inputs.map((i) => [JSON.stringify(i), i]))("%s", (_, input) => {
    const c: Cluster = createCluster();
    const rv = c.resourceVersion();
    const r = c.create(input as KObject);
    expect(r.ok).toBe(false);
    expect(c.resourceVersion()).toBe(rv);
  });
});

describe("field selectors per resource", () => {
  const c = createCluster();
  it("filters pods by status.phase and spec.nodeName", () => {
    const running = must(c.list({ group: "", resource: "pods" }, { namespace: "kube-system", fieldSelector: "status.phase=Running,spec.nodeName=worker1" }));
    expect(running.length).toBeGreaterThan(0);
    expect(running.every((p) => (p.spec as { nodeName: string }).nodeName === "worker1")).toBe(true);
  });
  it("refuses a field the registry does not index", () => {
    const r = c.list({ group: "", resource: "pods" }, { fieldSelector: "foo=bar" });
    expect(!r.ok && r.status).toMatchObject({
      code: 400,
      // The bare registry message: the "Unable to find … that match …" prefix is kubectl's (cli-runtime EnhanceListError).
      message: "field label not supported: foo",
    });
  });
});

describe("deletion rules", () => {
  it("default, kube-system and kube-public may not be deleted", () => {
    const c = createCluster();
    const r = c.delete({ group: "", resource: "namespaces", name: "default" });
    expect(!r.ok && r.status).toMatchObject({ code: 403, reason: "Forbidden", message: 'namespaces "default" is forbidden: this namespace may not be deleted' });
  });

  it("nothing new goes into a terminating namespace", () => {
    const c = createCluster();
    must(c.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "t" } }));
    must(c.delete({ group: "", resource: "namespaces", name: "t" }));
    const r = c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "t" }, data: {} });
    expect(!r.ok && r.status.message).toBe('configmaps "x" is forbidden: unable to create new content in namespace t because it is being terminated');
  });

  it("--cascade=orphan keeps the ReplicaSet and its pods", () => {
    const c = createCluster();
    must(c.create(deployment("web", 2)));
    c.settle();
    must(c.delete({ group: "apps", resource: "deployments", namespace: "default", name: "web" }, { propagationPolicy: "Orphan" }));
    c.settle();
    const rs = must(c.list({ group: "apps", resource: "replicasets" }, { namespace: "default" }));
    expect(rs).toHaveLength(1);
    expect(rs[0].metadata.ownerReferences).toBeUndefined();
    expect(must(c.list({ group: "", resource: "pods" }, { namespace: "default" }))).toHaveLength(2);
  });
});

describe("decoding: wrong JSON types are a BadRequest and change nothing", () => {
  const cases: [string, KObject, string][] = [
    ["containers as a string", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: "nginx" } }, 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container'],
    ["replicas as a string", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { replicas: "3" } }, 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ["labels with a number", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { a: 1 as unknown as string } } }, 'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ["containerPort as a string", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "nginx", ports: [{ containerPort: "80" }] }] } }, 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
  ];
  it.each(cases)("%s", (_, obj, message) => {
    const c = createCluster();
    const rv = c.resourceVersion();
    const r = c.create(obj);
    expect(!r.ok && r.status).toMatchObject({ code: 400, reason: "BadRequest", message });
    expect(c.resourceVersion()).toBe(rv);
  });

  it("a patch that breaks types is refused and the object stays", () => {
    const c = createCluster();
    must(c.create(deployment("web", 1)));
    const ref = { group: "apps", resource: "deployments", namespace: "default", name: "web" };
    const before = must(c.get(ref));
    const r = c.patch(ref, "merge", { spec: { template: { spec: { containers: [{ name: "app", ports: "80" }] } } } });
    expect(!r.ok && r.status.code).toBe(400);
    expect(must(c.get(ref))).toEqual(before);
  });
});

// Ingress messages checked against k/k pkg/apis/networking/validation/validation.go
// (ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath, validateIngressBackend).
describe("Ingress messages, as upstream words them", () => {
  const ing = (spec: Record<string, unknown>): KObject => ({ apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "i" }, spec });
  const rule = (path: Record<string, unknown>, host?: string) => ({ rules: [{ ...(host ? { host } : {}), http: { paths: [path] } }] });
  const web = { service: { name: "web", port: { number: 80 } } };
  const at = "spec.rules[0].http.paths[0]";
  it.each([
    ["no rules and no default backend", {}, 'Ingress.networking.k8s.io "i" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified'],
    ["a missing pathType", rule({ path: "/", backend: web }), `Ingress.networking.k8s.io "i" is invalid: ${at}.pathType: Required value: pathType must be specified`],
    ["an unknown pathType", rule({ path: "/", pathType: "Regex", backend: web }), `Ingress.networking.k8s.io "i" is invalid: ${at}.pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"`],
    ["a relative Prefix path", rule({ path: "api", pathType: "Prefix", backend: web }), `Ingress.networking.k8s.io "i" is invalid: ${at}.path: Invalid value: "api": must be an absolute path`],
    ["a relative ImplementationSpecific path", rule({ path: "api", pathType: "ImplementationSpecific", backend: web }), `Ingress.networking.k8s.io "i" is invalid: ${at}.path: Invalid value: "api": must be an absolute path`],
    ["a path with //", rule({ path: "/a//b", pathType: "Prefix", backend: web }), `Ingress.networking.k8s.io "i" is invalid: ${at}.path: Invalid value: "/a//b": must not contain '//'`],
    ["a path ending in /..", rule({ path: "/a/..", pathType: "Exact", backend: web }), `Ingress.networking.k8s.io "i" is invalid: ${at}.path: Invalid value: "/a/..": cannot end with '/..'`],
    ["a backend without service or resource", rule({ path: "/", pathType: "Prefix", backend: {} }), `Ingress.networking.k8s.io "i" is invalid: ${at}.backend: Invalid value: "": resource or service backend is required`],
    ["port name and number", rule({ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http", number: 80 } } } }), `Ingress.networking.k8s.io "i" is invalid: ${at}.backend: Invalid value: "": cannot set both port name & port number`],
    ["no port", rule({ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: {} } } }), `Ingress.networking.k8s.io "i" is invalid: ${at}.backend: Required value: port name or number is required`],
    ["an IP as host", rule({ path: "/", pathType: "Prefix", backend: web }, "10.0.0.1"), 'Ingress.networking.k8s.io "i" is invalid: spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address'],
  ])("%s", (_, spec, message) => {
    const r = createCluster().create(ing(spec));
    expect(r.ok ? "" : r.status.message).toBe(message);
  });
});

describe("pod defaulting", () => {
  it("writes container quantities back in canonical form, as the API server's Quantity does", () => {
    const c = createCluster();
    const p = must(c.create({
      apiVersion: "v1", kind: "Pod", metadata: { name: "q" },
      spec: { containers: [{ name: "app", image: "nginx", resources: { requests: { memory: "1024Mi", cpu: "1000m" }, limits: { cpu: "1.5", memory: "2Gi" } } }] },
    })) as Record<string, any>;
    const r = p.spec.containers[0].resources;
    expect(r.requests).toEqual({ cpu: "1", memory: "1Gi" });
    expect(Object.keys(r.requests)).toEqual(["cpu", "memory"]);
    expect(r.limits).toEqual({ cpu: "1500m", memory: "2Gi" });
  });
});
