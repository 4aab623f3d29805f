import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { iptablesList, iptablesRules, iptablesSave, ipvsadm, kubeIpvs0Addresses, portProtoHash, sepChain } from "../../src/cluster/proxy/index.ts";
import { kernelProbability } from "../../src/cluster/proxy/rules.ts";
import { endpointSlice, fakeView, pod, service } from "../../src/cluster/testing/fake-view.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/net/${name}`, import.meta.url), "utf8");

// The real capture of reference §4.3: one ClusterIP service with three endpoints.
const myService = () =>
  fakeView({
    config: { podCIDR: "10.244.0.0/16", cni: "flannel" },
    now: Date.UTC(2026, 10, 25, 17, 11, 50),
    objects: [
      service("default", "my-service", "10.96.45.12", [{ name: "http", port: 80, targetPort: 80 }], { selector: { app: "web" } }),
      endpointSlice("default", "my-service", [{ name: "http", port: 80, targetPort: 80 }], [
        { ip: "10.244.2.4", node: "worker2" },
        { ip: "10.244.1.2", node: "worker1" },
        { ip: "10.244.1.3", node: "worker1" },
      ]),
    ],
  });

describe("chain names (sha256 → base32 → 16 chars)", () => {
  it.each([
    ["default/kubernetes:https", "tcp", "NPX46M4PTMTKRN6Y"],
    ["kube-system/kube-dns:dns", "udp", "TCOU7JCQXEZGVUNU"],
    ["kube-system/kube-dns:dns-tcp", "tcp", "ERIFXISQEP7F7OF4"],
    ["kube-system/kube-dns:metrics", "tcp", "JD5MR3NA4I4DYORP"],
    ["default/my-service", "tcp", "FXIYY6OHUSNBITIX"],
    ["default/my-service:http", "tcp", "I37Z43XJW6BD4TLV"],
  ])("%s %s → %s", (spn, proto, hash) => expect(portProtoHash(spn, proto)).toBe(hash));

  it("endpoint chains hash the endpoint too", () => {
    expect(sepChain("default/my-service:http", "tcp", "10.244.1.2:80")).toBe("KUBE-SEP-E4IOYVFFAU5K3G63");
  });
});

describe("statistic probabilities as iptables-save prints them", () => {
  it.each([
    [3, "0.33333333349"],
    [2, "0.50000000000"],
    [4, "0.25000000000"],
    [5, "0.20000000019"],
  ])("1/%i → %s", (n, text) => expect(kernelProbability(n).toFixed(11)).toBe(text));
});

describe("iptables mode", () => {
  it("iptables-save -t nat matches the real capture byte for byte", () => {
    // The capture was restored into a bare namespace; a live node also has kubelet's and kube-proxy's canary chains.
    const save = iptablesSave(myService(), "worker1", "nat");
    expect(save).toContain(":KUBE-KUBELET-CANARY - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n:KUBE-NODEPORTS - [0:0]\n:KUBE-POSTROUTING - [0:0]\n:KUBE-PROXY-CANARY - [0:0]\n");
    expect(save.replace(/^:KUBE-(KUBELET|PROXY)-CANARY - \[0:0\]\n/gm, "")).toBe(fixture("iptables-save-my-service.txt"));
  });

  it("iptables -t nat -L <chain> -n matches the real layout", () => {
    const view = myService();
    const text = ["KUBE-SERVICES", "KUBE-SVC-I37Z43XJW6BD4TLV", "KUBE-SEP-E4IOYVFFAU5K3G63"]
      .map((chain) => iptablesList(view, "worker1", { table: "nat", chain, numeric: true }).stdout)
      .join("\n");
    expect(text).toBe(fixture("iptables-L-my-service.txt"));
  });

  it("-v and --line-numbers add their columns", () => {
    const out = iptablesList(myService(), "worker1", { table: "nat", chain: "KUBE-SERVICES", numeric: true, verbose: true, lineNumbers: true }).stdout.split("\n");
    expect(out[1]).toBe("num   pkts bytes target     prot opt in     out     source               destination         ");
    expect(out[2].startsWith("1        0     0 KUBE-SVC-I37Z43XJW6BD4TLV  6    --  *      *       0.0.0.0/0            10.96.45.12 ")).toBe(true);
  });

  it("an unknown chain is the real error", () => {
    expect(iptablesList(myService(), "worker1", { table: "nat", chain: "NOPE" })).toEqual({ stdout: "", stderr: "iptables: No chain/target/match by that name.\n", exitCode: 1 });
  });

  it("a service without endpoints gets a filter REJECT and no nat rules", () => {
    const view = fakeView({ config: { podCIDR: "10.244.0.0/16" }, objects: [service("default", "nginx", "10.96.100.200", [{ name: "http", port: 80 }], { selector: { app: "x" } })] });
    const filter = iptablesList(view, "worker1", { table: "filter", chain: "KUBE-SERVICES", numeric: true }).stdout;
    expect(filter).toContain("REJECT     6    --  0.0.0.0/0            10.96.100.200        /* default/nginx:http has no endpoints */ tcp dpt:80 reject-with icmp-port-unreachable");
    expect(iptablesSave(view, "worker1", "nat")).not.toContain("KUBE-SVC-");
  });

  it("ClientIP affinity adds recent matches", () => {
    const view = fakeView({
      config: { podCIDR: "10.244.0.0/16" },
      objects: [
        service("default", "s", "10.96.0.50", [{ port: 80 }], { selector: { a: "b" }, spec: { sessionAffinity: "ClientIP", sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } } }),
        endpointSlice("default", "s", [{ port: 80 }], [{ ip: "10.244.1.2", node: "worker1" }]),
      ],
    });
    const save = iptablesSave(view, "worker1", "nat");
    const sep = sepChain("default/s", "tcp", "10.244.1.2:80");
    expect(save).toContain(`-m recent --rcheck --seconds 10800 --reap --name ${sep} --mask 255.255.255.255 --rsource -j ${sep}`);
    expect(save).toContain(`-m recent --set --name ${sep} --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.2:80`);
  });

  it("NodePort with externalTrafficPolicy Local routes external traffic to local endpoints only", () => {
    const view = fakeView({
      config: { podCIDR: "10.244.0.0/16" },
      objects: [
        service("default", "web", "10.96.0.60", [{ port: 80, nodePort: 30080 }], { type: "NodePort", selector: { a: "b" }, spec: { externalTrafficPolicy: "Local" } }),
        endpointSlice("default", "web", [{ port: 80 }], [{ ip: "10.244.1.2", node: "worker1" }, { ip: "10.244.2.2", node: "worker2" }]),
      ],
    });
    const rules = iptablesRules(view, "worker1", { table: "nat" }).stdout;
    expect(rules).toMatch(/-A KUBE-NODEPORTS -p tcp -m comment --comment "default\/web" -m tcp --dport 30080 -j KUBE-EXT-/);
    expect(rules).toContain('-m comment --comment "pod traffic for default/web external destinations" -j KUBE-SVC-');
    const svl = rules.split("\n").filter((l) => l.startsWith("-A KUBE-SVL-"));
    expect(svl).toHaveLength(1);
    expect(svl[0]).toContain("10.244.1.2:80");
  });
});

describe("IPVS mode", () => {
  const ipvsView = () =>
    fakeView({
      config: { podCIDR: "10.244.0.0/16", proxyMode: "ipvs" },
      objects: [
        service("default", "kubernetes", "10.96.0.1", [{ name: "https", port: 443, targetPort: 6443 }]),
        endpointSlice("default", "kubernetes", [{ name: "https", port: 443, targetPort: 6443 }], [{ ip: "172.18.0.2" }]),
        service("kube-system", "kube-dns", "10.96.0.10", [{ name: "dns", port: 53, protocol: "UDP" }, { name: "dns-tcp", port: 53 }]),
        endpointSlice("kube-system", "kube-dns", [{ name: "dns", port: 53, protocol: "UDP" }, { name: "dns-tcp", port: 53 }], [{ ip: "10.244.0.3" }, { ip: "10.244.0.2" }]),
        pod({ name: "x", ip: "10.244.1.9", node: "worker1" }),
      ],
    });
  it("ipvsadm -Ln lists TCP before UDP, real servers in order, with the real column layout", () => {
    expect(ipvsadm(ipvsView(), "worker1")).toBe(
      [
        "IP Virtual Server version 1.2.1 (size=4096)",
        "Prot LocalAddress:Port Scheduler Flags",
        "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn",
        "TCP  10.96.0.1:443 rr",
        "  -> 172.18.0.2:6443              Masq    1      0          0         ",
        "TCP  10.96.0.10:53 rr",
        "  -> 10.244.0.2:53                Masq    1      0          0         ",
        "  -> 10.244.0.3:53                Masq    1      0          0         ",
        "UDP  10.96.0.10:53 rr",
        "  -> 10.244.0.2:53                Masq    1      0          0         ",
        "  -> 10.244.0.3:53                Masq    1      0          0         ",
        "",
      ].join("\n"),
    );
  });
  it("binds every cluster IP to kube-ipvs0 and keeps only the ipset rules in iptables", () => {
    const view = ipvsView();
    expect(kubeIpvs0Addresses(view, "worker1")).toEqual(["10.96.0.1", "10.96.0.10"]);
    const nat = iptablesSave(view, "worker1", "nat");
    expect(nat).not.toContain("KUBE-SVC-");
    expect(nat).toContain("-A KUBE-SERVICES ! -s 10.244.0.0/16 -m comment --comment \"Kubernetes service cluster ip + port for masquerade purpose\" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ");
  });
  it("a Local policy without local endpoints falls back to every endpoint when the service is reachable from outside", () => {
    const view = fakeView({
      config: { podCIDR: "10.244.0.0/16", proxyMode: "ipvs" },
      objects: [
        service("default", "np", "10.96.0.90", [{ port: 80, nodePort: 30090 }], { type: "NodePort", selector: { a: "b" }, spec: { externalTrafficPolicy: "Local" } }),
        endpointSlice("default", "np", [{ port: 80 }], [{ ip: "10.244.2.4", node: "worker2" }]),
        service("default", "itp", "10.96.0.91", [{ port: 80 }], { selector: { a: "b" }, spec: { internalTrafficPolicy: "Local" } }),
        endpointSlice("default", "itp", [{ port: 80 }], [{ ip: "10.244.2.5", node: "worker2" }]),
      ],
    });
    const text = ipvsadm(view, "worker1");
    expect(text).toContain("TCP  10.96.0.90:80 rr\n  -> 10.244.2.4:80");
    expect(text).toMatch(/TCP {2}172\.18\.0\.\d+:30090 rr\n {2}-> 10\.244\.2\.4:80/);
    // internalTrafficPolicy Local alone: no cluster endpoints are used, the virtual server stays empty.
    expect(text).toContain("TCP  10.96.0.91:80 rr\nTCP");
  });
  it("iptables mode has no virtual servers", () => {
    const view = fakeView({ objects: [service("default", "kubernetes", "10.96.0.1", [{ name: "https", port: 443 }])] });
    expect(ipvsadm(view, "worker1").split("\n")).toHaveLength(4);
    expect(kubeIpvs0Addresses(view, "worker1")).toEqual([]);
  });
});

/** The LoadBalancer Service default/lb (LB IP 172.18.255.200) with one source range and one endpoint on worker1. */
function lbWithSourceRange(range: string) {
  return fakeView({
    config: { podCIDR: "10.244.0.0/16" },
    objects: [
      service("default", "lb", "10.96.0.70", [{ port: 80, nodePort: 30070 }], {
        type: "LoadBalancer",
        selector: { a: "b" },
        spec: { loadBalancerSourceRanges: [range] },
        status: { loadBalancer: { ingress: [{ ip: "172.18.255.200" }] } },
      }),
      endpointSlice("default", "lb", [{ port: 80 }], [{ ip: "10.244.1.2", node: "worker1" }]),
    ],
  });
}

describe("loadBalancerSourceRanges", () => {
  it("adds a KUBE-FW chain and a KUBE-PROXY-FIREWALL drop", () => {
    const view = lbWithSourceRange("203.0.113.0/24");
    const fw = `KUBE-FW-${portProtoHash("default/lb", "tcp")}`;
    const nat = iptablesSave(view, "worker1", "nat");
    expect(nat).toContain(`-A KUBE-SERVICES -d 172.18.255.200/32 -p tcp -m comment --comment "default/lb loadbalancer IP" -m tcp --dport 80 -j ${fw}`);
    expect(nat).toContain(`-A ${fw} -s 203.0.113.0/24 -m comment --comment "default/lb loadbalancer IP" -j KUBE-EXT-`);
    expect(nat).toContain(`-A ${fw} -m comment --comment "other traffic to default/lb will be dropped by KUBE-PROXY-FIREWALL"\n`);
    expect(iptablesSave(view, "worker1", "filter")).toContain(`-A KUBE-PROXY-FIREWALL -d 172.18.255.200/32 -p tcp -m comment --comment "default/lb traffic not accepted by ${fw}" -m tcp --dport 80 -j DROP`);
  });
});

// Facts pinned to upstream source: k/k pkg/proxy/iptables/proxier.go (iptablesJumpChains,
// syncProxyRules), pkg/proxy/ipvs/proxier.go (iptablesJumpChain, ipsetWithIptablesChain,
// writeIptablesRules, acceptIPVSTraffic), pkg/kubelet/kubelet_network_linux.go (KUBE-FIREWALL).
describe("filter table of a live iptables-mode node", () => {
  // A real kubeadm + Flannel control-plane node (kube-proxy v1.3x; captured with iptables 1.8.10, the counters zeroed).
  const flannelNode = () =>
    fakeView({
      config: { podCIDR: "10.244.0.0/16", cni: "flannel" },
      now: Date.UTC(2026, 10, 25, 17, 11, 50),
      podBlocks: { "control-plane": ["10.244.0.0/24"] },
      objects: [
        service("default", "kubernetes", "10.96.0.1", [{ name: "https", port: 443, targetPort: 6443 }]),
        endpointSlice("default", "kubernetes", [{ name: "https", port: 443, targetPort: 6443 }], [{ ip: "172.18.0.2" }]),
      ],
    });

  it("matches a real kubeadm node's iptables-save filter table, flanneld's chain included", () => {
    expect(iptablesSave(flannelNode(), "control-plane", "filter")).toBe(fixture("iptables-save-filter-node.txt"));
  });

  it("flanneld's nat rules follow kube-proxy's POSTROUTING jump, as captured", () => {
    const nat = iptablesRules(flannelNode(), "control-plane", { table: "nat" }).stdout.split("\n");
    expect(nat.filter((l) => l.startsWith("-A POSTROUTING"))).toEqual([
      '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
      '-A POSTROUTING -m comment --comment "flanneld masq" -j FLANNEL-POSTRTG',
    ]);
    expect(nat.filter((l) => l.startsWith("-A FLANNEL-POSTRTG"))).toEqual([
      '-A FLANNEL-POSTRTG -m mark --mark 0x4000/0x4000 -m comment --comment "flanneld masq" -j RETURN',
      '-A FLANNEL-POSTRTG -s 10.244.0.0/24 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j RETURN',
      '-A FLANNEL-POSTRTG -s 10.244.0.0/16 -d 10.244.0.0/24 -m comment --comment "flanneld masq" -j RETURN',
      '-A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d 10.244.0.0/24 -m comment --comment "flanneld masq" -j RETURN',
      '-A FLANNEL-POSTRTG -s 10.244.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully',
      '-A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully',
    ]);
  });

  it("iptables -n -L of the filter table matches a real v1.30 kubeadm node (trailing blanks trimmed in the capture)", () => {
    const out = iptablesList(myService(), "worker1", { table: "filter", numeric: true }).stdout;
    expect(out.replace(/ +$/gm, "")).toBe(fixture("iptables-L-n-filter-node.txt"));
  });

  it("iptables -L prints the inverted conntrack state before its keyword", () => {
    const out = iptablesList(myService(), "worker1", { table: "filter", chain: "KUBE-FIREWALL", numeric: true }).stdout;
    expect(out).toContain("DROP       0    -- !127.0.0.0/8          127.0.0.0/8          /* block incoming localnet connections */ ! ctstate RELATED,ESTABLISHED,DNAT");
  });
});

describe("iptables mode: external destinations follow hasEndpoints / hasExternalEndpoints", () => {
  const localNodePort = () =>
    fakeView({
      config: { podCIDR: "10.244.0.0/16" },
      objects: [
        service("default", "web", "10.96.0.60", [{ port: 80, nodePort: 30080 }], { type: "NodePort", selector: { a: "b" }, spec: { externalTrafficPolicy: "Local" } }),
        endpointSlice("default", "web", [{ port: 80 }], [{ ip: "10.244.2.2", node: "worker2" }]),
      ],
    });

  it("ETP Local without a local endpoint: the nodeport still jumps to KUBE-EXT (short-circuit) and filter DROPs the rest", () => {
    const ext = `KUBE-EXT-${portProtoHash("default/web", "tcp")}`;
    const nat = iptablesRules(localNodePort(), "worker1", { table: "nat" }).stdout;
    expect(nat).toContain(`-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web" -m tcp --dport 30080 -j ${ext}\n`);
    const extRules = nat.split("\n").filter((l) => l.startsWith(`-A ${ext} `));
    // pod, masquerade-LOCAL and route-LOCAL rules, but no fall-through to an (absent) KUBE-SVL chain.
    expect(extRules).toHaveLength(3);
    expect(nat).not.toContain("KUBE-SVL-");
    const filter = iptablesSave(localNodePort(), "worker1", "filter");
    expect(filter).toContain('-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j DROP\n');
  });

  it("the node that hosts the endpoint gets the KUBE-SVL fall-through and no DROP", () => {
    expect(iptablesSave(localNodePort(), "worker2", "filter")).not.toContain("has no local endpoints");
    expect(iptablesRules(localNodePort(), "worker2", { table: "nat" }).stdout).toMatch(/-A KUBE-EXT-\w+ -j KUBE-SVL-/);
  });

  it("internalTrafficPolicy Local writes endpoint chains only for this node's endpoints", () => {
    const view = fakeView({
      config: { podCIDR: "10.244.0.0/16" },
      objects: [
        service("default", "itp", "10.96.0.61", [{ port: 80 }], { selector: { a: "b" }, spec: { internalTrafficPolicy: "Local" } }),
        endpointSlice("default", "itp", [{ port: 80 }], [{ ip: "10.244.1.5", node: "worker1" }, { ip: "10.244.2.5", node: "worker2" }]),
      ],
    });
    const nat = iptablesSave(view, "worker1", "nat");
    expect(nat).toContain(`:${sepChain("default/itp", "tcp", "10.244.1.5:80")} - [0:0]`);
    expect(nat).not.toContain(sepChain("default/itp", "tcp", "10.244.2.5:80"));
  });

  it("a source range that holds the node IP lets the LB IP through KUBE-FW", () => {
    const view = lbWithSourceRange("0.0.0.0/0");
    const fw = `KUBE-FW-${portProtoHash("default/lb", "tcp")}`;
    const lines = iptablesRules(view, "worker1", { table: "nat" }).stdout.split("\n").filter((l) => l.startsWith(`-A ${fw} `));
    expect(lines.map((l) => l.replace(/ -j KUBE-EXT-\w+$/, " -j EXT"))).toEqual([
      `-A ${fw} -s 0.0.0.0/0 -m comment --comment "default/lb loadbalancer IP" -j EXT`,
      `-A ${fw} -s 172.18.255.200/32 -m comment --comment "default/lb loadbalancer IP" -j EXT`,
      `-A ${fw} -m comment --comment "other traffic to default/lb will be dropped by KUBE-PROXY-FIREWALL"`,
    ]);
  });
});

describe("IPVS mode iptables rules", () => {
  const ipvs = (objects: Parameters<typeof fakeView>[0]["objects"], podCIDR: string | undefined = "10.244.0.0/16") =>
    fakeView({ config: { podCIDR, proxyMode: "ipvs" }, objects });
  const base = [
    service("default", "kubernetes", "10.96.0.1", [{ name: "https", port: 443, targetPort: 6443 }]),
    endpointSlice("default", "kubernetes", [{ name: "https", port: 443, targetPort: 6443 }], [{ ip: "172.18.0.2" }]),
  ];
  const chain = (text: string, name: string) => text.split("\n").filter((l) => l.startsWith(`-A ${name} `));

  it("KUBE-SERVICES: localhost RETURN first, cluster-IP masquerade, nodeport hand-off, ACCEPT last", () => {
    const nat = iptablesSave(ipvs(base), "worker1", "nat");
    expect(chain(nat, "KUBE-SERVICES")).toEqual([
      "-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN",
      '-A KUBE-SERVICES ! -s 10.244.0.0/16 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ',
      "-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT",
      "-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT",
    ]);
  });

  it("without a cluster CIDR the cluster-IP masquerade matches src,dst", () => {
    expect(iptablesSave(ipvs(base, ""), "worker1", "nat")).toContain(
      '-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP src,dst -j KUBE-MARK-MASQ\n',
    );
  });

  it("the hairpin KUBE-LOOP-BACK rule exists only where an endpoint runs", () => {
    const objects = [...base, service("default", "w", "10.96.0.80", [{ port: 80 }], { selector: { a: "b" } }), endpointSlice("default", "w", [{ port: 80 }], [{ ip: "10.244.1.4", node: "worker1" }])];
    const loop = '-A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE\n';
    expect(iptablesSave(ipvs(objects), "worker1", "nat")).toContain(loop);
    expect(iptablesSave(ipvs(objects), "worker2", "nat")).not.toContain(loop);
  });

  it("filter: no INVALID drop in KUBE-FORWARD, the health-check ACCEPT, kubelet's KUBE-FIREWALL after the proxy jumps", () => {
    const filter = iptablesSave(ipvs(base), "worker1", "filter");
    expect(chain(filter, "KUBE-FORWARD")).toEqual([
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    ]);
    expect(chain(filter, "KUBE-NODE-PORT")).toEqual(['-A KUBE-NODE-PORT -m comment --comment "Kubernetes health check node port" -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT']);
    expect(chain(filter, "INPUT").map((l) => l.replace(/.* -j /, ""))).toEqual(["KUBE-IPVS-FILTER", "KUBE-PROXY-FIREWALL", "KUBE-NODE-PORT", "KUBE-FIREWALL"]);
    expect(chain(filter, "OUTPUT").map((l) => l.replace(/.* -j /, ""))).toEqual(["KUBE-IPVS-OUT-FILTER", "KUBE-FIREWALL"]);
  });

  it("NodePort, externalIP and LoadBalancer sets add their jumps in the upstream order", () => {
    const objects = [
      ...base,
      service("default", "np", "10.96.0.90", [{ port: 80, nodePort: 30090 }], {
        type: "LoadBalancer",
        selector: { a: "b" },
        spec: { externalTrafficPolicy: "Local", externalIPs: ["192.0.2.10"] },
        status: { loadBalancer: { ingress: [{ ip: "172.18.255.201" }] } },
      }),
      endpointSlice("default", "np", [{ port: 80 }], [{ ip: "10.244.1.4", node: "worker1" }]),
    ];
    const nat = iptablesSave(ipvs(objects), "worker1", "nat");
    expect(chain(nat, "KUBE-NODE-PORT")).toEqual([
      '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port with externalTrafficPolicy=local" -m set --match-set KUBE-NODE-PORT-LOCAL-TCP dst -j RETURN',
      '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ',
    ]);
    expect(chain(nat, "KUBE-LOAD-BALANCER")).toEqual([
      '-A KUBE-LOAD-BALANCER -m comment --comment "Kubernetes service load balancer ip + port with externalTrafficPolicy=local" -m set --match-set KUBE-LOAD-BALANCER-LOCAL dst,dst -j RETURN',
      "-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ",
    ]);
    const svcs = chain(nat, "KUBE-SERVICES");
    expect(svcs[1]).toBe('-A KUBE-SERVICES -m comment --comment "Kubernetes service lb portal" -m set --match-set KUBE-LOAD-BALANCER dst,dst -j KUBE-LOAD-BALANCER');
    expect(svcs).toContain(
      '-A KUBE-SERVICES -m comment --comment "Kubernetes service external ip + port with externalTrafficPolicy=local" -m set --match-set KUBE-EXTERNAL-IP-LOCAL dst,dst -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL -j ACCEPT',
    );
    expect(svcs.slice(-2)).toEqual(["-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT", "-A KUBE-SERVICES -m set --match-set KUBE-LOAD-BALANCER dst,dst -j ACCEPT"]);
  });
});

describe("mangle table and canaries", () => {
  const objects = [service("default", "kubernetes", "10.96.0.1", [{ name: "https", port: 443 }])];
  it("holds kubelet's KUBE-IPTABLES-HINT and both canaries on an iptables-mode node, as captured", () => {
    // A Flannel node: Felix (Calico) adds its own cali-* chains to the mangle table.
    const view = fakeView({ config: { podCIDR: "10.244.0.0/16", cni: "flannel" }, now: Date.UTC(2026, 10, 25, 17, 11, 50), objects });
    expect(iptablesSave(view, "worker1", "mangle")).toBe(
      [
        "# Generated by iptables-save v1.8.9 (nf_tables) on Wed Nov 25 17:11:50 2026",
        "*mangle",
        ":PREROUTING ACCEPT [0:0]",
        ":INPUT ACCEPT [0:0]",
        ":FORWARD ACCEPT [0:0]",
        ":OUTPUT ACCEPT [0:0]",
        ":POSTROUTING ACCEPT [0:0]",
        ":KUBE-IPTABLES-HINT - [0:0]",
        ":KUBE-KUBELET-CANARY - [0:0]",
        ":KUBE-PROXY-CANARY - [0:0]",
        "COMMIT",
        "# Completed on Wed Nov 25 17:11:50 2026",
        "",
      ].join("\n"),
    );
  });
  it("a cluster set up in IPVS mode has no KUBE-PROXY-CANARY (the IPVS proxier runs no iptables monitor)", () => {
    const view = fakeView({ config: { podCIDR: "10.244.0.0/16", proxyMode: "ipvs" }, objects });
    for (const t of ["mangle", "nat", "filter"] as const) {
      const text = iptablesSave(view, "worker1", t);
      expect(text).toContain(":KUBE-KUBELET-CANARY - [0:0]");
      expect(text).not.toContain("KUBE-PROXY-CANARY");
    }
  });
});
