// The packet walk's contract: where a packet starts, where it is going, what
// happened to it, and the hop-by-hop trace the UI draws.
import type { DnsLookup } from "../dns/types.ts";

/** Where traffic starts. `outside` is a host on the node network that is not a node (the learner's laptop). */
export type Source =
  | { kind: "pod"; namespace: string; name: string }
  | { kind: "node"; name: string }
  | { kind: "outside"; ip?: string };

export type Protocol = "TCP" | "UDP" | "SCTP" | "ICMP";

export interface HttpRequest {
  scheme: "http" | "https";
  method: string;
  /** Path with query, as sent on the request line: "/api/v1?x=1". */
  path: string;
  /** Header names as given; Host is taken from here when present, else from the URL. */
  headers: Record<string, string>;
  body?: string;
  /** curl -k: accept an untrusted certificate. */
  insecure?: boolean;
  /** The name used for SNI and certificate checks (the URL host). */
  serverName?: string;
}

export interface ConnectRequest {
  from: Source;
  /** A DNS name, an IP, or a URL (http://name:port/path). A URL implies TCP and an HTTP exchange. */
  to: string;
  port?: number;
  protocol?: Protocol;
  http?: HttpRequest;
  /** Give up after this long in virtual time (curl --connect-timeout/--max-time, nc -w). Default: the tool's own. */
  timeoutMs?: number;
  /** Evaluate without side effects (no logs, no conntrack entries, no random draws kept): lab checks use this. */
  dryRun?: boolean;
}

export interface HttpResponse {
  status: number;
  reason: string; // "OK", "Not Found", "Permanent Redirect"
  httpVersion: "1.1" | "2";
  headers: [string, string][]; // in order, as the server sent them
  body: string;
}

export type Outcome =
  /** TCP handshake completed (nc -z, agnhost connect) or ICMP echo answered. ttl: the echo reply's TTL as
   *  received (64 minus routed hops); banner: what a server that speaks first sends (mysql's greeting). */
  | { kind: "connected"; ip: string; port?: number; ttl?: number; banner?: string }
  /** An HTTP exchange completed. */
  | { kind: "http"; ip: string; port: number; response: HttpResponse; tls?: TlsInfo }
  /** RST: nothing listens, or kube-proxy REJECTs a Service with no endpoints. */
  | { kind: "refused"; ip: string; port?: number; reason: "no-listener" | "no-endpoints" }
  /** Packets vanish: NetworkPolicy drop, no route, ClusterIP ping in iptables mode. */
  | { kind: "timeout"; ip: string; port?: number; reason: "policy" | "no-route" | "no-answer"; afterMs: number }
  /** ICMP unreachable (no route to host / host unreachable). */
  | { kind: "unreachable"; ip: string; port?: number }
  /** The name did not resolve. */
  | { kind: "nxdomain"; name: string }
  /** DNS itself timed out (for example policy blocks port 53). */
  | { kind: "dns-timeout"; name: string }
  /** TLS failed: untrusted or mismatched certificate without -k, or TLS to a plain port. */
  | { kind: "tls-error"; ip: string; port: number; reason: "untrusted" | "hostname-mismatch" | "wrong-version" };

export interface TlsInfo {
  subject: string; // "CN=myapp.example.com"
  issuer: string;
  trusted: boolean;
  protocol: string; // "TLSv1.3"
  cipher: string;
  /** Validity, ms since epoch (curl -v prints it); absent: the tool assumes the cluster's setup time and 365 days. */
  notBefore?: number;
  notAfter?: number;
}

export type HopKind =
  | "dns" // a DNS exchange caused by the name (search path included)
  | "source" // the sending pod or node
  | "service" // a ClusterIP / NodePort / LoadBalancer address was hit
  | "kube-proxy" // the translation chosen: KUBE-SVC -> KUBE-SEP (iptables) or IPVS real server
  | "route" // a routing decision: local bridge/veth, BGP/IPIP, VXLAN
  | "policy" // a NetworkPolicy verdict (egress at the source, ingress at the destination)
  | "ingress" // the ingress controller matched a rule
  | "app"; // the container that answered (or did not)

export interface Hop {
  kind: HopKind;
  /** A short human label: "KUBE-SVC-XXXX -> KUBE-SEP-YYYY (probability 0.33333)". */
  label: string;
  /** Where the hop happens: a node name, pod "ns/name", or "outside". */
  at: string;
  verdict: "pass" | "drop" | "reject" | "nxdomain" | "answer";
  detail?: Record<string, string | number | boolean>;
}

export interface ConnectResult {
  outcome: Outcome;
  trace: Hop[];
  /** The DNS lookup the name caused, when `to` was a name. */
  dns?: DnsLookup;
  /** Virtual time the exchange took. */
  elapsedMs: number;
}
