import { describe, expect, it } from "vitest";
import type { IptablesListOptions } from "../../src/cluster/types.ts";
import { basics, fakeCluster, pod } from "./fake-cluster.ts";
import { inPod, record } from "./helpers.ts";

function nodeSession() {
  const calls: unknown[] = [];
  const cluster = fakeCluster([...basics(), pod("tmp", "nicolaka/netshoot")]);
  Object.assign(cluster, {
    proxy: (node: string) => ({
      mode: "iptables",
      iptablesSave: (t: string) => `*${t} on ${node}\nCOMMIT\n`,
      ipvsadm: (o?: { numeric?: boolean }) => `ipvs numeric=${o?.numeric}\n`,
      iptablesList: (o: IptablesListOptions) => {
        calls.push(["L", o]);
        return { stdout: "listed\n", stderr: "", exitCode: 0 };
      },
      iptablesRules: (o: { table?: string; chain?: string }) => {
        calls.push(["S", o]);
        return { stdout: "rules\n", stderr: "", exitCode: 0 };
      },
    }),
  });
  return { cluster, calls };
}

describe("iptables on a node", () => {
  it.each<[string, unknown]>([
    ["iptables -t nat -L KUBE-SERVICES -n", ["L", { table: "nat", chain: "KUBE-SERVICES", numeric: true, verbose: false, lineNumbers: false }]],
    ["iptables -t nat -nvL --line-numbers", ["L", { table: "nat", numeric: true, verbose: true, lineNumbers: true }]],
    ["iptables -L", ["L", { table: "filter", numeric: false, verbose: false, lineNumbers: false }]],
    ["iptables -t nat -S KUBE-MARK-MASQ", ["S", { table: "nat", chain: "KUBE-MARK-MASQ" }]],
    ["iptables -t mangle -L -n", ["L", { table: "mangle", numeric: true, verbose: false, lineNumbers: false }]],
    ["iptables --table=nat --list-rules", ["S", { table: "nat" }]],
  ])("%s", async (line, call) => {
    const { cluster, calls } = nodeSession();
    const r = record(cluster);
    await r.line("ssh worker1");
    expect(await r.line(line)).toMatchObject({ code: 0 });
    expect(calls).toEqual([call]);
  });

  it.each<[string, string, number]>([
    ["iptables -t foo -L", "iptables v1.8.9 (nf_tables): table 'foo' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n", 3],
    ["iptables -t nat", "iptables v1.8.9 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n", 2],
  ])("%s is refused as iptables does", async (line, stderr, code) => {
    const r = record(nodeSession().cluster);
    await r.line("ssh worker1");
    expect(await r.line(line)).toMatchObject({ stderr, code });
  });

  it("iptables-save prints the node's tables, -t picks one", async () => {
    const r = record(nodeSession().cluster);
    await r.line("ssh worker2");
    expect((await r.line("iptables-save")).stdout).toBe("*mangle on worker2\nCOMMIT\n*filter on worker2\nCOMMIT\n*nat on worker2\nCOMMIT\n");
    expect((await r.line("iptables-save -t nat")).stdout).toBe("*nat on worker2\nCOMMIT\n");
    expect((await r.line("ipvsadm -Ln")).stdout).toBe("ipvs numeric=true\n");
  });

  it("is refused inside a pod without NET_ADMIN", async () => {
    const r = await inPod(nodeSession().cluster, "tmp");
    const got = await r.line("iptables -t nat -L");
    expect(got.code).toBe(4);
    expect(got.stderr).toMatch(/Permission denied \(you must be root\)/);
  });
});

describe("conntrack on a node", () => {
  it("lists the NAT flow a connection through a ClusterIP left on the client's node", async () => {
    const { createCluster } = await import("../../src/cluster/index.ts");
    const cluster = createCluster(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {containers: [{name: c, image: nicolaka/netshoot, command: [sleep, infinity]}]}
`);
    cluster.settle();
    const svc = cluster.get({ group: "", resource: "services", namespace: "default", name: "web" });
    const client = cluster.get({ group: "", resource: "pods", namespace: "default", name: "client" });
    if (!svc.ok || !client.ok) throw new Error("fixture did not apply");
    const clusterIP = (svc.value.spec as { clusterIP: string }).clusterIP;
    const { podIP } = client.value.status as { podIP: string };
    const node = (client.value.spec as { nodeName: string }).nodeName;
    const result = cluster.connect({ from: { kind: "pod", namespace: "default", name: "client" }, to: clusterIP, port: 80, protocol: "TCP" });
    expect(result.outcome.kind).toBe("connected");

    const r = record(cluster);
    await r.line(`ssh ${node}`);
    const got = await r.line("conntrack -L");
    expect(got.code).toBe(0);
    expect(got.stdout).toMatch(new RegExp(`^tcp +6 \\d+ TIME_WAIT src=${podIP} dst=${clusterIP} sport=\\d+ dport=80 src=\\S+ dst=${podIP} sport=80 `, "m"));
    expect(got.stderr).toBe("conntrack v1.4.8 (conntrack-tools): 1 flow entries have been shown.\n");
    expect((await r.line("conntrack -L -p udp")).stderr).toBe("conntrack v1.4.8 (conntrack-tools): 0 flow entries have been shown.\n");
  });
});
