// The Node HTTP adapter: reads bodies (3 MiB cap), turns sockets into ApiRequests,
// writes ApiResponses, and keeps watch streams tied to their connection's life.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiRequest, ApiResponse } from "./types.ts";
import { statusResponse } from "./encode.ts";
import { entityTooLarge, internalError, MAX_BODY_BYTES } from "./status.ts";

export type Handle = (req: ApiRequest) => ApiResponse;

function readBody(req: IncomingMessage): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      resolve("too-large");
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) over = true;
      else chunks.push(c);
    });
    req.on("end", () => resolve(over ? "too-large" : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function headers(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/** Open watch streams, so the server can end them on close and tests can count them. */
export interface StreamRegistry {
  open: Set<() => void>;
}

export async function serveRequest(req: IncomingMessage, res: ServerResponse, handle: Handle, streams: StreamRegistry): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const body = await readBody(req).catch(() => Buffer.alloc(0));
  let answer: ApiResponse;
  if (body === "too-large") {
    answer = statusResponse(entityTooLarge());
  } else {
    try {
      answer = handle({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: headers(req), body: body.toString("utf8"), raw: new Uint8Array(body) });
    } catch (e) {
      answer = statusResponse(internalError(e instanceof Error ? e.message : String(e)));
    }
  }
  if (answer.kind === "body") {
    const head: [string, string][] = [...(answer.contentType ? [["Content-Type", answer.contentType] as [string, string]] : []), ...(answer.headers ?? [])];
    head.push(["Content-Length", String(Buffer.byteLength(answer.body))]);
    res.writeHead(answer.status, head.flat());
    res.end(req.method === "HEAD" ? undefined : answer.body);
    return;
  }
  res.writeHead(answer.status, { "Content-Type": answer.contentType, "Transfer-Encoding": "chunked" });
  res.flushHeaders();
  let stop: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const finish = () => {
    if (!streams.open.delete(finish)) return;
    stop?.();
    if (timer) clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  streams.open.add(finish);
  res.on("close", finish);
  if (answer.timeoutSeconds) timer = setTimeout(finish, answer.timeoutSeconds * 1000);
  try {
    stop = answer.start((chunk) => {
      if (!res.writableEnded && !res.destroyed) res.write(chunk);
    });
  } catch (e) {
    finish();
    throw e;
  }
  // The client may have gone while the stream was starting.
  if (!streams.open.has(finish)) stop();
}
