import { describe, expect, it } from "vitest";
import { parseCheck } from "../../src/labs/check-parse.ts";
import { evaluateCheck } from "../../src/labs/evaluate.ts";
import { parseFieldPath, selectValues } from "../../src/labs/field-path.ts";
import type { Check } from "../../src/labs/types.ts";
import { answer, fakeCluster, pod } from "./fake-cluster.ts";

function mustParse(raw: unknown): Check {
  const r = parseCheck(raw);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const svc = {
  resource: "services",
  obj: {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "default", labels: { "app.kubernetes.io/name": "web" } },
    spec: { type: "NodePort", clusterIP: "10.96.45.12", ports: [{ port: 80, nodePort: 30080 }, { port: 443, nodePort: 30443 }] },
  },
};

describe("field paths", () => {
  it.each([
    ["spec.type", ["NodePort"]],
    ["{.spec.type}", ["NodePort"]],
    [".spec.ports[1].nodePort", [30443]],
    ["spec.ports[*].port", [80, 443]],
    ['metadata.labels["app.kubernetes.io/name"]', ["web"]],
    ["spec.ports[5].port", []],
    ["spec.missing.deeper", []],
  ])("%s", (path, values) => {
    const p = parseFieldPath(path);
    expect(p.ok).toBe(true);
    if (p.ok) expect(selectValues(svc.obj, p.segments)).toEqual(values);
  });

  it.each(["", "spec.", "spec.ports[x]", "spec.ports[0", "a..b"])("rejects %j", (path) => {
    expect(parseFieldPath(path).ok).toBe(false);
  });
});

describe("check syntax errors name the place and the reason", () => {
  it.each([
    [{ exist: "svc/web" }, 'unknown check "exist"'],
    [{ exists: "svc/web", ran: "x" }, "exactly one of"],
    [{ exists: "web" }, 'not "resource/name"'],
    [{ exists: { resource: "svc", fields: { "spec.ports[": 1 } } }, "unclosed"],
    [{ exists: { resource: "svc", fields: { "spec.type": { regex: "(" } } } }, 'check.exists.fields["spec.type"].regex: invalid regular expression'],
    [{ exists: { resource: "svc", colour: 1 } }, 'unknown field "colour"'],
    [{ request: { from: "pod/a", to: "http://x" } }, 'needs "expect"'],
    [{ request: { from: "container/a", to: "x", expect: "succeeds" } }, "check.request.from"],
    [{ request: { from: "pod/a", to: "x", expect: { fails: "exploded" } } }, "check.request.expect.fails"],
    [{ dns: { from: "pod/a", name: "x", type: "MX", expect: [] } }, "check.dns.type"],
    [{ all: [] }, "non-empty list"],
    [{ any: [{ ran: "ok" }, { nope: 1 }] }, 'check.any[1]: unknown check "nope"'],
    ["ran", "must be a mapping"],
  ])("%j", (raw, message) => {
    const r = parseCheck(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

describe("object checks", () => {
  const cluster = fakeCluster({
    objects: [svc, pod("web-1", { app: "web" }, "Running", "192.168.1.10"), pod("web-2", { app: "web" }, "Pending")],
  });
  const ctx = { cluster, history: [] };
  it.each([
    [{ exists: "svc/web" }, true],
    [{ exists: "svc/nope" }, false],
    [{ exists: { resource: "svc", name: "web", namespace: "other" } }, false],
    [{ exists: { resource: "services", name: "web", fields: { "spec.type": "NodePort" } } }, true],
    [{ exists: { resource: "services", name: "web", fields: { "spec.type": "ClusterIP" } } }, false],
    [{ exists: { resource: "services", name: "web", fields: { "spec.ports[0].nodePort": "30080" } } }, true],
    [{ exists: { resource: "services", name: "web", fields: { "spec.ports[*].nodePort": 30443 } } }, true],
    [{ exists: { resource: "services", name: "web", fields: { "spec.clusterIP": { regex: "^10\\.96\\." } } } }, true],
    [{ exists: { resource: "services", name: "web", fields: { "status.loadBalancer": { absent: true } } } }, true],
    [{ exists: { resource: "services", name: "web", fields: { "spec.ports": { length: 2 } } } }, true],
    [{ exists: { resource: "pods", selector: "app=web", count: 2 } }, true],
    [{ exists: { resource: "pods", selector: "app=web", fields: { "status.phase": "Running" }, count: 2 } }, false],
    [{ exists: { resource: "pods", selector: "app=web", min: 2 } }, true],
    [{ exists: { resource: "widgets", name: "x" } }, false],
    [{ absent: "pods/web-3" }, true],
    [{ absent: "pods/web-1" }, false],
    [{ absent: { resource: "pods", selector: "app=web", fields: { "status.phase": "Failed" } } }, true],
  ])("%j → %s", (raw, pass) => {
    expect(evaluateCheck(mustParse(raw), ctx).pass).toBe(pass);
  });

  it("says why an unknown resource fails", () => {
    expect(evaluateCheck(mustParse({ exists: "widgets/x" }), ctx).reason).toContain('unknown resource "widgets"');
  });
});

describe("request checks", () => {
  const cluster = fakeCluster({
    connect: (req) => {
      if (req.to.includes("web")) {
        return { kind: "http", ip: "10.96.45.12", port: 80, response: { status: 200, reason: "OK", httpVersion: "1.1", headers: [], body: "<h1>Welcome to nginx!</h1>" } };
      }
      if (req.to.includes("big")) {
        return { kind: "http", ip: "10.0.0.1", port: 80, response: { status: 413, reason: "Request Entity Too Large", httpVersion: "1.1", headers: [], body: "" } };
      }
      return { kind: "timeout", ip: "10.96.1.1", port: 8080, reason: "policy", afterMs: 5000 };
    },
  });
  const ctx = { cluster, history: [] };
  it.each([
    [{ request: { from: "pod/tmp", to: "http://web", expect: "succeeds" } }, true],
    [{ request: { from: "pod/tmp", to: "http://web", expect: "fails" } }, false],
    [{ request: { from: "pod/tmp", to: "http://web", expect: [{ status: 200 }, { body: "Welcome to nginx" }] } }, true],
    [{ request: { from: "pod/tmp", to: "http://web", expect: { status: 404 } } }, false],
    [{ request: { from: "pod/tmp", to: "backend", port: 8080, expect: { fails: "timeout" } } }, true],
    [{ request: { from: "pod/tmp", to: "backend", port: 8080, expect: { fails: "refused" } } }, false],
    [{ request: { from: "outside", to: "http://big/upload", body: "x", expect: { status: 413 } } }, true],
  ])("%j → %s", (raw, pass) => {
    expect(evaluateCheck(mustParse(raw), ctx).pass).toBe(pass);
  });

  it("asks for a dry run, with the HTTP request the URL implies", () => {
    evaluateCheck(mustParse({ request: { from: "pod/ns1/tmp", to: "https://web.example.com/api?x=1", insecure: true, headers: { Host: "a" }, expect: "succeeds" } }), ctx);
    const req = cluster.connects.at(-1)!;
    expect(req.dryRun).toBe(true);
    expect(req.from).toEqual({ kind: "pod", namespace: "ns1", name: "tmp" });
    expect(req.http).toMatchObject({ scheme: "https", method: "GET", path: "/api?x=1", headers: { Host: "a" }, insecure: true, serverName: "web.example.com" });
  });

  it("sends POST when the check has a body", () => {
    evaluateCheck(mustParse({ request: { from: "outside", to: "http://big/", body: "abc", expect: "fails" } }), ctx);
    expect(cluster.connects.at(-1)!.http).toMatchObject({ method: "POST", body: "abc" });
  });
});

describe("dns checks", () => {
  const cluster = fakeCluster({
    objects: [
      svc,
      pod("mysql-0", { app: "mysql" }, "Running", "192.168.1.5"),
      pod("mysql-1", { app: "mysql" }, "Running", "192.168.2.7"),
    ],
    lookup: (name) =>
      name === "web" ? answer("web.default.svc.cluster.local.", "NOERROR", ["10.96.45.12"])
      : name === "mysql-headless" ? answer("mysql-headless.default.svc.cluster.local.", "NOERROR", ["192.168.2.7", "192.168.1.5"])
      : answer(`${name}.default.svc.cluster.local.`, "NXDOMAIN", []),
  });
  const ctx = { cluster, history: [] };
  it.each([
    [{ dns: { from: "pod/tmp", name: "web", expect: ["10.96.45.12"] } }, true],
    [{ dns: { from: "pod/tmp", name: "web", expect: { serviceIP: "web" } } }, true],
    [{ dns: { from: "pod/tmp", name: "web", expect: ["10.96.45.13"] } }, false],
    [{ dns: { from: "pod/tmp", name: "mysql-headless", expect: { podIPs: "app=mysql" } } }, true],
    [{ dns: { from: "pod/tmp", name: "mysql-headless", expect: ["192.168.1.5"] } }, false],
    [{ dns: { from: "pod/tmp", name: "nope", expect: { rcode: "NXDOMAIN" } } }, true],
    [{ dns: { from: "pod/tmp", name: "web", expect: { rcode: "NXDOMAIN" } } }, false],
  ])("%j → %s", (raw, pass) => {
    expect(evaluateCheck(mustParse(raw), ctx).pass).toBe(pass);
  });
});

describe("history and combinations", () => {
  const ctx = { cluster: fakeCluster({ objects: [svc] }), history: ["kubectl get svc", "kubectl get endpoints web"] };
  it.each([
    [{ ran: "^kubectl get (ep|endpoints)\\b" }, true],
    [{ ran: "describe" }, false],
    [{ all: [{ ran: "get svc" }, { exists: "svc/web" }] }, true],
    [{ all: [{ ran: "get svc" }, { exists: "svc/nope" }] }, false],
    [{ any: [{ ran: "describe" }, { exists: "svc/web" }] }, true],
    [{ any: [{ ran: "describe" }, { exists: "svc/nope" }] }, false],
    [{ not: { exists: "svc/nope" } }, true],
    [{ not: { all: [{ ran: "get svc" }, { exists: "svc/web" }] } }, false],
  ])("%j → %s", (raw, pass) => {
    expect(evaluateCheck(mustParse(raw), ctx).pass).toBe(pass);
  });

  it("a cluster that throws fails the check instead of the page", () => {
    const broken = { ...fakeCluster({}), connect: () => { throw new Error("net not built"); } };
    const v = evaluateCheck(mustParse({ request: { from: "outside", to: "x", port: 1, expect: "succeeds" } }), { cluster: broken, history: [] });
    expect(v).toEqual({ pass: false, reason: "check could not run: net not built" });
  });
});

describe("ran after the previous step", () => {
  const history = ["kubectl exec other -- curl backend", "kubectl apply -f policy.yaml"];
  const check = mustParse({ ran: { pattern: "exec .*other.*curl", afterPreviousStep: true } });
  it.each([
    [0, true],
    [1, false],
    [2, false],
  ])("with the step starting at history line %i → %s", (stepStart, pass) => {
    expect(evaluateCheck(check, { cluster: fakeCluster({}), history, stepStart }).pass).toBe(pass);
  });
  it("rejects unknown options", () => {
    expect(parseCheck({ ran: { pattern: "x", after: 1 } }).ok).toBe(false);
  });
});
