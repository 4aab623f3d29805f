// The worker's engine, driven as the page drives it, with a real IndexedDB
// implementation: live step status, resume after a reload, fallbacks, Reset.
import { describe, expect, it, vi } from "vitest";
import { createSession } from "../../src/shell/session.ts";

// Pass-through, so a test can count the sessions the engine makes (the warm-up's scratch one).
vi.mock("../../src/shell/session.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/shell/session.ts")>();
  return { ...real, createSession: vi.fn(real.createSession) };
});
import { readFileSync } from "node:fs";
import { IDBFactory } from "fake-indexeddb";
import { LabEngine } from "../../src/terminal/lab-engine.ts";
import { openLabStore, RECORD_FORMAT } from "../../src/labs/persist.ts";
import type { InitMessage, WorkerMessage } from "../../src/terminal/protocol.ts";

const init: InitMessage = {
  type: "init",
  labId: "clusterip",
  labSource: readFileSync("labs/clusterip/lab.md", "utf8"),
  clusterYaml: readFileSync("labs/clusterip/cluster.yaml", "utf8"),
  cols: 100,
  rows: 30,
};

function engine(factory: IDBFactory | undefined, opts: { warmUp?: boolean } = {}) {
  const msgs: WorkerMessage[] = [];
  const e = new LabEngine({ post: (m) => msgs.push(m), openStore: () => openLabStore(factory), now: () => 0, warmUp: opts.warmUp });
  const last = <T extends WorkerMessage["type"]>(type: T) => msgs.filter((m): m is Extract<WorkerMessage, { type: T }> => m.type === type).at(-1);
  const output = () => msgs.filter((m) => m.type === "output").map((m) => (m as { data: string }).data).join("");
  const count = (type: WorkerMessage["type"]) => msgs.filter((m) => m.type === type).length;
  return { e, msgs, last, output, count };
}

/** Types a line and waits until the command finished (the engine reports busy → idle). */
async function type(a: ReturnType<typeof engine>, line: string) {
  const idle = () => a.msgs.filter((m) => m.type === "busy" && !m.busy).length;
  const before = idle();
  await a.e.handle({ type: "input", data: `${line}\r` });
  for (let i = 0; i < 1000 && idle() === before; i++) await new Promise((r) => setTimeout(r, 5));
  // Saving follows the prompt: wait for it, as a reload would find it.
  await a.e.settled();
}

describe("lab engine", () => {
  it("marks a step done as soon as its check passes, and resumes after a reload", async () => {
    const factory = new IDBFactory();
    const a = engine(factory);
    await a.e.handle(init);
    expect(a.last("steps")).toMatchObject({ done: 0, total: 4 });
    await type(a, "kubectl get endpoints my-service");
    expect(a.last("steps")!.steps.find((s) => s.id === "endpoints")!.status).toBe("done");
    await type(a, "export LAB_MARK=kept");

    // A reload: a new engine on the same storage.
    const b = engine(factory);
    await b.e.handle(init);
    expect(b.msgs.some((m) => m.type === "notice")).toBe(false);
    expect(b.last("steps")!.steps.find((s) => s.id === "endpoints")!.status).toBe("done");
    await type(b, "echo $LAB_MARK");
    expect(b.output()).toContain("kept");
  });

  it("tells the page the prompt it shows, after each save and on resume, so a reload draws no other one early", async () => {
    const factory = new IDBFactory();
    const a = engine(factory);
    await a.e.handle(init);
    const fresh = a.last("ready")!.prompt;
    expect(fresh).toBe("$ ");
    await type(a, "PS1='lab> '");
    expect(a.last("saved")!.prompt).toBe("lab> ");
    const b = engine(factory);
    await b.e.handle(init);
    expect(b.last("ready")!.prompt).toBe("lab> ");
    await b.e.handle({ type: "reset" });
    expect(b.last("ready")!.prompt).toBe(fresh);
  });

  it("posts the steps only when a command changed one, and always for Check now", async () => {
    const a = engine(new IDBFactory());
    await a.e.handle(init);
    const atStart = a.count("steps");
    await type(a, "echo nothing changes");
    expect(a.count("steps")).toBe(atStart);
    await type(a, "kubectl get endpoints my-service");
    expect(a.count("steps")).toBe(atStart + 1);
    await a.e.handle({ type: "check-now" });
    await a.e.handle({ type: "check-now" });
    expect(a.count("steps")).toBe(atStart + 3);
  });

  it("Check now says why the current step does not pass", async () => {
    const a = engine(new IDBFactory());
    await a.e.handle(init);
    await a.e.handle({ type: "check-now" });
    const first = a.last("steps")!.steps[0];
    expect(first).toMatchObject({ id: "deployment", status: "failed", reason: expect.stringContaining("deployments/myapp") });
  });

  it("starts fresh, with a notice, when the progress was saved for another version of the lab", async () => {
    const factory = new IDBFactory();
    const store = await openLabStore(factory);
    await store.save({ format: RECORD_FORMAT, labId: "clusterip", labVersion: "x", savedAt: 0, session: { version: 1, cluster: { version: 1 } }, progress: {} });
    const a = engine(factory);
    await a.e.handle(init);
    expect(a.last("notice")).toMatchObject({ kind: "storage", code: "lab-changed" });
    expect(a.last("ready")).toBeDefined();
  });

  it("works without storage and says so", async () => {
    const a = engine(undefined);
    await a.e.handle(init);
    expect(a.last("notice")).toMatchObject({ kind: "storage", code: "unavailable" });
    await type(a, "kubectl get endpoints my-service");
    expect(a.last("steps")!.done).toBe(1);
  });

  it("Reset forgets progress and starts the cluster again", async () => {
    const factory = new IDBFactory();
    const a = engine(factory);
    await a.e.handle(init);
    await type(a, "kubectl create deployment web --image=nginx");
    await type(a, "kubectl get endpoints my-service");
    await a.e.handle({ type: "reset" });
    expect(a.last("steps")!.done).toBe(0);
    await type(a, "kubectl get deployments");
    expect(a.output().split("\x1bc").at(-1)).toContain("No resources found in default namespace.");
  });

  it("Reset is not undone by the save of the command before it", async () => {
    const factory = new IDBFactory();
    const a = engine(factory);
    await a.e.handle(init);
    await a.e.handle({ type: "input", data: "kubectl get endpoints my-service\r" });
    // Reset arrives before that command's save has run.
    await a.e.handle({ type: "reset" });
    await a.e.settled();
    const b = engine(factory);
    await b.e.handle(init);
    expect(b.last("steps")!.done).toBe(0);
  });

  it("the topology leaves system namespaces out until the page asks for them", async () => {
    const a = engine(new IDBFactory());
    await a.e.handle(init);
    const systemPods = () => a.last("topology")!.topology.nodes.flatMap((n) => n.pods).filter((p) => p.namespace === "kube-system");
    expect(systemPods()).toEqual([]);
    await a.e.handle({ type: "topology-options", showSystem: true });
    expect(systemPods().some((p) => p.name.startsWith("coredns-"))).toBe(true);
    await a.e.handle({ type: "topology-options", showSystem: false });
    expect(systemPods()).toEqual([]);

    const b = engine(new IDBFactory());
    await b.e.handle({ ...init, showSystem: true });
    expect(b.last("topology")!.topology.nodes.flatMap((n) => n.pods).some((p) => p.name.startsWith("coredns-"))).toBe(true);
  });

  it("an unchanged topology is not posted again", async () => {
    const a = engine(new IDBFactory());
    await a.e.handle(init);
    const before = a.count("topology");
    await type(a, "echo hello");
    expect(a.count("topology")).toBe(before);
    await type(a, "kubectl create deployment web --image=nginx");
    expect(a.count("topology")).toBeGreaterThan(before);
  });

  it("the warm-up leaves the lab as it was: same answers, same history", async () => {
    const warm = engine(new IDBFactory(), { warmUp: true });
    const cold = engine(new IDBFactory());
    await warm.e.handle(init);
    await cold.e.handle(init);
    await new Promise((r) => setTimeout(r, 200)); // the warm-up runs on a timer after the session is up
    for (const line of ["kubectl get pods -A", "kubectl get events -A", "history"]) {
      await type(warm, line);
      await type(cold, line);
    }
    expect(warm.output()).toBe(cold.output());
  });

  it("warms up once the session is up, even when the page resized the terminal meanwhile, but not when keys were typed ahead", async () => {
    const sessions = vi.mocked(createSession);
    const settle = () => new Promise((r) => setTimeout(r, 200));
    sessions.mockClear();
    const resized = engine(new IDBFactory(), { warmUp: true });
    const starting = resized.e.handle(init);
    await resized.e.handle({ type: "resize", cols: 90, rows: 30 });
    await starting;
    await settle();
    expect(sessions).toHaveBeenCalledTimes(2); // the lab's session and the scratch one

    sessions.mockClear();
    const typed = engine(new IDBFactory(), { warmUp: true });
    const started = typed.e.handle(init);
    await typed.e.handle({ type: "input", data: "echo early\r" });
    await started;
    await settle();
    expect(sessions).toHaveBeenCalledTimes(1);
    expect(typed.output()).toContain("early");
  });

  it("reports a lab file it cannot parse instead of starting", async () => {
    const a = engine(new IDBFactory());
    await a.e.handle({ ...init, labSource: "no frontmatter" });
    expect(a.last("fatal")!.message).toContain("missing YAML frontmatter");
  });
});
