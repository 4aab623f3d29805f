import { describe, expect, it } from "vitest";
import { body, call, cluster, jsonOf } from "./fixtures.ts";

describe("discovery", () => {
  it("lists the core resources with verbs, short names, categories and subresources", () => {
    const list = jsonOf(call(cluster(), { path: "/api/v1" })) as { kind: string; resources: { name: string; shortNames?: string[]; categories?: string[]; verbs: string[]; kind: string }[] };
    expect(list.kind).toBe("APIResourceList");
    const svc = list.resources.find((r) => r.name === "services")!;
    expect(svc.shortNames).toEqual(["svc"]);
    expect(svc.categories).toEqual(["all"]);
    expect(list.resources.find((r) => r.name === "pods/log")).toMatchObject({ kind: "Pod", verbs: ["get"] });
    expect(list.resources.find((r) => r.name === "pods/exec")).toMatchObject({ kind: "PodExecOptions" });
  });

  it("answers the aggregated form only when asked for it, with its content type", () => {
    const accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
    const agg = body(call(cluster(), { path: "/apis", headers: { accept } }));
    expect(agg.contentType).toBe("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    const doc = JSON.parse(agg.body) as { items: { metadata: { name: string }; versions: { resources: { resource: string; scope: string }[] }[] }[] };
    const apps = doc.items.find((g) => g.metadata.name === "apps")!;
    expect(apps.versions[0].resources.find((r) => r.resource === "deployments")?.scope).toBe("Namespaced");
    const plain = jsonOf(call(cluster(), { path: "/apis", headers: { accept: "application/json" } }));
    expect(plain.kind).toBe("APIGroupList");
  });

  it.each([
    ["/api", "APIVersions"],
    ["/apis/apps", "APIGroup"],
    ["/apis/networking.k8s.io/v1", "APIResourceList"],
  ])("GET %s is a %s", (path, kind) => {
    expect(jsonOf(call(cluster(), { path })).kind).toBe(kind);
  });

  it("reports the cluster's Kubernetes version", () => {
    const c = cluster();
    expect(jsonOf(call(c, { path: "/version" })).gitVersion).toBe(c.config.kubernetesVersion);
  });
});

describe("pretty printing", () => {
  it.each([
    [{ query: { pretty: "true" } }, true],
    [{ headers: { "user-agent": "curl/8.5.0" } }, true],
    [{ headers: { "user-agent": "curl/8.5.0" }, query: { pretty: "false" } }, false],
    [{ headers: { "user-agent": "kubectl/v1.32.4" } }, false],
  ])("%j → indented: %s", (extra, indented) => {
    const r = body(call(cluster(), { path: "/version", ...extra }));
    expect(r.body.includes('\n  "major"')).toBe(indented);
    expect(JSON.parse(r.body).kind).toBeUndefined();
  });
});

describe("routes that do not exist", () => {
  it.each(["/api/v2", "/apis/nothing.io/v1", "/api/v1/foos", "/api/v1/namespaces/default/foos", "/api/v1/services/web", "/nope", "/api/v1/namespaces/default/services/web/nosub"])(
    "%s is the generic NotFound Status",
    (path) => {
      const r = body(call(cluster(), { path }));
      expect(r.status).toBe(404);
      expect(JSON.parse(r.body)).toMatchObject({ kind: "Status", reason: "NotFound", message: "the server could not find the requested resource" });
    },
  );
});

describe("reads", () => {
  it("gets one object and lists with a label selector", () => {
    const c = cluster();
    expect(jsonOf(call(c, { path: "/api/v1/namespaces/default/services/web" })).kind).toBe("Service");
    const list = jsonOf(call(c, { path: "/api/v1/namespaces/default/configmaps", query: { labelSelector: "tier=x" } })) as { kind: string; items: { metadata: { name: string }; kind?: string }[] };
    expect(list.kind).toBe("ConfigMapList");
    expect(list.items.map((i) => i.metadata.name)).toEqual(["a", "c"]);
    expect(list.items[0].kind).toBeUndefined();
  });

  it("pages with limit and continue, and the pages add up to the whole list", () => {
    const c = cluster();
    const all = (jsonOf(call(c, { path: "/api/v1/configmaps" })) as { items: { metadata: { name: string; namespace: string } }[] }).items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = jsonOf(call(c, { path: "/api/v1/configmaps", query: { limit: "2", ...(token ? { continue: token } : {}) } })) as {
        items: { metadata: { name: string; namespace: string } }[];
        metadata: { continue?: string };
      };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`));
      token = page.metadata.continue;
    } while (token);
    expect(seen).toEqual(all);
  });

  it("refuses a continue token it did not issue", () => {
    const r = body(call(cluster(), { path: "/api/v1/configmaps", query: { limit: "1", continue: "garbage" } }));
    expect(r.status).toBe(400);
  });

  it("answers a Table from the shared printer when asked", () => {
    const t = jsonOf(
      call(cluster(), { path: "/api/v1/namespaces/default/services", headers: { accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" } }),
    ) as { kind: string; columnDefinitions: { name: string }[]; rows: { cells: unknown[]; object: { kind: string } }[] };
    expect(t.kind).toBe("Table");
    expect(t.columnDefinitions.map((c) => c.name).slice(0, 3)).toEqual(["Name", "Type", "Cluster-IP"]);
    const web = t.rows.find((r) => r.cells[0] === "web")!;
    expect(web.cells[1]).toBe("ClusterIP");
    expect(web.object.kind).toBe("PartialObjectMetadata");
  });

  it("serves the scale subresource from the workload's replicas", () => {
    const c = cluster();
    const created = call(c, {
      method: "POST",
      path: "/apis/apps/v1/namespaces/default/deployments",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "d" },
        spec: { replicas: 2, selector: { matchLabels: { app: "d" } }, template: { metadata: { labels: { app: "d" } }, spec: { containers: [{ name: "n", image: "nginx" }] } } },
      }),
    });
    expect(body(created).status).toBe(201);
    const scale = jsonOf(call(c, { path: "/apis/apps/v1/namespaces/default/deployments/d/scale" }));
    expect(scale).toMatchObject({ kind: "Scale", apiVersion: "autoscaling/v1", spec: { replicas: 2 }, status: { selector: "app=d" } });
    const patched = call(c, {
      method: "PATCH",
      path: "/apis/apps/v1/namespaces/default/deployments/d/scale",
      headers: { "content-type": "application/merge-patch+json" },
      body: '{"spec":{"replicas":5}}',
    });
    expect(jsonOf(patched)).toMatchObject({ spec: { replicas: 5 } });
    expect((jsonOf(call(c, { path: "/apis/apps/v1/namespaces/default/deployments/d" })).spec as { replicas: number }).replicas).toBe(5);
  });
});

describe("writes", () => {
  const cm = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, ...extra }, data: { x: "1" } });

  it("creates in the URL's namespace and answers 201, then AlreadyExists", () => {
    const c = cluster();
    const r = body(call(c, { method: "POST", path: "/api/v1/namespaces/default/configmaps", headers: { "content-type": "application/json" }, body: cm("new") }));
    expect(r.status).toBe(201);
    expect(JSON.parse(r.body).metadata.namespace).toBe("default");
    const again = body(call(c, { method: "POST", path: "/api/v1/namespaces/default/configmaps", headers: { "content-type": "application/json" }, body: cm("new") }));
    expect(again.status).toBe(409);
    expect(JSON.parse(again.body)).toMatchObject({ reason: "AlreadyExists", message: 'configmaps "new" already exists' });
  });

  it("takes apiVersion and kind from the URL when the body has none", () => {
    const c = cluster();
    const r = body(call(c, { method: "POST", path: "/api/v1/namespaces/default/configmaps", headers: { "content-type": "application/json" }, body: '{"metadata":{"name":"bare"}}' }));
    expect(r.status).toBe(201);
    expect(JSON.parse(r.body)).toMatchObject({ apiVersion: "v1", kind: "ConfigMap" });
  });

  it("accepts YAML bodies", () => {
    const c = cluster();
    const r = body(call(c, { method: "POST", path: "/api/v1/namespaces/default/configmaps", headers: { "content-type": "application/yaml" }, body: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n" }));
    expect(r.status).toBe(201);
  });

  it("patches with each patch type", () => {
    const c = cluster();
    const path = "/api/v1/namespaces/default/configmaps/a";
    for (const [type, patch, key] of [
      ["application/merge-patch+json", '{"data":{"m":"1"}}', "m"],
      ["application/strategic-merge-patch+json", '{"data":{"s":"1"}}', "s"],
      ["application/json-patch+json", '[{"op":"add","path":"/data/j","value":"1"}]', "j"],
    ] as const) {
      const r = body(call(c, { method: "PATCH", path, headers: { "content-type": type }, body: patch }));
      expect(r.status).toBe(200);
      expect((JSON.parse(r.body).data as Record<string, string>)[key]).toBe("1");
    }
  });

  it("server-side apply creates, then merges", () => {
    const c = cluster();
    const path = "/api/v1/namespaces/default/configmaps/ssa";
    const headers = { "content-type": "application/apply-patch+yaml" };
    const first = body(call(c, { method: "PATCH", path, query: { fieldManager: "kubectl" }, headers, body: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: '1'\n" }));
    expect(first.status).toBe(201);
    const second = body(call(c, { method: "PATCH", path, query: { fieldManager: "kubectl" }, headers, body: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  b: '2'\n" }));
    expect(JSON.parse(second.body).data).toEqual({ a: "1", b: "2" });
    const noManager = body(call(c, { method: "PATCH", path, headers, body: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\n" }));
    expect(noManager.status).toBe(400);
  });

  it("deletes one object and a collection by label", () => {
    const c = cluster();
    expect(body(call(c, { method: "DELETE", path: "/api/v1/namespaces/default/configmaps/b", headers: { "content-type": "application/json" }, body: '{"propagationPolicy":"Background"}' })).status).toBe(200);
    expect(body(call(c, { path: "/api/v1/namespaces/default/configmaps/b" })).status).toBe(404);
    const gone = jsonOf(call(c, { method: "DELETE", path: "/api/v1/namespaces/default/configmaps", query: { labelSelector: "tier=x" } })) as { items: { metadata: { name: string } }[] };
    expect(gone.items.map((i) => i.metadata.name)).toEqual(["a", "c"]);
    expect((jsonOf(call(c, { path: "/api/v1/namespaces/default/configmaps", query: { labelSelector: "tier=x" } })).items as unknown[]).length).toBe(0);
  });

  it("refuses an unknown propagation policy with Invalid", () => {
    const r = body(call(cluster(), { method: "DELETE", path: "/api/v1/namespaces/default/configmaps/a", query: { propagationPolicy: "Sideways" } }));
    expect(r.status).toBe(422);
  });
});

describe("bad input changes nothing", () => {
  // Each row: a request that must fail with this code and reason, leaving the store untouched.
  const rows: [string, Parameters<typeof call>[1], number, string, string?][] = [
    ["malformed JSON", { method: "POST", path: "/api/v1/namespaces/default/configmaps", headers: { "content-type": "application/json" }, body: '{"kind": "ConfigMap", ' }, 400, "BadRequest", "couldn't get version/kind; json parse error: unexpected end of JSON input"],
    ["JSON with a stray character", { method: "POST", path: "/api/v1/namespaces/default/configmaps", headers: { "content-type": "application/json" }, body: "{x}" }, 400, "BadRequest", "couldn't get version/kind; json parse error: invalid character 'x' looking for beginning of object key string"],
    ["malformed YAML", { method: "POST", path: "/api/v1/namespaces/default/configmaps", headers: { "content-type": "application/yaml" }, body: "a: [1, 2\nb: c: d" }, 400, "BadRequest"],
    ["the wrong kind for the URL", { method: "POST", path: "/api/v1/namespaces/default/configmaps", headers: { "content-type": "application/json" }, body: '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}}' }, 400, "BadRequest"],
    ["a namespace that contradicts the URL", { method: "POST", path: "/api/v1/namespaces/default/configmaps", headers: { "content-type": "application/json" }, body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"kube-system"}}' }, 400, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request"],
    ["a name that contradicts the URL", { method: "PUT", path: "/api/v1/namespaces/default/configmaps/a", headers: { "content-type": "application/json" }, body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"zzz"}}' }, 400, "BadRequest", "the name of the object (zzz) does not match the name on the URL (a)"],
    ["an unknown body type", { method: "POST", path: "/api/v1/namespaces/default/configmaps", headers: { "content-type": "text/plain" }, body: "hello" }, 415, "UnsupportedMediaType"],
    ["an unknown patch type", { method: "PATCH", path: "/api/v1/namespaces/default/configmaps/a", headers: { "content-type": "application/json" }, body: "{}" }, 415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json"],
    ["a malformed merge patch", { method: "PATCH", path: "/api/v1/namespaces/default/configmaps/a", headers: { "content-type": "application/merge-patch+json" }, body: "{nope" }, 400, "BadRequest"],
    ["a stale resourceVersion", { method: "PUT", path: "/api/v1/namespaces/default/configmaps/a", headers: { "content-type": "application/json" }, body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"1"}}' }, 409, "Conflict"],
    ["a method the resource does not have", { method: "POST", path: "/api/v1/namespaces/default/configmaps/a", headers: { "content-type": "application/json" }, body: "{}" }, 405, "MethodNotAllowed"],
    ["an invalid object", { method: "POST", path: "/api/v1/namespaces/default/services", headers: { "content-type": "application/json" }, body: '{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":70000}]}}' }, 422, "Invalid"],
    ["protobuf that is not a Kubernetes envelope", { method: "POST", path: "/api/v1/namespaces/default/configmaps", headers: { "content-type": "application/vnd.kubernetes.protobuf" }, body: new Uint8Array([1, 2, 3, 4, 5]) }, 400, "BadRequest"],
  ];
  it.each(rows)("%s", (_name, req, code, reason, message) => {
    const c = cluster();
    const before = JSON.stringify(c.snapshot());
    const r = body(call(c, req));
    expect(r.status).toBe(code);
    const status = JSON.parse(r.body) as { kind: string; reason: string; code: number; message: string };
    expect(status).toMatchObject({ kind: "Status", reason, code });
    if (message) expect(status.message).toBe(message);
    expect(JSON.stringify(c.snapshot())).toBe(before);
  });
});

it("a JSON patch on a missing path fails and changes nothing", () => {
  const c = cluster();
  const before = JSON.stringify(c.snapshot());
  const r = body(call(c, { method: "PATCH", path: "/api/v1/namespaces/default/configmaps/a", headers: { "content-type": "application/json-patch+json" }, body: '[{"op":"remove","path":"/data/missing"}]' }));
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(JSON.parse(r.body).kind).toBe("Status");
  expect(JSON.stringify(c.snapshot())).toBe(before);
});

describe("watch", () => {
  it("streams the current objects as ADDED, then changes, and stops on unsubscribe", () => {
    const c = cluster();
    const r = call(c, { path: "/api/v1/namespaces/default/configmaps", query: { watch: "1" } });
    if (r.kind !== "stream") throw new Error("expected a stream");
    const lines: { type: string; object: { metadata: { name: string } } }[] = [];
    const stop = r.start((chunk) => lines.push(JSON.parse(chunk)));
    expect(lines.filter((l) => l.type === "ADDED").map((l) => l.object.metadata.name)).toEqual(expect.arrayContaining(["a", "b", "c"]));
    const before = lines.length;
    call(c, { method: "DELETE", path: "/api/v1/namespaces/default/configmaps/b" });
    expect(lines.slice(before).map((l) => `${l.type} ${l.object.metadata.name}`)).toContain("DELETED b");
    stop();
    const after = lines.length;
    call(c, { method: "DELETE", path: "/api/v1/namespaces/default/configmaps/a" });
    expect(lines.length).toBe(after);
  });

  it("sends only later changes when given a resourceVersion", () => {
    const c = cluster();
    const r = call(c, { path: "/api/v1/namespaces/default/configmaps", query: { watch: "true", resourceVersion: c.resourceVersion() } });
    if (r.kind !== "stream") throw new Error("expected a stream");
    const lines: string[] = [];
    const stop = r.start((chunk) => lines.push(chunk));
    expect(lines).toEqual([]);
    stop();
  });

  it("sends Table events (kubectl get -w) with the columns only in the first", () => {
    const c = cluster();
    const r = call(c, {
      path: "/api/v1/namespaces/default/configmaps",
      query: { watch: "true", labelSelector: "tier=x" },
      headers: { accept: "application/json;as=Table;v=v1;g=meta.k8s.io" },
    });
    if (r.kind !== "stream") throw new Error("expected a stream");
    const events: { type: string; object: { kind: string; columnDefinitions: unknown[] | null; rows: { cells: unknown[] }[] } }[] = [];
    const stop = r.start((chunk) => events.push(JSON.parse(chunk)));
    call(c, { method: "DELETE", path: "/api/v1/namespaces/default/configmaps/c" });
    stop();
    expect(events.map((e) => `${e.type} ${e.object.rows[0].cells[0]}`)).toEqual(["ADDED a", "ADDED c", "DELETED c"]);
    expect(events.every((e) => e.object.kind === "Table")).toBe(true);
    expect(events[0].object.columnDefinitions?.length).toBeGreaterThan(0);
    expect(events.slice(1).every((e) => e.object.columnDefinitions === null)).toBe(true);
  });
});
