// ping in its two flavours (reference §7.5): iputils (netshoot, nodes) and BusyBox.
// The reply TTL is 64 minus the routers the packet crossed; a ClusterIP only
// answers in IPVS mode, where the local node owns the address on kube-ipvs0.
import type { ConnectResult } from "../../cluster/index.ts";
import { has, last, parseArgs } from "./argv.ts";
import { isIPv4, lookup, resolveHost, reverseName } from "./dns-text.ts";
import type { Tool, ToolHost } from "./types.ts";

/** Without -c real ping runs until Ctrl-C; a line-by-line session sends this many. */
export const DEFAULT_COUNT = 4;

function replyTtl(r: ConnectResult): number {
  const routed = r.trace.filter((h) => h.kind === "route" && h.verdict === "pass").length;
  return 64 - Math.min(2, routed);
}

/** Round-trip times that look real and stay the same from run to run. */
function rtts(seed: string, n: number): number[] {
  const out: number[] = [];
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  for (let i = 0; i < n; i++) {
    h = (Math.imul(h, 1103515245) + 12345) >>> 0;
    out.push(i === 0 ? 0.09 + (h % 60) / 1000 : 0.04 + (h % 40) / 1000);
  }
  return out;
}

function ptrName(host: ToolHost, ip: string): string | undefined {
  const r = lookup(host, reverseName(ip), "PTR", false);
  const ptr = r.final?.reply?.answer.find((a) => a.type === "PTR");
  return ptr?.data.replace(/\.$/, "");
}

export const ping: Tool = (io, host) => {
  const busybox = host.flavours.ping === "busybox";
  const p = parseArgs(io.args, { flags: ["q", "n", "4"], values: ["c", "W", "w", "i", "s", "t", "I"] });
  const target = p.positional[0];
  if (p.unknown || !target) {
    io.err(busybox ? "Usage: ping [OPTIONS] HOST\n" : "ping: usage error: Destination address required\n");
    return busybox ? 1 : 2;
  }
  const count = Math.max(1, Number(last(p, "c") ?? DEFAULT_COUNT) || DEFAULT_COUNT);
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
  const times = rtts(`${host.hostname}>${ip}`, count);
  const ttl = replyTtl(result);
  try {
    host.cluster.advance(count * 1000);
  } catch {
    // time is cosmetic here
  }
  const from = isIPv4(target) ? ip : `${ptrName(host, ip) ?? ip} (${ip})`;
  let text = busybox ? `PING ${shown} (${ip}): 56 data bytes\n` : `PING ${shown} (${ip}) 56(84) bytes of data.\n`;
  if (answered && !has(p, "q")) {
    for (let i = 0; i < count; i++) {
      const t = times[i].toFixed(3);
      text += busybox ? `64 bytes from ${ip}: seq=${i} ttl=${ttl} time=${t} ms\n` : `64 bytes from ${from}: icmp_seq=${i + 1} ttl=${ttl} time=${t} ms\n`;
    }
  }
  const received = answered ? count : 0;
  const loss = answered ? 0 : 100;
  text += `\n--- ${shown} ping statistics ---\n`;
  if (busybox) {
    text += `${count} packets transmitted, ${received} packets received, ${loss}% packet loss\n`;
    if (answered) {
      const min = Math.min(...times);
      const max = Math.max(...times);
      const avg = times.reduce((a, b) => a + b, 0) / count;
      text += `round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`;
    }
  } else {
    const elapsed = (count - 1) * 1000 + (count - 1) * 2 + (answered ? 1 : 45);
    text += `${count} packets transmitted, ${received} received, ${loss}% packet loss, time ${count === 1 ? 0 : elapsed}ms\n`;
    if (answered) {
      const min = Math.min(...times);
      const max = Math.max(...times);
      const avg = times.reduce((a, b) => a + b, 0) / count;
      const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / count);
      text += `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`;
    } else text += "\n";
  }
  io.out(text);
  return answered ? 0 : 1;
};
