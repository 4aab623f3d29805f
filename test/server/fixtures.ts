// Helpers for the server tests: a small cluster and requests without sockets.
import { createCluster, type Cluster } from "../../src/cluster/index.ts";
import { handle } from "../../src/server/index.ts";
import type { ApiResponse, BodyResponse } from "../../src/server/types.ts";

export const SMALL = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: default
  labels: {app: web}
spec:
  selector: {app: web}
  ports:
  - port: 80
---
apiVersion: v1
kind: ConfigMap
metadata: {name: a, namespace: default, labels: {tier: x}}
data: {k: v}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: b, namespace: default}
data: {k: v}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: default, labels: {tier: x}}
data: {k: v}
`;

export function cluster(): Cluster {
  return createCluster(SMALL, { startTime: Date.parse("2026-01-01T00:00:00Z") });
}

export interface Call {
  method?: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export function call(c: Cluster, req: Call): ApiResponse {
  const body = typeof req.body === "string" ? req.body : req.body ? new TextDecoder().decode(req.body) : "";
  const raw = typeof req.body === "string" ? new TextEncoder().encode(req.body) : req.body;
  return handle(
    {
      method: req.method ?? "GET",
      path: req.path,
      query: new URLSearchParams(req.query ?? {}),
      headers: Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      body,
      ...(raw ? { raw } : {}),
    },
    { cluster: c, serverAddress: "127.0.0.1:6443" },
  );
}

export function body(r: ApiResponse): BodyResponse {
  if (r.kind !== "body") throw new Error("expected a plain body, got a stream");
  return r;
}

export function jsonOf(r: ApiResponse): Record<string, unknown> {
  return JSON.parse(body(r).body) as Record<string, unknown>;
}
