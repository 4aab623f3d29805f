// dig (BIND 9.18) as reference §7.3 shows it against CoreDNS: the banner, the
// header with flags, OPT pseudo-section with an echoed cookie, sections in BIND's
// column layout, and the statistics footer. +short, +noall +answer, @server,
// -t/-x, +search and record types are supported.
import type { DnsExchange, RecordType } from "../../cluster/index.ts";
import { dateLine, isIPv4, lookup, messageSize, nameserverOf, questionLine, recordLine, reverseName, stableHash } from "./dns-text.ts";
import type { Tool } from "./types.ts";

/** The BIND release in the images' Alpine (bind-tools). Unverified minor version. */
export const DIG_VERSION = "9.18.33";
const TYPES = new Set(["A", "AAAA", "SRV", "PTR", "CNAME", "TXT", "MX", "NS", "SOA", "ANY"]);

interface DigArgs {
  name: string;
  type: RecordType;
  server?: string;
  short: boolean;
  search: boolean;
  sections: { comments: boolean; question: boolean; answer: boolean; authority: boolean; additional: boolean; stats: boolean; cmd: boolean };
}

function parse(args: string[]): DigArgs | string {
  const a: DigArgs = {
    name: "",
    type: "A",
    short: false,
    search: false,
    sections: { comments: true, question: true, answer: true, authority: true, additional: true, stats: true, cmd: true },
  };
  let named = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith("@")) a.server = arg.slice(1);
    else if (arg.startsWith("+")) {
      const [flag] = arg.slice(1).split("=");
      const no = flag.startsWith("no");
      const key = no ? flag.slice(2) : flag;
      if (key === "short") a.short = !no;
      else if (key === "search") a.search = !no;
      else if (key === "all") for (const k of Object.keys(a.sections)) a.sections[k as keyof DigArgs["sections"]] = !no;
      else if (key in a.sections) a.sections[key as keyof DigArgs["sections"]] = !no;
      else if (!["recurse", "cookie", "edns", "tcp", "vc", "trace", "identify", "ttlid", "cl", "time", "tries", "retry", "ndots"].includes(key)) {
        return `Invalid option: ${arg}`;
      }
    } else if (arg === "-t" && args[i + 1]) {
      a.type = args[++i].toUpperCase() as RecordType;
    } else if (arg === "-x" && args[i + 1]) {
      a.name = reverseName(args[++i]);
      a.type = "PTR";
      named = true;
    } else if (arg.startsWith("-")) {
      continue;
    } else if (!named) {
      a.name = arg;
      named = true;
    } else if (TYPES.has(arg.toUpperCase())) a.type = arg.toUpperCase() as RecordType;
    else if (arg.toUpperCase() !== "IN") a.name = arg;
  }
  if (!named) {
    a.name = ".";
    a.type = "NS";
  }
  return a;
}

function flagsText(ex: DnsExchange): string {
  const r = ex.reply!;
  const flags = ["qr", ...(r.authoritative ? ["aa"] : []), "rd", ...(r.recursionAvailable ? ["ra"] : [])];
  return flags.join(" ");
}

export const dig: Tool = async (io, host) => {
  const parsed = parse(io.args);
  if (typeof parsed === "string") {
    io.err(`${parsed}\n`);
    return 1;
  }
  const a = parsed;
  const server = a.server ?? (await nameserverOf(io.readFile)) ?? "127.0.0.53";
  if (a.server && !isIPv4(a.server)) {
    io.err(`dig: couldn't get address for '${a.server}': not found\n`);
    return 10;
  }
  const fqdn = a.name.endsWith(".") ? a.name : a.name + ".";
  const r = lookup(host, a.search ? a.name : fqdn, a.type, a.search, a.server);
  const ex = r.final ?? r.exchanges[r.exchanges.length - 1];
  const banner =
    `\n; <<>> DiG ${DIG_VERSION} <<>> ${io.args.join(" ")}\n` + (a.server ? "; (1 server found)\n" : "") + ";; global options: +cmd\n";
  if (!ex || !ex.reply) {
    const err = `;; communications error to ${server}#53: timed out\n`;
    if (a.short) io.out(err.repeat(3) + ";; no servers could be reached\n");
    else io.out(banner + err.repeat(3) + banner + ";; no servers could be reached\n");
    return 9;
  }
  const reply = ex.reply;
  if (a.short) {
    io.out(reply.answer.map((rr) => rr.data + "\n").join(""));
    return 0;
  }
  const s = a.sections;
  let text = s.cmd ? banner : "";
  const qname = ex.question.name;
  if (s.comments) {
    const id = stableHash(`${qname}/${ex.question.type}/${host.cluster.now()}`) & 0xffff;
    text += ";; Got answer:\n";
    if (/\.local\.?$/i.test(qname)) {
      text += ";; WARNING: .local is reserved for Multicast DNS\n;; You are currently testing what happens when an mDNS query is leaked to DNS\n";
    }
    text += `;; ->>HEADER<<- opcode: QUERY, status: ${reply.rcode}, id: ${id}\n`;
    text += `;; flags: ${flagsText(ex)}; QUERY: 1, ANSWER: ${reply.answer.length}, AUTHORITY: ${reply.authority.length}, ADDITIONAL: ${reply.additional.length + 1}\n`;
    if (!reply.recursionAvailable) text += ";; WARNING: recursion requested but not available\n";
    const cookie = (stableHash(qname).toString(16).padStart(8, "0") + stableHash(server + qname).toString(16).padStart(8, "0")).slice(0, 16);
    text += `\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n; COOKIE: ${cookie} (echoed)\n`;
  }
  if (s.question) text += `;; QUESTION SECTION:\n${questionLine(qname, ex.question.type)}\n\n`;
  const section = (title: string, on: boolean, records: typeof reply.answer) => {
    if (!on || records.length === 0) return;
    if (s.comments) text += `;; ${title} SECTION:\n`;
    for (const rr of records) text += recordLine(rr) + "\n";
    if (s.comments) text += "\n";
  };
  section("ANSWER", s.answer, reply.answer);
  section("AUTHORITY", s.authority, reply.authority);
  section("ADDITIONAL", s.additional, reply.additional);
  if (s.stats) {
    text += `;; Query time: 0 msec\n;; SERVER: ${server}#53(${server}) (UDP)\n;; WHEN: ${dateLine(host.cluster.now())}\n;; MSG SIZE  rcvd: ${messageSize(ex)}\n\n`;
  }
  io.out(text);
  return 0;
};
