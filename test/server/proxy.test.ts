// The services/pods proxy subresource forwards HTTP into the emulated cluster.
import { describe, expect, it } from "vitest";
import { createCluster } from "../../src/cluster/index.ts";
import { body, call, cluster as smallCluster } from "./fixtures.ts";

const NGINX = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default, labels: {app: web}}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports: [{containerPort: 80, name: http}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{name: http, port: 8080, targetPort: http}]
`;

describe("proxy subresource", () => {
  const c = createCluster(NGINX, { startTime: Date.parse("2026-01-01T00:00:00Z") });

  it.each([
    ["/api/v1/namespaces/default/services/web/proxy/", "the service's first port"],
    ["/api/v1/namespaces/default/services/web:8080/proxy/", "a port number"],
    ["/api/v1/namespaces/default/services/http:web:http/proxy/", "scheme and port name"],
    ["/api/v1/namespaces/default/pods/web:80/proxy/", "a pod and its port"],
    ["/api/v1/namespaces/default/pods/web:http/proxy/", "a pod and a named container port"],
  ])("%s (%s) reaches nginx", (path) => {
    const r = body(call(c, { path }));
    expect(r.status).toBe(200);
    expect(r.contentType).toBe("text/html");
    expect(r.body).toContain("Welcome to nginx!");
    expect(r.headers?.some(([k]) => k.toLowerCase() === "content-length")).toBe(false);
  });

  it("passes the app's own 404 through", () => {
    const r = body(call(c, { path: "/api/v1/namespaces/default/services/web/proxy/missing" }));
    expect(r.status).toBe(404);
    expect(r.body).toContain("404 Not Found");
  });

  it.each([
    ["a service without endpoints", "/api/v1/namespaces/default/services/web/proxy/", 503, 'no endpoints available for service "web"'],
    ["a missing service", "/api/v1/namespaces/default/services/nope/proxy/", 404, 'services "nope" not found'],
  ])("%s gets a Status", (_name, path, code, message) => {
    const r = body(call(smallCluster(), { path }));
    expect(r.status).toBe(code);
    expect(JSON.parse(r.body).message).toBe(message);
  });
});
