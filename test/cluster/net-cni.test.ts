import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCluster } from "../../src/cluster/index.ts";
import { addCalicoFilterRules, felixRuleHashes } from "../../src/cluster/cni/calico-iptables.ts";
import { newTable } from "../../src/cluster/proxy/rules.ts";
import { saveRule } from "../../src/cluster/proxy/render.ts";
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

// Felix's filter chains. The expected hashes and lines are the ones real Calico nodes print:
// cali-FORWARD from projectcalico/calico#6342 (v3.21), the IPIP rules of cali-INPUT as
// `iptables -L` shows them in calico#4456, the FORWARD appends from felix#2606, the profile
// chains from kubernetes#61005; the profile of kube-system's coredns service account is the
// cali-pri-_u2Tn2rSoAPffvE7JO6 chain seen on kubeadm clusters.
describe("Calico (Felix) filter chains", () => {
  const filterOf = (yaml = "") => createCluster(yaml || undefined).proxy("worker1").iptablesSave("filter").split("\n");
  const acc = { m: "mark" as const, neg: false, value: "0x10000/0x10000" };

  it.each([
    ["cali-FORWARD", [{ clearMark: 0xe0000 }, { match: [{ m: "mark" as const, neg: false, value: "0x0/0x10000" }], jump: "cali-from-hep-forward" }, { match: [{ iface: "in" as const, name: "cali+" }], jump: "cali-from-wl-dispatch" }], ["vjrMJCRpqwy5oRoX", "A_sPAO0mcxbT9mOV", "8ZoYfO5HKXWbB3pk"]],
    ["FORWARD*appends*", [{ comments: ["Policy explicitly accepted packet."], match: [acc], jump: "ACCEPT" }], ["S93hcgKJrXEqnTfs"]],
    ["cali-pri-kns.kube-system", [{ setMark: 0x10000 }, { match: [acc], jump: "RETURN" }], ["zoH5gU6U55FKZxEo", "bcGRIJcyOS9dgBiB"]],
    ["cali-pro-kns.kube-system", [{ setMark: 0x10000 }, { match: [acc], jump: "RETURN" }], ["-50oJuMfLVO3LkBk", "ztVPKv1UYejNzm1g"]],
  ])("%s hashes as on real nodes", (chain, rules, want) => {
    expect(felixRuleHashes(chain, rules)).toEqual(want);
  });

  it("Felix's jumps come first in INPUT/FORWARD/OUTPUT, its two FORWARD rules last, and kube-proxy's chains are unchanged", () => {
    const lines = filterOf();
    const first = (chain: string) => lines.find((l) => l.startsWith(`-A ${chain} `));
    expect(first("INPUT")).toBe('-A INPUT -m comment --comment "cali:Cz_u1IQiXIMmKD4c" -j cali-INPUT');
    expect(first("FORWARD")).toBe('-A FORWARD -m comment --comment "cali:wUHhoiAYhphO9Mso" -j cali-FORWARD');
    expect(first("OUTPUT")).toBe('-A OUTPUT -m comment --comment "cali:tVnHkvAo15HuiPy0" -j cali-OUTPUT');
    expect(lines.filter((l) => l.startsWith("-A FORWARD ")).slice(-2)).toEqual([
      '-A FORWARD -m comment --comment "cali:S93hcgKJrXEqnTfs" -m comment --comment "Policy explicitly accepted packet." -m mark --mark 0x10000/0x10000 -j ACCEPT',
      '-A FORWARD -m comment --comment "cali:mp77cMpurHhyjLrM" -j MARK --set-xmark 0x10000/0x10000',
    ]);
    const kube = (text: string[]) => text.filter((l) => /^(:|-A )(KUBE-|INPUT|FORWARD|OUTPUT)/.test(l) && !l.includes("cali"));
    expect(kube(lines)).toEqual(kube(filterOf("apiVersion: labnotes.dev/v1alpha1\nkind: Cluster\nspec:\n  cni: flannel\n  podCIDR: 10.244.0.0/16\n")).filter((l) => !l.includes("FLANNEL") && !l.includes("10.244.")));
  });

  it("iptables -L shows the IPIP rules as a real node does", () => {
    const out = createCluster().proxy("worker1").iptablesList({ table: "filter", chain: "cali-INPUT" }).stdout.split("\n");
    expect(out[2]).toBe("ACCEPT     ipv4 --  anywhere             anywhere             /* cali:PajejrV4aFdkZojI */ /* Allow IPIP packets from Calico hosts */ match-set cali40all-hosts-net src ADDRTYPE match dst-type LOCAL");
    expect(out[3]).toBe("DROP       ipv4 --  anywhere             anywhere             /* cali:_wjq-Yrma8Ly1Svo */ /* Drop IPIP packets from non-Calico hosts */");
  });

  it("each local workload has dispatch rules, cali-tw-/cali-fw- chains and its profiles' chains", () => {
    const lines = filterOf();
    const c = createCluster();
    const coredns = c.list({ group: "", resource: "pods" }, { namespace: "kube-system" });
    const pod = (coredns.ok ? coredns.value : []).find((p) => p.metadata.name?.startsWith("coredns") && (p.spec as { nodeName?: string }).nodeName === "worker1")!;
    const iface = caliVethName("kube-system", pod.metadata.name!);
    expect(lines).toContain(`:cali-tw-${iface} - [0:0]`);
    expect(lines.filter((l) => l.startsWith(`-A cali-tw-${iface} `)).map((l) => l.replace(/"cali:[^"]+" /, ""))).toEqual([
      `-A cali-tw-${iface} -m comment --comment -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
      `-A cali-tw-${iface} -m comment --comment -m conntrack --ctstate INVALID -j DROP`,
      `-A cali-tw-${iface} -m comment --comment -j MARK --set-xmark 0x0/0x30000`,
      `-A cali-tw-${iface} -m comment --comment -j cali-pri-kns.kube-system`,
      `-A cali-tw-${iface} -m comment --comment -m comment --comment "Return if profile accepted" -m mark --mark 0x10000/0x10000 -j RETURN`,
      `-A cali-tw-${iface} -m comment --comment -j cali-pri-_u2Tn2rSoAPffvE7JO6`,
      `-A cali-tw-${iface} -m comment --comment -m comment --comment "Return if profile accepted" -m mark --mark 0x10000/0x10000 -j RETURN`,
      `-A cali-tw-${iface} -m comment --comment -m comment --comment "Drop if no profiles matched" -j DROP`,
    ]);
    expect(lines.some((l) => l.startsWith(`-A cali-fw-${iface} -p ipv4 `) && l.includes("Drop IPinIP encapped packets originating in workloads"))).toBe(true);
    expect(lines).toContain('-A cali-pri-kns.kube-system -m comment --comment "cali:zoH5gU6U55FKZxEo" -j MARK --set-xmark 0x10000/0x10000');
    expect(lines).toContain(":cali-pri-_u2Tn2rSoAPffvE7JO6 - [0:0]");
    expect(lines.some((l) => l.startsWith(`-A cali-to-wl-dispatch -o ${iface} `) && l.endsWith(`-g cali-tw-${iface}`))).toBe(true);
    expect(lines.filter((l) => l.startsWith("-A cali-wl-to-host "))).toEqual([
      '-A cali-wl-to-host -m comment --comment "cali:Ee9Sbo10IpVujdIY" -j cali-from-wl-dispatch',
      '-A cali-wl-to-host -m comment --comment "cali:nSZbcOoG1xPONxb8" -m comment --comment "Configured DefaultEndpointToHostAction" -j ACCEPT',
    ]);
  });

  it.each([
    [[], [["cali-from-wl-dispatch", ['-m comment --comment "Unknown interface" -j DROP']]]],
    [["cali1aa"], [["cali-from-wl-dispatch", ["-i cali1aa -g cali-fw-cali1aa", '-m comment --comment "Unknown interface" -j DROP']]]],
    [
      ["cali2cc", "cali1aa", "cali1bb"],
      [
        ["cali-from-wl-dispatch", ["-i cali1+ -g cali-from-wl-dispatch-1", "-i cali2cc -g cali-fw-cali2cc", '-m comment --comment "Unknown interface" -j DROP']],
        ["cali-from-wl-dispatch-1", ["-i cali1aa -g cali-fw-cali1aa", "-i cali1bb -g cali-fw-cali1bb", '-m comment --comment "Unknown interface" -j DROP']],
      ],
    ],
  ])("workloads %j dispatch as a shallow prefix tree", (ifaces, want) => {
    const t = newTable("filter");
    addCalicoFilterRules(t, ifaces.map((iface) => ({ iface, namespace: "default", serviceAccount: "default" })));
    for (const [chain, rules] of want as [string, string[]][]) {
      const got = t.rules.filter((r) => r.chain === chain).map((r) => saveRule(r).replace(/ -m comment --comment "cali:[^"]+"/, "").replace(`-A ${chain} `, ""));
      expect(got).toEqual(rules);
    }
  });

  it("an IPVS node gets no Felix filter chains (Felix's IPVS support chains are not emulated)", () => {
    const lines = filterOf("apiVersion: labnotes.dev/v1alpha1\nkind: Cluster\nspec:\n  cni: calico\n  proxyMode: ipvs\n");
    expect(lines.some((l) => l.includes("cali-"))).toBe(false);
  });
});
