// bin/labnotes under an older node re-executes itself on the pinned Node 24: a
// signal sent to the launcher (a supervisor stopping `labnotes serve`) must reach
// that child, and the launcher must end with the child's status.
import { spawn, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const LAUNCHER = fileURLToPath(new URL("../../bin/labnotes", import.meta.url));
/** The system's node (20 here): older than the pin, so the launcher spawns a child. */
const OLD_NODE = ["/usr/bin/node", "/usr/local/bin/node"].find((p) => existsSync(p) && Number(execFileSync(p, ["-p", "process.versions.node.split('.')[0]"]).toString()) < 24);

function childrenOf(pid: number): number[] {
  const out = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)]).toString();
  return out.split("\n").map((l) => Number(l.trim())).filter((n) => n > 0);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: () => boolean): Promise<void> {
  while (!what()) await new Promise((r) => setTimeout(r, 50));
}

describe.skipIf(!OLD_NODE)("bin/labnotes launcher", () => {
  it.each(["SIGTERM", "SIGHUP", "SIGINT"] as const)("forwards %s to labnotes serve and ends with it", async (signal) => {
    const launcher = spawn(OLD_NODE!, [LAUNCHER, "serve", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    launcher.stdout.on("data", (d) => (out += d));
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => launcher.on("exit", (code, sig) => r({ code, signal: sig })));
    await until(() => out.includes("Press Ctrl-C to stop."));
    const [child] = childrenOf(launcher.pid!);
    expect(child).toBeGreaterThan(0);
    launcher.kill(signal);
    const end = await exited;
    // serve stops cleanly on SIGINT/SIGTERM (status 0); SIGHUP kills it, and the launcher dies the same way.
    if (signal === "SIGHUP") expect(end.signal).toBe("SIGHUP");
    else expect(end).toEqual({ code: 0, signal: null });
    await until(() => !alive(child));
  }, 60_000);
});

describe("labnotes check from another directory", () => {
  const NODE24 = fileURLToPath(new URL("../../node_modules/.bin/node", import.meta.url));
  it("replays the package's own labs, not ./labs of the working directory", () => {
    const out = execFileSync(NODE24, [LAUNCHER, "check", "dns"], { cwd: "/tmp", encoding: "utf8" });
    expect(out).toMatch(/^✓ dns: \d+ steps$/m);
  }, 60_000);
});
