// host (BIND): one line per answer, "is an alias for" for CNAMEs, and
// "Host x not found: 3(NXDOMAIN)" with exit 1.
import { isIPv4, lookup, reverseName } from "./dns-text.ts";
import type { Tool } from "./types.ts";

const RCODE_NUMBER: Record<string, number> = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 };

export const host: Tool = (io, machine) => {
  const args = io.args.filter((a) => !a.startsWith("-"));
  const name = args[0];
  if (!name) {
    io.err("Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n");
    return 1;
  }
  const server = args[1];
  const reverse = isIPv4(name);
  const r = lookup(machine, reverse ? reverseName(name) : name, reverse ? "PTR" : "A", !reverse, server);
  if (r.exchanges.length > 0 && r.exchanges.every((e) => e.reply === null)) {
    io.out(";; connection timed out; no servers could be reached\n");
    return 1;
  }
  const reply = r.final?.reply;
  if (server) io.out(`Using domain server:\nName: ${server}\nAddress: ${server}#53\nAliases: \n\n`);
  if (!reply || reply.rcode !== "NOERROR") {
    const rcode = r.exchanges[r.exchanges.length - 1]?.reply?.rcode ?? "NXDOMAIN";
    io.out(`Host ${reverse ? reverseName(name) : name} not found: ${RCODE_NUMBER[rcode] ?? 3}(${rcode})\n`);
    return 1;
  }
  let text = "";
  for (const rr of reply.answer) {
    const n = rr.name.replace(/\.$/, "");
    if (rr.type === "A") text += `${n} has address ${rr.data}\n`;
    else if (rr.type === "CNAME") text += `${n} is an alias for ${rr.data}\n`;
    else if (rr.type === "PTR") text += `${n} domain name pointer ${rr.data}\n`;
  }
  // host also asks AAAA and MX for the name; cluster names have neither, so nothing more is printed.
  if (!reverse && r.final) {
    const six = lookup(machine, r.final.question.name, "AAAA", false, server);
    for (const rr of six.final?.reply?.answer.filter((x) => x.type === "AAAA") ?? []) text += `${rr.name.replace(/\.$/, "")} has IPv6 address ${rr.data}\n`;
  }
  io.out(text);
  return 0;
};
