// BusyBox wget's own lines (1.36 networking/wget.c, libbb/progress.c for the progress
// line, libbb/xconnect.c for "can't connect to remote host (IP): …") and curl 8's -v
// trace of a TLS 1.3 handshake (captures cited in src/shell/tools/curl-tls.ts).
import { describe, expect, it } from "vitest";
import type { ConnectRequest, ConnectResult, Outcome } from "../../src/cluster/index.ts";
import { certDate } from "../../src/shell/tools/curl-tls.ts";
import { size5 } from "../../src/shell/tools/wget.ts";
import { basics, dnsOf, fakeCluster, pod } from "./fake-cluster.ts";
import { inPod } from "./helpers.ts";

const BODY = "<html>welcome</html>\n";
const ok = (extra: Partial<Extract<Outcome, { kind: "http" }>> = {}): Outcome => ({
  kind: "http",
  ip: "10.96.45.12",
  port: 80,
  response: { status: 200, reason: "OK", httpVersion: "1.1", headers: [["Server", "nginx/1.27.4"], ["Content-Type", "text/html"]], body: BODY },
  ...extra,
});

async function shell(image: string, answer: (req: ConnectRequest) => Outcome) {
  const cluster = fakeCluster([...basics(), pod("c", image)], {
    lookup: dnsOf({ "my-svc.default.svc.cluster.local.": "10.96.45.12" }),
    connect: (req): ConnectResult => ({ outcome: answer(req), trace: [], elapsedMs: 3 }),
  });
  return { cluster, r: await inPod(cluster, "c", image === "busybox" ? "sh" : "bash") };
}

describe("BusyBox wget", () => {
  it("-qO- prints the body only", async () => {
    const { r } = await shell("busybox", () => ok());
    expect(await r.line("wget -qO- http://my-svc")).toEqual({ stdout: BODY, stderr: "", code: 0 });
  });

  it("-O- without -q: connecting, writing to stdout, the finished progress line", async () => {
    const { r } = await shell("busybox", () => ok());
    const got = await r.line("wget -O- http://my-svc");
    expect(got.stdout).toBe(BODY);
    expect(got.stderr).toBe(`Connecting to my-svc (10.96.45.12:80)\nwriting to stdout\n-                    100% |********************************|    ${BODY.length}  0:00:00 ETA\nwritten to stdout\n`);
  });

  it("-S prints the server's status line and headers indented by two spaces", async () => {
    const { r } = await shell("busybox", () => ok());
    expect((await r.line("wget -S -q -O /dev/null http://my-svc")).stderr).toBe("  HTTP/1.1 200 OK\n  Server: nginx/1.27.4\n  Content-Type: text/html\n");
  });

  it.each<[string, Outcome | "nxdomain", string]>([
    ["wget -q -O- http://nosuch", "nxdomain", "wget: bad address 'nosuch'\n"],
    ["wget -q -O- http://my-svc", { kind: "refused", ip: "10.96.45.12", port: 80 } as Outcome, "wget: can't connect to remote host (10.96.45.12): Connection refused\n"],
    ["wget -q -T 5 -O- http://my-svc", { kind: "timeout", ip: "10.96.45.12", reason: "no-answer", afterMs: 5000 } as Outcome, "wget: download timed out\n"],
    ["wget -q -O- http://my-svc", { kind: "timeout", ip: "10.96.45.12", reason: "no-answer", afterMs: 127000 } as Outcome, "wget: can't connect to remote host (10.96.45.12): Connection timed out\n"],
    ["wget -q -O- http://my-svc/x", ok({ response: { status: 404, reason: "Not Found", httpVersion: "1.1", headers: [], body: "" } }), "wget: server returned error: HTTP/1.1 404 Not Found\n"],
  ])("%s → its error", async (line, outcome, stderr) => {
    const { r } = await shell("busybox", () => (outcome === "nxdomain" ? ok() : outcome));
    expect(await r.line(line)).toEqual({ stdout: "", stderr, code: 1 });
  });
});

describe("the progress line's size column (libbb smart_ulltoa5)", () => {
  it.each([
    [615, "  615"],
    [99999, "99999"],
    [150000, " 146k"],
    [1234567, "1205k"],
    [96600000, "92.1M"],
    [5 * 1024 * 1024, "5120k"],
    [200 * 1024 * 1024, " 200M"],
  ])("%i bytes → %j", (bytes, shown) => {
    expect(size5(bytes)).toBe(shown);
  });
});

describe("curl -v over TLS 1.3", () => {
  const tls = { subject: "O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate", issuer: "O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate", trusted: false, protocol: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", notBefore: Date.parse("2026-01-01T00:00:00Z") };
  const https = (req: ConnectRequest): Outcome => (req.http?.insecure ? ok({ port: 443, tls }) : { kind: "tls-error", ip: "10.96.45.12", port: 443, reason: "untrusted" });
  const trace = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("*"));

  it("-k: handshake, certificate block, then Connected (curl 8.10+ order), then the request", async () => {
    const { r } = await shell("nicolaka/netshoot", https);
    const got = await r.line("curl -vk -o /dev/null https://my-svc");
    expect(got.code).toBe(0);
    expect(trace(got.stderr)).toEqual([
      "* Host my-svc:443 was resolved.",
      "* IPv6: (none)",
      "* IPv4: 10.96.45.12",
      "*   Trying 10.96.45.12:443...",
      "* ALPN: curl offers h2,http/1.1",
      "* TLSv1.3 (OUT), TLS handshake, Client hello (1):",
      "* TLSv1.3 (IN), TLS handshake, Server hello (2):",
      "* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):",
      "* TLSv1.3 (IN), TLS handshake, Certificate (11):",
      "* TLSv1.3 (IN), TLS handshake, CERT verify (15):",
      "* TLSv1.3 (IN), TLS handshake, Finished (20):",
      "* TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):",
      "* TLSv1.3 (OUT), TLS handshake, Finished (20):",
      "* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / RSASSA-PSS",
      "* ALPN: server accepted http/1.1",
      "* Server certificate:",
      "*  subject: O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate",
      "*  start date: Jan  1 00:00:00 2026 GMT",
      "*  expire date: Jan  1 00:00:00 2027 GMT",
      "*  issuer: O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate",
      "*  SSL certificate verify result: self-signed certificate (18), continuing anyway.",
      "*   Certificate level 0: Public key type RSA (2048/112 Bits/secBits), signed using sha256WithRSAEncryption",
      "* Connected to my-svc (10.96.45.12) port 443",
      "* using HTTP/1.x",
      "* Request completely sent off",
      "* Connection #0 to host my-svc left intact",
    ]);
  });

  it("without -k: the CA bundle is loaded, the handshake stops at the certificate with an alert", async () => {
    const { r } = await shell("nicolaka/netshoot", https);
    const got = await r.line("curl -v https://my-svc");
    expect(got.code).toBe(60);
    const lines = trace(got.stderr);
    expect(lines.slice(lines.indexOf("* TLSv1.3 (OUT), TLS handshake, Client hello (1):"))).toEqual([
      "* TLSv1.3 (OUT), TLS handshake, Client hello (1):",
      "*  CAfile: /etc/ssl/certs/ca-certificates.crt",
      "*  CApath: none",
      "* TLSv1.3 (IN), TLS handshake, Server hello (2):",
      "* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):",
      "* TLSv1.3 (IN), TLS handshake, Certificate (11):",
      "* TLSv1.3 (OUT), TLS alert, unknown CA (560):",
      "* SSL certificate problem: self-signed certificate",
      "* closing connection #0",
    ]);
    expect(got.stderr).toContain("curl: (60) SSL certificate problem: self-signed certificate\n");
    expect(got.stderr).not.toContain("Connected to");
  });

  it.each([
    ["2026-01-01T00:00:00Z", "Jan  1 00:00:00 2026 GMT"],
    ["2025-11-25T09:05:03Z", "Nov 25 09:05:03 2025 GMT"],
  ])("certificate dates print as OpenSSL does: %s → %s", (iso, shown) => {
    expect(certDate(Date.parse(iso))).toBe(shown);
  });
});
