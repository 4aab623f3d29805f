// traceroute: one line per router on the packet walk's path (the nodes it is routed
// through), then the destination; hops that never answer print stars up to the hop
// limit. BusyBox (netshoot, busybox) and GNU (nodes) layouts, reference §7.5.
// Which address a node answers from is simplified to its node IP.
import { last, parseArgs } from "./argv.ts";
import { isIPv4, resolveHost } from "./dns-text.ts";
import type { Tool } from "./types.ts";

function times(seed: number): string {
  const t = (k: number) => (0.004 + ((seed * 7919 + k * 104729) % 90) / 1000).toFixed(3);
  return `${t(1)} ms  ${t(2)} ms  ${t(3)} ms`;
}

export const traceroute: Tool = (io, host) => {
  const gnu = host.flavours.traceroute === "gnu";
  const p = parseArgs(io.args, { flags: ["n", "I", "T", "U", "4"], values: ["m", "w", "q", "p"] });
  const target = p.positional[0];
  if (p.unknown || !target) {
    io.err(gnu ? "Usage:\n  traceroute [ -46dFITnreAUDV ] [ -f first_ttl ] [ -g gate,... ] [ -i device ] [ -m max_ttl ] [ -N squeries ] [ -p port ] [ -t tos ] [ -l flow_label ] [ -w MAX,HERE,NEAR ] [ -q nqueries ] [ -s src_addr ] [ -z sendwait ] [ --fwmark=num ] host [ packetlen ]\n" : "Usage: traceroute [-46FIlnrv] [-f 1ST_TTL] [-m MAXTTL] [-q PROBES] [-p PORT]\n\t[-t TOS] [-w WAIT_SEC] [-s SRC_IP] [-i IFACE]\n\t[-z PAUSE_MSEC] HOST [BYTES]\n");
    return gnu ? 2 : 1;
  }
  const resolved = resolveHost(host, target);
  if (resolved.kind !== "ok") {
    io.err(gnu ? `${target}: Name or service not known\nCannot handle "host" cmdline arg \`${target}' on position 1 (argc 1)\n` : `traceroute: bad address '${target}'\n`);
    return gnu ? 2 : 1;
  }
  const ip = resolved.ips[0];
  const max = Number(last(p, "m") ?? 30) || 30;
  const numeric = p.opts.has("n");
  const r = host.cluster.connect({ from: host.where, to: ip, protocol: "ICMP" });
  const nodeIp = (name: string) => host.cluster.config.nodes.find((n) => n.name === name)?.ip;
  const routers: string[] = [];
  for (const hop of r.trace) {
    if (hop.kind !== "route") continue;
    const addr = nodeIp(hop.at);
    if (addr && routers[routers.length - 1] !== addr && addr !== ip) routers.push(addr);
  }
  const answered = r.outcome.kind === "connected";
  const shownName = isIPv4(target) ? ip : target;
  let text = `traceroute to ${shownName} (${ip}), ${max} hops max, ${gnu ? 60 : 46} byte packets\n`;
  const label = (addr: string) => (numeric ? addr : `${addr} (${addr})`);
  const hops = answered ? [...routers, ip] : routers;
  hops.slice(0, max).forEach((addr, i) => {
    text += `${String(i + 1).padStart(2)}  ${label(addr)}  ${times(i + 1)}\n`;
  });
  if (!answered) for (let i = hops.length; i < max; i++) text += gnu ? `${String(i + 1).padStart(2)}  * * *\n` : `${String(i + 1).padStart(2)}  *  *  *\n`;
  io.out(text);
  return 0;
};
