// `labnotes serve` as a process: it writes a usable kubeconfig, prints how to use it,
// and stops cleanly on SIGTERM and SIGINT.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { logLine, parseServeArgs } from "../../bin/commands/serve.ts";

describe("parseServeArgs", () => {
  it.each([
    [[], { choice: {}, port: 0, address: "127.0.0.1" }],
    [["--port", "8080"], { choice: {}, port: 8080, address: "127.0.0.1" }],
    [["--port=0", "--address=0.0.0.0"], { choice: {}, port: 0, address: "0.0.0.0" }],
    [["--lab", "dns", "--kubeconfig", "/tmp/k", "--seed", "7"], { choice: { lab: "dns", seed: 7 }, kubeconfig: "/tmp/k", port: 0, address: "127.0.0.1" }],
    [["--log"], { choice: {}, port: 0, address: "127.0.0.1", log: true }],
  ])("%j", (argv, expected) => {
    expect(parseServeArgs(argv)).toEqual(expected);
  });

  it.each([
    [["--port", "-1"], 'invalid --port "-1"'],
    [["--port", "70000"], 'invalid --port "70000"'],
    [["--port"], 'invalid --port ""'],
    [["--cluster", "a.yaml", "--lab", "x"], "give --cluster or --lab, not both"],
    [["--bogus"], 'unknown argument "--bogus"'],
    [["--seed", "x"], "--seed needs an integer"],
  ])("%j is refused", (argv, message) => {
    const r = parseServeArgs(argv);
    expect(r).toMatchObject({ code: 2 });
    expect((r as { message: string }).message).toContain(message);
  });
});

function startServe(kubeconfig: string, port = "0") {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/commands/serve.ts", "--cluster", "test/conformance/scenario.yaml", "--port", port, "--kubeconfig", kubeconfig], {
    cwd: join(import.meta.dirname, "../.."),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Ctrl-C")) resolve(out);
    });
    child.on("exit", (code) => reject(new Error(`serve exited early with ${code}: ${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, ready, exited, stderr: () => err };
}

describe("logLine", () => {
  it.each([
    [{ method: "GET", url: "/api/v1/pods?labelSelector=app%3Dweb", status: 200, kind: "body", ms: 1.234 }, "GET /api/v1/pods?labelSelector=app=web 200 1.2ms\n"],
    [{ method: "GET", url: "/api/v1/pods?watch=1", status: 200, kind: "watch", ms: 0 }, "GET /api/v1/pods?watch=1 200 (watch)\n"],
    [{ method: "GET", url: "/bad%zz", status: 404, kind: "body", ms: 0 }, "GET /bad%zz 404 0.0ms\n"],
  ] as const)("%j", (entry, line) => {
    expect(logLine(entry)).toBe(line);
  });
});

describe("labnotes serve", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("writes a kubeconfig, answers, and exits 0 on %s", async (signal) => {
    const kubeconfig = join(mkdtempSync(join(tmpdir(), "serve-cmd-")), "config");
    const { child, ready, exited } = startServe(kubeconfig);
    const banner = await ready;
    expect(banner).toContain(`export KUBECONFIG=${kubeconfig}`);
    const config = parse(readFileSync(kubeconfig, "utf8")) as { clusters: { cluster: { server: string } }[]; "current-context": string };
    const server = config.clusters[0].cluster.server;
    expect(server).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(config["current-context"]).toBe("kubernetes-admin@kubernetes");
    const version = (await (await fetch(`${server}/version`)).json()) as { gitVersion: string };
    expect(version.gitVersion).toMatch(/^v1\.\d+/);
    child.kill(signal);
    expect(await exited).toBe(0);
  });

  it("exits 1 with the reason when the port is taken", async () => {
    const dir = mkdtempSync(join(tmpdir(), "serve-cmd-"));
    const first = startServe(join(dir, "a"));
    await first.ready;
    const port = new URL((parse(readFileSync(join(dir, "a"), "utf8")) as { clusters: { cluster: { server: string } }[] }).clusters[0].cluster.server).port;
    const second = startServe(join(dir, "b"), port);
    second.ready.catch(() => {});
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`labnotes serve: cannot listen on 127.0.0.1:${port}`);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
  });
});
