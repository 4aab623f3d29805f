// Parse what a tool aims at: a URL (http://name:port/path), a name, or an IP.
import type { ConnectRequest, HttpRequest, Protocol } from "./types.ts";

export interface Target {
  host: string;
  port?: number;
  protocol: Protocol;
  http?: HttpRequest;
}

export function parseTarget(req: ConnectRequest): Target | undefined {
  const m = /^(https?):\/\/(\[[^\]]*\]|[^/:?#]*)(?::(\d+))?([^#]*)/i.exec(req.to);
  if (m) {
    const scheme = m[1].toLowerCase() as "http" | "https";
    const host = m[2];
    if (!host) return undefined;
    const port = m[3] !== undefined ? Number(m[3]) : req.port ?? (scheme === "https" ? 443 : 80);
    const path = m[4] || "/";
    const defaultPort = scheme === "https" ? 443 : 80;
    const http: HttpRequest = req.http ?? {
      scheme,
      method: "GET",
      path,
      headers: { Host: port === defaultPort ? host : `${host}:${port}`, "User-Agent": "curl/8.5.0", Accept: "*/*" },
      serverName: host,
    };
    return { host, port, protocol: "TCP", http: { ...http, serverName: http.serverName ?? host } };
  }
  const host = req.to.trim();
  if (!host) return undefined;
  const protocol = req.protocol ?? (req.port === undefined ? "ICMP" : "TCP");
  return { host, port: req.port, protocol, http: req.http };
}
