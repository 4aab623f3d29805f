// agnhost connect HOST:PORT [--timeout=1s] [--protocol=tcp|udp|sctp]: the e2e
// tests' probe. Silent and exit 0 when the connection succeeds; otherwise one
// word on stderr (TIMEOUT, REFUSED, DNS, OTHER) and exit 1.
import { resolveHost } from "./dns-text.ts";
import type { Tool } from "./types.ts";

function seconds(text: string | undefined): number {
  if (!text) return 1;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
  if (!m) return 1;
  const n = Number(m[1]);
  return m[2] === "ms" ? n / 1000 : m[2] === "m" ? n * 60 : n;
}

export const agnhost: Tool = (io, host) => {
  const [sub, ...rest] = io.args;
  if (sub !== "connect") {
    io.err(`Error: unknown command "${sub ?? ""}" for "agnhost"\nRun 'agnhost --help' for usage.\n`);
    return 1;
  }
  const flag = (name: string) => rest.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  const dest = rest.find((a) => !a.startsWith("--"));
  const at = dest?.lastIndexOf(":") ?? -1;
  if (!dest || at < 0) {
    io.err("usage: agnhost connect <host:port>\n");
    return 1;
  }
  const name = dest.slice(0, at);
  const port = Number(dest.slice(at + 1));
  const resolved = resolveHost(host, name);
  if (resolved.kind !== "ok") {
    io.err(`DNS: lookup ${name}: no such host\n`);
    return 1;
  }
  const protocol = (flag("protocol") ?? "tcp").toUpperCase() as "TCP" | "UDP" | "SCTP";
  const r = host.cluster.connect({ from: host.where, to: resolved.ips[0], port, protocol, timeoutMs: seconds(flag("timeout")) * 1000 });
  try {
    host.cluster.advance(Math.round(r.elapsedMs));
  } catch {
    // time is cosmetic here
  }
  const kind = r.outcome.kind;
  if (kind === "connected" || kind === "http") return 0;
  if (kind === "timeout") io.err(`TIMEOUT\n`);
  else if (kind === "refused") io.err(`REFUSED\n`);
  else io.err(`OTHER: ${kind}\n`);
  return 1;
};
