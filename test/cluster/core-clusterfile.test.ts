// The cluster file: defaults for every key, and errors that name the field.
import { describe, expect, it } from "vitest";
import { ClusterFileError, createCluster, parseClusterFile } from "../../src/cluster/index.ts";

const doc = (spec: string) => `apiVersion: labnotes.dev/v1alpha1\nkind: Cluster\nspec:\n${spec}\n`;

describe("parseClusterFile", () => {
  it("fills the documented defaults when there is no Cluster document", () => {
    const f = parseClusterFile("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    expect(f.config).toEqual({
      name: "default",
      kubernetesVersion: "v1.32.0",
      nodes: [
        { name: "control-plane", ip: "172.18.0.2", roles: ["control-plane"] },
        { name: "worker1", ip: "172.18.0.3", roles: [] },
        { name: "worker2", ip: "172.18.0.4", roles: [] },
      ],
      cni: "calico",
      proxyMode: "iptables",
      serviceCIDR: "10.96.0.0/12",
      podCIDR: "192.168.0.0/16",
      clusterDomain: "cluster.local",
      addons: [],
      loadBalancerPool: [],
      images: {},
      raw: false,
    });
    expect(f.manifests.map((m) => m.kind)).toEqual(["ConfigMap"]);
  });

  it("flannel's pod CIDR defaults to 10.244.0.0/16", () => {
    expect(parseClusterFile(doc("  cni: flannel")).config.podCIDR).toBe("10.244.0.0/16");
  });

  it.each([
    ["  cni: bogus", /spec\.cni: must be one of calico, flannel, cilium, weave/],
    ["  proxyMode: nftables", /spec\.proxyMode/],
    ["  serviceCIDR: 10.96.0.0/40", /spec\.serviceCIDR/],
    ["  nodes: []", /spec\.nodes: must be a non-empty list/],
    ["  nodes:\n  - {name: a, ip: 1.2.3}", /spec\.nodes\[0\]\.ip: must be an IPv4 address/],
    ["  nodes:\n  - {name: a, ip: 1.2.3.4}\n  - {name: a, ip: 1.2.3.5}", /spec\.nodes\[1\]\.name: duplicate node a/],
    ["  addons: [traefik]", /spec\.addons: unknown add-on "traefik"/],
    ["  loadBalancerPool: [nope]", /spec\.loadBalancerPool/],
    ["  raw: yes-please", /spec\.raw/],
  ])("%s", (spec, message) => {
    expect(() => parseClusterFile(doc(spec))).toThrow(ClusterFileError);
    expect(() => parseClusterFile(doc(spec))).toThrow(message);
  });

  it("reports YAML syntax errors with the document number", () => {
    expect(() => parseClusterFile("a: [1\n")).toThrow(/document 1/);
  });

  it("createCluster refuses a manifest the API server refuses, naming it", () => {
    expect(() => createCluster("apiVersion: v1\nkind: Service\nmetadata:\n  name: Bad\nspec:\n  ports: [{port: 80}]\n")).toThrow(/manifest 1 \(Service Bad\): Service "Bad" is invalid/);
  });

  it("custom nodes and cluster domain reach the objects", () => {
    const c = createCluster(doc("  clusterDomain: lab.local\n  nodes:\n  - {name: cp, ip: 10.0.0.10, roles: [control-plane]}\n  - {name: n1, ip: 10.0.0.11}"));
    const nodes = c.list({ group: "", resource: "nodes" });
    expect(nodes.ok && nodes.value.map((n) => n.metadata.name)).toEqual(["cp", "n1"]);
    const cm = c.get({ group: "", resource: "configmaps", namespace: "kube-system", name: "coredns" });
    expect(cm.ok && (cm.value.data as Record<string, string>).Corefile).toContain("kubernetes lab.local in-addr.arpa ip6.arpa");
    const k = c.get({ group: "", resource: "endpoints", namespace: "default", name: "kubernetes" });
    expect(k.ok && JSON.stringify(k.value.subsets)).toContain("10.0.0.10");
  });
});
