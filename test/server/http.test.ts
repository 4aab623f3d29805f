// The socket side: loopback by default, the 3 MiB body cap, watches that end with their
// connection, and 1,000 dropped watches leaving nothing open behind them.
import { request, type IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/server/index.ts";
import { cluster } from "./fixtures.ts";

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function send(url: string, opts: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url + opts.path, { method: opts.method ?? "GET", headers: opts.headers }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

function openWatch(url: string, path: string): Promise<{ res: IncomingMessage; destroy(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(url + path, { agent: false }, (res) => resolve({ res, destroy: () => req.destroy() }));
    req.on("error", (e) => ((e as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(e)));
    req.end();
  });
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not reached");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("serve over HTTP", () => {
  it("listens on loopback unless told otherwise", async () => {
    running = await startServer({ cluster: cluster() });
    expect(running.address).toBe("127.0.0.1");
    expect((running.server.address() as { address: string }).address).toBe("127.0.0.1");
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("refuses bodies over 3 MiB with 413 and stores nothing", async () => {
    const c = cluster();
    running = await startServer({ cluster: c, clock: "manual" });
    const before = c.resourceVersion();
    const big = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "big" }, data: { x: "a".repeat(3 * 1024 * 1024) } });
    const r = await send(running.url, { method: "POST", path: "/api/v1/namespaces/default/configmaps", headers: { "content-type": "application/json" }, body: big });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ reason: "RequestEntityTooLarge", message: "Request entity too large: limit is 3145728" });
    expect(c.resourceVersion()).toBe(before);
    const small = await send(running.url, { method: "POST", path: "/api/v1/namespaces/default/configmaps", headers: { "content-type": "application/json" }, body: big.slice(0, 200).replace(/"x":"a+$/, '"x":"a"}}') });
    expect(small.status).toBe(201);
  });

  it("streams watch events as chunked JSON lines and ends at timeoutSeconds", async () => {
    const c = cluster();
    running = await startServer({ cluster: c, clock: "manual" });
    const { res } = await openWatch(running.url, "/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1");
    expect(res.headers["transfer-encoding"]).toBe("chunked");
    let text = "";
    res.on("data", (d: Buffer) => (text += d.toString()));
    await until(() => text.split("\n").length > 3);
    await send(running.url, { method: "DELETE", path: "/api/v1/namespaces/default/configmaps/a" });
    await new Promise((r) => res.on("end", r));
    const events = text.trim().split("\n").map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string } } });
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toContain("DELETED a");
    await until(() => running!.openStreams() === 0);
  });

  it("leaks nothing when 1,000 watches are opened and dropped", async () => {
    const c = cluster();
    running = await startServer({ cluster: c, clock: "manual" });
    const sockets = () => process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap").length;
    const baseline = sockets();
    for (let batch = 0; batch < 10; batch++) {
      const watches = await Promise.all(Array.from({ length: 100 }, () => openWatch(running!.url, "/api/v1/configmaps?watch=1")));
      expect(running.openStreams()).toBe(100);
      for (const w of watches) w.destroy();
      await until(() => running!.openStreams() === 0);
    }
    await until(() => sockets() <= baseline);
    // The cluster no longer calls back into closed streams: a write after the drop reaches nobody.
    const r = await send(running.url, { method: "DELETE", path: "/api/v1/namespaces/default/configmaps/a" });
    expect(r.status).toBe(200);
    expect(running.openStreams()).toBe(0);
  });

  it("reports every answered request to onRequest", async () => {
    const seen: string[] = [];
    running = await startServer({ cluster: cluster(), clock: "manual", onRequest: (e) => seen.push(`${e.method} ${e.url} ${e.status} ${e.kind}`) });
    await send(running.url, { path: "/version" });
    await send(running.url, { path: "/api/v1/namespaces/default/services/nope" });
    await until(() => seen.length === 2);
    expect(seen).toEqual(["GET /version 200 body", "GET /api/v1/namespaces/default/services/nope 404 body"]);
  });
});
