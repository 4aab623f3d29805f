// BusyBox wget (1.36 networking/wget.c, libbb/progress.c, libbb/xconnect.c): -q, -O FILE|-,
// -T seconds, --spider, -S. Errors as BusyBox words them. The progress line is the one a
// finished download leaves: "%-20.20s %3u%% |<32 stars>| %5s %3u:%02u:%02u ETA".
import { has, last, parseArgs } from "./argv.ts";
import { resolveHost } from "./dns-text.ts";
import type { Tool } from "./types.ts";

const USAGE =
  "Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n";

/**
 * libbb's smart_ulltoa5 with progress.c's scale " kMGTPEZY": five columns, bytes up to
 * 99999 as they are, beyond that in units of 1024 ("92.1M", " 146k", "1234M").
 */
export function size5(bytes: number): string {
  if (bytes <= 99999) return String(bytes).padStart(5);
  let tenths = bytes * 10;
  let idx = 0;
  do {
    tenths = Math.floor(tenths / 1024);
    idx++;
  } while (tenths >= 100000);
  const u = Math.floor(tenths / 10);
  const scale = " kMGTPEZY"[idx];
  // From 100 units up the fraction is dropped ("1234M"); below, one decimal ("92.1M").
  return (u >= 100 ? String(u).padStart(4) : `${String(u).padStart(2)}.${tenths % 10}`) + scale;
}

export const wget: Tool = async (io, host) => {
  const p = parseArgs(io.args, { flags: ["q", "quiet", "spider", "S", "server-response", "s"], values: ["O", "output-document", "T", "timeout", "U", "user-agent", "header"] });
  if (p.unknown) {
    io.err(`wget: unrecognized option '${p.unknown}'\n${USAGE}`);
    return 1;
  }
  const raw = p.positional[0];
  if (!raw) {
    io.err(USAGE);
    return 1;
  }
  const quiet = has(p, "q", "quiet");
  const url = /^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`;
  const m = /^(https?):\/\/([^/:]+)(?::(\d+))?(\/.*)?$/i.exec(url);
  if (!m) {
    io.err(`wget: not an http or ftp url: ${raw}\n`);
    return 1;
  }
  const [, scheme, name, portText, pathText] = m;
  const port = Number(portText ?? (scheme === "https" ? 443 : 80));
  const path = pathText ?? "/";
  const resolved = resolveHost(host, name);
  if (resolved.kind !== "ok") {
    io.err(`wget: bad address '${name}'\n`);
    return 1;
  }
  const ip = resolved.ips[0];
  const timeout = last(p, "T", "timeout");
  const r = host.cluster.connect({
    from: host.where,
    to: url,
    port,
    protocol: "TCP",
    http: { scheme: scheme.toLowerCase() as "http" | "https", method: "GET", path, headers: { Host: portText ? `${name}:${port}` : name, "User-Agent": "Wget", Connection: "close" }, serverName: name },
    ...(timeout ? { timeoutMs: Number(timeout) * 1000 } : {}),
  });
  try {
    host.cluster.advance(Math.round(r.elapsedMs));
  } catch {
    // time is cosmetic here
  }
  if (!quiet) io.err(`Connecting to ${name} (${ip}:${port})\n`);
  const out = r.outcome;
  if (out.kind === "timeout") {
    // -T arms an alarm around the connect (wget.c set_alarm); without it the default is
    // 900 s, so the kernel gives up on the unanswered SYN first (libbb xconnect's message).
    io.err(timeout ? "wget: download timed out\n" : `wget: can't connect to remote host (${ip}): Connection timed out\n`);
    return 1;
  }
  if (out.kind === "refused" || out.kind === "unreachable") {
    io.err(`wget: can't connect to remote host (${ip}): ${out.kind === "refused" ? "Connection refused" : "No route to host"}\n`);
    return 1;
  }
  if (out.kind === "tls-error") {
    io.err("wget: error getting response: Connection reset by peer\n");
    return 1;
  }
  if (out.kind !== "http") {
    io.err("wget: error getting response: Connection reset by peer\n");
    return 1;
  }
  const res = out.response;
  if (has(p, "S", "server-response")) {
    io.err(`  HTTP/1.1 ${res.status} ${res.reason}\n` + res.headers.map(([k, v]) => `  ${k}: ${v}\n`).join(""));
  }
  if (res.status >= 400) {
    io.err(`wget: server returned error: HTTP/1.1 ${res.status} ${res.reason}\n`);
    return 1;
  }
  if (has(p, "spider")) {
    if (!quiet) io.err("remote file exists\n");
    return 0;
  }
  const target = last(p, "O", "output-document") ?? (path.split("/").pop() || "index.html");
  const size = new TextEncoder().encode(res.body).length;
  if (target === "-") {
    if (!quiet) io.err("writing to stdout\n");
    io.out(res.body);
    if (!quiet) io.err(`-                    100% |********************************| ${size5(size)}  0:00:00 ETA\nwritten to stdout\n`);
    return 0;
  }
  if (!quiet) io.err(`saving to '${target}'\n`);
  await io.writeFile(target, res.body);
  if (!quiet) io.err(`${target.padEnd(20).slice(0, 20)} 100% |********************************| ${size5(size)}  0:00:00 ETA\n'${target}' saved\n`);
  return 0;
};
