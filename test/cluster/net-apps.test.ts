import { describe, expect, it } from "vitest";
import { imageProfile, normalizeImage, renderPrompt, runningApp, shellOf } from "../../src/cluster/apps/catalog.ts";
import type { HttpRequest } from "../../src/cluster/net/types.ts";

const ctx = { now: Date.UTC(2026, 10, 25, 19, 10, 0), hostname: "web-0", podIP: "10.244.1.5", clientIP: "10.244.2.3", clientPort: 43210, localPort: 80 };
const get = (path: string, headers: Record<string, string> = { Host: "web", "User-Agent": "curl/8.5.0", Accept: "*/*" }): HttpRequest => ({ scheme: "http", method: "GET", path, headers });

describe("image names", () => {
  it.each([
    ["nginx", "nginx"],
    ["nginx:1.27", "nginx"],
    ["docker.io/library/nginx:1.27.4", "nginx"],
    ["registry.k8s.io/e2e-test-images/agnhost:2.52", "registry.k8s.io/e2e-test-images/agnhost"],
    ["localhost:5000/app", "localhost:5000/app"],
    ["nicolaka/netshoot@sha256:abc", "nicolaka/netshoot"],
  ])("%s → %s", (image, id) => expect(normalizeImage(image)).toBe(id));
});

describe("nginx", () => {
  const app = runningApp("nginx:1.27", [], []);
  it("serves the 615-byte welcome page with nginx's header order", () => {
    const res = app.http!(get("/"), ctx)!;
    expect(res.status).toBe(200);
    expect(res.headers.map(([k]) => k)).toEqual(["Server", "Date", "Content-Type", "Content-Length", "Last-Modified", "Connection", "ETag", "Accept-Ranges"]);
    expect(res.headers.find(([k]) => k === "Content-Length")![1]).toBe("615");
    expect(res.headers.find(([k]) => k === "Date")![1]).toBe("Wed, 25 Nov 2026 19:10:00 GMT");
    // ETag = hex(mtime)-hex(size); 615 = 0x267
    expect(res.headers.find(([k]) => k === "ETag")![1]).toMatch(/^"[0-9a-f]+-267"$/);
    expect(res.body).toContain("<title>Welcome to nginx!</title>");
  });
  // Captured `curl -I` answers of the official images: the three headers must agree with the Server version.
  it.each([
    ["nginx:1.25.3", "nginx/1.25.3", "Tue, 24 Oct 2023 13:46:47 GMT", '"6537cac7-267"'],
    ["nginx:1.27.3", "nginx/1.27.3", "Tue, 26 Nov 2024 15:55:00 GMT", '"6745ef54-267"'],
    ["nginx", "nginx/1.27.4", "Wed, 05 Feb 2025 11:06:32 GMT", '"67a34638-267"'],
    ["nginx:1.27", "nginx/1.27.5", "Wed, 16 Apr 2025 12:01:11 GMT", '"67ff9c07-267"'],
    ["nginx:1.29.0", "nginx/1.29.0", "Tue, 24 Jun 2025 17:22:41 GMT", '"685adee1-267"'],
  ])("%s answers as %s with Last-Modified %s and ETag %s", (image, server, modified, etag) => {
    const res = runningApp(image, [], []).http!(get("/"), ctx)!;
    const h = (name: string) => res.headers.find(([k]) => k === name)?.[1];
    expect([h("Server"), h("Last-Modified"), h("ETag")]).toEqual([server, modified, etag]);
  });
  it("answers unknown paths with its 404 page, version in the footer", () => {
    const res = app.http!(get("/nope"), ctx)!;
    expect(res.status).toBe(404);
    expect(res.body).toBe("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.5</center>\r\n</body>\r\n</html>\r\n");
  });
  it("logs in the docker image's main format", () => {
    const req = get("/");
    const line = app.accessLog!(req, app.http!(req, ctx)!, ctx);
    expect(line).toBe('10.244.2.3 - - [25/Nov/2026:19:10:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"');
  });
});

describe("agnhost", () => {
  it("serve-hostname answers the pod name on 9376", () => {
    const app = runningApp("registry.k8s.io/e2e-test-images/agnhost:2.52", [], ["serve-hostname"]);
    expect(app.listens).toEqual([{ port: 9376, protocol: "TCP" }]);
    expect(app.http!(get("/"), ctx)!.body).toBe("web-0");
  });
  it("netexec honours --http-port and its endpoints", () => {
    const app = runningApp("registry.k8s.io/e2e-test-images/agnhost:2.52", [], ["netexec", "--http-port=8081"]);
    expect(app.listens[0]).toEqual({ port: 8081, protocol: "TCP" });
    expect(app.http!(get("/hostname"), ctx)!.body).toBe("web-0");
    expect(app.http!(get("/echo?msg=hello%20there"), ctx)!.body).toBe("hello there");
    expect(app.http!(get("/clientip"), ctx)!.body).toBe("10.244.2.3:43210");
  });
  it("connect and no subcommand listen on nothing", () => {
    expect(runningApp("registry.k8s.io/e2e-test-images/agnhost:2.52", [], ["connect", "s:80"]).listens).toEqual([]);
  });
});

describe("http-echo and whoami", () => {
  it("http-echo answers -text with a newline on -listen's port", () => {
    const app = runningApp("hashicorp/http-echo", [], ["-text=hello", "-listen=:8080"]);
    expect(app.listens).toEqual([{ port: 8080, protocol: "TCP" }]);
    const res = app.http!(get("/"), ctx)!;
    expect(res.body).toBe("hello\n");
    expect(res.headers.map(([k]) => k)).toEqual(["X-App-Name", "X-App-Version", "Date", "Content-Length", "Content-Type"]);
  });
  it("http-echo defaults to 5678", () => {
    expect(runningApp("hashicorp/http-echo", [], ["-text", "x"]).listens).toEqual([{ port: 5678, protocol: "TCP" }]);
  });
  it("whoami prints hostname, IPs, remote address and the request", () => {
    const body = runningApp("traefik/whoami", [], []).http!(get("/"), ctx)!.body;
    expect(body.split("\n").slice(0, 6)).toEqual(["Hostname: web-0", "IP: 127.0.0.1", "IP: ::1", "IP: 10.244.1.5", "RemoteAddr: 10.244.2.3:43210", "GET / HTTP/1.1\r"]);
    expect(body).toContain("Host: web\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n");
  });
});

describe("shells and tools", () => {
  it("netshoot has BIND's nslookup and a bash prompt like tmp:~#", () => {
    const s = shellOf("nicolaka/netshoot");
    expect(s.shell).toBe("bash");
    expect(s.flavours.nslookup).toBe("bind");
    expect(renderPrompt(s.prompt, "tmp", s.workdir)).toBe("tmp:~# ");
  });
  it("busybox has BusyBox tools and no curl", () => {
    const p = imageProfile("busybox:1.36");
    expect(p.tools).toContain("wget");
    expect(p.tools).not.toContain("curl");
    expect(renderPrompt(p.prompt, "bb", "/")).toBe("/ # ");
  });
  it("pause and unknown images have no shell and listen on nothing", () => {
    expect(shellOf("registry.k8s.io/pause:3.10").shell).toBeNull();
    expect(runningApp("example.com/whatever:1", [], []).listens).toEqual([]);
  });
  it("cluster-file declarations override the catalogue", () => {
    const app = runningApp("example.com/api:1", [], [], { "example.com/api": { ports: [{ port: 9000 }], http: { body: "ok" } } });
    expect(app.listens).toEqual([{ port: 9000, protocol: "TCP" }]);
    expect(app.http!(get("/"), ctx)!.body).toBe("ok");
  });
});

describe("agnhost netexec routes (Go ServeMux)", () => {
  const app = runningApp("registry.k8s.io/e2e-test-images/agnhost:2.52", [], ["netexec"]);
  it("unknown paths fall through to / and answer NOW with Go's time format", () => {
    expect(app.http!(get("/whatever"), { ...ctx, startedAt: ctx.now - 12_000 })!.body).toBe("NOW: 2026-11-25 19:10:00.000000000 +0000 UTC m=+12.000000000");
  });
  it("/echo honours code; /healthz is an empty 200 without Content-Type", () => {
    expect(app.http!(get("/echo?msg=x&code=418"), ctx)!.status).toBe(418);
    const h = app.http!(get("/healthz"), ctx)!;
    expect(h.headers.map(([k]) => k)).toEqual(["Date", "Content-Length"]);
  });
  it("/shell answers JSON with output", () => {
    expect(app.http!(get("/shell?cmd=hostname"), ctx)!.body).toBe('{"output":"web-0\\n"}');
  });
  it("--udp-port=-1 disables the UDP server", () => {
    expect(runningApp("registry.k8s.io/e2e-test-images/agnhost:2.52", [], ["netexec", "--udp-port=-1"]).listens).toEqual([{ port: 8080, protocol: "TCP" }]);
  });
});

describe("http-echo logs", () => {
  it("writes its httpLog line", () => {
    const app = runningApp("hashicorp/http-echo", [], ["-text=hello"]);
    const req = get("/x?y=1");
    expect(app.accessLog!(req, app.http!(req, ctx)!, ctx)).toBe('2026/11/25 19:10:00 web 10.244.2.3:43210 "GET /x HTTP/1.1" 200 6 "curl/8.5.0" 41.3µs');
  });
});

describe("nginx version from the image tag", () => {
  it.each([
    ["nginx", "nginx/1.27.4"],
    ["nginx:1.25.3", "nginx/1.25.3"],
    ["nginx:1.27", "nginx/1.27.5"],
    ["docker.io/library/nginx:1.26-alpine", "nginx/1.26.3"],
  ])("%s → %s", (image, server) => {
    expect(runningApp(image, [], []).http!(get("/"), ctx)!.headers[0]).toEqual(["Server", server]);
  });
});

describe("kube-proxy image", () => {
  it("has iptables but no shell (kubectl exec kube-proxy-x -- iptables -L -t nat)", () => {
    const s = shellOf("registry.k8s.io/kube-proxy:v1.32.0");
    expect(s.shell).toBeNull();
    expect(s.tools).toContain("iptables");
  });
});
