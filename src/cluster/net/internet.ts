// Destinations outside the cluster: the few internet hosts the DNS table knows
// answer on 80/443 (masqueraded by the node); everything else stays silent.
import type { Outcome, TlsInfo } from "./types.ts";
import type { L4Protocol } from "./model.ts";
import type { Origin, Walk } from "./walk.ts";
import type { Target } from "./target.ts";
import { timeout } from "./walk.ts";
import { policyVerdictFor } from "../policy/evaluate.ts";
import { nginxResponse } from "../apps/http.ts";
import { upstreamAnswer } from "../dns/upstream.ts";

const EXAMPLE_PAGE = `<!doctype html>
<html>
<head>
    <title>Example Domain</title>
</head>
<body>
<div>
    <h1>Example Domain</h1>
    <p>This domain is for use in illustrative examples in documents. You may use this
    domain in literature without prior coordination or asking for permission.</p>
</div>
</body>
</html>
`;

export function toInternet(w: Walk, origin: Origin, ip: string, t: Target): Outcome {
  const known = upstreamKnows(ip);
  if (origin.pod && !origin.pod.hostNetwork) {
    const verdict = policyVerdictFor(w.view, origin.peer, { kind: "ip", ip }, t.port ?? 0, (t.protocol === "ICMP" ? "ICMP" : t.protocol) as L4Protocol);
    if (verdict.egress.isolated) w.trace.push({ kind: "policy", label: `egress to ${ip} ${verdict.egress.allowed ? "allowed" : "denied"}`, at: origin.at, verdict: verdict.allowed ? "pass" : "drop" });
    if (!verdict.allowed) return timeout(w, ip, t.port, "policy");
  }
  if (!known) {
    w.trace.push({ kind: "route", label: `${ip} does not answer`, at: origin.at, verdict: "drop" });
    return timeout(w, ip, t.port, "no-route");
  }
  w.trace.push({ kind: "route", label: `${origin.at} → internet (${ip}), masqueraded by the node`, at: origin.node?.name ?? origin.at, verdict: "pass" });
  if (t.protocol === "ICMP") return { kind: "connected", ip, ttl: 115 };
  if (t.port !== 80 && t.port !== 443) return timeout(w, ip, t.port, "no-answer");
  if (!t.http) return { kind: "connected", ip, port: t.port };
  if (t.http.scheme === "https" && t.port === 80) return { kind: "tls-error", ip, port: 80, reason: "wrong-version" };
  const tls: TlsInfo | undefined = t.http.scheme === "https" ? { subject: `CN=${t.http.serverName ?? ip}`, issuer: "C=US; O=DigiCert Inc; CN=DigiCert Global G3 TLS ECC SHA384 2020 CA1", trusted: true, protocol: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384" } : undefined;
  const res = nginxResponse(200, "ECS (nyd/D184)", w.view.now(), EXAMPLE_PAGE, [], "text/html; charset=UTF-8");
  return { kind: "http", ip, port: t.port, response: res, ...(tls ? { tls } : {}) };
}

function upstreamKnows(ip: string): boolean {
  const parts = ip.split(".").reverse().join(".");
  return upstreamAnswer(`${parts}.in-addr.arpa.`, "PTR").answer.length > 0;
}
