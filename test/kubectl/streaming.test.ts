// get -w and logs -f: headless (no AbortSignal) they run the cluster until it settles and
// print every change; with a signal they follow real time until it aborts.
import { describe, expect, it } from "vitest";
import { createCluster } from "../../src/cluster/index.ts";
import { createSession } from "../../src/shell/session.ts";
import { settledHarness } from "./harness.ts";

const settled = settledHarness;

describe("kubectl get -w, headless", () => {
  it("prints the list, then each change until the cluster settles, and ends with 0", async () => {
    const h = settled();
    await h.run(["run", "w", "--image=nginx"]);
    const r = await h.run(["get", "pods", "-w"]);
    const rows = r.stdout.trimEnd().split("\n");
    expect(rows[0]).toMatch(/^NAME\s+READY\s+STATUS/);
    // The pod was just created: the watch shows it reach Running, which the list did not show.
    expect(rows[1]).not.toMatch(/Running/);
    expect(rows.at(-1)).toMatch(/^w\s+1\/1\s+Running/);
    expect(r.code).toBe(0);
  });

  it("--watch-only skips the list; --output-watch-events names each event in a padded column", async () => {
    const h = settled();
    await h.run(["run", "w", "--image=nginx"]);
    const only = await h.run(["get", "pods", "--watch-only"]);
    expect(only.stdout).not.toMatch(/ContainerCreating|Pending/);
    await h.run(["delete", "pod", "w", "--wait=false"]);
    const events = await h.run(["get", "pods", "-w", "--output-watch-events"]);
    const lines = events.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^EVENT {6}NAME/);
    expect(lines.slice(1).every((l) => /^(ADDED|MODIFIED|DELETED) +w /.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^DELETED {4}w /);
  });

  it("refuses several types and reports a missing object", async () => {
    const h = settled();
    expect(await h.run(["get", "svc,pods", "-w"])).toEqual({ stdout: "", stderr: "error: you may only specify a single resource type\n", code: 1 });
    const missing = await h.run(["get", "pod", "nope", "-w"]);
    expect(missing.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(missing.code).toBe(1);
  });
});

describe("kubectl get -w with Ctrl-C", () => {
  it("stops when the signal aborts", async () => {
    const h = settled();
    const ctrlC = new AbortController();
    const run = h.run(["get", "nodes", "-w"], { signal: ctrlC.signal });
    setTimeout(() => ctrlC.abort(), 50);
    const r = await run;
    expect(r.stdout).toMatch(/^NAME\s+STATUS/);
    expect(r.code).toBe(0);
  });
});

describe("kubectl logs -f, headless", () => {
  it("prints the log written while the cluster settles, once", async () => {
    const h = settled();
    const pods = h.cluster.list({ group: "", resource: "pods" }, { namespace: "kube-system" });
    const dns = pods.ok ? pods.value.find((p) => p.metadata.name?.startsWith("coredns")) : undefined;
    expect(dns).toBeDefined();
    const plain = await h.run(["logs", "-n", "kube-system", dns!.metadata.name!]);
    const followed = await h.run(["logs", "-f", "-n", "kube-system", dns!.metadata.name!]);
    expect(followed.code).toBe(0);
    // Following starts with what logs prints and only ever appends.
    expect(followed.stdout.startsWith(plain.stdout)).toBe(true);
  });
});

describe("kubectl get -w in a learner session with Ctrl-C (the browser's way)", () => {
  it("streams the pods' progress as virtual time follows real time, and ^C ends it with 130", async () => {
    const cluster = createCluster(undefined, { seed: 1 });
    cluster.settle();
    let out = "";
    const session = createSession({ cluster, host: { write: (t) => void (out += t), yieldToHost: () => new Promise((r) => setTimeout(r, 0)) } });
    await session.run("kubectl create deployment web --image=nginx");
    const ctrlC = new AbortController();
    const running = session.run("kubectl get pods -w", { signal: ctrlC.signal });
    // Press Ctrl-C once the watch has shown the pod running (it starts out ContainerCreating).
    const poll = setInterval(() => /\n\S+\s+1\/1\s+Running/.test(out) && ctrlC.abort(), 20);
    const code = await running;
    clearInterval(poll);
    expect(out).toMatch(/ContainerCreating[\s\S]*1\/1\s+Running/);
    expect(code).toBe(130);
  }, 20_000);
});
