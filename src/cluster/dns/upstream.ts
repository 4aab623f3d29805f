// A small deterministic "internet" behind CoreDNS's forward plugin: the names labs
// use resolve to fixed addresses; anything else is NXDOMAIN from the root.
import type { RecordType, ResourceRecord } from "./types.ts";

const A: Record<string, string[]> = {
  "example.com.": ["93.184.215.14"],
  "www.example.com.": ["93.184.215.14"],
  "example.org.": ["93.184.215.14"],
  "google.com.": ["142.250.185.78"],
  "www.google.com.": ["142.250.185.100"],
  "github.com.": ["140.82.121.4"],
  "api.github.com.": ["140.82.121.6"],
  "kubernetes.io.": ["15.197.167.90"],
  "registry.k8s.io.": ["34.96.108.209"],
  "dns.google.": ["8.8.8.8", "8.8.4.4"],
  "one.one.one.one.": ["1.1.1.1", "1.0.0.1"],
  "cloudflare.com.": ["104.16.132.229", "104.16.133.229"],
};
const CNAME: Record<string, string> = {
  "www.kubernetes.io.": "kubernetes.io.",
};

/** The root zone's SOA, which an upstream NXDOMAIN carries in its authority section. */
export const ROOT_SOA: ResourceRecord = {
  name: ".",
  ttl: 86400,
  class: "IN",
  type: "SOA",
  data: "a.root-servers.net. nstld.verisign-grs.com. 2026010100 1800 900 604800 86400",
};

export interface UpstreamAnswer {
  rcode: "NOERROR" | "NXDOMAIN";
  answer: ResourceRecord[];
  authority: ResourceRecord[];
}

/** Public resolvers a learner may query directly (dig @8.8.8.8). */
export const PUBLIC_RESOLVERS = new Set(["8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9"]);

export function upstreamAnswer(fqdn: string, type: RecordType): UpstreamAnswer {
  const name = fqdn.toLowerCase();
  const rr = (t: RecordType, data: string, n = fqdn, ttl = 30): ResourceRecord => ({ name: n, ttl, class: "IN", type: t, data });
  if (CNAME[name]) {
    const target = CNAME[name];
    const answer = [rr("CNAME", target)];
    if (type === "A") for (const ip of A[target] ?? []) answer.push(rr("A", ip, target));
    return { rcode: "NOERROR", answer, authority: [] };
  }
  if (A[name]) {
    if (type === "A") return { rcode: "NOERROR", answer: A[name].map((ip) => rr("A", ip)), authority: [] };
    return { rcode: "NOERROR", answer: [], authority: [] };
  }
  const ptr = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa\.$/.exec(name);
  if (ptr && type === "PTR") {
    const ip = [ptr[4], ptr[3], ptr[2], ptr[1]].join(".");
    for (const [host, ips] of Object.entries(A)) if (ips.includes(ip)) return { rcode: "NOERROR", answer: [rr("PTR", host)], authority: [] };
  }
  return { rcode: "NXDOMAIN", answer: [], authority: [ROOT_SOA] };
}
