// curl 8 (netshoot's Alpine, curlimages/curl, nodes): the request goes through the
// cluster's packet walk; the answer, verbose trace and error lines are curl's own.
// Reference §7.4 for the error texts and exit codes.
import type { ConnectResult, HttpResponse } from "../../cluster/index.ts";
import { all, has, last, parseArgs } from "./argv.ts";
import type { Tool, ToolHost, ToolIo } from "./types.ts";
import { tlsEstablished, tlsRejected } from "./curl-tls.ts";

export const CURL_VERSION = "8.14.1";

const SPEC = {
  flags: ["s", "silent", "S", "show-error", "v", "verbose", "I", "head", "i", "include", "k", "insecure", "L", "location", "f", "fail", "4", "ipv4", "http1.1", "compressed", "N", "no-buffer"],
  values: ["o", "output", "w", "write-out", "H", "header", "X", "request", "d", "data", "data-raw", "data-binary", "m", "max-time", "connect-timeout", "A", "user-agent", "resolve", "u", "user", "e", "referer", "b", "cookie", "retry", "max-redirs"],
};

interface Target {
  scheme: "http" | "https";
  host: string;
  port: number;
  path: string;
  url: string;
}

function parseUrl(raw: string): Target | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  const m = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]+\]|[^/:?#]*)(?::(\d*))?([^#]*)/i.exec(withScheme);
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  if (scheme !== "http" && scheme !== "https") return undefined;
  const port = m[3] ? Number(m[3]) : scheme === "https" ? 443 : 80;
  const path = m[4] ? (m[4].startsWith("/") ? m[4] : "/" + m[4]) : "/";
  const url = `${scheme}://${m[2]}${m[3] ? ":" + m[3] : ""}${path}`;
  return { scheme, host: m[2], port, path, url };
}

class CurlError {
  constructor(
    readonly code: number,
    readonly message: string,
  ) {}
}

interface Exchange {
  target: Target;
  result: ConnectResult;
}

function statusLine(r: HttpResponse): string {
  return r.httpVersion === "2" ? `HTTP/2 ${r.status}` : `HTTP/1.1 ${r.status} ${r.reason}`;
}

function headerBlock(r: HttpResponse, prefix = ""): string {
  const lines = [statusLine(r), ...r.headers.map(([k, v]) => `${r.httpVersion === "2" ? k.toLowerCase() : k}: ${v}`)];
  return lines.map((l) => `${prefix}${l}\r\n`).join("") + `${prefix}\r\n`;
}

function timeoutMs(p: ReturnType<typeof parseArgs>): number | undefined {
  const vals = [last(p, "m", "max-time"), last(p, "connect-timeout")].filter((v): v is string => v !== undefined).map(Number);
  const ok = vals.filter((v) => Number.isFinite(v) && v > 0);
  return ok.length ? Math.min(...ok) * 1000 : undefined;
}

export const curl: Tool = async (io, host) => {
  const p = parseArgs(io.args, SPEC);
  if (p.unknown) {
    io.err(`curl: option ${p.unknown}: is unknown\ncurl: try 'curl --help' for more information\n`);
    return 2;
  }
  if (p.missingValue) {
    io.err(`curl: option ${p.missingValue}: requires parameter\ncurl: try 'curl --help' for more information\n`);
    return 2;
  }
  if (p.positional.length === 0) {
    // Bare `curl` only points at the help; with options it also says what is missing.
    io.err(`${io.args.length ? "curl: no URL specified\n" : ""}curl: try 'curl --help' or 'curl --manual' for more information\n`);
    return 2;
  }
  const silent = has(p, "s", "silent");
  const showError = !silent || has(p, "S", "show-error");
  let code = 0;
  for (const raw of p.positional) {
    try {
      await fetchOne(io, host, p, raw);
      code = 0;
    } catch (e) {
      if (!(e instanceof CurlError)) throw e;
      if (showError) io.err(`curl: (${e.code}) ${e.message}\n`);
      code = e.code;
      // -w is written even when the transfer failed, with the status as 000.
      const w = last(p, "w", "write-out");
      if (w !== undefined) io.out(writeOut(w, undefined, undefined, e.code));
    }
  }
  return code;
};

async function fetchOne(io: ToolIo, host: ToolHost, p: ReturnType<typeof parseArgs>, raw: string): Promise<void> {
  const verbose = has(p, "v", "verbose");
  const headOnly = has(p, "I", "head");
  const data = all(p, "d", "data", "data-raw", "data-binary");
  const method = last(p, "X", "request") ?? (headOnly ? "HEAD" : data.length ? "POST" : "GET");
  const userHeaders: [string, string][] = all(p, "H", "header").flatMap((h) => {
    const i = h.indexOf(":");
    return i > 0 ? [[h.slice(0, i).trim(), h.slice(i + 1).trim()] as [string, string]] : [];
  });
  const limit = timeoutMs(p);
  const maxRedirs = Number(last(p, "max-redirs") ?? 50);
  // --resolve HOST:PORT:ADDR pins a name to an address without DNS (Host and SNI stay the name).
  const pinned = new Map(all(p, "resolve").map((r) => {
    const [h, port, ...addr] = r.split(":");
    return [`${h}:${port}`, addr.join(":")] as [string, string];
  }));
  let target = parseUrl(raw);
  if (!target || !target.host) throw new CurlError(3, target ? "URL rejected: No host part in the URL" : `URL rejected: Bad hostname`);
  let exchange: Exchange | undefined;
  let redirects = 0;
  for (;;) {
    exchange = send(io, host, target, { method, userHeaders, data: data.join("&"), verbose, insecure: has(p, "k", "insecure"), limit, pinned: pinned.get(`${target.host}:${target.port}`) });
    const response = responseOf(exchange);
    const location = response.headers.find(([k]) => k.toLowerCase() === "location")?.[1];
    if (!has(p, "L", "location") || !location || response.status < 300 || response.status >= 400) break;
    if (redirects >= maxRedirs) throw new CurlError(47, `Maximum (${maxRedirs}) redirects followed`);
    writeOutput(io, p, exchange, true);
    const next = parseUrl(new URL(location, target.url).toString());
    if (!next) break;
    if (verbose) io.err(`* Issue another request to this URL: '${next.url}'\n`);
    target = next;
    redirects++;
  }
  writeOutput(io, p, exchange, false);
  if (verbose) io.err(`* Connection #0 to host ${exchange.target.host} left intact\n`);
  const response = responseOf(exchange);
  if (has(p, "f", "fail") && response.status >= 400) throw new CurlError(22, `The requested URL returned error: ${response.status}`);
  const w = last(p, "w", "write-out");
  if (w !== undefined) io.out(writeOut(w, exchange, response));
}

function responseOf(ex: Exchange): HttpResponse {
  if (ex.result.outcome.kind !== "http") throw new Error("curl: no HTTP response");
  return ex.result.outcome.response;
}

function writeOutput(io: ToolIo, p: ReturnType<typeof parseArgs>, ex: Exchange, intermediate: boolean): void {
  const response = responseOf(ex);
  const headOnly = has(p, "I", "head");
  const include = has(p, "i", "include");
  if (headOnly || include) io.out(headerBlock(response));
  if (headOnly || intermediate) return;
  const output = last(p, "o", "output");
  if (output === undefined || output === "-") io.out(response.body);
  else if (output !== "/dev/null") void io.writeFile(output, response.body);
}

function send(
  io: ToolIo,
  host: ToolHost,
  target: Target,
  o: { method: string; userHeaders: [string, string][]; data: string; verbose: boolean; insecure: boolean; limit?: number; pinned?: string },
): Exchange {
  const defaults: [string, string][] = [
    ["Host", target.port === (target.scheme === "https" ? 443 : 80) ? target.host : `${target.host}:${target.port}`],
    ["User-Agent", `curl/${CURL_VERSION}`],
    ["Accept", "*/*"],
  ];
  if (o.data) defaults.push(["Content-Length", String(o.data.length)], ["Content-Type", "application/x-www-form-urlencoded"]);
  const headers: [string, string][] = [];
  for (const [k, v] of defaults) {
    const override = o.userHeaders.find(([uk]) => uk.toLowerCase() === k.toLowerCase());
    headers.push(override ?? [k, v]);
  }
  for (const h of o.userHeaders) if (!headers.some(([k]) => k.toLowerCase() === h[0].toLowerCase())) headers.push(h);
  if (o.pinned && o.verbose) io.err(`* Added ${target.host}:${target.port}:${o.pinned} to DNS cache\n`);
  const result = host.cluster.connect({
    from: host.where,
    to: o.pinned ? target.url.replace(`//${target.host}`, `//${o.pinned}`) : target.url,
    port: target.port,
    protocol: "TCP",
    http: {
      scheme: target.scheme,
      method: o.method,
      path: target.path,
      headers: Object.fromEntries(headers.filter(([, v]) => v !== "")),
      ...(o.data ? { body: o.data } : {}),
      insecure: o.insecure,
      serverName: target.host,
    },
    ...(o.limit ? { timeoutMs: o.limit } : {}),
  });
  try {
    host.cluster.advance(Math.max(0, Math.round(result.elapsedMs)));
  } catch {
    // time is cosmetic here
  }
  const out = result.outcome;
  const ms = Math.max(0, Math.round(result.elapsedMs));
  const isName = !/^\d+\.\d+\.\d+\.\d+$/.test(target.host) && !o.pinned;
  const v = (line: string) => o.verbose && io.err(line);
  const ip = "ip" in out ? out.ip : "";
  if (out.kind === "nxdomain" || out.kind === "dns-timeout") {
    v(`* Could not resolve host: ${target.host}\n* shutting down connection #0\n`);
    throw new CurlError(6, `Could not resolve host: ${target.host}`);
  }
  if (isName) v(`* Host ${target.host}:${target.port} was resolved.\n* IPv6: (none)\n* IPv4: ${ip}\n`);
  if (o.pinned) v(`* Hostname ${target.host} was found in DNS cache\n`);
  v(`*   Trying ${ip}:${target.port}...\n`);
  if (out.kind === "refused" || out.kind === "unreachable") {
    v(`* connect to ${ip} port ${target.port} from 0.0.0.0 port 0 failed: ${out.kind === "refused" ? "Connection refused" : "No route to host"}\n`);
    v(`* Failed to connect to ${target.host} port ${target.port} after ${ms} ms: Couldn't connect to server\n* closing connection #0\n`);
    throw new CurlError(7, `Failed to connect to ${target.host} port ${target.port} after ${ms} ms: Couldn't connect to server`);
  }
  if (out.kind === "timeout") {
    if (o.limit) {
      v(`* ipv4 connect timeout after ${ms - 2}ms, move on!\n`);
      throw new CurlError(28, `Failed to connect to ${target.host} port ${target.port} after ${ms} ms: Timeout was reached`);
    }
    throw new CurlError(28, `Failed to connect to ${target.host} port ${target.port} after ${ms} ms: Couldn't connect to server`);
  }
  const connected = `Connected to ${target.host} (${ip}) port ${target.port}`;
  // curl 8.10+ says it is connected once the TLS handshake is done, so for https it comes later.
  if (target.scheme === "http") v(`* ${connected}\n`);
  if (out.kind === "tls-error") {
    if (out.reason === "untrusted") v(tlsRejected(true));
    if (out.reason === "wrong-version") throw new CurlError(35, "OpenSSL/3.5.0: error:0A00010B:SSL routines::wrong version number");
    if (out.reason === "hostname-mismatch") throw new CurlError(60, `SSL: no alternative certificate subject name matches target host name '${target.host}'\n${SSL_HELP}`.replace(/\n$/, ""));
    throw new CurlError(60, `SSL certificate problem: self-signed certificate\n${SSL_HELP}`.replace(/\n$/, ""));
  }
  if (out.kind === "connected") {
    if (target.scheme === "https") v(`* ${connected}\n`);
    // The port answered but not with HTTP.
    throw new CurlError(52, "Empty reply from server");
  }
  if (out.kind !== "http") throw new CurlError(7, `Failed to connect to ${target.host} port ${target.port} after ${ms} ms: Couldn't connect to server`);
  if (o.verbose) {
    if (out.tls) v(tlsEstablished(out.tls, { insecure: o.insecure, alpn: out.response.httpVersion === "2" ? "h2" : "http/1.1", connected, cluster: host.cluster }));
    else if (target.scheme === "https") v(`* ${connected}\n`);
    v("* using HTTP/1.x\n");
    v(`> ${o.method} ${target.path} HTTP/1.1\r\n` + headers.map(([k, val]) => `> ${k}: ${val}\r\n`).join("") + "> \r\n");
    v("* Request completely sent off\n");
    v(headerBlock(out.response, "< "));
  }
  return { target, result };
}

const SSL_HELP = `More details here: https://curl.se/docs/sslcerts.html

curl failed to verify the legitimacy of the server and therefore could not
establish a secure connection to it. To learn more about this situation and
how to fix it, please visit the webpage mentioned above.
`;

function writeOut(format: string, ex: Exchange | undefined, r: HttpResponse | undefined, exitCode = 0): string {
  const ip = ex?.result.outcome.kind === "http" ? ex.result.outcome.ip : "";
  const seconds = ((ex?.result.elapsedMs ?? 0) / 1000).toFixed(6);
  const header = (name: string) => r?.headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? "";
  const vars: Record<string, string> = {
    http_code: String(r?.status ?? 0).padStart(3, "0"),
    response_code: String(r?.status ?? 0).padStart(3, "0"),
    remote_ip: ip,
    remote_port: ex ? String(ex.target.port) : "",
    url_effective: ex?.target.url ?? "",
    size_download: String(new TextEncoder().encode(r?.body ?? "").length),
    content_type: header("content-type"),
    time_total: seconds,
    time_connect: seconds,
    time_namelookup: "0.000000",
    redirect_url: header("location"),
    exitcode: String(exitCode),
    http_version: r ? (r.httpVersion === "2" ? "2" : "1.1") : "0",
    scheme: ex?.target.scheme ?? "",
  };
  return format
    .replace(/%\{([a-z_]+)\}/g, (m, k: string) => vars[k] ?? m)
    .replace(/\\n/g, "\n")
    .replace(/\\t/g, "\t")
    .replace(/\\r/g, "\r");
}
