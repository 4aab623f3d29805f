// One-shot containers through a learner's session: the pod's own tools produce the
// output `kubectl logs` shows, the exit code ends the container, attached shells end pods.
import { describe, expect, it } from "vitest";
import { createCluster, type Cluster } from "../cluster/index.ts";
import { createSession } from "./session.ts";
import { advanceWithCommands, attachesMainProcess, runPendingCommands } from "./pod-commands.ts";

function session(cluster: Cluster) {
  let out = "";
  let err = "";
  const s = createSession({ cluster, host: { write: (t, stream) => (stream === "stdout" ? (out += t) : (err += t)) } });
  return {
    async line(text: string) {
      out = err = "";
      const code = await s.run(text);
      return { out, err, code };
    },
  };
}

function status(c: Cluster, name: string): string {
  const r = c.get({ group: "", resource: "pods", namespace: "default", name });
  const cs = r.ok ? (r.value.status as { containerStatuses?: { state: { terminated?: { reason: string; exitCode: number } } }[] }).containerStatuses?.[0] : undefined;
  const t = cs?.state.terminated;
  return t ? `${t.reason} ${t.exitCode}` : "not terminated";
}

describe("one-shot container commands in a session", () => {
  it("kubectl run --restart=Never -- nslookup: the container ends as nslookup does, its output in kubectl logs", async () => {
    const c = createCluster();
    const s = session(c);
    await s.line("kubectl run t1 --image=busybox --restart=Never -- nslookup kubernetes");
    await s.line("sleep 10");
    // The same command attached: what the pod's own nslookup prints, and its exit code.
    const direct = await s.line("kubectl run ref --image=busybox -it --rm --restart=Never -- nslookup kubernetes");
    const logs = await s.line("kubectl logs t1");
    expect(logs.out).toContain("Name:\tkubernetes.default.svc.cluster.local");
    expect(direct.out).toContain(logs.out);
    const get = await s.line("kubectl get pod t1");
    const reason = direct.code === 0 ? "Completed" : "Error";
    expect(get.out).toMatch(new RegExp(`^NAME +READY +STATUS +RESTARTS +AGE\nt1 +0/1 +${reason} +0 +\\d+s\n$`));
    expect(status(c, "t1")).toBe(`${reason} ${direct.code}`);
  });

  it("a failing command ends the container with its exit code (Error)", async () => {
    const c = createCluster();
    const s = session(c);
    await s.line("kubectl run bad --image=busybox --restart=Never -- nslookup no-such-service");
    await s.line("sleep 10");
    expect(status(c, "bad")).toBe("Error 1");
    expect((await s.line("kubectl logs bad")).out).toContain("** server can't find no-such-service");
  });

  it("sh -c chains run in the pod's shell", async () => {
    const c = createCluster();
    const s = session(c);
    await s.line("kubectl run chain --image=busybox --restart=Never --command -- sh -c 'echo start && hostname'");
    await s.line("sleep 10");
    expect(status(c, "chain")).toBe("Completed 0");
    expect((await s.line("kubectl logs chain")).out).toBe("start\nchain\n");
  });

  it("a crash-looping one-shot pod keeps restarting on time during a long sleep", async () => {
    const c = createCluster();
    const s = session(c);
    await s.line("kubectl run loop --image=busybox -- echo hi");
    await s.line("sleep 100");
    const r = c.get({ group: "", resource: "pods", namespace: "default", name: "loop" });
    const restarts = r.ok ? (r.value.status as { containerStatuses: { restartCount: number }[] }).containerStatuses[0]!.restartCount : -1;
    // Exits at once each run: restart at once, then after 10 s, 20 s, 40 s (the next would be at ~150 s).
    expect(restarts).toBe(4);
    expect((await s.line("kubectl logs loop")).out).toBe("hi\n");
    expect((await s.line("kubectl logs -p loop")).out).toBe("hi\n");
  });

  it("a while-true traffic generator keeps calling a Service: the backends log one request per turn", async () => {
    const c = createCluster();
    const s = session(c);
    await s.line("kubectl run web --image=nginx --labels=app=web");
    await s.line("kubectl expose pod web --port=80");
    await s.line("sleep 10");
    await s.line(`kubectl run gen --image=busybox --command -- sh -c 'while true; do wget -qO- http://web >/dev/null; sleep 2; done'`);
    await s.line("sleep 5");
    const before = (await s.line("kubectl logs web")).out.split("\n").filter((l) => l.includes('"GET / HTTP/1.1" 200')).length;
    await s.line("sleep 20");
    const after = (await s.line("kubectl logs web")).out.split("\n").filter((l) => l.includes('"GET / HTTP/1.1" 200')).length;
    // One request every 2 s (the loop's sleep) while 20 s pass.
    expect(after - before).toBeGreaterThanOrEqual(9);
    expect(after - before).toBeLessThanOrEqual(11);
    expect((await s.line("kubectl get pod gen")).out).toMatch(/gen +1\/1 +Running +0 /);
  });

  it("an init container waiting for a Service (until nslookup …) holds the pod at Init:0/1 until the Service exists", async () => {
    const c = createCluster();
    const s = session(c);
    const init = { name: "init-myservice", image: "busybox:1.28", command: ["sh", "-c", "until nslookup myservice.default.svc.cluster.local; do echo waiting for myservice; sleep 2; done"] };
    c.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "myapp-pod", namespace: "default" }, spec: { initContainers: [init], containers: [{ name: "myapp-container", image: "busybox:1.28", command: ["sh", "-c", "echo The app is running! && sleep 3600"] }] } });
    await s.line("sleep 15");
    expect((await s.line("kubectl get pod myapp-pod")).out).toMatch(/myapp-pod +0\/1 +Init:0\/1 +0 /);
    const waiting = c.logs("default", "myapp-pod", "init-myservice");
    expect(waiting.ok && waiting.value.split("\n").filter((l) => l === "waiting for myservice").length).toBeGreaterThanOrEqual(3);
    await s.line("kubectl create service clusterip myservice --tcp=80:9376");
    await s.line("sleep 5");
    expect((await s.line("kubectl get pod myapp-pod")).out).toMatch(/myapp-pod +1\/1 +Running +0 /);
    expect((await s.line("kubectl logs myapp-pod")).out).toBe("The app is running!\n");
  });

  it("kubectl run -it --rm --restart=Never -- sh: leaving the shell completes the pod, --rm deletes it at once", async () => {
    const c = createCluster();
    const s = session(c);
    await s.line("kubectl run -it --rm tmp --image=busybox --restart=Never -- sh");
    const before = c.now();
    const leave = await s.line("exit");
    expect(leave.out).toContain('pod "tmp" deleted');
    expect(c.get({ group: "", resource: "pods", namespace: "default", name: "tmp" }).ok).toBe(false);
    expect(c.now() - before).toBeLessThan(5000);
  });

  it("kubectl run -it with the default restart policy: the shell's exit restarts the container", async () => {
    const c = createCluster();
    const s = session(c);
    await s.line("kubectl run -it keep --image=busybox");
    const leave = await s.line("exit");
    expect(leave.out).toContain("Session ended, resume using 'kubectl attach keep -c keep -i -t' command when the pod is running");
    await s.line("sleep 3");
    const r = c.get({ group: "", resource: "pods", namespace: "default", name: "keep" });
    expect(r.ok && (r.value.status as { containerStatuses: { restartCount: number; state: { running?: unknown } }[] }).containerStatuses[0]).toMatchObject({ restartCount: 1, state: { running: {} } });
  });
});

describe("runner plumbing", () => {
  it("a cluster without the pending-command API is left alone", async () => {
    const c = createCluster();
    const bare = Object.create(c, { pendingCommands: { value: undefined } }) as Cluster;
    let ran = 0;
    expect(await runPendingCommands(bare, async () => ((ran++), { stdout: "", stderr: "", exitCode: 0 }) as never)).toBe(0);
    const start = bare.now();
    await advanceWithCommands(bare, 5000, async () => ((ran++), { stdout: "", stderr: "", exitCode: 0 }) as never);
    expect(bare.now() - start).toBe(5000);
    expect(ran).toBe(0);
  });

  it("a runner that throws still ends the container, with the error in its log", async () => {
    const c = createCluster();
    c.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "x", namespace: "default" }, spec: { restartPolicy: "Never", containers: [{ name: "x", image: "busybox", args: ["nslookup", "web"] }] } });
    c.advance(10_000);
    expect(
      await runPendingCommands(c, async () => {
        throw new Error("boom");
      }),
    ).toBe(1);
    expect(status(c, "x")).toBe("Error 1");
    expect(c.logs("default", "x")).toEqual({ ok: true, value: "boom\n" });
  });

  it.each([
    [{ args: ["sh"] }, ["sh"], true],
    [{ args: ["nslookup", "x"] }, ["nslookup", "x"], true],
    [{}, [], true],
    [{}, ["sh"], true],
    [{}, ["bash"], false],
    [{ args: ["sleep", "3600"] }, ["sh"], false],
  ] as [Record<string, string[]>, string[], boolean][])("attach to %j with %j is the main process: %s", (c, command, main) => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "p", image: "busybox", ...c }] } };
    expect(attachesMainProcess(pod, "p", command, "sh")).toBe(main);
  });
});
