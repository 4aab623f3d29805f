// Hostile or half-filled objects (raw cluster files keep whatever they are given)
// must never make a network layer throw: every entry point returns an answer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { KObject } from "../../src/cluster/api/types.ts";
import { calicoNodeStatus, ipAddr, ipRoute } from "../../src/cluster/cni/index.ts";
import { lookup, hostsFile, resolvConf, serviceEnv } from "../../src/cluster/dns/lookup.ts";
import { connect } from "../../src/cluster/net/connect.ts";
import { policyVerdict } from "../../src/cluster/policy/index.ts";
import { iptablesList, iptablesSave, ipvsadm } from "../../src/cluster/proxy/index.ts";
import { endpointSlice, fakeView, node, pod, service } from "../../src/cluster/testing/fake-view.ts";

const KINDS = ["Service", "EndpointSlice", "Pod", "Node", "Namespace", "NetworkPolicy", "Ingress", "IngressClass"];
const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }));

const hostileObject = fc.record({
  kind: fc.constantFrom(...KINDS),
  name: fc.constantFrom("a", "web", "client", "x"),
  ns: fc.constantFrom("default", "other"),
  spec: fc.oneof(
    junk,
    fc.record({ clusterIP: junk, clusterIPs: junk, ports: junk, selector: junk, type: junk, podSelector: junk, ingress: junk, egress: junk, policyTypes: junk, rules: junk, tls: junk, containers: junk, nodeName: junk, hostNetwork: junk }),
    fc.record({
      ingressClassName: fc.constantFrom("nginx", undefined),
      rules: fc.array(fc.record({ host: fc.oneof(junk, fc.constantFrom("web", "*.example.com")), http: fc.oneof(junk, fc.record({ paths: fc.array(fc.record({ path: fc.oneof(junk, fc.constantFrom("/", "/a", "/a(/|$)(.*)", "[")), pathType: fc.oneof(junk, fc.constantFrom("Prefix", "Exact")), backend: fc.oneof(junk, fc.record({ service: fc.oneof(junk, fc.record({ name: fc.constantFrom("web", "nope"), port: junk })) })) }), { maxLength: 3 }) })) }), { maxLength: 3 }),
      tls: fc.oneof(junk, fc.array(fc.record({ hosts: junk, secretName: junk }), { maxLength: 2 })),
    }),
  ),
  status: fc.oneof(junk, fc.record({ podIP: junk, phase: junk, conditions: junk, addresses: junk, loadBalancer: junk })),
  endpoints: junk,
  slicePorts: junk,
  labels: fc.oneof(fc.constant(undefined), fc.dictionary(fc.constantFrom("app", "kubernetes.io/service-name", "k8s-app"), fc.constantFrom("web", "a", "kube-dns"), { maxKeys: 2 })),
});

function toObject(h: typeof hostileObject extends fc.Arbitrary<infer T> ? T : never): KObject {
  return {
    apiVersion: "v1",
    kind: h.kind,
    metadata: { name: h.name, namespace: h.ns, labels: h.labels as Record<string, string> | undefined },
    spec: h.spec,
    status: h.status,
    endpoints: h.endpoints,
    ports: h.slicePorts,
  } as KObject;
}

const base = (): KObject[] => [
  node("worker1", "172.18.0.3"),
  service("default", "web", "10.96.0.50", [{ name: "http", port: 80 }], { selector: { app: "web" } }),
  endpointSlice("default", "web", [{ name: "http", port: 80 }], [{ ip: "192.168.1.5", node: "worker1" }]),
  pod({ name: "client", ip: "192.168.1.9", node: "worker1" }),
  { apiVersion: "networking.k8s.io/v1", kind: "IngressClass", metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } },
  pod({ ns: "other", name: "ctrl", ip: "192.168.1.50", node: "worker1", image: "registry.k8s.io/ingress-nginx/controller:v1.12.0" }),
];

describe("network layers on hostile objects", () => {
  it("never throw", () => {
    fc.assert(
      fc.property(fc.array(hostileObject, { maxLength: 8 }), fc.constantFrom("iptables", "ipvs"), fc.constantFrom("calico", "flannel", "cilium", "weave"), (objs, mode, cni) => {
        const view = fakeView({ config: { proxyMode: mode as "iptables", cni: cni as "calico" }, objects: [...base(), ...objs.map(toObject)] });
        const client = { kind: "pod" as const, namespace: "default", name: "client" };
        for (const to of ["http://web", "web", "10.96.0.50", "192.168.1.5", "http://a.other", "https://x/", "172.18.0.3"]) connect(view, { from: client, to, port: 80 });
        connect(view, { from: { kind: "outside" }, to: "http://172.18.0.3:30080" });
        for (const host of ["web", "a", "x.example.com"]) {
          connect(view, { from: client, to: "http://192.168.1.50/", http: { scheme: "http", method: "GET", path: "/a/b", headers: { Host: host } } });
          connect(view, { from: client, to: "https://192.168.1.50/", http: { scheme: "https", method: "GET", path: "/", headers: { Host: host }, insecure: true, serverName: host } });
        }
        lookup(view, client, { name: "a.other", type: "SRV", search: true });
        iptablesSave(view, "worker1", "nat");
        iptablesList(view, "worker1", { table: "filter" });
        ipvsadm(view, "worker1");
        ipRoute(view, { kind: "node", name: "worker1" });
        ipAddr(view, client);
        calicoNodeStatus(view, "worker1");
        resolvConf(view, client);
        hostsFile(view, client);
        serviceEnv(view, client);
        policyVerdict(view, { namespace: "default", name: "client" }, { namespace: "default", name: "a" }, 80);
        expect(true).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
