// Ctrl-C in a host that can yield (the browser worker): an endless loop runs until
// the AbortSignal fires, ends with 130, and the shell keeps its state.
import { describe, expect, it } from "vitest";
import { createSession } from "../../src/shell/session.ts";
import { withLoopTicks, TICK_COMMAND } from "../../src/shell/interruptible.ts";
import { ShellProcess } from "../../src/shell/process.ts";
import { basics, fakeCluster } from "./fake-cluster.ts";
import { execOnlyKubectl } from "./helpers.ts";

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function interruptible() {
  let out = "";
  let err = "";
  let yields = 0;
  const session = createSession({
    cluster: fakeCluster(basics()),
    kubectl: execOnlyKubectl,
    host: {
      write: (t, s) => (s === "stdout" ? (out += t) : (err += t)),
      // Like the worker's throttle: a real macrotask only now and then (here every 500 ticks).
      yieldToHost: async () => {
        if (++yields % 500 === 0) await macrotask();
      },
      // sleep passes at once here (the browser waits for real)
      wait: async () => undefined,
    },
  });
  return {
    session,
    yields: () => yields,
    async line(text: string, signal?: AbortSignal) {
      out = err = "";
      const code = await session.run(text, signal ? { signal } : undefined);
      return { stdout: out, stderr: err, code };
    },
  };
}

/** Aborts once the loop has yielded `n` times: proof it was still running, not ended by a limit. */
function abortAfterYields(s: ReturnType<typeof interruptible>, n: number): AbortSignal {
  const ctl = new AbortController();
  const start = s.yields();
  const poll = () => (s.yields() - start >= n ? ctl.abort() : setTimeout(poll, 1));
  setTimeout(poll, 1);
  return ctl.signal;
}

describe("Ctrl-C with a host that yields", () => {
  it.each([
    // 21 000 iterations: past the headless limit of 20 000 (slow loops need fewer to prove the abort).
    ["while true; do :; done", 21_000],
    ["until false; do :; done", 21_000],
    ["for ((;;)); do :; done", 21_000],
    ["i=0; while :; do i=$((i+1)); done", 100],
    ["while true; do sleep 1; done", 100],
  ])("%s runs until aborted, then ends with 130 and no message", async (loop, iterations) => {
    const s = interruptible();
    const got = await s.line(loop, abortAfterYields(s, iterations));
    expect(got).toEqual({ stdout: "", stderr: "", code: 130 });
  });

  it("keeps cwd, variables, functions and files after the abort", async () => {
    const s = interruptible();
    await s.line("mkdir -p /tmp/w && cd /tmp/w && X=kept && f() { echo fn; } && echo data > file");
    expect((await s.line("while true; do :; done", abortAfterYields(s, 50))).code).toBe(130);
    expect(await s.line("echo $X $(pwd) $(cat file); f")).toEqual({ stdout: "kept /tmp/w data\nfn\n", stderr: "", code: 0 });
  });

  it("aborts a loop in a nested shell and stays in that shell", async () => {
    const s = interruptible();
    await s.line("ssh worker1");
    expect(s.session.depth()).toBe(1);
    expect((await s.line("while true; do :; done", abortAfterYields(s, 50))).code).toBe(130);
    expect(s.session.depth()).toBe(1);
    expect((await s.line("hostname")).stdout).toBe("worker1\n");
  });

  it("a loop that ends by itself is unchanged: output, statuses, set -e", async () => {
    const s = interruptible();
    expect((await s.line("for i in 1 2 3; do echo $i; done")).stdout).toBe("1\n2\n3\n");
    // $? at the top of a for body is the status from before it: the hidden tick keeps it.
    expect((await s.line("false; for i in 1; do echo $?; done")).stdout).toBe("1\n");
    expect((await s.line("n=0; until [ $n -ge 2 ]; do n=$((n+1)); done; echo $n")).stdout).toBe("2\n");
    expect((await s.line("bash -c 'set -e; false && :; for i in 1; do echo in; done; echo end'")).stdout).toBe("in\nend\n");
    expect((await s.line("while false; do :; done; echo $?")).stdout).toBe("0\n");
  });

  it("without a yielding host the loop still ends at the limit", async () => {
    let err = "";
    const session = createSession({ cluster: fakeCluster(basics()), kubectl: execOnlyKubectl, host: { write: (t, st) => void (st === "stderr" && (err += t)) } });
    expect(await session.run("while true; do :; done")).not.toBe(130);
    expect(err).toMatch(/too many/);
  });
});

describe("withLoopTicks", () => {
  it.each([
    ["echo hi; ls", 0],
    ["while true; do :; done", 1],
    ["for i in a b; do for j in c; do :; done; done", 2],
    ["f() { until false; do :; done; }", 1],
    ["echo $(while :; do :; done)", 1],
    ["if true; then for ((i=0;i<2;i++)); do :; done; fi", 1],
  ])("%s gets %i ticks", (script, ticks) => {
    const out = withLoopTicks(script);
    expect(out.split(TICK_COMMAND).length - 1).toBe(ticks);
    if (ticks === 0) expect(out).toBe(script);
  });
});

describe("loops run the same with and without ticks", () => {
  const shell = (yieldToHost?: () => Promise<void>) =>
    new ShellProcess({ files: {}, env: { HOME: "/root" }, cwd: "/root", commands: [], sleep: async () => undefined, ...(yieldToHost ? { yieldToHost } : {}) });
  it.each([
    ["while read l; do echo \"<$l>\"; done <<EOF\na b\nc\nEOF"],
    ["for f in \"a b\" c 'd  e'; do echo \"[$f]\"; done"],
    ["for i in $(seq 3); do printf '%s,' $i; done; echo"],
    ["i=0; while [[ $i -lt 3 ]]; do echo $((i++)); done | tr '\\n' ' '"],
    ["x=$(for i in 1 2; do echo -n $i; done); echo $x"],
    ["case x in x) for i in 1; do echo in-case; done;; esac"],
    ["for i in 1 2; do (exit 3); done; echo $?"],
  ])("%s", async (line) => {
    const ticked = await shell(async () => undefined).run(line);
    expect(ticked).toEqual(await shell().run(line));
    expect(ticked.stderr).toBe("");
  });
});
