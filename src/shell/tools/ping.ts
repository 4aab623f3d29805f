// ping in its two flavours (reference §7.5): iputils (netshoot, nodes) and BusyBox.
// The reply TTL is 64 minus the routers the packet crossed; a ClusterIP only
// answers in IPVS mode, where the local node owns the address on kube-ipvs0.
import type { ConnectResult } from "../../cluster/index.ts";
import { has, last, parseArgs } from "./argv.ts";
import { isIPv4, lookup, resolveHost, reverseName } from "./dns-text.ts";
import { ENDLESS_TOOL_LIMIT_MS, type Tool, type ToolHost } from "./types.ts";

function replyTtl(r: ConnectResult): number {
  const routed = r.trace.filter((h) => h.kind === "route" && h.verdict === "pass").length;
  return 64 - Math.min(2, routed);
}

/** The round-trip time of echo request `i`: looks real and is the same from run to run. */
function rtt(seed: string, i: number): number {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  for (let k = 0; k <= i; k++) h = (Math.imul(h, 1103515245) + 12345) >>> 0;
  return i === 0 ? 0.09 + (h % 60) / 1000 : 0.04 + (h % 40) / 1000;
}

function ptrName(host: ToolHost, ip: string): string | undefined {
  const r = lookup(host, reverseName(ip), "PTR", false);
  const ptr = r.final?.reply?.answer.find((a) => a.type === "PTR");
  return ptr?.data.replace(/\.$/, "");
}

/** How many echo requests to send: -c, else the -w deadline in seconds, else none (until interrupted). */
function packetLimit(count: string | undefined, deadline: string | undefined): number | undefined {
  const c = count !== undefined ? Math.max(1, Number(count) || 1) : undefined;
  const w = deadline !== undefined ? Math.max(1, Number(deadline) || 1) : undefined;
  if (c !== undefined && w !== undefined) return Math.min(c, w);
  return c ?? w;
}

export const ping: Tool = async (io, host) => {
  const busybox = host.flavours.ping === "busybox";
  const p = parseArgs(io.args, { flags: ["q", "n", "4"], values: ["c", "W", "w", "i", "s", "t", "I"] });
  const target = p.positional[0];
  if (p.unknown || !target) {
    io.err(busybox ? "Usage: ping [OPTIONS] HOST\n" : "ping: usage error: Destination address required\n");
    return busybox ? 1 : 2;
  }
  const limit = packetLimit(last(p, "c"), last(p, "w"));
  const resolved = resolveHost(host, target);
  if (resolved.kind !== "ok") {
    if (busybox) io.err(`ping: bad address '${target}'\n`);
    else io.err(`ping: ${target}: ${host.where.kind === "node" ? "Name or service not known" : "Name does not resolve"}\n`);
    return busybox ? 1 : 2;
  }
  const ip = resolved.ips[0];
  // iputils names the canonical name it resolved; BusyBox repeats what was typed.
  const shown = isIPv4(target) || busybox ? target : resolved.name;
  const result = host.cluster.connect({ from: host.where, to: ip, protocol: "ICMP" });
  const answered = result.outcome.kind === "connected";
  const ttl = replyTtl(result);
  const from = isIPv4(target) ? ip : `${ptrName(host, ip) ?? ip} (${ip})`;
  io.out(busybox ? `PING ${shown} (${ip}): 56 data bytes\n` : `PING ${shown} (${ip}) 56(84) bytes of data.\n`);
  // Without -c or -w ping runs until Ctrl-C: at its real pace where Ctrl-C can come,
  // otherwise (headless) for ENDLESS_TOOL_LIMIT_MS, then it stops as if interrupted.
  const endless = limit === undefined;
  const paced = endless && host.pace !== undefined;
  const max = limit ?? (paced ? Number.MAX_SAFE_INTEGER : Math.floor(ENDLESS_TOOL_LIMIT_MS / 1000));
  const times: number[] = [];
  let sent = 0;
  while (sent < max) {
    const time = rtt(`${host.hostname}>${ip}`, sent);
    sent++;
    if (answered) times.push(time);
    if (answered && !has(p, "q")) {
      const t = time.toFixed(3);
      io.out(busybox ? `64 bytes from ${ip}: seq=${sent - 1} ttl=${ttl} time=${t} ms\n` : `64 bytes from ${from}: icmp_seq=${sent} ttl=${ttl} time=${t} ms\n`);
    }
    if (io.signal?.aborted || sent >= max) break;
    // One echo request per second.
    if (paced) await host.pace!(1000, io.signal);
    else advance(host, 1000);
    if (io.signal?.aborted) break;
  }
  if (!paced) advance(host, 1000);
  io.out(statistics(busybox, shown, sent, times));
  return times.length ? 0 : 1;
};

function advance(host: ToolHost, ms: number): void {
  try {
    host.cluster.advance(ms);
  } catch {
    // time is cosmetic here
  }
}

/** What ping prints as it ends (after the last reply, or after Ctrl-C). */
function statistics(busybox: boolean, shown: string, sent: number, times: number[]): string {
  const received = times.length;
  const loss = Math.round(((sent - received) / sent) * 100);
  let text = `\n--- ${shown} ping statistics ---\n`;
  const min = Math.min(...times);
  const max = Math.max(...times);
  const avg = times.reduce((a, b) => a + b, 0) / (received || 1);
  if (busybox) {
    text += `${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`;
    if (received) text += `round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`;
    return text;
  }
  const elapsed = (sent - 1) * 1000 + (sent - 1) * 2 + (received ? 1 : 45);
  text += `${sent} packets transmitted, ${received} received, ${loss}% packet loss, time ${sent === 1 ? 0 : elapsed}ms\n`;
  if (!received) return text + "\n";
  const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / received);
  return text + `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`;
}
