// nc -z: does a TCP (or -u UDP) port answer? OpenBSD netcat (netshoot, nodes)
// reports on stderr with -v; BusyBox nc only says something when it fails.
import { has, last, parseArgs } from "./argv.ts";
import { isIPv4, resolveHost } from "./dns-text.ts";
import { ENDLESS_TOOL_LIMIT_MS, type Tool, type ToolHost, type ToolIo } from "./types.ts";

const USAGE_TEXT: [string, string] = [
  "usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n",
  "Usage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n",
];

function usage(busybox: boolean): string {
  return USAGE_TEXT[busybox ? 1 : 0];
}

/** /etc/services names OpenBSD nc prints in brackets. */
const SERVICES: Record<string, string> = { "21": "ftp", "22": "ssh", "25": "smtp", "53": "domain", "80": "http", "443": "https", "3306": "mysql", "5432": "postgresql", "6379": "redis", "8080": "http-alt" };

export const nc: Tool = async (io, host) => {
  const busybox = host.flavours.nc === "busybox";
  const p = parseArgs(io.args, { flags: ["z", "v", "u", "n", "4", "l", "k"], values: ["w", "p", "s"] });
  if (p.unknown) {
    io.err(busybox ? `nc: unrecognized option '${p.unknown}'\n` : `nc: invalid option -- '${p.unknown.replace(/^-+/, "")}'\n`);
    return 1;
  }
  if (has(p, "l")) return listen(io, host, last(p, "p") ?? p.positional[p.positional.length - 1], busybox);
  const [target, port] = p.positional;
  if (!target || !port) {
    io.err(usage(busybox));
    return 1;
  }
  const udp = has(p, "u");
  const proto = udp ? "udp" : "tcp";
  const verbose = has(p, "v");
  const resolved = resolveHost(host, target);
  if (resolved.kind !== "ok") {
    io.err(busybox ? `nc: bad address '${target}'\n` : `nc: getaddrinfo for host "${target}" port ${port}: Name does not resolve\n`);
    return 1;
  }
  const ip = resolved.ips[0];
  const wait = last(p, "w");
  const r = host.cluster.connect({ from: host.where, to: ip, port: Number(port), protocol: udp ? "UDP" : "TCP", ...(wait ? { timeoutMs: Number(wait) * 1000 } : {}) });
  try {
    host.cluster.advance(Math.round(r.elapsedMs));
  } catch {
    // time is cosmetic here
  }
  const label = isIPv4(target) ? ip : `${target} (${ip})`;
  const kind = r.outcome.kind;
  if (kind === "connected" || kind === "http") {
    if (verbose) {
      io.err(busybox ? `${target} (${ip}:${port}) open\n` : `Connection to ${label} ${port} port [${proto}/${SERVICES[port] ?? "*"}] succeeded!\n`);
    }
    return 0;
  }
  if (busybox) {
    io.err(kind === "timeout" ? `nc: ${target} (${ip}:${port}): Connection timed out\n` : `nc: ${target} (${ip}:${port}): Connection refused\n`);
    return 1;
  }
  if (kind === "timeout") {
    if (verbose) io.err(`nc: connect to ${label} port ${port} (${proto}) timed out: Operation now in progress\n`);
    return 1;
  }
  if (verbose) io.err(`nc: connect to ${label} port ${port} (${proto}) failed: ${kind === "unreachable" ? "No route to host" : "Connection refused"}\n`);
  return 1;
};

/**
 * `nc -l [-p] PORT`: waits for a client that never comes (nothing in the emulated
 * cluster dials a learner's listener), silently, until Ctrl-C kills it (status 130,
 * as SIGINT does). Headless it gives up after ENDLESS_TOOL_LIMIT_MS as if interrupted.
 */
async function listen(io: ToolIo, host: ToolHost, port: string | undefined, busybox: boolean): Promise<number> {
  if (!port || !/^\d+$/.test(port)) {
    // OpenBSD netcat.c: warnx("missing port with option -l") then usage(1); BusyBox shows its usage.
    io.err(busybox ? usage(true) : `nc: missing port with option -l\n${usage(false)}`);
    return 1;
  }
  if (!host.pace) {
    host.cluster.advance(ENDLESS_TOOL_LIMIT_MS);
    return 130;
  }
  while (!io.signal?.aborted) await host.pace(1000, io.signal);
  return 130;
}
