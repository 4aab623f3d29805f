// $0 names the shell as its parent started it: busybox ash keeps argv[0] ("sh" or
// "/bin/sh" as typed after `kubectl exec --`), bash likewise, and sshd starts a
// login shell with argv[0] "-bash".
import { describe, expect, it } from "vitest";
import { basics, fakeCluster, pod } from "./fake-cluster.ts";
import { inPod, record } from "./helpers.ts";

const cluster = () => fakeCluster([...basics(), pod("bb", "busybox"), pod("tmp", "nicolaka/netshoot")]);

describe("$0", () => {
  it.each([
    ["bb", "sh", "sh"],
    ["bb", "/bin/sh", "/bin/sh"],
    ["tmp", "bash", "bash"],
  ])("in %s entered with `-- %s` is %s", async (name, shell, expected) => {
    const r = await inPod(cluster(), name, shell);
    expect((await r.line("echo $0")).stdout).toBe(`${expected}\n`);
    // sh -c runs a new shell whose $0 is its own name
    expect((await r.line("sh -c 'echo $0'")).stdout).toBe("sh\n");
  });

  it("is -bash in a node's login shell, bash on the workstation, and never exported", async () => {
    const r = record(cluster());
    expect((await r.line("echo $0")).stdout).toBe("bash\n");
    await r.line("ssh worker1");
    expect((await r.line("echo $0")).stdout).toBe("-bash\n");
    expect((await r.line("env")).stdout).not.toMatch(/^0=/m);
  });

  it("kubectl exec POD -- sh -c 'echo $0' prints sh", async () => {
    const r = record(cluster());
    expect((await r.line("kubectl exec bb -- sh -c 'echo $0'")).stdout).toBe("sh\n");
  });
});

describe("ssh NODE CMD", () => {
  it("runs CMD in a new non-login bash: $0 is bash and its variables do not outlive it", async () => {
    const r = record(cluster());
    expect((await r.line("ssh worker1 'echo $0; X=1'")).stdout).toBe("bash\n");
    expect((await r.line("ssh worker1 'echo x$X'")).stdout).toBe("x\n");
  });
});

describe("ssh NODE 'LOOP'", () => {
  it("streams each line to where ssh's output goes, stdout and stderr in order; cd does not outlive it", async () => {
    const r = record(cluster());
    const got = await r.line("ssh worker1 'for i in 1 2; do echo $i; echo e$i >&2; done; cd /tmp'");
    expect(r.screen()).toBe("1\ne1\n2\ne2\n");
    expect(got.code).toBe(0);
    expect((await r.line("ssh worker1 pwd")).stdout).toBe("/root\n");
  });
});
