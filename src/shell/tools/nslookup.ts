// nslookup in its two flavours: BIND's (netshoot, dnsutils, nodes) and BusyBox's.
// Reference §7.2: BIND prints ";; Got recursion not available" for every reply
// without RA (CoreDNS never sets it for cluster names), then the answer, then
// does the same for the AAAA follow-up.
import type { DnsExchange, RecordType } from "../../cluster/index.ts";
import { isIPv4, lookup, nameserverOf, reverseName } from "./dns-text.ts";
import type { Tool, ToolHost, ToolIo } from "./types.ts";

const TYPES: RecordType[] = ["A", "AAAA", "SRV", "PTR", "CNAME", "TXT", "MX", "NS", "SOA", "ANY"];

interface Args {
  name?: string;
  server?: string;
  type: RecordType;
  bad?: string;
}

function parseArgs(args: string[]): Args {
  const out: Args = { type: "A" };
  for (const a of args) {
    const opt = /^-(?:type|querytype|q|t)=(.+)$/i.exec(a);
    if (opt) {
      const t = opt[1].toUpperCase() as RecordType;
      if (!TYPES.includes(t)) out.bad = opt[1];
      else out.type = t;
    } else if (a.startsWith("-")) {
      continue; // -debug, -timeout=… and friends change nothing we model
    } else if (out.name === undefined) out.name = a;
    else if (out.server === undefined) out.server = a;
  }
  return out;
}

function bindDataLine(name: string, type: RecordType, data: string): string {
  const n = name.replace(/\.$/, "");
  switch (type) {
    case "A":
    case "AAAA":
      return `Name:\t${n}\nAddress: ${data}`;
    case "CNAME":
      return `${n}\tcanonical name = ${data}`;
    case "PTR":
      return `${n}\tname = ${data}`;
    case "SRV":
      return `${n}\tservice = ${data}`;
    case "MX":
      return `${n}\tmail exchanger = ${data}`;
    case "NS":
      return `${n}\tnameserver = ${data}`;
    case "TXT":
      return `${n}\ttext = ${data}`;
    case "SOA": {
      const [origin, mail, serial, refresh, retry, expire, minimum] = data.split(/\s+/);
      return `${n}\n\torigin = ${origin}\n\tmail addr = ${mail}\n\tserial = ${serial}\n\trefresh = ${refresh}\n\tretry = ${retry}\n\texpire = ${expire}\n\tminimum = ${minimum}`;
    }
    default:
      return `${n}\t${type} = ${data}`;
  }
}

function raWarnings(exchanges: DnsExchange[], server: string): string {
  let text = "";
  for (const ex of exchanges) {
    if (!ex.reply) continue;
    if (ex.reply.rcode === "SERVFAIL") text += `;; Got SERVFAIL reply from ${server}\n`;
    else if (!ex.reply.recursionAvailable) text += `;; Got recursion not available from ${server}\n`;
  }
  return text;
}

async function bind(io: ToolIo, host: ToolHost, a: Args): Promise<number> {
  const name = a.name!;
  const server = a.server ?? (await nameserverOf(io.readFile)) ?? "127.0.0.53";
  const header = `Server:\t\t${server}\nAddress:\t${server}#53\n\n`;
  const reverse = isIPv4(name) && a.type === "A";
  const qname = reverse ? reverseName(name) : name;
  const qtype: RecordType = reverse ? "PTR" : a.type;
  const r = lookup(host, qname, qtype, !reverse, a.server);
  if (r.exchanges.length > 0 && r.exchanges.every((e) => e.reply === null)) {
    io.out(";; connection timed out; no servers could be reached\n\n");
    return 1;
  }
  const final = r.final;
  if (reverse) {
    // A reverse lookup prints the PTR answer alone, without the server header.
    const ptrs = final?.reply?.answer.filter((x) => x.type === "PTR") ?? [];
    if (!ptrs.length) {
      io.out(raWarnings(r.exchanges, server) + header + `** server can't find ${qname}: ${final?.reply?.rcode ?? "NXDOMAIN"}\n\n`);
      return 1;
    }
    io.out(ptrs.map((p) => `${p.name.replace(/\.$/, "")}\tname = ${p.data}\n`).join("") + "\n");
    return 0;
  }
  let text = raWarnings(r.exchanges, server) + header;
  const reply = final?.reply;
  if (!final || !reply || reply.rcode !== "NOERROR") {
    const last = r.exchanges[r.exchanges.length - 1]?.reply?.rcode ?? "NXDOMAIN";
    io.out(text + `** server can't find ${name}: ${last}\n\n`);
    return 1;
  }
  if (reply.answer.length === 0) {
    io.out(text + `*** Can't find ${name}: No answer\n\n`);
    return 1;
  }
  if (!reply.authoritative) text += "Non-authoritative answer:\n";
  for (const rr of reply.answer) text += bindDataLine(rr.name, rr.type, rr.data) + "\n";
  if (a.type === "A") {
    // The follow-up AAAA query for the name that answered.
    const six = lookup(host, final.question.name, "AAAA", false, a.server);
    text += raWarnings(six.exchanges, server);
    for (const rr of six.final?.reply?.answer.filter((x) => x.type === "AAAA") ?? []) text += bindDataLine(rr.name, "AAAA", rr.data) + "\n";
  }
  io.out(text + "\n");
  return 0;
}

/**
 * BusyBox 1.3x nslookup (FEATURE_NSLOOKUP_BIG, networking/nslookup.c) has its own
 * resolver: a name without a dot is asked under every search domain (never bare),
 * a name with a dot exactly as typed (ndots is ignored); without -type it asks A
 * for every name, then AAAA. Each reply is printed as it comes, and any error rcode
 * makes the exit status 1, even when another search name answered.
 */
async function busybox(io: ToolIo, host: ToolHost, a: Args, typed: boolean): Promise<number> {
  const name = a.name!;
  const conf = (await io.readFile("/etc/resolv.conf")) ?? "";
  const server = a.server ?? /^nameserver\s+(\S+)/m.exec(conf)?.[1] ?? "127.0.0.1";
  const search = (/^search\s+(.+)$/m.exec(conf)?.[1] ?? "").split(/\s+/).filter(Boolean);
  const queries: { name: string; type: RecordType }[] = [];
  const withSearch = (type: RecordType, dname: string) => {
    if (type === "PTR" || search.length === 0 || dname.includes(".")) queries.push({ name: dname, type });
    else for (const d of search) queries.push({ name: `${dname}.${d}`, type });
  };
  if (!typed && isIPv4(name)) queries.push({ name: reverseName(name), type: "PTR" });
  else if (typed) withSearch(a.type, name);
  else {
    withSearch("A", name);
    withSearch("AAAA", name);
  }
  const replies = queries.map((q) => {
    const ex = lookup(host, q.name, q.type, false, a.server).exchanges;
    return { q, reply: ex[ex.length - 1]?.reply ?? null };
  });
  if (replies.every((r) => r.reply === null)) {
    io.out(";; connection timed out; no servers could be reached\n\n");
    return 1;
  }
  let text = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  let status = 0;
  for (const { q, reply } of replies) {
    if (!reply) continue;
    if (reply.rcode !== "NOERROR") {
      text += `** server can't find ${q.name}: ${reply.rcode}\n\n`;
      status = 1;
      continue;
    }
    if (!reply.authoritative) text += "Non-authoritative answer:\n";
    // BusyBox prints names as uncompressed from the packet: no trailing dot, in owners and targets alike.
    for (const rr of reply.answer) text += bindDataLine(rr.name, rr.type, rr.type === "A" || rr.type === "AAAA" ? rr.data : rr.data.replace(/\.(?=\s|$)/g, "")) + "\n";
    if (reply.answer.length === 0) text += `*** Can't find ${q.name}: No answer\n`;
    text += "\n";
  }
  // Queries no reply came for are reported last.
  for (const { q, reply } of replies) if (!reply) text += `*** Can't find ${q.name}: No answer\n`;
  io.out(text);
  return status;
}

export const nslookup: Tool = async (io, host) => {
  const a = parseArgs(io.args);
  const flavour = host.flavours.nslookup ?? "bind";
  if (a.bad) {
    io.err(flavour === "busybox" ? `nslookup: invalid query type "${a.bad}"\n` : `unknown query type: ${a.bad}\n`);
    return 1;
  }
  if (!a.name) {
    // Without a name BIND nslookup goes interactive; in a lab that just waits, so say how to use it.
    io.err(flavour === "busybox" ? "Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n" : "");
    return 1;
  }
  return flavour === "busybox" ? busybox(io, host, a, io.args.some((x) => /^-(?:type|querytype|q)=/i.test(x))) : bind(io, host, a);
};
