// Small HTTP helpers shared by the app catalogue and the ingress controller:
// header formats (RFC 1123 dates, nginx's time_local), reason phrases, and the
// built-in nginx error pages.
import type { HttpResponse } from "../net/types.ts";

const REASONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  301: "Moved Permanently",
  302: "Moved Temporarily",
  304: "Not Modified",
  308: "Permanent Redirect",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  405: "Not Allowed",
  413: "Request Entity Too Large",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out",
};

/** nginx's reason phrases (they differ from the RFC for 302, 405, 503, 504). */
export function nginxReason(status: number): string {
  return REASONS[status] ?? "Unknown";
}

/** Go net/http's reason phrases (http.StatusText). */
export function goReason(status: number): string {
  const go: Record<number, string> = { 302: "Found", 405: "Method Not Allowed", 503: "Service Unavailable", 504: "Gateway Timeout", 413: "Request Entity Too Large" };
  return go[status] ?? REASONS[status] ?? "Unknown";
}

/** "Wed, 25 Nov 2026 19:10:00 GMT" (RFC 1123, as nginx and Go write Date). */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad2 = (n: number) => String(n).padStart(2, "0");

/** nginx $time_local in UTC: "25/Nov/2026:19:10:00 +0000". */
export function nginxTimeLocal(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/** Byte length of a UTF-8 string (Content-Length counts bytes, not UTF-16 units). */
export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** nginx's built-in error page (ngx_http_special_response.c), CRLF line ends. `server` is the footer: "nginx" or "nginx/1.27.4". */
export function nginxErrorPage(status: number, server: string, extraLine?: string): string {
  const title = `${status} ${nginxReason(status)}`;
  const lines = ["<html>", `<head><title>${title}</title></head>`, "<body>", `<center><h1>${title}</h1></center>`];
  if (extraLine) lines.push(`<center>${extraLine}</center>`);
  lines.push(`<hr><center>${server}</center>`, "</body>", "</html>", "");
  return lines.join("\r\n");
}

/** An nginx response with nginx's header order: Server, Date, Content-Type, Content-Length, Connection, then extras. */
export function nginxResponse(status: number, server: string, now: number, body: string, extra: [string, string][] = [], contentType = "text/html"): HttpResponse {
  return {
    status,
    reason: nginxReason(status),
    httpVersion: "1.1",
    headers: [["Server", server], ["Date", httpDate(now)], ["Content-Type", contentType], ["Content-Length", String(byteLength(body))], ["Connection", "keep-alive"], ...extra],
    body,
  };
}

/** A Go net/http response: handler headers sorted by name, then Date, Content-Length, Content-Type. */
export function goResponse(status: number, now: number, body: string, handlerHeaders: [string, string][] = [], contentType = "text/plain; charset=utf-8"): HttpResponse {
  const sorted = [...handlerHeaders].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    status,
    reason: goReason(status),
    httpVersion: "1.1",
    // Go sniffs a Content-Type only when there is a body to sniff.
    headers: [...sorted, ["Date", httpDate(now)], ["Content-Length", String(byteLength(body))], ...(body ? [["Content-Type", contentType] as [string, string]] : [])],
    body,
  };
}

/** Split "/path?x=1&y=2" into the path and decoded query parameters. */
export function splitQuery(target: string): { path: string; query: Map<string, string> } {
  const q = target.indexOf("?");
  const path = q < 0 ? target : target.slice(0, q);
  const query = new Map<string, string>();
  if (q >= 0) {
    for (const part of target.slice(q + 1).split("&")) {
      if (!part) continue;
      const eq = part.indexOf("=");
      const k = eq < 0 ? part : part.slice(0, eq);
      const v = eq < 0 ? "" : part.slice(eq + 1);
      try {
        query.set(decodeURIComponent(k.replace(/\+/g, " ")), decodeURIComponent(v.replace(/\+/g, " ")));
      } catch {
        query.set(k, v);
      }
    }
  }
  return { path, query };
}

/** Case-insensitive header lookup on a request's header record. */
export function header(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const k in headers) if (k.toLowerCase() === lower) return headers[k];
  return undefined;
}
