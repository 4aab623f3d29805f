import { describe, expect, it } from "vitest";
import type { KObject } from "../../src/cluster/api/types.ts";
import { bestPath, handleIngressRequest, hostMatches, type IngressPath, type PathType } from "../../src/cluster/ingress/index.ts";
import type { HttpRequest } from "../../src/cluster/net/types.ts";
import { fakeView } from "../../src/cluster/testing/fake-view.ts";

const fakeIng = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "t" } } as KObject;
const paths = (list: [string, PathType][]): IngressPath[] => list.map(([path, pathType]) => ({ ingress: fakeIng, host: "", path, pathType, backend: { service: { name: `svc${path}${pathType}`, port: { number: 80 } } }, regex: false }));

// kubernetes.io docs, "Ingress → Examples" table.
describe("Ingress path matching (docs table)", () => {
  it.each([
    ["Prefix", [["/", "Prefix"]], "/anything/at/all", "/"],
    ["Exact", [["/foo", "Exact"]], "/foo", "/foo"],
    ["Exact", [["/foo", "Exact"]], "/bar", null],
    ["Exact", [["/foo", "Exact"]], "/foo/", null],
    ["Exact", [["/foo/", "Exact"]], "/foo", null],
    ["Prefix", [["/foo", "Prefix"]], "/foo", "/foo"],
    ["Prefix", [["/foo", "Prefix"]], "/foo/", "/foo"],
    ["Prefix", [["/foo/", "Prefix"]], "/foo", "/foo/"],
    ["Prefix", [["/foo/", "Prefix"]], "/foo/", "/foo/"],
    ["Prefix", [["/aaa/bb", "Prefix"]], "/aaa/bbb", null],
    ["Prefix", [["/aaa/bbb", "Prefix"]], "/aaa/bbb", "/aaa/bbb"],
    ["Prefix", [["/aaa/bbb/", "Prefix"]], "/aaa/bbb", "/aaa/bbb/"],
    ["Prefix", [["/aaa/bbb", "Prefix"]], "/aaa/bbb/", "/aaa/bbb"],
    ["Prefix", [["/aaa/bbb", "Prefix"]], "/aaa/bbb/ccc", "/aaa/bbb"],
    ["Prefix", [["/aaa/bbb", "Prefix"]], "/aaa/bbbxyz", null],
    ["Prefix", [["/", "Prefix"], ["/aaa", "Prefix"]], "/aaa/ccc", "/aaa"],
    ["Prefix", [["/", "Prefix"], ["/aaa", "Prefix"], ["/aaa/bbb", "Prefix"]], "/aaa/bbb", "/aaa/bbb"],
    ["Prefix", [["/", "Prefix"], ["/aaa", "Prefix"], ["/aaa/bbb", "Prefix"]], "/ccc", "/"],
    ["Prefix", [["/aaa", "Prefix"]], "/ccc", null],
  ] as [string, [string, PathType][], string, string | null][])("%s %j ← %s", (_kind, list, req, want) => {
    const hit = bestPath(paths(list), req);
    expect(hit?.path.path ?? null).toBe(want);
  });

  it("Mixed: /foo Prefix and /foo Exact, request /foo prefers Exact", () => {
    expect(bestPath(paths([["/foo", "Prefix"], ["/foo", "Exact"]]), "/foo")?.path.pathType).toBe("Exact");
    expect(bestPath(paths([["/foo", "Exact"], ["/foo", "Prefix"]]), "/foo")?.path.pathType).toBe("Exact");
  });
});

describe("host matching", () => {
  it.each([
    ["foo.bar.com", "foo.bar.com", true],
    ["foo.bar.com", "bar.foo.com", false],
    ["*.foo.com", "bar.foo.com", true],
    ["*.foo.com", "baz.bar.foo.com", false],
    ["*.foo.com", "foo.com", false],
    ["", "anything.example", true],
  ])("rule %s, Host %s → %s", (rule, host, want) => expect(hostMatches(rule, host)).toBe(want));
});

function ingress(name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): KObject {
  return { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name, namespace: "default", annotations }, spec: { ingressClassName: "nginx", ...spec } };
}
const nginxClass: KObject = { apiVersion: "networking.k8s.io/v1", kind: "IngressClass", metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } };
const rule = (host: string, path: string, svc: string, pathType = "Prefix") => ({ host, http: { paths: [{ path, pathType, backend: { service: { name: svc, port: { number: 80 } } } }] } });
const req = (path: string, host: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({ scheme: "http", method: "GET", path, headers: { Host: host, "User-Agent": "curl/8.5.0", Accept: "*/*" }, ...extra });
const echoBackend = (svc: string, _ns: string, _port: unknown, r: HttpRequest) => ({ status: 200, reason: "OK", httpVersion: "1.1" as const, headers: [["Server", "x"], ["Content-Type", "text/plain"]] as [string, string][], body: `${svc} ${r.path}` });

describe("ingress-nginx controller", () => {
  it("unmatched host gets the default server's 404 page (146 bytes, no Server header)", () => {
    const view = fakeView({ objects: [nginxClass, ingress("web", { rules: [rule("foo.example.com", "/", "web")] })] });
    const { response } = handleIngressRequest(view, req("/", "other.example.com"), "172.18.0.1", echoBackend);
    expect(response.status).toBe(404);
    expect(response.headers.find(([k]) => k === "Content-Length")?.[1]).toBe("146");
    expect(response.headers.some(([k]) => k === "Server")).toBe(false);
    expect(response.body).toContain("<hr><center>nginx</center>");
  });

  it("routes by host and path to the backend", () => {
    const view = fakeView({ objects: [nginxClass, ingress("web", { rules: [rule("foo.example.com", "/", "web"), rule("foo.example.com", "/api", "api")] })] });
    expect(handleIngressRequest(view, req("/api/v1", "foo.example.com"), "1.2.3.4", echoBackend).response.body).toBe("api /api/v1");
    expect(handleIngressRequest(view, req("/", "foo.example.com"), "1.2.3.4", echoBackend).response.body).toBe("web /");
  });

  it("TLS host: plain HTTP gets a 308 to https with Location", () => {
    const view = fakeView({ objects: [nginxClass, ingress("web", { tls: [{ hosts: ["foo.example.com"], secretName: "foo-tls" }], rules: [rule("foo.example.com", "/", "web")] })] });
    const { response } = handleIngressRequest(view, req("/a?b=1", "foo.example.com"), "1.2.3.4", echoBackend);
    expect(response.status).toBe(308);
    expect(response.reason).toBe("Permanent Redirect");
    expect(response.headers.find(([k]) => k === "Location")?.[1]).toBe("https://foo.example.com/a?b=1");
    const https = handleIngressRequest(view, req("/", "foo.example.com", { scheme: "https" }), "1.2.3.4", echoBackend).response;
    expect(https.status).toBe(200);
    expect(https.headers.find(([k]) => k === "Strict-Transport-Security")?.[1]).toBe("max-age=31536000; includeSubDomains");
  });

  it("ssl-redirect false keeps HTTP; force-ssl-redirect redirects without TLS", () => {
    const off = fakeView({ objects: [nginxClass, ingress("web", { tls: [{ hosts: ["a.example.com"] }], rules: [rule("a.example.com", "/", "web")] }, { "nginx.ingress.kubernetes.io/ssl-redirect": "false" })] });
    expect(handleIngressRequest(off, req("/", "a.example.com"), "1.2.3.4", echoBackend).response.status).toBe(200);
    const force = fakeView({ objects: [nginxClass, ingress("web", { rules: [rule("a.example.com", "/", "web")] }, { "nginx.ingress.kubernetes.io/force-ssl-redirect": "true" })] });
    expect(handleIngressRequest(force, req("/", "a.example.com"), "1.2.3.4", echoBackend).response.status).toBe(308);
  });

  it("bodies above proxy-body-size get 413", () => {
    const view = fakeView({ objects: [nginxClass, ingress("web", { rules: [rule("a.example.com", "/", "web")] }, { "nginx.ingress.kubernetes.io/proxy-body-size": "1k" })] });
    expect(handleIngressRequest(view, req("/", "a.example.com", { method: "POST", body: "x".repeat(2000) }), "1.2.3.4", echoBackend).response.status).toBe(413);
    expect(handleIngressRequest(view, req("/", "a.example.com", { method: "POST", body: "x".repeat(100) }), "1.2.3.4", echoBackend).response.status).toBe(200);
  });

  it("rewrite-target with capture groups (docs example)", () => {
    const view = fakeView({
      objects: [nginxClass, ingress("rw", { rules: [rule("rewrite.bar.com", "/something(/|$)(.*)", "http-svc", "ImplementationSpecific")] }, { "nginx.ingress.kubernetes.io/use-regex": "true", "nginx.ingress.kubernetes.io/rewrite-target": "/$2" })],
    });
    expect(handleIngressRequest(view, req("/something", "rewrite.bar.com"), "1.2.3.4", echoBackend).response.body).toBe("http-svc /");
    expect(handleIngressRequest(view, req("/something/", "rewrite.bar.com"), "1.2.3.4", echoBackend).response.body).toBe("http-svc /");
    expect(handleIngressRequest(view, req("/something/new", "rewrite.bar.com"), "1.2.3.4", echoBackend).response.body).toBe("http-svc /new");
  });

  it("ingresses of another class are ignored", () => {
    const other = { ...ingress("x", { rules: [rule("a.example.com", "/", "web")] }), spec: { ingressClassName: "traefik", rules: [rule("a.example.com", "/", "web")] } };
    const view = fakeView({ objects: [nginxClass, other] });
    expect(handleIngressRequest(view, req("/", "a.example.com"), "1.2.3.4", echoBackend).response.status).toBe(404);
  });
});
