import { describe, expect, it } from "vitest";
import { a, basics, coredns, dnsOf, fakeCluster, pod } from "./fake-cluster.ts";
import { inPod } from "./helpers.ts";

const records = { "my-svc.default.svc.cluster.local.": "10.96.45.12" };

function netshootCluster() {
  return fakeCluster([...basics(), pod("tmp", "nicolaka/netshoot")], { lookup: dnsOf(records) });
}

describe("nslookup (BIND, netshoot) — reference §7.2", () => {
  it("prints the RA warnings, server header and answer of a Service name", async () => {
    const r = await inPod(netshootCluster(), "tmp");
    const { stdout, code } = await r.line("nslookup my-svc");
    expect(code).toBe(0);
    expect(stdout).toBe(
      ";; Got recursion not available from 10.96.0.10\n" +
        "Server:\t\t10.96.0.10\n" +
        "Address:\t10.96.0.10#53\n\n" +
        "Name:\tmy-svc.default.svc.cluster.local\n" +
        "Address: 10.96.45.12\n" +
        ";; Got recursion not available from 10.96.0.10\n\n",
    );
  });

  it("reports NXDOMAIN with the name as typed and exits 1", async () => {
    const cluster = fakeCluster([...basics(), pod("tmp", "nicolaka/netshoot")], {
      lookup: (_f, req) => {
        // the absolute query goes upstream, which sets RA: no warning line for it
        const misses = ["default.svc.cluster.local", "svc.cluster.local", "cluster.local"].map((s) => coredns(`${req.name}.${s}.`, "A", [], "NXDOMAIN"));
        const upstream = { ...coredns(`${req.name}.`, "A", [], "NXDOMAIN") };
        upstream.reply = { ...upstream.reply!, recursionAvailable: true, authoritative: false };
        return { exchanges: [...misses, upstream], final: null };
      },
    });
    const r = await inPod(cluster, "tmp");
    const { stdout, code } = await r.line("nslookup nosuch");
    expect(code).toBe(1);
    expect(stdout).toBe(
      ";; Got recursion not available from 10.96.0.10\n".repeat(3) + "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nosuch: NXDOMAIN\n\n",
    );
  });

  it("uses the pod's resolv.conf search path (the query for my-svc is my-svc.default.svc.cluster.local)", async () => {
    const cluster = netshootCluster();
    const r = await inPod(cluster, "tmp");
    await r.line("nslookup my-svc");
    expect(cluster.lookups[0]).toMatchObject({ name: "my-svc", type: "A", search: true });
  });
});

// BusyBox 1.36 nslookup (networking/nslookup.c, FEATURE_NSLOOKUP_BIG: add_query_with_search,
// send_queries, parse_reply): a dotless name goes under every search domain and never bare,
// A for all of them then AAAA, each reply printed in turn; any error rcode makes the status 1.
// Real 1.31 captures of the dotted case: https://github.com/docker-library/busybox/issues/61
describe("nslookup (BusyBox 1.36)", () => {
  const bb = async () => inPod(fakeCluster([...basics(), pod("bb", "busybox")], { lookup: dnsOf(records) }), "bb", "sh");
  const HEADER = "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n";
  it.each([
    [
      "nslookup my-svc",
      HEADER +
        "Name:\tmy-svc.default.svc.cluster.local\nAddress: 10.96.45.12\n\n" +
        "** server can't find my-svc.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find my-svc.cluster.local: NXDOMAIN\n\n" +
        "*** Can't find my-svc.default.svc.cluster.local: No answer\n\n" +
        "** server can't find my-svc.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find my-svc.cluster.local: NXDOMAIN\n\n",
      1,
    ],
    ["nslookup my-svc.default.svc.cluster.local", HEADER + "Name:\tmy-svc.default.svc.cluster.local\nAddress: 10.96.45.12\n\n*** Can't find my-svc.default.svc.cluster.local: No answer\n\n", 0],
    // a dotted short name is not searched: the classic "busybox cannot resolve kubernetes.default"
    ["nslookup my-svc.default", HEADER + "** server can't find my-svc.default: NXDOMAIN\n\n** server can't find my-svc.default: NXDOMAIN\n\n", 1],
    ["nslookup -type=a my-svc.default.svc.cluster.local", HEADER + "Name:\tmy-svc.default.svc.cluster.local\nAddress: 10.96.45.12\n\n", 0],
  ])("%s", async (line, stdout, code) => {
    const r = await bb();
    const got = await r.line(line);
    expect({ stdout: got.stdout, code: got.code }).toEqual({ stdout, code });
  });
});

describe("dig — reference §7.3", () => {
  it("prints the full answer with BIND's layout and message size", async () => {
    const r = await inPod(netshootCluster(), "tmp");
    const { stdout, code } = await r.line("dig my-svc.default.svc.cluster.local");
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("");
    expect(lines[1]).toBe("; <<>> DiG 9.18.33 <<>> my-svc.default.svc.cluster.local");
    expect(stdout).toContain(";; WARNING: .local is reserved for Multicast DNS\n;; You are currently testing what happens when an mDNS query is leaked to DNS\n");
    expect(stdout).toMatch(/;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: \d+\n;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n;; WARNING: recursion requested but not available\n/);
    expect(stdout).toContain(";; QUESTION SECTION:\n;my-svc.default.svc.cluster.local. IN\tA\n\n");
    expect(stdout).toContain(";; ANSWER SECTION:\nmy-svc.default.svc.cluster.local. 30 IN\tA\t10.96.45.12\n\n");
    expect(stdout).toContain(";; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)\n");
    expect(stdout).toContain(";; MSG SIZE  rcvd: 121\n\n");
    expect(stdout.endsWith("\n\n")).toBe(true);
  });

  it.each([
    ["dig +short my-svc.default.svc.cluster.local", "10.96.45.12\n"],
    ["dig +noall +answer my-svc.default.svc.cluster.local", "my-svc.default.svc.cluster.local. 30 IN\tA\t10.96.45.12\n"],
  ])("%s", async (line, expected) => {
    const r = await inPod(netshootCluster(), "tmp");
    expect((await r.line(line)).stdout).toBe(expected);
  });

  it("does not use the search list unless +search", async () => {
    const cluster = netshootCluster();
    const r = await inPod(cluster, "tmp");
    await r.line("dig my-svc");
    await r.line("dig +search my-svc");
    expect(cluster.lookups.map((l) => [l.name, l.search])).toEqual([
      ["my-svc.", false],
      ["my-svc", true],
    ]);
  });

  it("lays out a short name with tabs to BIND's columns", async () => {
    const cluster = fakeCluster([...basics(), pod("tmp", "nicolaka/netshoot")], {
      lookup: () => {
        const ex = coredns("web.", "A", [a("web.", "1.2.3.4", 300)]);
        return { exchanges: [ex], final: ex };
      },
    });
    const r = await inPod(cluster, "tmp");
    const { stdout } = await r.line("dig web");
    expect(stdout).toContain(";web.\t\t\t\tIN\tA\n");
    expect(stdout).toContain("web.\t\t\t300\tIN\tA\t1.2.3.4\n");
  });
});

describe("host", () => {
  it.each([
    ["host my-svc", "my-svc.default.svc.cluster.local has address 10.96.45.12\n", 0],
    ["host nosuch", "Host nosuch not found: 3(NXDOMAIN)\n", 1],
  ])("%s", async (line, expected, code) => {
    const r = await inPod(netshootCluster(), "tmp");
    const got = await r.line(line);
    expect(got.stdout).toBe(expected);
    expect(got.code).toBe(code);
  });
});

describe("nslookup (BusyBox 1.36) on the emulated cluster", () => {
  it("a headless Service: one reply listing every ready pod, then AAAA's No answer", async () => {
    const { createCluster } = await import("../../src/cluster/index.ts");
    const { record } = await import("./helpers.ts");
    const { kubectl } = await import("../../src/kubectl/index.ts");
    const r = record(createCluster(undefined, { seed: 3 }), kubectl);
    for (const line of ["kubectl create deployment web --image=nginx --replicas=2", "kubectl expose deployment web --name=web-hl --cluster-ip=None --port=80", "kubectl run bb --image=busybox:1.36 --restart=Never -- sleep 3600", "sleep 30"]) await r.line(line);
    const ips = (await r.line("kubectl get pods -l app=web -o jsonpath='{.items[*].status.podIP}'")).stdout.split(" ").sort();
    const got = await r.line("kubectl exec bb -- nslookup web-hl.default.svc.cluster.local");
    const name = "web-hl.default.svc.cluster.local";
    const shown = [...got.stdout.matchAll(/Name:\tweb-hl\.default\.svc\.cluster\.local\nAddress: (\S+)\n/g)].map((m) => m[1]);
    expect([...shown].sort()).toEqual(ips);
    const answers = shown.map((ip) => `Name:\t${name}\nAddress: ${ip}\n`).join("");
    expect(got.stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n${answers}\n*** Can't find ${name}: No answer\n\n`);
    expect(got.code).toBe(0);
  });
});
