// Whatever arrives, the handler answers (a body or a stream) and never throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call, cluster } from "./fixtures.ts";

const segment = fc.constantFrom("api", "apis", "v1", "apps", "namespaces", "default", "kube-system", "pods", "services", "configmaps", "deployments", "web", "a", "status", "scale", "log", "exec", "proxy", "web:80", "", "..", "%zz", "x".repeat(300));
const method = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE");
const contentType = fc.constantFrom("application/json", "application/yaml", "application/merge-patch+json", "application/json-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml", "application/vnd.kubernetes.protobuf", "text/plain", "");
const accept = fc.constantFrom("application/json", "application/json;as=Table;v=v1;g=meta.k8s.io", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", "application/vnd.kubernetes.protobuf", "text/html", "*/*", "");
const bodyText = fc.oneof(fc.string(), fc.json(), fc.constant('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fz"}}'), fc.constant('[{"op":"remove","path":"/x"}]'));
const query = fc.dictionary(fc.constantFrom("watch", "limit", "continue", "labelSelector", "fieldSelector", "dryRun", "propagationPolicy", "gracePeriodSeconds", "fieldManager", "includeObject"), fc.string());

describe("fuzzed requests", () => {
  it("always get an answer", () => {
    const c = cluster();
    fc.assert(
      fc.property(method, fc.array(segment, { maxLength: 8 }), contentType, accept, bodyText, query, (m, segs, ct, acc, b, q) => {
        const r = call(c, { method: m, path: "/" + segs.join("/"), query: q, headers: { "content-type": ct, accept: acc }, body: b });
        if (r.kind === "stream") {
          r.start(() => {})();
          return;
        }
        expect(r.status).toBeGreaterThanOrEqual(200);
        expect(r.status).toBeLessThan(600);
        if (r.status >= 400 && r.contentType === "application/json") expect(JSON.parse(r.body).kind).toBe("Status");
      }),
      { numRuns: 1500, seed: 42 },
    );
  });
});
