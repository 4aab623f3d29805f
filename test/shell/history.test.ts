// Each shell keeps its own history, as separate bash/ash processes do: ↑ and
// `history` in a pod show what was typed in that pod, not on the workstation.
// Session.history() stays the log of every line (lab checks read it).
import { describe, expect, it } from "vitest";
import { createSession } from "../../src/shell/session.ts";
import { TerminalController } from "../../src/terminal/controller.ts";
import { basics, fakeCluster, pod } from "./fake-cluster.ts";
import { record } from "./helpers.ts";

const cluster = () => fakeCluster([...basics(), pod("bb", "busybox"), pod("tmp", "nicolaka/netshoot"), pod("web", "nginx")]);

describe("history per shell", () => {
  it("a pod shell starts with its own, empty history; the workstation's resumes after exit", async () => {
    const r = record(cluster());
    await r.line("echo on-ws");
    await r.line("kubectl exec -it bb -- sh");
    expect(r.session.shellHistory()).toEqual([]);
    await r.line("echo in-pod");
    expect(r.session.shellHistory()).toEqual(["echo in-pod"]);
    await r.line("exit");
    expect(r.session.shellHistory()).toEqual(["echo on-ws", "kubectl exec -it bb -- sh"]);
    expect(r.session.history()).toEqual(["echo on-ws", "kubectl exec -it bb -- sh", "echo in-pod", "exit"]);
  });

  it("re-entering the same container's shell finds its earlier lines", async () => {
    const r = record(cluster());
    await r.line("ssh worker1");
    await r.line("hostname");
    await r.line("exit");
    await r.line("ssh worker1");
    expect(r.session.shellHistory()).toEqual(["hostname", "exit"]);
    await r.line("exit");
    await r.line("ssh worker2");
    expect(r.session.shellHistory()).toEqual([]);
  });

  it.each([
    // BusyBox ash: libbb lineedit.c show_history, "%4d %s" from 0
    ["bb", "sh", { stdout: "   0 echo a\n   1 history\n", stderr: "", code: 0 }],
    // bash: numbered from 1, width 5, two spaces
    ["tmp", "bash", { stdout: "    1  echo a\n    2  history\n", stderr: "", code: 0 }],
    // dash, Debian's sh, has no history builtin
    ["web", "sh", { stdout: "", stderr: "sh: 1: history: not found\n", code: 127 }],
  ])("`history` in %s (%s) lists that shell's lines as it prints them", async (name, shell, expected) => {
    const r = record(cluster());
    await r.line("echo on-ws");
    await r.line(`kubectl exec -it ${name} -- ${shell}`);
    await r.line("echo a");
    expect(await r.line("history")).toEqual(expected);
  });

  it("Ctrl-D leaves a shell without adding to any history (nothing was typed)", async () => {
    const r = record(cluster());
    await r.line("ssh worker1");
    await r.line("hostname");
    await r.session.endOfInput();
    expect(r.session.depth()).toBe(0);
    expect(r.session.history()).toEqual(["ssh worker1", "hostname"]);
    await r.line("ssh worker1");
    expect(r.session.shellHistory()).toEqual(["hostname"]);
  });

  it("saved state keeps every shell's history", async () => {
    const c = cluster();
    const r = record(c);
    await r.line("echo on-ws");
    await r.line("ssh worker1");
    await r.line("echo on-node");
    const state = JSON.parse(JSON.stringify(r.session.state()));
    const s = createSession({ cluster: c, host: { write: () => undefined }, state, kubectl: async () => 0 });
    await s.ready();
    expect(s.shellHistory()).toEqual(["echo on-node"]);
    await s.run("exit");
    expect(s.shellHistory()).toEqual(["echo on-ws", "ssh worker1"]);
    expect(s.history()).toEqual(["echo on-ws", "ssh worker1", "echo on-node", "exit"]);
  });

  it("↑ in the terminal walks the history of the shell the learner is in", async () => {
    let screen = "";
    const ctl = new TerminalController({ write: (d) => void (screen += d) });
    const session = createSession({ cluster: cluster(), host: ctl.host });
    ctl.attach(session);
    const type = async (keys: string) => {
      ctl.input(keys);
      while (ctl.isBusy()) await new Promise((r) => setTimeout(r, 1));
      await new Promise((r) => setTimeout(r, 1));
    };
    for (const line of ["echo on-ws", "ssh worker1", "echo on-node", "exit", "ssh worker1"]) await type(`${line}\r`);
    screen = "";
    await type("\x1b[A\x1b[A\r");
    expect(screen).toContain("on-node\r\n");
    expect(session.location()).toBe("node worker1");
  });
});
