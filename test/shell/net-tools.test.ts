import { describe, expect, it } from "vitest";
import type { ConnectRequest, ConnectResult, Outcome } from "../../src/cluster/index.ts";
import { basics, dnsOf, fakeCluster, pod } from "./fake-cluster.ts";
import { inPod } from "./helpers.ts";

const NGINX_BODY = "<html>welcome</html>\n";

function answer(outcome: Outcome, elapsedMs = 2): (req: ConnectRequest) => ConnectResult {
  return () => ({ outcome, trace: [], elapsedMs });
}

const ok: Outcome = {
  kind: "http",
  ip: "10.96.45.12",
  port: 80,
  response: { status: 200, reason: "OK", httpVersion: "1.1", headers: [["Server", "nginx/1.27.4"], ["Content-Type", "text/html"]], body: NGINX_BODY },
};

async function netshoot(connect: (req: ConnectRequest) => ConnectResult, image = "nicolaka/netshoot") {
  const cluster = fakeCluster([...basics(), pod("tmp", image)], { lookup: dnsOf({ "my-svc.default.svc.cluster.local.": "10.96.45.12" }), connect });
  return { cluster, r: await inPod(cluster, "tmp", image === "nicolaka/netshoot" ? "bash" : "sh") };
}

describe("curl — reference §7.4", () => {
  it("prints the body of a successful request", async () => {
    const { r, cluster } = await netshoot(answer(ok));
    expect(await r.line("curl http://my-svc")).toMatchObject({ stdout: NGINX_BODY, stderr: "", code: 0 });
    expect(cluster.connects[0]).toMatchObject({ from: { kind: "pod", namespace: "default", name: "tmp" }, port: 80, http: { method: "GET", path: "/" } });
    expect(cluster.connects[0].http?.headers).toEqual({ Host: "my-svc", "User-Agent": "curl/8.14.1", Accept: "*/*" });
  });

  it.each<[string, Outcome, string, number]>([
    ["curl http://nosuch", { kind: "nxdomain", name: "nosuch" }, "curl: (6) Could not resolve host: nosuch\n", 6],
    ["curl http://my-svc", { kind: "refused", ip: "10.96.45.12", port: 80, reason: "no-endpoints" }, "curl: (7) Failed to connect to my-svc port 80 after 2 ms: Couldn't connect to server\n", 7],
    [
      "curl --connect-timeout 5 http://my-svc",
      { kind: "timeout", ip: "10.96.45.12", port: 80, reason: "policy", afterMs: 5001 },
      "curl: (28) Failed to connect to my-svc port 80 after 5001 ms: Timeout was reached\n",
      28,
    ],
  ])("%s fails with curl's message and exit code", async (line, outcome, stderr, code) => {
    const { r } = await netshoot(answer(outcome, outcome.kind === "timeout" ? 5001 : 2));
    expect(await r.line(line)).toMatchObject({ stdout: "", stderr, code });
  });

  it("-s hides the error, -sS shows it", async () => {
    const { r } = await netshoot(answer({ kind: "nxdomain", name: "x" }));
    expect(await r.line("curl -s http://x")).toMatchObject({ stderr: "", code: 6 });
    expect(await r.line("curl -sS http://x")).toMatchObject({ stderr: "curl: (6) Could not resolve host: x\n", code: 6 });
  });

  it("-I prints the status line and headers with CRLF", async () => {
    const { r, cluster } = await netshoot(answer(ok));
    const got = await r.line("curl -I http://my-svc/");
    expect(got.stdout).toBe("HTTP/1.1 200 OK\r\nServer: nginx/1.27.4\r\nContent-Type: text/html\r\n\r\n");
    expect(cluster.connects[0].http?.method).toBe("HEAD");
  });

  it("-H overrides Host, -o writes the file, -w reports the status", async () => {
    const { r, cluster } = await netshoot(answer(ok));
    const got = await r.line("curl -s -o /tmp/page -w '%{http_code}\\n' -H 'Host: myapp.example.com' http://my-svc/api");
    expect(got.stdout).toBe("200\n");
    expect(cluster.connects[0].http).toMatchObject({ path: "/api", headers: { Host: "myapp.example.com" } });
    expect((await r.line("cat /tmp/page")).stdout).toBe(NGINX_BODY);
  });

  it("-v traces the connection on stderr", async () => {
    const { r } = await netshoot(answer(ok));
    const got = await r.line("curl -v http://my-svc");
    expect(got.stdout).toBe(NGINX_BODY);
    expect(got.stderr.split("\n").slice(0, 7)).toEqual([
      "* Host my-svc:80 was resolved.",
      "* IPv6: (none)",
      "* IPv4: 10.96.45.12",
      "*   Trying 10.96.45.12:80...",
      "* Connected to my-svc (10.96.45.12) port 80",
      "* using HTTP/1.x",
      "> GET / HTTP/1.1\r",
    ]);
  });

  it("writes -w output with status 000 when the transfer fails", async () => {
    const { r } = await netshoot(answer({ kind: "refused", ip: "10.96.45.12", port: 80, reason: "no-endpoints" }));
    expect(await r.line("curl -s -o /dev/null -w '%{http_code}\\n' http://my-svc")).toMatchObject({ stdout: "000\n", stderr: "", code: 7 });
  });

  it("reports an unknown option as curl does", async () => {
    const { r } = await netshoot(answer(ok));
    expect(await r.line("curl --bogus http://x")).toMatchObject({ stderr: "curl: option --bogus: is unknown\ncurl: try 'curl --help' for more information\n", code: 2 });
  });
});

describe("ping — reference §7.5", () => {
  it("iputils: replies and statistics", async () => {
    const { r } = await netshoot(answer({ kind: "connected", ip: "10.244.2.7" }));
    const got = await r.line("ping -c 2 10.244.2.7");
    expect(got.code).toBe(0);
    expect(got.stdout).toMatch(
      /^PING 10\.244\.2\.7 \(10\.244\.2\.7\) 56\(84\) bytes of data\.\n64 bytes from 10\.244\.2\.7: icmp_seq=1 ttl=64 time=\d\.\d{3} ms\n64 bytes from 10\.244\.2\.7: icmp_seq=2 ttl=64 time=\d\.\d{3} ms\n\n--- 10\.244\.2\.7 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time \d+ms\nrtt min\/avg\/max\/mdev = [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ ms\n$/,
    );
  });

  it("iputils: no reply is 100% loss, a trailing blank line and exit 1", async () => {
    const { r } = await netshoot(answer({ kind: "timeout", ip: "10.96.45.12", reason: "no-answer", afterMs: 3000 }));
    const got = await r.line("ping -c 3 10.96.45.12");
    expect(got.code).toBe(1);
    expect(got.stdout).toMatch(/^PING 10\.96\.45\.12 \(10\.96\.45\.12\) 56\(84\) bytes of data\.\n\n--- 10\.96\.45\.12 ping statistics ---\n3 packets transmitted, 0 received, 100% packet loss, time \d+ms\n\n$/);
  });

  it("busybox: its own layout", async () => {
    const { r } = await netshoot(answer({ kind: "connected", ip: "10.244.2.7" }), "busybox");
    const got = await r.line("ping -c 1 10.244.2.7");
    expect(got.stdout).toMatch(/^PING 10\.244\.2\.7 \(10\.244\.2\.7\): 56 data bytes\n64 bytes from 10\.244\.2\.7: seq=0 ttl=64 time=[\d.]+ ms\n\n--- 10\.244\.2\.7 ping statistics ---\n1 packets transmitted, 1 packets received, 0% packet loss\nround-trip min\/avg\/max = [\d./]+ ms\n$/);
  });
});

describe("nc -zv (OpenBSD)", () => {
  it.each<[Outcome, string, number]>([
    [{ kind: "connected", ip: "10.96.45.12", port: 80 }, "Connection to my-svc (10.96.45.12) 80 port [tcp/http] succeeded!\n", 0],
    [{ kind: "refused", ip: "10.96.45.12", port: 80, reason: "no-listener" }, "nc: connect to my-svc (10.96.45.12) port 80 (tcp) failed: Connection refused\n", 1],
  ])("%j", async (outcome, stderr, code) => {
    const { r } = await netshoot(answer(outcome));
    expect(await r.line("nc -zv my-svc 80")).toMatchObject({ stdout: "", stderr, code });
  });
});

describe("traceroute (BusyBox in netshoot)", () => {
  const routed = (verdictOk: boolean) => (): ConnectResult => ({
    outcome: verdictOk ? { kind: "connected", ip: "192.168.2.7" } : { kind: "timeout", ip: "10.96.0.10", reason: "no-answer", afterMs: 3000 },
    trace: [
      { kind: "source", label: "default/tmp", at: "default/tmp", verdict: "pass" },
      { kind: "route", label: "worker1 → worker2", at: "worker1", verdict: "pass" },
      ...(verdictOk ? [{ kind: "route" as const, label: "worker2 → pod", at: "worker2", verdict: "pass" as const }] : []),
    ],
    elapsedMs: 1,
  });

  it("lists the routers, then the destination", async () => {
    const { r } = await netshoot(routed(true));
    const got = await r.line("traceroute 192.168.2.7");
    expect(got.code).toBe(0);
    expect(got.stdout).toMatch(
      /^traceroute to 192\.168\.2\.7 \(192\.168\.2\.7\), 30 hops max, 46 byte packets\n 1 {2}172\.18\.0\.3 \(172\.18\.0\.3\) {2}[\d.]+ ms {2}[\d.]+ ms {2}[\d.]+ ms\n 2 {2}172\.18\.0\.4 \(172\.18\.0\.4\) .*\n 3 {2}192\.168\.2\.7 \(192\.168\.2\.7\) .*\n$/,
    );
  });

  it("prints stars up to the hop limit when nothing answers", async () => {
    const { r } = await netshoot(routed(false));
    const lines = (await r.line("traceroute -m 4 10.96.0.10")).stdout.split("\n");
    expect(lines.slice(2, 5)).toEqual([" 2  *  *  *", " 3  *  *  *", " 4  *  *  *"]);
  });
});

describe("ss (iproute2) layout, checked against the real ss", () => {
  it("prints the bare header when nothing listens", async () => {
    const { renderSs } = await import("../../src/shell/tools/ss.ts");
    expect(renderSs([])).toBe("State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n");
  });

  it("widens columns to their cells, right-aligns addresses", async () => {
    const { renderSs } = await import("../../src/shell/tools/ss.ts");
    const row = (sendQ: string, addr: string, port: string) => ({ state: "LISTEN", recvQ: "0", sendQ, localAddr: addr, localPort: port, peerAddr: "0.0.0.0", peerPort: "*" });
    // captured: `ss -tln` on this machine, same sockets
    expect(renderSs([row("128", "0.0.0.0", "2024"), row("5", "127.0.0.1", "4391"), row("511", "127.0.0.1", "45807")])).toBe(
      "State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n" +
        "LISTEN 0      128          0.0.0.0:2024       0.0.0.0:*          \n" +
        "LISTEN 0      5          127.0.0.1:4391       0.0.0.0:*          \n" +
        "LISTEN 0      511        127.0.0.1:45807      0.0.0.0:*          \n",
    );
  });
});
