import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCluster } from "../../src/cluster/index.ts";
import { felixRuleHashes } from "../../src/cluster/cni/calico-iptables.ts";
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

// Felix's nat chains on a Calico node. The expected `cali:` hashes are the ones real
// Calico nodes print for these rules (projectcalico/felix#1421, aws/amazon-vpc-cni-k8s#34,
// projectcalico/calico#7489 captures): the hash depends only on the chain and the rules.
describe("Calico (Felix) nat chains", () => {
  it.each([
    ["INPUT", "cali-INPUT", "Cz_u1IQiXIMmKD4c"],
    ["FORWARD", "cali-FORWARD", "wUHhoiAYhphO9Mso"],
    ["OUTPUT", "cali-OUTPUT", "tVnHkvAo15HuiPy0"],
    ["PREROUTING", "cali-PREROUTING", "6gwbT8clXdHdC1b1"],
    ["POSTROUTING", "cali-POSTROUTING", "O3lYWMrLQYEMJtB5"],
    ["cali-PREROUTING", "cali-fip-dnat", "r6XmIziWUJsdOK6Z"],
    ["cali-OUTPUT", "cali-fip-dnat", "GBTAv2p5CwevEyJm"],
  ])("a jump from %s to %s hashes to %s", (chain, target, hash) => {
    expect(felixRuleHashes(chain, [{ jump: target }])).toEqual([hash]);
  });

  const natOf = (cni: string) => {
    const c = createCluster(`apiVersion: labnotes.dev/v1alpha1\nkind: Cluster\nspec:\n  cni: ${cni}\n${cni === "flannel" ? "  podCIDR: 10.244.0.0/16\n" : ""}`);
    return c.proxy("worker1").iptablesSave("nat");
  };

  it("a Calico node's nat table has Felix's chains, its jumps first in the builtin chains, and kube-proxy's chains unchanged", () => {
    const nat = natOf("calico");
    const lines = nat.split("\n");
    for (const chain of ["cali-OUTPUT", "cali-POSTROUTING", "cali-PREROUTING", "cali-fip-dnat", "cali-fip-snat", "cali-nat-outgoing"]) expect(lines).toContain(`:${chain} - [0:0]`);
    const prerouting = lines.filter((l) => l.startsWith("-A PREROUTING "));
    expect(prerouting[0]).toBe('-A PREROUTING -m comment --comment "cali:6gwbT8clXdHdC1b1" -j cali-PREROUTING');
    expect(prerouting[1]).toBe('-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
    expect(lines.filter((l) => l.startsWith("-A cali-POSTROUTING "))).toEqual([
      '-A cali-POSTROUTING -m comment --comment "cali:Z-c7XtVd2Bq7s_hA" -j cali-fip-snat',
      '-A cali-POSTROUTING -m comment --comment "cali:nYKhEzDlr11Jccal" -j cali-nat-outgoing',
      '-A cali-POSTROUTING -o tunl0 -m comment --comment "cali:SXWvdsbh4Mw7wOln" -m addrtype ! --src-type LOCAL --limit-iface-out -m addrtype --src-type LOCAL -j MASQUERADE --random-fully',
    ]);
    expect(lines).toContain('-A cali-nat-outgoing -m comment --comment "cali:flqWnvo8yq4ULQLa" -m set --match-set cali40masq-ipam-pools src -m set ! --match-set cali40all-ipam-pools dst -j MASQUERADE --random-fully');
    // kube-proxy's own chains are the same with or without Felix beside them.
    const kube = (text: string) => text.split("\n").filter((l) => /^(:|-A )KUBE-/.test(l) && !l.includes("KUBE-SVC") && !l.includes("KUBE-SEP"));
    expect(kube(nat)).toEqual(kube(natOf("flannel")).filter((l) => !l.includes("FLANNEL")));
  });

  it("a Flannel node has no Felix chains", () => {
    expect(natOf("flannel")).not.toContain("cali");
  });

  it("the mangle table has Felix's PREROUTING/POSTROUTING chains with the hashes real nodes show", () => {
    const c = createCluster();
    const mangle = c.proxy("worker1").iptablesSave("mangle").split("\n");
    expect(mangle.filter((l) => l.startsWith("-A cali-PREROUTING "))).toEqual([
      '-A cali-PREROUTING -m comment --comment "cali:6BJqBjBC7crtA-7-" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A cali-PREROUTING -m comment --comment "cali:KX7AGNd6rMcDUai6" -m mark --mark 0x10000/0x10000 -j ACCEPT',
      '-A cali-PREROUTING -m comment --comment "cali:wNH7KsA3ILKJBsY9" -j cali-from-host-endpoint',
      '-A cali-PREROUTING -m comment --comment "cali:Cg96MgVuoPm7UMRo" -m comment --comment "Host endpoint policy accepted packet." -m mark --mark 0x10000/0x10000 -j ACCEPT',
    ]);
    expect(mangle).toContain('-A cali-POSTROUTING -m comment --comment "cali:nnqPh8lh2VOogSzX" -j MARK --set-xmark 0x0/0xf0000');
    // kubelet's chains stay as they were.
    expect(mangle).toContain(":KUBE-KUBELET-CANARY - [0:0]");
    // libxt_MARK prints a cleared mask as "and" with the inverted mask.
    expect(c.proxy("worker1").iptablesList({ table: "mangle", chain: "cali-POSTROUTING", numeric: true }).stdout).toContain("MARK and 0xfff0ffff");
  });
});
