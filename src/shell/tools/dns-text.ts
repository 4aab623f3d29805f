// Shared pieces of the DNS tools: the resolver a machine uses, record presentation
// as BIND prints it, and message sizes as dig reports them.
import type { DnsExchange, DnsLookup, RecordType, ResourceRecord } from "../../cluster/index.ts";
import type { ToolHost } from "./types.ts";

/** The nameserver in the machine's resolv.conf (pods: kube-dns; nodes: the systemd stub). */
export async function nameserverOf(readFile: (p: string) => Promise<string | undefined>): Promise<string | undefined> {
  const conf = (await readFile("/etc/resolv.conf")) ?? "";
  return /^nameserver\s+(\S+)/m.exec(conf)?.[1];
}

export function lookup(host: ToolHost, name: string, type: RecordType, search: boolean, server?: string): DnsLookup {
  return host.cluster.lookup(host.where, { name, type, search, ...(server ? { server } : {}) });
}

/** The addresses a stub resolver (curl, ping, wget) ends up with, or why it did not. */
export type Resolved = { kind: "ok"; name: string; ips: string[] } | { kind: "nxdomain" } | { kind: "timeout" };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
export function isIPv4(s: string): boolean {
  return IPV4.test(s) && s.split(".").every((p) => Number(p) <= 255);
}

export function resolveHost(host: ToolHost, name: string): Resolved {
  if (isIPv4(name)) return { kind: "ok", name, ips: [name] };
  const r = lookup(host, name, "A", true);
  if (!r.final) return r.exchanges.length && r.exchanges.every((e) => e.reply === null) ? { kind: "timeout" } : { kind: "nxdomain" };
  const ips = r.final.reply?.answer.filter((a) => a.type === "A").map((a) => a.data) ?? [];
  if (ips.length === 0) return { kind: "nxdomain" };
  return { kind: "ok", name: r.final.question.name.replace(/\.$/, ""), ips };
}

/** `10.96.0.1` → `1.0.96.10.in-addr.arpa`. */
export function reverseName(ip: string): string {
  return ip.split(".").reverse().join(".") + ".in-addr.arpa";
}

/** BIND's text renderer: each field starts at a column, reached with tabs, or one space when already past it. */
function columns(fields: [string, number][]): string {
  let out = "";
  let col = 0;
  for (const [text, at] of fields) {
    if (out !== "") {
      if (col >= at) {
        out += " ";
        col += 1;
      }
      while (col < at) {
        out += "\t";
        col = (Math.floor(col / 8) + 1) * 8;
      }
    }
    out += text;
    col += text.length;
  }
  return out;
}

export function recordLine(r: ResourceRecord): string {
  return columns([[r.name, 0], [String(r.ttl), 24], [r.class, 32], [r.type, 40], [r.data, 48]]);
}

export function questionLine(name: string, type: string): string {
  return columns([[";" + name, 0], ["IN", 32], [type, 40]]);
}

/** Length of a name in wire format: one length byte per label plus the root. */
function wireNameLength(name: string): number {
  const labels = name.replace(/\.$/, "").split(".").filter(Boolean);
  return labels.reduce((n, l) => n + l.length + 1, 0) + 1;
}

function rdataLength(r: ResourceRecord): number {
  switch (r.type) {
    case "A":
      return 4;
    case "AAAA":
      return 16;
    case "CNAME":
    case "PTR":
    case "NS":
      return wireNameLength(r.data);
    case "SRV":
      return 6 + wireNameLength(r.data.split(/\s+/)[3] ?? ".");
    case "MX":
      return 2 + wireNameLength(r.data.split(/\s+/)[1] ?? ".");
    case "SOA": {
      const [mname = ".", rname = "."] = r.data.split(/\s+/);
      return wireNameLength(mname) + wireNameLength(rname) + 20;
    }
    case "TXT":
      return [...r.data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].reduce((n, m) => n + m[1].length + 1, 0) || r.data.length + 1;
    default:
      return r.data.length;
  }
}

/** The message size dig reports (no compression: CoreDNS's kubernetes plugin does not compress). */
export function messageSize(ex: DnsExchange, withCookie = true): number {
  const reply = ex.reply;
  let size = 12 + wireNameLength(ex.question.name) + 4;
  if (!reply) return size;
  for (const r of [...reply.answer, ...reply.authority, ...reply.additional]) size += wireNameLength(r.name) + 10 + rdataLength(r);
  // OPT pseudo-record (11 bytes) carrying the echoed 8-byte client cookie (12 more).
  return size + (withCookie ? 23 : 11);
}

/** A stable 16-bit message id and cookie per question, so transcripts are reproducible. */
export function stableHash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** `date`'s format, which dig uses for WHEN: "Sun Dec 01 10:00:00 UTC 2024". */
export function dateLine(ms: number): string {
  const d = new Date(ms);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
