// What curl 8.14 (Alpine, OpenSSL 3) prints with -v while it sets up TLS 1.3.
// Real captures of curl 8.x on OpenSSL: https://github.com/curl/curl/issues/18031
// (handshake lines, "ALPN: curl offers h2,http/1.1"), https://github.com/syncthing/syncthing/pull/10366
// (the certificate block with -k: verify result, "Certificate level 0", then "Connected to"
// only after the handshake, which curl 8.10+ does), https://github.com/projectdiscovery/tlsx/issues/851.
import type { Cluster, TlsInfo } from "../../cluster/index.ts";

const HANDSHAKE_TO_CERTIFICATE = [
  "TLSv1.3 (OUT), TLS handshake, Client hello (1):",
  "TLSv1.3 (IN), TLS handshake, Server hello (2):",
  "TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):",
  "TLSv1.3 (IN), TLS handshake, Certificate (11):",
];
const HANDSHAKE_REST = [
  "TLSv1.3 (IN), TLS handshake, CERT verify (15):",
  "TLSv1.3 (IN), TLS handshake, Finished (20):",
  // OpenSSL's client sends the middlebox-compatibility Change Cipher Spec before its Finished.
  "TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):",
  "TLSv1.3 (OUT), TLS handshake, Finished (20):",
];
/** Alpine's CA bundle, which curl loads only when it verifies the peer (not with -k). */
const CA_LINES = ["*  CAfile: /etc/ssl/certs/ca-certificates.crt", "*  CApath: none"];
const YEAR_MS = 365 * 24 * 3600 * 1000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const star = (lines: string[]) => lines.map((l) => (l.startsWith("*") ? l : `* ${l}`) + "\n").join("");

/** OpenSSL's ASN1_TIME_print: "Jan  1 00:00:00 2026 GMT" (day padded with a space). */
export function certDate(ms: number): string {
  const d = new Date(ms);
  const hms = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${hms} ${d.getUTCFullYear()} GMT`;
}

/**
 * When the certificate became valid. Self-signed certificates here are made when the
 * cluster is set up (ingress-nginx generates its fake certificate as it starts, and a
 * lab's TLS secret is created with the lab), so the default namespace's creation time
 * stands in when the cluster does not say; both kinds are valid for 365 days.
 */
function validity(tls: TlsInfo, cluster: Cluster): { from: number; to: number } {
  const ns = cluster.get({ group: "", resource: "namespaces", name: "default" });
  const created = ns.ok ? Date.parse(ns.value.metadata.creationTimestamp ?? "") : NaN;
  const from = tls.notBefore ?? (Number.isNaN(created) ? cluster.now() : created);
  return { from, to: tls.notAfter ?? from + YEAR_MS };
}

/** The trace of a completed handshake, up to and including "Connected to". */
export function tlsEstablished(tls: TlsInfo, o: { insecure: boolean; alpn: "h2" | "http/1.1"; connected: string; cluster: Cluster }): string {
  const { from, to } = validity(tls, o.cluster);
  const selfSigned = tls.subject === tls.issuer;
  const verify = tls.trusted ? "ok." : `${selfSigned ? "self-signed certificate (18)" : "unable to get local issuer certificate (20)"}, continuing anyway.`;
  return star([
    "ALPN: curl offers h2,http/1.1",
    HANDSHAKE_TO_CERTIFICATE[0],
    ...(o.insecure ? [] : CA_LINES),
    ...HANDSHAKE_TO_CERTIFICATE.slice(1),
    ...HANDSHAKE_REST,
    `SSL connection using ${tls.protocol} / ${tls.cipher} / X25519 / RSASSA-PSS`,
    `ALPN: server accepted ${o.alpn}`,
    "Server certificate:",
    `*  subject: ${tls.subject}`,
    `*  start date: ${certDate(from)}`,
    `*  expire date: ${certDate(to)}`,
    `*  issuer: ${tls.issuer}`,
    `*  SSL certificate verify result: ${verify}`,
    "*   Certificate level 0: Public key type RSA (2048/112 Bits/secBits), signed using sha256WithRSAEncryption",
    o.connected,
  ]);
}

/** The trace when curl (without -k) refuses an untrusted certificate: the handshake stops at it. */
export function tlsRejected(selfSigned: boolean): string {
  return star([
    "ALPN: curl offers h2,http/1.1",
    HANDSHAKE_TO_CERTIFICATE[0],
    ...CA_LINES,
    ...HANDSHAKE_TO_CERTIFICATE.slice(1),
    "TLSv1.3 (OUT), TLS alert, unknown CA (560):",
    `SSL certificate problem: ${selfSigned ? "self-signed certificate" : "unable to get local issuer certificate"}`,
    "closing connection #0",
  ]);
}
