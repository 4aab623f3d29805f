// A loop's output reaches the terminal as it is produced (just-bash would hand it
// over only when the loop ends, and an aborted loop's output never).
import { describe, expect, it } from "vitest";
import { ShellProcess } from "../../src/shell/process.ts";
import { createSession } from "../../src/shell/session.ts";
import { LIVE_STDOUT, withLiveOutput } from "../../src/shell/live-output.ts";
import { basics, fakeCluster } from "./fake-cluster.ts";
import { execOnlyKubectl } from "./helpers.ts";

/**
 * Runs `line` in a host where Ctrl-C can come, and presses it once `seconds` of virtual
 * time have passed after the line's own second: the abort comes from the loop's tick,
 * no wall clock involved (sleep's real wait returns at once here).
 */
async function interruptedAfter(cluster: ReturnType<typeof fakeCluster>, line: string, seconds: number) {
  let screen = "";
  const ctl = new AbortController();
  const start = cluster.now();
  const session = createSession({
    cluster,
    kubectl: execOnlyKubectl,
    host: {
      write: (t) => void (screen += t),
      yieldToHost: async () => {
        if (cluster.now() - start >= seconds * 1000 + 1000) ctl.abort();
      },
      wait: async () => undefined,
    },
  });
  const code = await session.run(line, { signal: ctl.signal });
  return { code, screen };
}

describe("Ctrl-C after N virtual seconds of a printing loop", () => {
  it.each([
    ["while true; do echo hi; sleep 1; done", (n: number) => "hi\n".repeat(n)],
    ["i=0; while :; do i=$((i+1)); echo \"tick $i\"; sleep 1; done", (n: number) => Array.from({ length: n }, (_, k) => `tick ${k + 1}\n`).join("")],
    ["for ((;;)); do date +%s; sleep 1; done", (n: number) => Array.from({ length: n }, (_, k) => `${1767225601 + k}\n`).join("")],
    ["while true; do if true; then echo in-if; fi; sleep 1; done", (n: number) => "in-if\n".repeat(n)],
  ])("%s shows every line printed before the abort", async (loop, expected) => {
    for (const seconds of [1, 3]) {
      const run = await interruptedAfter(fakeCluster(basics()), loop, seconds);
      expect(run.code).toBe(130);
      // The line itself takes 1 s; each iteration prints, then sleeps 1 s; Ctrl-C lands N seconds into the loop.
      expect(run.screen).toBe(expected(seconds));
    }
  });
});

describe("order and capture", () => {
  function shell() {
    let screen = "";
    const proc = new ShellProcess({ files: {}, dirs: ["/tmp"], env: { HOME: "/root" }, cwd: "/root", commands: [], sleep: async () => undefined });
    return {
      async run(line: string) {
        screen = "";
        const r = await proc.run(line, undefined, undefined, (t, s) => void (screen += s === "stderr" ? `<${t}>` : t));
        return { screen: screen + r.stdout + (r.stderr ? `<${r.stderr}>` : ""), code: r.exitCode };
      },
    };
  }
  it.each([
    // interleaved streams as a terminal shows them
    ["for i in 1 2; do echo o$i; echo e$i >&2; done", "o1\n<e1\n>o2\n<e2\n>", 0],
    // the learner's redirections win
    ["for i in 1 2; do echo $i > /tmp/f; done; cat /tmp/f", "2\n", 0],
    ["for i in 1; do ls /nope 2>&1; done", "ls: /nope: No such file or directory\n", 2],
    ["for i in 1; do ls /nope 2>/dev/null; done; echo $?", "2\n", 0],
    // captured output stays captured
    ["x=$(for i in 1 2; do echo $i; done); echo \"[$x]\"", "[1\n2]\n", 0],
    ["for i in b a; do echo $i; done | sort", "a\nb\n", 0],
    ["for i in 1 2; do echo $i; done > /tmp/g; cat /tmp/g", "1\n2\n", 0],
    // statuses, break, variables and cd inside the loop behave as before
    ["for i in 1 2 3; do [ $i = 2 ] && break; echo $i; done; echo end", "1\nend\n", 0],
    ["for d in /tmp; do cd $d; n=5; done; echo $PWD $n", "/tmp 5\n", 0],
    ["for i in 1; do false; done", "", 1],
    ["for i in 1; do cat <<EOF\nhere $i\nEOF\ndone", "here 1\n", 0],
  ])("%s", async (line, screen, code) => {
    expect(await shell().run(line)).toEqual({ screen, code });
  });

  it.each(["echo hi", "echo $(for i in 1; do echo x; done)", "f() { for i in 1; do echo $i; done; }", "for i in 1; do :; done > /dev/null"])("%s runs as typed", (line) => {
    expect(withLiveOutput(line)).toBe(line);
  });

  it("the live paths are not files the learner can find", async () => {
    const s = shell();
    await s.run("for i in 1; do echo x; done");
    expect((await s.run(`ls -a /dev | grep -c labnotes; cat ${LIVE_STDOUT}`)).code).not.toBe(0);
  });
});

describe("sleep where Ctrl-C can come", () => {
  it("waits for real (through the host), advances the cluster clock, and stops early on Ctrl-C", async () => {
    const cluster = fakeCluster(basics());
    const waits: number[] = [];
    const signals: (AbortSignal | undefined)[] = [];
    const ctl = new AbortController();
    const session = createSession({
      cluster,
      kubectl: execOnlyKubectl,
      host: {
        write: (t) => void (written += t),
        yieldToHost: async () => undefined,
        // (no expect() in here: just-bash forbids Proxy while a script runs)
        wait: async (ms, signal) => {
          waits.push(ms);
          signals.push(signal);
          if (waits.length === 3) ctl.abort();
        },
      },
    });
    let written = "";
    const before = cluster.now();
    expect([await session.run("while true; do sleep 2; done", { signal: ctl.signal }), written]).toEqual([130, ""]);
    expect(waits).toEqual([2000, 2000, 2000]);
    expect(signals.every((sig) => sig === ctl.signal)).toBe(true);
    expect(cluster.now() - before).toBe(1000 + 3 * 2000);
  });

  it("headless, sleep only moves the cluster clock", async () => {
    const cluster = fakeCluster(basics());
    const session = createSession({ cluster, kubectl: execOnlyKubectl, host: { write: () => undefined, wait: async () => void waited++ } });
    let waited = 0;
    const before = cluster.now();
    await session.run("sleep 5");
    expect(waited).toBe(0);
    expect(cluster.now() - before).toBe(6000);
  });
});

describe("kubectl exec POD -- sh -c 'LOOP'", () => {
  it("streams each line, so Ctrl-C after N seconds leaves the N lines on screen", async () => {
    const { pod } = await import("./fake-cluster.ts");
    const run = await interruptedAfter(fakeCluster([...basics(), pod("bb", "busybox")]), "kubectl exec bb -- sh -c 'while true; do echo hi; sleep 1; done'", 3);
    expect(run.screen).toBe("hi\nhi\nhi\n");
  });
});
