import { describe, expect, it } from "vitest";
import type { Kubectl } from "../../src/kubectl/types.ts";
import { basics, fakeCluster, pod, service, T0 } from "./fake-cluster.ts";
import { inPod, record } from "./helpers.ts";

/** A kubectl that prints an answer, then fails as `kubectl exec` of a failing command does. */
const answersThenFails: Kubectl = async (_argv, ctx) => {
  ctx.stdout("answer\n");
  ctx.stderr("command terminated with exit code 1\n");
  return 1;
};

describe("workstation shell", () => {
  it("carries variables, aliases, functions and the working directory between lines", async () => {
    const r = record(fakeCluster(basics()));
    await r.line("export GREETING=hi; mkdir -p work; cd work");
    await r.line("alias say='echo said'");
    await r.line("twice() { echo $1 $1; }");
    expect((await r.line('echo "$GREETING from $(pwd)"')).stdout).toBe("hi from /home/learner/work\n");
    expect((await r.line("say x")).stdout).toBe("said x\n");
    expect((await r.line("twice y")).stdout).toBe("y y\n");
  });

  it("keeps exported and unexported variables apart across lines: env lists exported ones, commands see them", async () => {
    const seen: string[] = [];
    const kubectl: Kubectl = async (_argv, ctx) => {
      seen.push(`${ctx.env.KUBE_EDITOR ?? "-"} ${ctx.env.LOCAL ?? "-"}`);
      return 0;
    };
    const r = record(fakeCluster(basics()), kubectl);
    await r.line("export KUBE_EDITOR='sed -i s/a/b/'; LOCAL=1");
    await r.line("kubectl edit cm x");
    expect(seen).toEqual(["sed -i s/a/b/ -"]);
    const env = (await r.line("env")).stdout;
    expect(env).toContain("KUBE_EDITOR=sed -i s/a/b/\n");
    expect(env).not.toMatch(/^(LOCAL|PS1|BASHOPTS|\?)=/m);
    expect((await r.line("echo $LOCAL")).stdout).toBe("1\n");
  });

  it("history lists the session's lines numbered as bash does", async () => {
    const r = record(fakeCluster(basics()));
    await r.line("echo one");
    expect((await r.line("history")).stdout).toBe("    1  echo one\n    2  history\n");
    expect((await r.line("history 1")).stdout).toBe("    3  history 1\n");
  });

  it("keeps files written with heredocs in the learner's home", async () => {
    const r = record(fakeCluster(basics()));
    await r.line("cat > svc.yaml <<EOF\nkind: Service\nEOF");
    expect((await r.line("cat ~/svc.yaml")).stdout).toBe("kind: Service\n");
  });

  it("reports a missing command as bash does, with status 127", async () => {
    const r = record(fakeCluster(basics()));
    const got = await r.line("kubeclt get pods");
    expect(got.stderr).toBe("bash: kubeclt: command not found\n");
    expect(got.code).toBe(127);
  });

  it("carries $? from one prompt to the next, per shell, as bash does", async () => {
    const r = record(fakeCluster(basics()));
    await r.line("false");
    expect((await r.line("echo $?")).stdout).toBe("1\n");
    expect((await r.line("echo $?")).stdout).toBe("0\n");
    await r.line("kubeclt");
    expect((await r.line("echo $?")).stdout).toBe("127\n");
  });

  it("ssh NODE CMD runs a bash -c: errors name line 1, $? starts at 0 and the status comes back", async () => {
    const r = record(fakeCluster(basics()));
    await r.line("false");
    expect((await r.line("ssh worker1 'echo $?'")).stdout).toBe("0\n");
    const got = await r.line("ssh worker1 nosuch");
    expect(got.stderr).toBe("bash: line 1: nosuch: command not found\n");
    expect(got.code).toBe(127);
  });

  it("stops an endless loop with an error and stays usable", async () => {
    const r = record(fakeCluster(basics()));
    const got = await r.line("while true; do :; done");
    expect(got.code).not.toBe(0);
    expect(r.session.depth()).toBe(0);
    expect((await r.line("echo alive")).stdout).toBe("alive\n");
  });

  it("stops at Ctrl-C (abort) and stays usable", async () => {
    const r = record(fakeCluster(basics()));
    const ctl = new AbortController();
    ctl.abort();
    const code = await r.session.run("while true; do sleep 1; done", { signal: ctl.signal });
    expect(code).not.toBe(0);
    expect((await r.line("echo alive")).stdout).toBe("alive\n");
  });

  it("pipes kubectl output into the shell's tools", async () => {
    const kubectl: Kubectl = async (_argv, ctx) => {
      ctx.stdout("NAME   READY\nweb    1/1\napi    1/1\n");
      return 0;
    };
    const r = record(fakeCluster(basics()), kubectl);
    expect((await r.line("kubectl get pods | grep -c 1/1")).stdout).toBe("2\n");
  });

  it("streams a plain kubectl line to the terminal in write order, and still redirects when asked", async () => {
    const kubectl: Kubectl = async (_argv, ctx) => {
      ctx.stdout("one\n");
      ctx.stderr("warning\n");
      ctx.stdout("two\n");
      return 0;
    };
    const r = record(fakeCluster(basics()), kubectl);
    await r.line("kubectl get pods");
    expect(r.screen()).toBe("one\nwarning\ntwo\n");
    const redirected = await r.line("kubectl get pods > out.txt");
    expect(redirected.stdout).toBe("");
    expect((await r.line("cat out.txt")).stdout).toBe("one\ntwo\n");
  });

  it("does not let a command's stderr jump ahead of the stdout it wrote first", async () => {
    const r = record(fakeCluster(basics()), answersThenFails);
    await r.line("kubectl exec p -- x; echo next");
    expect(r.screen().indexOf("answer")).toBeLessThan(r.screen().indexOf("command terminated"));
  });

  it("runs `a; b` statement by statement: outputs in order, $? and variables carried", async () => {
    const r = record(fakeCluster(basics()), answersThenFails);
    await r.line("kubectl exec p -- x; echo rc=$?; V=7; echo $V; g() { echo g; }; g");
    expect(r.screen()).toBe("answer\ncommand terminated with exit code 1\nrc=1\n7\ng\n");
  });

  it("gives kubectl the file a learner wrote, by relative path, and stdin from a heredoc", async () => {
    const seen: string[] = [];
    const kubectl: Kubectl = async (_argv, ctx) => {
      seen.push((await ctx.fs.readFile("svc.yaml")) ?? "missing", ctx.stdin);
      return 0;
    };
    const r = record(fakeCluster(basics()), kubectl);
    await r.line("echo 'kind: Service' > svc.yaml");
    await r.line("kubectl apply -f - <<EOF\nkind: Pod\nEOF");
    expect(seen).toEqual(["kind: Service\n", "kind: Pod\n"]);
  });

  it("advances virtual time for each line and for sleep", async () => {
    const cluster = fakeCluster(basics());
    const r = record(cluster);
    await r.line("true");
    const after = cluster.now();
    await r.line("sleep 5");
    expect(cluster.now() - after).toBeGreaterThanOrEqual(5000);
    expect(after).toBeGreaterThan(T0);
  });
});

describe("nested pod shells", () => {
  const cluster = () =>
    fakeCluster([
      ...basics(),
      service("my-service", "10.96.45.12", [{ name: "http", port: 80 }]),
      pod("tmp", "nicolaka/netshoot", { ip: "192.168.1.10" }),
      pod("bb", "busybox", { namespace: "default", ip: "192.168.1.11" }),
      pod("web", "nginx", { ip: "192.168.1.12" }),
      service("late", "10.96.9.9", [{ port: 8080 }], { created: T0 + 3_600_000 }),
    ]);

  it("enters with the image's prompt and leaves with exit", async () => {
    const r = record(cluster());
    expect(r.session.prompt()).toBe("$ ");
    await r.line("kubectl exec -it tmp -- bash");
    expect(r.session.depth()).toBe(1);
    expect(r.session.prompt()).toBe("tmp:~# ");
    await r.line("cd /etc");
    expect(r.session.prompt()).toBe("tmp:/etc# ");
    const left = await r.line("exit");
    expect(left.code).toBe(0);
    expect(r.session.depth()).toBe(0);
    expect(r.session.prompt()).toBe("$ ");
  });

  it.each([
    ["bb", "sh", "/ # "],
    ["web", "bash", "root@web:/# "],
    ["web", "sh", "# "],
  ])("pod %s with %s shows %j", async (name, shell, prompt) => {
    const r = await inPod(cluster(), name, shell);
    expect(r.session.prompt()).toBe(prompt);
  });

  it("sees the pod's DNS search path, hosts file and hostname", async () => {
    const r = await inPod(cluster(), "tmp");
    expect((await r.line("cat /etc/resolv.conf")).stdout).toBe(
      "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
    );
    expect((await r.line("hostname")).stdout).toBe("tmp\n");
    expect((await r.line("tail -1 /etc/hosts")).stdout).toBe("192.168.1.10\ttmp\n");
  });

  it("has the Service variables of Services that existed when the pod started", async () => {
    const r = await inPod(cluster(), "tmp");
    const env = (await r.line("env | sort")).stdout;
    for (const line of [
      "MY_SERVICE_SERVICE_HOST=10.96.45.12",
      "MY_SERVICE_SERVICE_PORT=80",
      "MY_SERVICE_SERVICE_PORT_HTTP=80",
      "MY_SERVICE_PORT=tcp://10.96.45.12:80",
      "MY_SERVICE_PORT_80_TCP=tcp://10.96.45.12:80",
      "MY_SERVICE_PORT_80_TCP_PROTO=tcp",
      "MY_SERVICE_PORT_80_TCP_PORT=80",
      "MY_SERVICE_PORT_80_TCP_ADDR=10.96.45.12",
      "KUBERNETES_SERVICE_HOST=10.96.0.1",
      "KUBERNETES_SERVICE_PORT_HTTPS=443",
    ]) {
      expect(env.split("\n")).toContain(line);
    }
    expect(env).not.toContain("LATE_SERVICE_HOST");
  });

  it("has only the image's tools, with the shell's own wording", async () => {
    const bash = await inPod(cluster(), "tmp");
    expect(await bash.line("kubectl get pods")).toMatchObject({ stderr: "bash: kubectl: command not found\n", code: 127 });
    const ash = await inPod(cluster(), "bb", "sh");
    expect(await ash.line("kubectl get pods")).toMatchObject({ stderr: "sh: kubectl: not found\n", code: 127 });
    expect(await ash.line("curl http://x")).toMatchObject({ stderr: "sh: curl: not found\n", code: 127 });
  });

  it("runs one command with kubectl exec POD -- CMD and passes its status through", async () => {
    const r = record(cluster());
    const got = await r.line("kubectl exec tmp -- cat /etc/hostname");
    expect(got).toMatchObject({ stdout: "tmp\n", code: 0 });
    const failed = await r.line("kubectl exec tmp -- sh -c 'exit 3'");
    expect(failed.code).toBe(3);
    expect(r.session.depth()).toBe(0);
  });

  it("refuses a shell the image does not have, as the runtime does", async () => {
    const r = record(fakeCluster([...basics(), pod("p", "registry.k8s.io/pause")]));
    const got = await r.line("kubectl exec -it p -- sh");
    expect(got.stdout).toContain('exec: "sh": executable file not found in $PATH');
    expect(got.code).toBe(126);
    expect(r.session.depth()).toBe(0);
  });

  it("finishes the suspended kubectl line after exit (kubectl run --rm deletes the pod)", async () => {
    const kubectl: Kubectl = async (argv, ctx) => {
      ctx.stderr("If you don't see a command prompt, try pressing enter.\n");
      const code = await ctx.attach({ namespace: "default", pod: "tmp", container: "tmp", command: ["bash"], tty: true, stdin: true });
      ctx.stdout(`pod "tmp" deleted\n`);
      return code;
    };
    const r = record(cluster(), kubectl);
    const entered = await r.line("kubectl run tmp -it --rm --image=nicolaka/netshoot -- bash");
    expect(entered.stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(r.session.depth()).toBe(1);
    const left = await r.line("exit 0");
    expect(left.stderr).toBe("exit\n"); // bash announces it, as an interactive shell does
    expect(left.stdout).toBe('pod "tmp" deleted\n');
    expect(r.session.depth()).toBe(0);
  });
});

describe("node shells", () => {
  it("ssh enters a root shell on the node; exit prints logout and closes the connection", async () => {
    const r = record(fakeCluster(basics()));
    await r.line("ssh worker1");
    expect(r.session.prompt()).toBe("root@worker1:~# ");
    const left = await r.line("exit");
    expect(left.stdout).toBe("logout\n");
    expect(left.stderr).toBe("Connection to worker1 closed.\n");
    expect(r.session.depth()).toBe(0);
  });

  it("ssh NODE CMD runs one command; an unknown host is ssh's own error", async () => {
    const r = record(fakeCluster(basics()));
    expect(await r.line("ssh worker1 hostname")).toMatchObject({ stdout: "worker1\n", code: 0 });
    expect(await r.line("ssh nope")).toMatchObject({ stderr: "ssh: Could not resolve hostname nope: Name or service not known\n", code: 255 });
  });

  it("sudo on a node (already root) runs the command", async () => {
    const r = record(fakeCluster(basics()));
    await r.line("ssh worker1");
    expect(await r.line("sudo hostname")).toMatchObject({ stdout: "worker1\n", code: 0 });
  });

  it("Ctrl-D leaves a nested shell as exit does", async () => {
    const r = record(fakeCluster(basics()));
    await r.line("ssh worker1");
    await r.session.endOfInput();
    expect(r.session.depth()).toBe(0);
  });
});

describe("state", () => {
  it("restores a pod shell the learner was in, with its directory and prompt", async () => {
    const cluster = fakeCluster([...basics(), pod("tmp", "nicolaka/netshoot")]);
    const r = record(cluster);
    await r.line("kubectl exec -it tmp -- bash");
    await r.line("cd /etc");
    const state = JSON.parse(JSON.stringify(r.session.state()));
    const { createSession } = await import("../../src/shell/session.ts");
    const s = createSession({ cluster, host: { write: () => undefined }, state, kubectl: async () => 0 });
    await s.ready();
    expect(s.depth()).toBe(1);
    expect(s.prompt()).toBe("tmp:/etc# ");
  });

  it("is plain JSON and restores files, variables, directory, history and nesting", async () => {
    const cluster = fakeCluster(basics());
    const r = record(cluster);
    await r.line("export K=v; echo data > f.txt; mkdir d; cd d");
    await r.line("greet() { echo hello $1; }");
    await r.line("ssh worker1");
    const state = JSON.parse(JSON.stringify(r.session.state()));
    const again = record(cluster);
    const { createSession } = await import("../../src/shell/session.ts");
    let out = "";
    const s = createSession({ cluster, host: { write: (t) => void (out += t) }, state, kubectl: async () => 0 });
    await s.ready();
    expect(s.depth()).toBe(1);
    expect(s.history()).toEqual(["export K=v; echo data > f.txt; mkdir d; cd d", "greet() { echo hello $1; }", "ssh worker1"]);
    await s.run("exit");
    out = "";
    await s.run("echo $K $(pwd) $(cat ../f.txt); greet you");
    expect(out).toBe("v /home/learner/d data\nhello you\n");
    expect(again.session.depth()).toBe(0);
  });
});
