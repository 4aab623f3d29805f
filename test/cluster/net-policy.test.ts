// The upstream e2e "netpol" model (k/k test/e2e/network/netpol): namespaces x, y, z,
// each with pods a, b, c labelled pod=<name>; every case checks all 81 pairs.
import { describe, expect, it } from "vitest";
import type { KObject } from "../../src/cluster/api/types.ts";
import { policyVerdict } from "../../src/cluster/policy/index.ts";
import { fakeView, namespace, pod } from "../../src/cluster/testing/fake-view.ts";
import type { CniName } from "../../src/cluster/types.ts";

const NS = ["x", "y", "z"];
const PODS = ["a", "b", "c"];
type P = { ns: string; pod: string };
const ALL: P[] = NS.flatMap((ns) => PODS.map((p) => ({ ns, pod: p })));

function model(policies: KObject[], cni: CniName = "calico") {
  const objects: KObject[] = NS.map((n) => namespace(n, { ns: n }));
  let i = 0;
  for (const n of NS)
    for (const p of PODS) {
      i++;
      objects.push(pod({ ns: n, name: p, ip: `192.168.${i}.10`, node: i % 2 ? "worker1" : "worker2", labels: { pod: p }, image: "registry.k8s.io/e2e-test-images/agnhost:2.52", args: ["serve-hostname"], ports: [{ name: "serve-80", containerPort: 80 }, { name: "serve-81", containerPort: 81 }] }));
    }
  return fakeView({ config: { cni }, objects: [...objects, ...policies] });
}

function netpol(ns: string, name: string, spec: Record<string, unknown>): KObject {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { namespace: ns, name }, spec };
}

/** Actual reachability table: "x/a->y/b" → allowed, for port 80 TCP. */
function table(view: ReturnType<typeof model>, port = 80, protocol: "TCP" | "UDP" = "TCP") {
  const out: Record<string, boolean> = {};
  for (const s of ALL) for (const d of ALL) out[`${s.ns}/${s.pod}->${d.ns}/${d.pod}`] = policyVerdict(view, { namespace: s.ns, name: s.pod }, { namespace: d.ns, name: d.pod }, port, protocol).allowed;
  return out;
}

function expected(rule: (s: P, d: P) => boolean) {
  const out: Record<string, boolean> = {};
  for (const s of ALL) for (const d of ALL) out[`${s.ns}/${s.pod}->${d.ns}/${d.pod}`] = rule(s, d);
  return out;
}

const isXA = (p: P) => p.ns === "x" && p.pod === "a";

describe("NetworkPolicy truth tables (3 namespaces × 3 pods)", () => {
  it("no policy: everything reaches everything", () => {
    expect(table(model([]))).toEqual(expected(() => true));
  });

  it("default-deny-ingress in x blocks all ingress into x", () => {
    const view = model([netpol("x", "deny", { podSelector: {}, policyTypes: ["Ingress"] })]);
    expect(table(view)).toEqual(expected((_s, d) => d.ns !== "x"));
  });

  it("default-deny-all in x blocks traffic into and out of x", () => {
    const view = model([netpol("x", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] })]);
    expect(table(view)).toEqual(expected((s, d) => s.ns !== "x" && d.ns !== "x"));
  });

  it("podSelector peer: only x/b may reach x/a", () => {
    const view = model([netpol("x", "allow-b", { podSelector: { matchLabels: { pod: "a" } }, ingress: [{ from: [{ podSelector: { matchLabels: { pod: "b" } } }] }] })]);
    expect(table(view)).toEqual(expected((s, d) => !isXA(d) || (s.ns === "x" && s.pod === "b")));
  });

  it("namespaceSelector with matchExpressions: only namespace y may reach x/a", () => {
    const view = model([
      netpol("x", "allow-y", { podSelector: { matchLabels: { pod: "a" } }, ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "ns", operator: "In", values: ["y"] }] } }] }] }),
    ]);
    expect(table(view)).toEqual(expected((s, d) => !isXA(d) || s.ns === "y"));
  });

  it("podSelector AND namespaceSelector in one peer: only y/b may reach x/a", () => {
    const view = model([
      netpol("x", "and", { podSelector: { matchLabels: { pod: "a" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: "y" } }, podSelector: { matchLabels: { pod: "b" } } }] }] }),
    ]);
    expect(table(view)).toEqual(expected((s, d) => !isXA(d) || (s.ns === "y" && s.pod === "b")));
  });

  it("podSelector OR namespaceSelector as two peers: namespace y or x/b may reach x/a", () => {
    const view = model([
      netpol("x", "or", { podSelector: { matchLabels: { pod: "a" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: "y" } } }, { podSelector: { matchLabels: { pod: "b" } } }] }] }),
    ]);
    expect(table(view)).toEqual(expected((s, d) => !isXA(d) || s.ns === "y" || (s.ns === "x" && s.pod === "b")));
  });

  it("policies are additive: two allow-lists on x/a union", () => {
    const view = model([
      netpol("x", "p1", { podSelector: { matchLabels: { pod: "a" } }, ingress: [{ from: [{ podSelector: { matchLabels: { pod: "b" } } }] }] }),
      netpol("x", "p2", { podSelector: { matchLabels: { pod: "a" } }, ingress: [{ from: [{ podSelector: { matchLabels: { pod: "c" } } }] }] }),
    ]);
    expect(table(view)).toEqual(expected((s, d) => !isXA(d) || (s.ns === "x" && s.pod !== "a")));
  });

  it("egress to namespace y only, from x/a", () => {
    const view = model([netpol("x", "egress-y", { podSelector: { matchLabels: { pod: "a" } }, policyTypes: ["Egress"], egress: [{ to: [{ namespaceSelector: { matchLabels: { ns: "y" } } }] }] })]);
    expect(table(view)).toEqual(expected((s, d) => !isXA(s) || d.ns === "y"));
  });

  it("ports: allow only 81 into x/a; 80 is blocked, 81 open", () => {
    const view = model([netpol("x", "port81", { podSelector: { matchLabels: { pod: "a" } }, ingress: [{ ports: [{ port: 81, protocol: "TCP" }] }] })]);
    expect(table(view, 80)).toEqual(expected((_s, d) => !isXA(d)));
    expect(table(view, 81)).toEqual(expected(() => true));
  });

  it("named ports resolve against the destination pod's container ports", () => {
    const view = model([netpol("x", "named", { podSelector: { matchLabels: { pod: "a" } }, ingress: [{ ports: [{ port: "serve-81" }] }] })]);
    expect(table(view, 81)).toEqual(expected(() => true));
    expect(table(view, 80)).toEqual(expected((_s, d) => !isXA(d)));
  });

  it("endPort opens a range", () => {
    const view = model([netpol("x", "range", { podSelector: {}, ingress: [{ ports: [{ port: 80, endPort: 81 }] }] })]);
    expect(table(view, 81)).toEqual(expected(() => true));
    expect(table(view, 82)).toEqual(expected((_s, d) => d.ns !== "x"));
  });

  it("protocol matters: a TCP allow does not open UDP", () => {
    const view = model([netpol("x", "tcp", { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })]);
    expect(table(view, 80, "UDP")).toEqual(expected((_s, d) => d.ns !== "x"));
  });

  it("policyTypes defaulting: egress rules alone make the policy Ingress+Egress", () => {
    const view = model([netpol("x", "default-types", { podSelector: { matchLabels: { pod: "a" } }, egress: [{ to: [{ podSelector: {} }] }] })]);
    // Ingress was defaulted with no rules (deny all into x/a); egress from x/a only to pods in x.
    expect(table(view)).toEqual(expected((s, d) => !isXA(d) && (!isXA(s) || d.ns === "x")));
  });

  it("ipBlock with except matches addresses", () => {
    const view = model([netpol("x", "ipblock", { podSelector: { matchLabels: { pod: "a" } }, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }] }] })]);
    expect(policyVerdict(view, "10.2.3.4", { namespace: "x", name: "a" }, 80).allowed).toBe(true);
    expect(policyVerdict(view, "10.1.3.4", { namespace: "x", name: "a" }, 80).allowed).toBe(false);
  });

  it("Flannel accepts policies but never enforces them", () => {
    const view = model([netpol("x", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] })], "flannel");
    expect(table(view)).toEqual(expected(() => true));
    const v = policyVerdict(view, { namespace: "y", name: "a" }, { namespace: "x", name: "a" }, 80);
    expect(v.enforced).toBe(false);
    expect(v.ingress.isolated).toBe(true);
  });

  it("reports which policies isolated and which allowed", () => {
    const view = model([netpol("x", "allow-b", { podSelector: { matchLabels: { pod: "a" } }, ingress: [{ from: [{ podSelector: { matchLabels: { pod: "b" } } }] }] })]);
    const v = policyVerdict(view, { namespace: "x", name: "b" }, { namespace: "x", name: "a" }, 80);
    expect(v.ingress).toEqual({ isolated: true, allowed: true, policies: ["x/allow-b"], allowedBy: ["x/allow-b"] });
  });
});
