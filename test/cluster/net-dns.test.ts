import { describe, expect, it } from "vitest";
import type { KObject } from "../../src/cluster/api/types.ts";
import { addressesOf, corednsAnswer, hostsFile, lookup, resolvConf, serviceEnv } from "../../src/cluster/dns/lookup.ts";
import { endpointSlice, fakeView, namespace, pod, service } from "../../src/cluster/testing/fake-view.ts";

const DNS_PORTS = [{ name: "dns", port: 53, protocol: "UDP" as const }, { name: "dns-tcp", port: 53 }, { name: "metrics", port: 9153 }];

function cluster(extra: KObject[] = [], cni: "calico" | "flannel" = "calico") {
  return fakeView({
    config: { cni },
    now: Date.UTC(2026, 0, 1, 12, 0, 0),
    objects: [
      namespace("default"),
      namespace("kube-system"),
      namespace("other"),
      service("default", "kubernetes", "10.96.0.1", [{ name: "https", port: 443, targetPort: 6443 }]),
      service("kube-system", "kube-dns", "10.96.0.10", DNS_PORTS, { selector: { "k8s-app": "kube-dns" } }),
      endpointSlice("kube-system", "kube-dns", DNS_PORTS, [{ ip: "192.168.0.2", pod: "coredns-1" }, { ip: "192.168.0.3", pod: "coredns-2" }]),
      pod({ ns: "kube-system", name: "coredns-1", ip: "192.168.0.2", node: "control-plane", labels: { "k8s-app": "kube-dns" }, image: "registry.k8s.io/coredns/coredns:v1.11.3" }),
      pod({ ns: "kube-system", name: "coredns-2", ip: "192.168.0.3", node: "control-plane", labels: { "k8s-app": "kube-dns" }, image: "registry.k8s.io/coredns/coredns:v1.11.3" }),
      service("default", "my-svc", "10.96.45.12", [{ name: "http", port: 80, targetPort: 8080 }], { selector: { app: "web" } }),
      endpointSlice("default", "my-svc", [{ name: "http", port: 80, targetPort: 8080 }], [{ ip: "192.168.1.5" }]),
      service("default", "mysql-headless", "None", [{ name: "mysql", port: 3306 }], { selector: { app: "mysql" } }),
      endpointSlice("default", "mysql-headless", [{ name: "mysql", port: 3306 }], [
        { ip: "192.168.1.10", hostname: "mysql-0" },
        { ip: "192.168.2.11", hostname: "mysql-1" },
        { ip: "192.168.2.12", hostname: "mysql-2", ready: false },
      ]),
      service("default", "empty-hl", "None", [{ port: 80 }], { selector: { app: "none" } }),
      { ...service("default", "ext", "", []), spec: { type: "ExternalName", externalName: "example.com", sessionAffinity: "None" } },
      service("other", "db", "10.96.7.7", [{ port: 5432 }]),
      pod({ name: "client", ip: "192.168.1.20", node: "worker1", labels: { app: "client" } }),
      ...extra,
    ],
  });
}

const from = { kind: "pod" as const, namespace: "default", name: "client" };

describe("CoreDNS answers", () => {
  it("Service A record, aa set and ra clear, TTL 30", () => {
    const r = corednsAnswer(cluster(), "my-svc.default.svc.cluster.local", "A");
    expect(r).toMatchObject({ rcode: "NOERROR", authoritative: true, recursionAvailable: false });
    expect(r.answer).toEqual([{ name: "my-svc.default.svc.cluster.local.", ttl: 30, class: "IN", type: "A", data: "10.96.45.12" }]);
  });

  it("headless Service: one A per ready endpoint", () => {
    const r = corednsAnswer(cluster(), "mysql-headless.default.svc.cluster.local.", "A");
    expect(r.answer.map((a) => a.data).sort()).toEqual(["192.168.1.10", "192.168.2.11"]);
  });

  it("StatefulSet pod names through the endpoint hostname", () => {
    const r = corednsAnswer(cluster(), "mysql-0.mysql-headless.default.svc.cluster.local.", "A");
    expect(r.answer.map((a) => a.data)).toEqual(["192.168.1.10"]);
    expect(corednsAnswer(cluster(), "mysql-2.mysql-headless.default.svc.cluster.local.", "A").rcode).toBe("NXDOMAIN");
  });

  it("headless with no ready endpoints is NXDOMAIN with the zone SOA", () => {
    const r = corednsAnswer(cluster(), "empty-hl.default.svc.cluster.local.", "A");
    expect(r.rcode).toBe("NXDOMAIN");
    expect(r.authority[0].data).toMatch(/^ns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 30$/);
  });

  it("ExternalName is a CNAME to the external name", () => {
    const r = corednsAnswer(cluster(), "ext.default.svc.cluster.local.", "A");
    expect(r.answer[0]).toMatchObject({ type: "CNAME", data: "example.com." });
    expect(r.answer[1]).toMatchObject({ type: "A", name: "example.com.", data: "93.184.215.14" });
  });

  it("SRV for a named port: ClusterIP target with the address as additional", () => {
    const r = corednsAnswer(cluster(), "_http._tcp.my-svc.default.svc.cluster.local.", "SRV");
    expect(r.answer.map((a) => a.data)).toEqual(["0 100 80 my-svc.default.svc.cluster.local."]);
    expect(r.additional.map((a) => a.data)).toEqual(["10.96.45.12"]);
  });

  it("SRV for a headless service: one per endpoint, weight 100/n", () => {
    const r = corednsAnswer(cluster(), "_mysql._tcp.mysql-headless.default.svc.cluster.local.", "SRV");
    expect(r.answer.map((a) => a.data).sort()).toEqual(["0 50 3306 mysql-0.mysql-headless.default.svc.cluster.local.", "0 50 3306 mysql-1.mysql-headless.default.svc.cluster.local."]);
  });

  // coredns v1.11.3 plugin/kubernetes findServices: an empty port/protocol matches every
  // port (matchPortAndProtocol); headless answers carry the endpoint's port.
  it.each([
    ["a plain name matches an unnamed port", "db.other.svc.cluster.local.", ["0 100 5432 db.other.svc.cluster.local."]],
    ["a plain name matches every port", "kube-dns.kube-system.svc.cluster.local.", ["0 33 53 kube-dns.kube-system.svc.cluster.local.", "0 33 53 kube-dns.kube-system.svc.cluster.local.", "0 33 9153 kube-dns.kube-system.svc.cluster.local."]],
    ["_dns._udp is the UDP port only", "_dns._udp.kube-dns.kube-system.svc.cluster.local.", ["0 100 53 kube-dns.kube-system.svc.cluster.local."]],
    ["a headless name answers per ready endpoint", "mysql-headless.default.svc.cluster.local.", ["0 50 3306 mysql-0.mysql-headless.default.svc.cluster.local.", "0 50 3306 mysql-1.mysql-headless.default.svc.cluster.local."]],
  ])("SRV: %s", (_, name, data) => {
    expect(corednsAnswer(cluster(), name, "SRV").answer.map((a) => a.data)).toEqual(data);
  });

  it("SRV on a headless service names the endpoint's port, not the service port", () => {
    const extra = [
      service("default", "hl", "None", [{ name: "web", port: 80, targetPort: 8080 }], { selector: { app: "hl" } }),
      endpointSlice("default", "hl", [{ name: "web", port: 80, targetPort: 8080 }], [{ ip: "192.168.1.30" }]),
    ];
    expect(corednsAnswer(cluster(extra), "_web._tcp.hl.default.svc.cluster.local.", "SRV").answer.map((a) => a.data)).toEqual(["0 100 8080 192-168-1-30.hl.default.svc.cluster.local."]);
  });

  it("NODATA for an existing name with another type, NXDOMAIN for unknown names", () => {
    const aaaa = corednsAnswer(cluster(), "my-svc.default.svc.cluster.local.", "AAAA");
    expect(aaaa.rcode).toBe("NOERROR");
    expect(aaaa.answer).toEqual([]);
    expect(aaaa.authority).toHaveLength(1);
    expect(corednsAnswer(cluster(), "nosuch.default.svc.cluster.local.", "A").rcode).toBe("NXDOMAIN");
    expect(corednsAnswer(cluster(), "default.svc.cluster.local.", "A").rcode).toBe("NOERROR");
    expect(corednsAnswer(cluster(), "nons.svc.cluster.local.", "A").rcode).toBe("NXDOMAIN");
  });

  it("pod records: pods insecure answers the IP in the name", () => {
    expect(corednsAnswer(cluster(), "10-244-1-5.default.pod.cluster.local.", "A").answer[0].data).toBe("10.244.1.5");
  });

  it("PTR for a cluster IP and for an endpoint", () => {
    expect(corednsAnswer(cluster(), "12.45.96.10.in-addr.arpa.", "PTR").answer[0].data).toBe("my-svc.default.svc.cluster.local.");
    expect(corednsAnswer(cluster(), "10.1.168.192.in-addr.arpa.", "PTR").answer[0].data).toBe("mysql-0.mysql-headless.default.svc.cluster.local.");
  });

  it("external names are forwarded: ra set, aa clear", () => {
    const r = corednsAnswer(cluster(), "example.com.", "A");
    expect(r).toMatchObject({ rcode: "NOERROR", authoritative: false, recursionAvailable: true });
    expect(corednsAnswer(cluster(), "nosuch.invalid.", "A")).toMatchObject({ rcode: "NXDOMAIN", authoritative: false });
  });
});

describe("stub resolver search path", () => {
  it("a short name hits on the first search domain", () => {
    const r = lookup(cluster(), from, { name: "my-svc", type: "A", search: true });
    expect(r.exchanges.map((e) => e.question.name)).toEqual(["my-svc.default.svc.cluster.local."]);
    expect(addressesOf(r)).toEqual(["10.96.45.12"]);
  });

  it("svc.namespace walks to the second search domain", () => {
    const r = lookup(cluster(), from, { name: "db.other", type: "A", search: true });
    expect(r.exchanges.map((e) => [e.question.name, e.reply?.rcode])).toEqual([
      ["db.other.default.svc.cluster.local.", "NXDOMAIN"],
      ["db.other.svc.cluster.local.", "NOERROR"],
    ]);
  });

  it("external names cost three NXDOMAINs, then go upstream", () => {
    const r = lookup(cluster(), from, { name: "google.com", type: "A", search: true });
    expect(r.exchanges.map((e) => e.reply?.rcode)).toEqual(["NXDOMAIN", "NXDOMAIN", "NXDOMAIN", "NOERROR"]);
    expect(r.final?.question.name).toBe("google.com.");
    expect(r.final?.reply?.recursionAvailable).toBe(true);
  });

  it("unknown names end with no final answer", () => {
    const r = lookup(cluster(), from, { name: "nosuch", type: "A", search: true });
    expect(r.exchanges).toHaveLength(4);
    expect(r.final).toBeNull();
  });

  it("without search (dig) only the name itself is asked", () => {
    expect(lookup(cluster(), from, { name: "my-svc", type: "A", search: false }).exchanges.map((e) => e.question.name)).toEqual(["my-svc."]);
  });

  it("an egress policy without port 53 makes DNS time out", () => {
    const deny: KObject = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { namespace: "default", name: "egress-web-only" }, spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: 80 }] }] } };
    const r = lookup(cluster([deny]), from, { name: "my-svc", type: "A", search: true });
    expect(r.exchanges).toHaveLength(1);
    expect(r.exchanges[0].reply).toBeNull();
    expect(r.final).toBeNull();
    // ...but Flannel does not enforce it
    expect(addressesOf(lookup(cluster([deny], "flannel"), from, { name: "my-svc", type: "A", search: true }))).toEqual(["10.96.45.12"]);
  });
});

describe("node lookups", () => {
  const nodeSrc = { kind: "node" as const, name: "worker1" };
  it("go to systemd-resolved's stub and upstream: external names resolve, cluster names do not", () => {
    const ext = lookup(cluster(), nodeSrc, { name: "example.com", type: "A", search: true });
    expect(ext.exchanges.map((e) => e.server)).toEqual(["127.0.0.53"]);
    expect(addressesOf(ext)).toEqual(["93.184.215.14"]);
    expect(lookup(cluster(), nodeSrc, { name: "my-svc.default.svc.cluster.local", type: "A", search: true }).final).toBeNull();
  });
  it("can still ask kube-dns directly (dig @10.96.0.10)", () => {
    expect(addressesOf(lookup(cluster(), nodeSrc, { name: "my-svc.default.svc.cluster.local", type: "A", search: false, server: "10.96.0.10" }))).toEqual(["10.96.45.12"]);
  });
});

describe("pod files", () => {
  it("resolv.conf: search, nameserver, options in containerd's order", () => {
    expect(resolvConf(cluster(), { namespace: "default", name: "client" })).toBe("search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n");
  });

  it("/etc/hosts ends with the pod's own address", () => {
    const hosts = hostsFile(cluster(), { namespace: "default", name: "client" });
    expect(hosts.startsWith("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n")).toBe(true);
    expect(hosts.endsWith("192.168.1.20\tclient\n")).toBe(true);
  });

  it("service env vars for the pod's namespace plus kubernetes", () => {
    const env = serviceEnv(cluster(), { namespace: "default", name: "client" });
    expect(env.MY_SVC_SERVICE_HOST).toBe("10.96.45.12");
    expect(env.MY_SVC_SERVICE_PORT_HTTP).toBe("80");
    expect(env.MY_SVC_PORT_80_TCP).toBe("tcp://10.96.45.12:80");
    expect(env.KUBERNETES_SERVICE_HOST).toBe("10.96.0.1");
    expect(env.DB_SERVICE_HOST).toBeUndefined(); // other namespace
    expect(env.MYSQL_HEADLESS_SERVICE_HOST).toBeUndefined(); // headless
  });
});

describe("kube-dns without endpoints", () => {
  it("is refused in iptables mode (REJECT) and times out in IPVS mode", () => {
    const emptyDns = (mode: "iptables" | "ipvs") =>
      fakeView({
        config: { proxyMode: mode },
        objects: [
          service("kube-system", "kube-dns", "10.96.0.10", DNS_PORTS, { selector: { "k8s-app": "kube-dns" } }),
          endpointSlice("kube-system", "kube-dns", DNS_PORTS, []),
          pod({ name: "client", ip: "192.168.1.20", node: "worker1" }),
        ],
      });
    expect(lookup(emptyDns("iptables"), from, { name: "x", type: "A", search: true }).exchanges).toEqual([
      { server: "10.96.0.10", port: 53, question: { name: "x.default.svc.cluster.local.", type: "A" }, failure: "refused", reply: null },
    ]);
    expect(lookup(emptyDns("ipvs"), from, { name: "x", type: "A", search: true }).exchanges[0].failure).toBe("timeout");
  });
});
