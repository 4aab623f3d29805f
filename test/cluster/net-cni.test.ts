import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { caliVethName, calicoNodeStatus, ipAddr, ipRoute } from "../../src/cluster/cni/index.ts";
import { fakeView, node, pod, service } from "../../src/cluster/testing/fake-view.ts";

function calico() {
  return fakeView({
    config: { cni: "calico" },
    podBlocks: { "control-plane": ["192.168.10.0/26"], worker1: ["192.168.105.64/26"], worker2: ["192.168.33.0/26"] },
    objects: [
      node("control-plane", "172.18.0.2", undefined, true),
      node("worker1", "172.18.0.3"),
      node("worker2", "172.18.0.4"),
      pod({ name: "web", ip: "192.168.105.70", node: "worker1" }),
      { ...pod({ ns: "kube-system", name: "calico-node-aaaaa", ip: "172.18.0.3", node: "worker1", labels: { "k8s-app": "calico-node" }, hostNetwork: true }), status: { phase: "Running", startTime: "2026-01-01T09:12:52Z" } },
    ],
  });
}

function flannel() {
  return fakeView({
    config: { cni: "flannel", podCIDR: "10.244.0.0/16" },
    objects: [node("control-plane", "172.18.0.2", "10.244.0.0/24", true), node("worker1", "172.18.0.3", "10.244.1.0/24"), node("worker2", "172.18.0.4", "10.244.2.0/24"), pod({ name: "web", ip: "10.244.1.5", node: "worker1" })],
  });
}

describe("Calico", () => {
  it("names host veths cali + 11 hex of sha1(namespace.pod)", () => {
    const want = "cali" + createHash("sha1").update("default.web").digest("hex").slice(0, 11);
    expect(caliVethName("default", "web")).toBe(want);
  });

  it("node routes: own block blackholed, remote blocks via tunl0 from bird, pods on cali veths", () => {
    const routes = ipRoute(calico(), { kind: "node", name: "worker1" }).split("\n");
    expect(routes[0]).toBe("default via 172.18.0.1 dev eth0 ");
    expect(routes).toContain("172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3 ");
    expect(routes).toContain("blackhole 192.168.105.64/26 proto bird ");
    expect(routes).toContain("192.168.33.0/26 via 172.18.0.4 dev tunl0 proto bird onlink ");
    expect(routes).toContain(`192.168.105.70 dev ${caliVethName("default", "web")} scope link `);
    // the kernel lists routes in address order
    expect(routes.indexOf("192.168.33.0/26 via 172.18.0.4 dev tunl0 proto bird onlink ")).toBeLessThan(routes.indexOf("blackhole 192.168.105.64/26 proto bird "));
  });

  it("pod routes: default via 169.254.1.1 and a /32 address", () => {
    expect(ipRoute(calico(), { kind: "pod", namespace: "default", name: "web" })).toBe("default via 169.254.1.1 dev eth0 \n169.254.1.1 dev eth0 scope link \n");
    expect(ipAddr(calico(), { kind: "pod", namespace: "default", name: "web" })).toContain("    inet 192.168.105.70/32 scope global eth0\n       valid_lft forever preferred_lft forever\n");
  });

  it("node addresses include tunl0 from the node's block", () => {
    const addr = ipAddr(calico(), { kind: "node", name: "worker1" });
    expect(addr).toContain("2: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/ipip 0.0.0.0 brd 0.0.0.0\n    inet 192.168.105.64/32 scope global tunl0");
    expect(addr).toContain("inet 172.18.0.3/16 brd 172.18.255.255 scope global eth0");
  });

  it("calicoctl node status lists the BGP mesh in tablewriter layout", () => {
    const view = fakeView({
      config: { cni: "calico", nodes: [{ name: "a", ip: "172.18.0.2", roles: [] }, { name: "b", ip: "172.18.0.3", roles: [] }] },
      objects: [node("a", "172.18.0.2"), node("b", "172.18.0.3"), { ...pod({ ns: "kube-system", name: "calico-node-x", ip: "172.18.0.2", node: "a", labels: { "k8s-app": "calico-node" }, hostNetwork: true }), status: { phase: "Running", startTime: "2026-01-01T09:12:52Z" } }],
    });
    expect(calicoNodeStatus(view, "a")).toEqual({
      exitCode: 0,
      stdout: [
        "Calico process is running.",
        "",
        "IPv4 BGP status",
        "+--------------+-------------------+-------+----------+-------------+",
        "| PEER ADDRESS |     PEER TYPE     | STATE |  SINCE   |    INFO     |",
        "+--------------+-------------------+-------+----------+-------------+",
        "| 172.18.0.3   | node-to-node mesh | up    | 09:12:52 | Established |",
        "+--------------+-------------------+-------+----------+-------------+",
        "",
        "IPv6 BGP status",
        "No IPv6 peers found.",
        "",
        "",
      ].join("\n"),
    });
  });

  it("calicoctl is absent without Calico", () => {
    expect(calicoNodeStatus(flannel(), "worker1")).toBeNull();
  });
});

describe("Flannel", () => {
  it("node routes: cni0 for the own /24, flannel.1 onlink for the others", () => {
    expect(ipRoute(flannel(), { kind: "node", name: "worker1" })).toBe(
      [
        "default via 172.18.0.1 dev eth0 ",
        "10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink ",
        "10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1 ",
        "10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink ",
        "172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3 ",
        "",
      ].join("\n"),
    );
  });

  it("node addresses: flannel.1 is .0/32, cni0 is .1/24", () => {
    const addr = ipAddr(flannel(), { kind: "node", name: "worker1" });
    expect(addr).toContain("inet 10.244.1.0/32 scope global flannel.1");
    expect(addr).toContain("inet 10.244.1.1/24 brd 10.244.1.255 scope global cni0");
  });
});

describe("kube-ipvs0", () => {
  it("appears on nodes in IPVS mode with every cluster IP", () => {
    const view = fakeView({ config: { proxyMode: "ipvs" }, objects: [node("worker1", "172.18.0.3"), service("default", "kubernetes", "10.96.0.1", [{ name: "https", port: 443 }])] });
    expect(ipAddr(view, { kind: "node", name: "worker1" })).toContain(": kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default \n");
    expect(ipAddr(view, { kind: "node", name: "worker1" })).toContain("    inet 10.96.0.1/32 scope global kube-ipvs0\n");
  });
});
