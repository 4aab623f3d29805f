// ping without -c never ends by itself (reference §7.5): in a terminal it runs at
// one echo request per second until Ctrl-C, then prints its statistics after the
// echoed ^C; headless it stops after ENDLESS_TOOL_LIMIT_MS as if interrupted.
import { describe, expect, it } from "vitest";
import type { ConnectResult, Outcome } from "../../src/cluster/index.ts";
import { createSession } from "../../src/shell/session.ts";
import { ENDLESS_TOOL_LIMIT_MS } from "../../src/shell/tools/types.ts";
import { TerminalController } from "../../src/terminal/controller.ts";
import { basics, fakeCluster, pod } from "./fake-cluster.ts";
import { inPod } from "./helpers.ts";

const reply: Outcome = { kind: "connected", ip: "10.244.2.7" };
const silence: Outcome = { kind: "timeout", ip: "10.244.2.7", reason: "no-answer", afterMs: 3000 };
const cluster = (outcome: Outcome) => fakeCluster([...basics(), pod("tmp", "nicolaka/netshoot"), pod("bb", "busybox")], { connect: (): ConnectResult => ({ outcome, trace: [], elapsedMs: 1 }) });
const lines = (text: string, re: RegExp) => text.split("\n").filter((l) => re.test(l)).length;

describe("headless: -c and -w are exact, no limit stops as if interrupted", () => {
  const endless = ENDLESS_TOOL_LIMIT_MS / 1000;
  it.each([
    ["ping 10.244.2.7", "tmp", endless],
    ["ping -w 3 10.244.2.7", "tmp", 3],
    ["ping -c 2 -w 5 10.244.2.7", "tmp", 2],
    ["ping 10.244.2.7", "bb", endless],
  ])("%s in %s sends %i requests", async (line, where, n) => {
    const c = cluster(reply);
    const r = await inPod(c, where, where === "tmp" ? "bash" : "sh");
    const before = c.now();
    const got = await r.line(line);
    expect(got.code).toBe(0);
    expect(lines(got.stdout, /^64 bytes from/)).toBe(n);
    expect(got.stdout).toMatch(new RegExp(`\\n\\n--- 10\\.244\\.2\\.7 ping statistics ---\\n${n} packets transmitted, ${n} (packets )?received, 0% packet loss`));
    // one second per request (and the line's own second)
    expect(c.now() - before).toBe(1000 + n * 1000);
  });

  it("no reply at all: exit 1", async () => {
    const r = await inPod(cluster(silence), "tmp", "bash");
    const got = await r.line("ping 10.244.2.7");
    expect(got.code).toBe(1);
    expect(got.stdout).toContain(`${ENDLESS_TOOL_LIMIT_MS / 1000} packets transmitted, 0 received, 100% packet loss`);
  });
});

describe("in the terminal: until Ctrl-C", () => {
  async function terminal(outcome: Outcome) {
    let screen = "";
    // What a reader sees: escape sequences (prompt redraws) and carriage returns left out.
    const ctl = new TerminalController({ write: (d) => void (screen += d.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "")) });
    const session = createSession({ cluster: cluster(outcome), host: ctl.host });
    ctl.attach(session);
    const idle = async () => {
      while (ctl.isBusy()) await new Promise((r) => setTimeout(r, 1));
    };
    ctl.input("ssh worker1\r");
    await new Promise((r) => setTimeout(r, 1));
    await idle();
    screen = "";
    return { ctl, screen: () => screen, idle };
  }

  it("replies until ^C, then the statistics follow the echoed ^C", async () => {
    const t = await terminal(reply);
    t.ctl.input("ping 10.244.2.7\r");
    while (!t.screen().includes("icmp_seq=1 ")) await new Promise((r) => setTimeout(r, 1));
    expect(t.ctl.isBusy()).toBe(true);
    t.ctl.input("\x03");
    await t.idle();
    expect(t.screen()).toMatch(
      /icmp_seq=1 ttl=64 time=[\d.]+ ms\n\^C\n--- 10\.244\.2\.7 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\nrtt min\/avg\/max\/mdev = [\d./]+ ms\nroot@worker1:~# $/,
    );
  });

  it("without replies it is silent until ^C, then 100% loss and a blank line", async () => {
    const t = await terminal(silence);
    t.ctl.input("ping 10.244.2.7\r");
    while (!t.screen().includes("bytes of data.")) await new Promise((r) => setTimeout(r, 1));
    t.ctl.input("\x03");
    await t.idle();
    expect(t.screen()).toMatch(/bytes of data\.\n\^C\n--- 10\.244\.2\.7 ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\nroot@worker1:~# $/);
  });

  it("a loop stopped by ^C still ends on a fresh line", async () => {
    const t = await terminal(reply);
    t.ctl.input("while true; do :; done\r");
    await new Promise((r) => setTimeout(r, 20));
    t.ctl.input("\x03");
    await t.idle();
    expect(t.screen()).toMatch(/\n\^C\nroot@worker1:~# $/);
  });
});

describe("nc -l: listens until Ctrl-C", () => {
  it.each([
    ["tmp", "bash", "nc -l 8080"],
    ["tmp", "bash", "nc -lk -p 8080"],
    ["bb", "sh", "nc -l -p 8080"],
  ])("headless, %s: %s gives up after the limit as if interrupted, silently", async (where, shell, line) => {
    const c = cluster(reply);
    const r = await inPod(c, where, shell);
    const before = c.now();
    expect(await r.line(line)).toEqual({ stdout: "", stderr: "", code: 130 });
    expect(c.now() - before).toBe(1000 + ENDLESS_TOOL_LIMIT_MS);
  });

  it("OpenBSD nc -l without a port says so, then its usage", async () => {
    const r = await inPod(cluster(reply), "tmp", "bash");
    const got = await r.line("nc -l");
    expect(got.code).toBe(1);
    expect(got.stderr).toMatch(/^nc: missing port with option -l\nusage: nc \[-46CDdFhklNnrStUuvZz\]/);
  });

  it("in the terminal it waits until ^C", async () => {
    let screen = "";
    const ctl = new TerminalController({ write: (d) => void (screen += d.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "")) });
    const session = createSession({ cluster: cluster(reply), host: ctl.host });
    ctl.attach(session);
    ctl.input("ssh worker1\r");
    while (session.depth() === 0 || ctl.isBusy()) await new Promise((r) => setTimeout(r, 1));
    screen = "";
    ctl.input("nc -l 9000\r");
    await new Promise((r) => setTimeout(r, 30));
    expect(ctl.isBusy()).toBe(true);
    ctl.input("\x03");
    while (ctl.isBusy()) await new Promise((r) => setTimeout(r, 1));
    expect(screen).toMatch(/nc -l 9000\n\^C\nroot@worker1:~# $/);
  });
});
