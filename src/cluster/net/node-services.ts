// What answers on a node's own address besides NodePorts: the control plane and
// kubelet ports a kubeadm node listens on, with their real anonymous answers.
import type { HttpRequest, HttpResponse } from "./types.ts";
import { byteLength, httpDate } from "../apps/http.ts";

export interface NodeListener {
  port: number;
  name: string;
  tls: boolean;
  tlsSubject: string;
  answer(req: HttpRequest, now: number): HttpResponse;
}

function goJson(status: number, reason: string, now: number, body: string, contentType = "application/json"): HttpResponse {
  return {
    status,
    reason,
    httpVersion: "1.1",
    headers: [["Audit-Id", "00000000-0000-0000-0000-000000000000"], ["Cache-Control", "no-cache, private"], ["Content-Type", contentType], ["X-Content-Type-Options", "nosniff"], ["Date", httpDate(now)], ["Content-Length", String(byteLength(body))]],
    body,
  };
}

const forbidden = (path: string) =>
  JSON.stringify(
    { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: `forbidden: User "system:anonymous" cannot get path "${path.split("?")[0]}"`, reason: "Forbidden", details: {}, code: 403 },
    null,
    2,
  ) + "\n";

export function nodeListeners(controlPlane: boolean): NodeListener[] {
  const list: NodeListener[] = [
    { port: 10250, name: "kubelet", tls: true, tlsSubject: "CN=kubelet", answer: (_r, now) => goJson(401, "Unauthorized", now, "Unauthorized", "text/plain; charset=utf-8") },
    { port: 10256, name: "kube-proxy healthz", tls: false, tlsSubject: "", answer: (_r, now) => goJson(200, "OK", now, `{"lastUpdated": "${new Date(now).toISOString()}","currentTime": "${new Date(now).toISOString()}", "nodeEligible": true}`) },
  ];
  if (controlPlane) {
    list.push({ port: 6443, name: "kube-apiserver", tls: true, tlsSubject: "CN=kube-apiserver", answer: (r, now) => goJson(403, "Forbidden", now, forbidden(r.path)) });
    list.push({ port: 2379, name: "etcd", tls: true, tlsSubject: "CN=control-plane", answer: (_r, now) => goJson(404, "Not Found", now, "404 page not found\n", "text/plain; charset=utf-8") });
  }
  return list;
}
