// DNS as the tools see it: the queries a lookup really sends (search path, ndots)
// and each answer exactly as CoreDNS (or the upstream forwarder) gives it.

export type RecordType = "A" | "AAAA" | "SRV" | "PTR" | "CNAME" | "TXT" | "MX" | "NS" | "SOA" | "ANY";
export type Rcode = "NOERROR" | "NXDOMAIN" | "SERVFAIL" | "REFUSED";

export interface ResourceRecord {
  name: string; // fully qualified, with the trailing dot: "my-svc.default.svc.cluster.local."
  ttl: number;
  class: "IN";
  type: RecordType;
  /** Presentation form of the data: "10.96.45.12", "0 100 80 my-svc.default.svc.cluster.local.", SOA fields... */
  data: string;
}

/** One question sent to one server, and its reply (or none: a timeout). */
export interface DnsExchange {
  server: string; // "10.96.0.10"
  port: number; // 53
  question: { name: string; type: RecordType };
  /** Why `reply` is null: "timeout" (policy drop, no route) or "refused" (ICMP port unreachable:
   *  kube-dns has no endpoints and kube-proxy REJECTs, so BIND tools say "connection refused"). */
  failure?: "timeout" | "refused";
  /** null when the server could not be reached (policy drop, no route): the client times out. */
  reply: null | {
    rcode: Rcode;
    authoritative: boolean; // aa: CoreDNS sets it for cluster names
    recursionAvailable: boolean; // ra: CoreDNS never sets it for cluster names
    answer: ResourceRecord[];
    authority: ResourceRecord[];
    additional: ResourceRecord[];
  };
}

export interface DnsLookupRequest {
  name: string;
  type: RecordType;
  /** Ask this server instead of the resolv.conf nameserver (dig @server). */
  server?: string;
  /** Apply the search path and ndots like a stub resolver (nslookup, curl, ping do; dig does not unless +search). */
  search: boolean;
}

export interface DnsLookup {
  /** Every exchange in order, including the search-path misses. */
  exchanges: DnsExchange[];
  /** The exchange whose answer the client settled on, or null if none did. */
  final: DnsExchange | null;
}
