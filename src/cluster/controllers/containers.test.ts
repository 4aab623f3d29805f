// Containers that end, over virtual time: the pod's STATUS/READY/RESTARTS and phase as
// `kubectl get pods` shows them, back-off timing and events, logs of one run and the previous.
import { describe, expect, it } from "vitest";
import { sha512 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { createCluster, restoreCluster } from "../cluster.ts";
import type { Cluster, KObject } from "../index.ts";
import { podStatus } from "../printers/workloads.ts";

function pod(name: string, container: Record<string, unknown>, restartPolicy = "Always", labels: Record<string, string> = {}): KObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", labels }, spec: { restartPolicy, containers: [{ name, ...container }] } } as KObject;
}

function getPod(c: Cluster, name: string, namespace = "default"): KObject {
  const r = c.get({ group: "", resource: "pods", namespace, name });
  if (!r.ok) throw new Error(r.status.message);
  return r.value;
}

/** READY, STATUS, RESTARTS (count only) and phase. */
function row(c: Cluster, name: string): string {
  const p = getPod(c, name);
  const s = podStatus(p, c.now());
  return `${s.ready}/${s.total} ${s.reason} ${s.restarts.split(" ")[0]} ${(p.status as { phase: string }).phase}`;
}

function events(c: Cluster, name: string, reason: string): { message: string; count: number }[] {
  const r = c.list({ group: "", resource: "events" }, { namespace: "default" });
  return (r.ok ? r.value : [])
    .filter((e) => (e.involvedObject as { name: string }).name === name && e.reason === reason)
    .map((e) => ({ message: String(e.message), count: Number(e.count ?? 1) }));
}

/** A Service selecting app=<name>, and the ready flag of each endpoint its EndpointSlices list. */
function serve(c: Cluster, name: string): () => boolean[] {
  c.create({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default" }, spec: { selector: { app: name }, ports: [{ port: 80 }] } } as KObject);
  return () => {
    const r = c.list({ group: "discovery.k8s.io", resource: "endpointslices" }, { namespace: "default", labelSelector: `kubernetes.io/service-name=${name}` });
    return (r.ok ? r.value : []).flatMap((s) => ((s.endpoints as { conditions: { ready: boolean } }[]) ?? []).map((e) => e.conditions.ready));
  };
}

/** Run what the cluster has pending as the shell would, answering with a fixed result. */
function answer(c: Cluster, name: string, output: string, exitCode: number, elapsedMs = 0): void {
  const p = c.pendingCommands!().find((x) => x.pod === name);
  if (!p) throw new Error(`no pending command for ${name}`);
  expect(c.completeCommand!(p, { output, exitCode, elapsedMs })).toBe(true);
}

describe("containers that exit: image × command × restartPolicy over time", () => {
  // After `at` seconds from creation (pulls take a few seconds first).
  const table: [string, Record<string, unknown>, string, number, string][] = [
    ["busybox, no command, Never", { image: "busybox" }, "Never", 30, "0/1 Completed 0 Succeeded"],
    ["busybox, no command, OnFailure", { image: "busybox" }, "OnFailure", 30, "0/1 Completed 0 Succeeded"],
    ["busybox, no command, Always", { image: "busybox" }, "Always", 30, "0/1 CrashLoopBackOff 2 Running"],
    ["busybox -it, Always", { image: "busybox", stdin: true, stdinOnce: true, tty: true }, "Always", 30, "1/1 Running 0 Running"],
    ["sleep 5, Never, before", { image: "busybox", args: ["sleep", "5"] }, "Never", 7, "1/1 Running 0 Running"],
    ["sleep 5, Never, after", { image: "busybox", args: ["sleep", "5"] }, "Never", 30, "0/1 Completed 0 Succeeded"],
    ["false, Never", { image: "busybox", args: ["false"] }, "Never", 30, "0/1 Error 0 Failed"],
    ["false, OnFailure", { image: "busybox", args: ["false"] }, "OnFailure", 30, "0/1 CrashLoopBackOff 2 Running"],
    ["missing program, Never", { image: "busybox", args: ["dig", "x"] }, "Never", 30, "0/1 StartError 0 Failed"],
    ["missing program, Always", { image: "busybox", args: ["dig", "x"] }, "Always", 30, "0/1 CrashLoopBackOff 2 Running"],
    ["nginx", { image: "nginx" }, "Always", 300, "1/1 Running 0 Running"],
  ];
  it.each(table)("%s", (_n, container, policy, at, expected) => {
    const c = createCluster();
    expect(c.create(pod("p", container, policy)).ok).toBe(true);
    c.advance(at * 1000);
    expect(row(c, "p")).toBe(expected);
  });

  it("a one-shot command stays Running until its output comes back, then ends with its exit code", () => {
    const c = createCluster();
    c.create(pod("ok", { image: "busybox", args: ["nslookup", "kubernetes"] }, "Never"));
    c.create(pod("bad", { image: "busybox", args: ["nslookup", "nosuch"] }, "Never"));
    c.advance(10_000);
    expect(row(c, "ok")).toBe("1/1 Running 0 Running");
    expect(c.pendingCommands!().map((p) => `${p.pod}: ${p.line}`).sort()).toEqual(["bad: nslookup nosuch", "ok: nslookup kubernetes"]);
    answer(c, "ok", "Server:\t\t10.96.0.10\n", 0);
    answer(c, "bad", "** server can't find nosuch: NXDOMAIN\n", 1);
    expect(row(c, "ok")).toBe("0/1 Completed 0 Succeeded");
    expect(row(c, "bad")).toBe("0/1 Error 0 Failed");
    expect(c.logs("default", "ok")).toEqual({ ok: true, value: "Server:\t\t10.96.0.10\n" });
    expect(c.pendingCommands!()).toEqual([]);
  });

  it("a command that waited (a timeout) ends that much later; a trailing sleep too", () => {
    const c = createCluster();
    c.create(pod("slow", { image: "curlimages/curl", args: ["-s", "http://10.0.0.9"] }, "Never"));
    c.create(pod("nap", { image: "busybox", command: ["sh", "-c", "echo hi; sleep 20"] }, "Never"));
    c.advance(10_000);
    answer(c, "slow", "", 28, 15_000);
    answer(c, "nap", "hi\n", 0);
    c.advance(14_000);
    expect(row(c, "slow")).toBe("1/1 Running 0 Running");
    c.advance(2000);
    expect(row(c, "slow")).toBe("0/1 Error 0 Failed");
    expect(row(c, "nap")).toBe("1/1 Running 0 Running");
    c.advance(5000);
    expect(row(c, "nap")).toBe("0/1 Completed 0 Succeeded");
  });

  it("a while-true loop's body is due every N seconds, its output adds up, the container keeps running", () => {
    const c = createCluster();
    c.create(pod("gen", { image: "busybox", command: ["sh", "-c", "while true; do date; sleep 5; done"] }));
    c.advance(10_000);
    expect(c.pendingCommands!().map((p) => p.line)).toEqual(["date"]);
    answer(c, "gen", "tick 1\n", 0);
    expect(c.pendingCommands!()).toEqual([]);
    c.advance(4000);
    expect(c.pendingCommands!()).toEqual([]);
    c.advance(1000);
    answer(c, "gen", "tick 2\n", 1);
    expect(row(c, "gen")).toBe("1/1 Running 0 Running");
    expect(c.logs("default", "gen")).toEqual({ ok: true, value: "tick 1\ntick 2\n" });
  });

  it("refuses a result for a run that is over or unknown", () => {
    const c = createCluster();
    c.create(pod("x", { image: "busybox", args: ["nslookup", "web"] }, "Always"));
    c.advance(10_000);
    const p = c.pendingCommands!()[0]!;
    expect(c.completeCommand!({ ...p, instance: 5 }, { output: "", exitCode: 0 })).toBe(false);
    expect(c.completeCommand!({ ...p, uid: "other" }, { output: "", exitCode: 0 })).toBe(false);
    expect(c.completeCommand!({ ...p, pod: "nope" }, { output: "", exitCode: 0 })).toBe(false);
    expect(c.completeCommand!(p, { output: "one\n", exitCode: 0 })).toBe(true);
    expect(c.completeCommand!(p, { output: "two\n", exitCode: 0 })).toBe(false);
    expect(c.logs("default", "x")).toEqual({ ok: true, value: "one\n" });
  });

  it("a pod whose containers all ended is deleted at once", () => {
    const c = createCluster();
    c.create(pod("gone", { image: "busybox" }, "Never"));
    c.advance(30_000);
    expect(c.delete({ group: "", resource: "pods", namespace: "default", name: "gone" }).ok).toBe(true);
    expect(c.get({ group: "", resource: "pods", namespace: "default", name: "gone" }).ok).toBe(false);
  });
});

describe("init containers", () => {
  function withInits(name: string, inits: Record<string, unknown>[], restartPolicy = "Always"): KObject {
    return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec: { restartPolicy, initContainers: inits, containers: [{ name: "app", image: "nginx" }] } } as KObject;
  }

  it.each([
    ["a slow init container holds the app back", [{ name: "wait", image: "busybox", args: ["sleep", "30"] }], "Always", 10, "0/1 Init:0/1 0 Pending"],
    ["then the app runs", [{ name: "wait", image: "busybox", args: ["sleep", "5"] }], "Always", 30, "1/1 Running 0 Running"],
    ["two in a row, the second still running", [{ name: "one", image: "busybox", args: ["true"] }, { name: "two", image: "busybox", args: ["sleep", "60"] }], "Always", 15, "0/1 Init:1/2 0 Pending"],
    ["a failing one with Never fails the pod", [{ name: "bad", image: "busybox", args: ["false"] }], "Never", 15, "0/1 Init:Error 0 Failed"],
    ["an unknown image's init container is taken to finish", [{ name: "clone", image: "alpine/git:2.45", args: ["clone", "https://example.com/repo", "/work"] }], "Always", 15, "1/1 Running 0 Running"],
    ["a known image's endless init container holds the pod", [{ name: "forever", image: "busybox", args: ["sleep", "infinity"] }], "Always", 60, "0/1 Init:0/1 0 Pending"],
    ["a failing one with Always crash-loops", [{ name: "bad", image: "busybox", args: ["false"] }], "Always", 30, "0/1 Init:CrashLoopBackOff 2 Pending"],
  ] as [string, Record<string, unknown>[], string, number, string][])("%s", (_n, inits, policy, at, expected) => {
    const c = createCluster();
    expect(c.create(withInits("p", inits, policy)).ok).toBe(true);
    c.advance(at * 1000);
    expect(row(c, "p")).toBe(expected);
  });

  it("an init container's one-shot command runs like any other; Initialized says which are left", () => {
    const c = createCluster();
    c.create(withInits("p", [{ name: "lookup", image: "busybox", args: ["nslookup", "db"] }]));
    c.advance(10_000);
    const initialized = () => ((getPod(c, "p").status as { conditions: { type: string; status: string; message?: string }[] }).conditions.find((x) => x.type === "Initialized"));
    expect(initialized()).toMatchObject({ status: "False", reason: "ContainersNotInitialized", message: "containers with incomplete status: [lookup]" });
    answer(c, "p", "Name:\tdb.default.svc.cluster.local\n", 0);
    c.advance(5000);
    expect(row(c, "p")).toBe("1/1 Running 0 Running");
    expect(initialized()).toMatchObject({ status: "True" });
    expect(c.logs("default", "p", "lookup")).toEqual({ ok: true, value: "Name:\tdb.default.svc.cluster.local\n" });
    expect(events(c, "p", "Started").length).toBe(2);
  });
});

describe("crash-loop back-off", () => {
  it("restarts at once, then after 10 s, 20 s, 40 s… with BackOff events", () => {
    const c = createCluster();
    c.create(pod("t2", { image: "busybox" }));
    // Find when the first run ended, then sample each restart.
    let finished = 0;
    for (let i = 0; i < 60 && !finished; i++) {
      c.advance(500);
      const cs = (getPod(c, "t2").status as { containerStatuses: { state: { terminated?: { finishedAt: string } } }[] }).containerStatuses[0]!;
      if (cs.state.terminated) finished = c.now();
    }
    expect(finished).toBeGreaterThan(0);
    const restartsAt = (ms: number) => {
      c.advance(finished + ms - c.now());
      return (getPod(c, "t2").status as { containerStatuses: { restartCount: number }[] }).containerStatuses[0]!.restartCount;
    };
    // Each run of busybox's sh ends as it starts: the waits are measured from each exit.
    expect(restartsAt(500)).toBe(0);
    expect(restartsAt(1500)).toBe(1);
    expect(restartsAt(10_500)).toBe(1);
    expect(restartsAt(11_500)).toBe(2);
    expect(restartsAt(30_500)).toBe(2);
    expect(restartsAt(31_500)).toBe(3);
    restartsAt(33_000);
    const p = getPod(c, "t2");
    const waiting = (p.status as { containerStatuses: { state: { waiting?: { reason: string; message: string } } }[] }).containerStatuses[0]!.state.waiting;
    const uid = p.metadata.uid;
    expect(waiting).toEqual({ reason: "CrashLoopBackOff", message: `back-off 40s restarting failed container=t2 pod=t2_default(${uid})` });
    expect(events(c, "t2", "BackOff")).toEqual([{ message: `Back-off restarting failed container t2 in pod t2_default(${uid})`, count: 3 }]);
    expect(restartsAt(70_500)).toBe(3);
    expect(restartsAt(71_500)).toBe(4);
  });

  it("a pod that finished is no endpoint at all", () => {
    const c = createCluster();
    c.create(pod("job", { image: "busybox", args: ["sleep", "20"] }, "Never", { app: "job" }));
    const slices = serve(c, "job");
    c.advance(10_000);
    expect(slices()).toEqual([true]);
    c.advance(30_000);
    expect(row(c, "job")).toBe("0/1 Completed 0 Succeeded");
    expect(slices()).toEqual([]);
  });

  it("a crash-looping pod is not ready: its endpoint moves to not ready", () => {
    const c = createCluster();
    c.create(pod("web", { image: "busybox", args: ["sleep", "20"] }, "Always", { app: "web" }));
    const ready = serve(c, "web");
    c.advance(10_000);
    expect(ready()).toEqual([true]);
    // The first exit restarts at once; the second waits out a back-off, not ready.
    for (let i = 0; i < 120 && !row(c, "web").includes("CrashLoopBackOff"); i++) c.advance(1000);
    expect(row(c, "web")).toBe("0/1 CrashLoopBackOff 1 Running");
    expect(ready()).toEqual([false]);
    for (let i = 0; i < 30 && !row(c, "web").includes(" Running 2"); i++) c.advance(1000);
    expect(row(c, "web")).toBe("1/1 Running 2 Running");
    expect(ready()).toEqual([true]);
  });
});

describe("container logs", () => {
  it("-p shows the previous run; without one the kubelet's error", () => {
    const c = createCluster();
    c.create(pod("once", { image: "busybox", args: ["echo", "hi"] }));
    c.advance(10_000);
    answer(c, "once", "run 1\n", 0);
    const none = c.logs("default", "once", undefined, { previous: true });
    expect(none.ok ? "" : `${none.status.reason}: ${none.status.message}`).toBe('BadRequest: previous terminated container "once" in pod "once" not found');
    c.advance(2000);
    answer(c, "once", "run 2\n", 0);
    expect(c.logs("default", "once")).toEqual({ ok: true, value: "run 2\n" });
    expect(c.logs("default", "once", undefined, { previous: true })).toEqual({ ok: true, value: "run 1\n" });
  });

  it("--timestamps prefixes RFC3339Nano times that rise line by line; --since keeps the recent lines", () => {
    const c = createCluster();
    c.create(pod("t", { image: "busybox", command: ["sh", "-c", "echo a; echo b; sleep 3600"] }, "Never"));
    c.advance(10_000);
    const at = c.now();
    answer(c, "t", "a\nb\n", 0);
    const r = c.logs("default", "t", undefined, { timestamps: true });
    const lines = r.ok ? r.value.trimEnd().split("\n") : [];
    expect(lines.map((l) => l.replace(/^\S+ /, ""))).toEqual(["a", "b"]);
    const stamps = lines.map((l) => l.split(" ")[0]!);
    for (const s of stamps) expect(s).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
    expect(stamps[0]!.slice(0, 19)).toBe(new Date(at).toISOString().slice(0, 19));
    expect(stamps[0]! < stamps[1]!).toBe(true);
    c.advance(60_000);
    expect(c.logs("default", "t", undefined, { sinceSeconds: 30 })).toEqual({ ok: true, value: "" });
    expect(c.logs("default", "t", undefined, { sinceSeconds: 120 })).toEqual({ ok: true, value: "a\nb\n" });
  });

  it("a container waiting to restart serves its last run; one that never ran says why", () => {
    const c = createCluster();
    c.create(pod("cl", { image: "busybox", args: ["echo", "x"] }));
    const early = c.logs("default", "cl");
    expect(early.ok ? "" : early.status.message).toBe('container "cl" in pod "cl" is waiting to start: ContainerCreating');
    c.advance(10_000);
    answer(c, "cl", "x\n", 0);
    c.advance(1500);
    answer(c, "cl", "x\n", 0);
    c.advance(1500);
    expect(row(c, "cl")).toBe("0/1 CrashLoopBackOff 1 Running");
    expect(c.logs("default", "cl")).toEqual({ ok: true, value: "x\n" });
  });

  it("a snapshot keeps the previous log, line times and which commands already ran", () => {
    const c = createCluster();
    c.create(pod("s", { image: "busybox", args: ["echo", "x"] }));
    c.advance(10_000);
    answer(c, "s", "first\n", 0);
    c.advance(1500);
    answer(c, "s", "second\n", 0);
    const stamped = c.logs("default", "s", undefined, { timestamps: true });
    const r = restoreCluster(JSON.parse(JSON.stringify(c.snapshot())));
    expect(r.logs("default", "s", undefined, { previous: true })).toEqual({ ok: true, value: "first\n" });
    expect(r.logs("default", "s", undefined, { timestamps: true })).toEqual(stamped);
    expect(r.pendingCommands!()).toEqual(c.pendingCommands!());
    r.advance(12_000);
    expect(r.pendingCommands!().map((p) => p.instance)).toEqual([2]);
  });

  it("CoreDNS prints its banner with the SHA-512 of the Corefile it loaded", () => {
    const c = createCluster();
    const dns = c.list({ group: "", resource: "pods" }, { namespace: "kube-system", labelSelector: "k8s-app=kube-dns" });
    const cm = c.get({ group: "", resource: "configmaps", namespace: "kube-system", name: "coredns" });
    const corefile = cm.ok ? (cm.value.data as { Corefile: string }).Corefile : "";
    const name = dns.ok ? dns.value[0]!.metadata.name! : "";
    expect(c.logs("kube-system", name)).toEqual({
      ok: true,
      value: `.:53\n[INFO] plugin/reload: Running configuration SHA512 = ${bytesToHex(sha512(utf8ToBytes(corefile)))}\nCoreDNS-1.11.3\nlinux/amd64, go1.21.11, a6338e9\n`,
    });
  });

  it.each([
    ["iptables", ['"Using iptables proxy"', '"Using iptables Proxier"', '"Setting route_localnet=1'], ['"Using ipvs Proxier"']],
    ["ipvs", ['"Using ipvs Proxier"'], ['"Using iptables proxy"', '"Using iptables Proxier"', "route_localnet"]],
  ])("kube-proxy's start-up lines follow the %s mode", (mode, present, absent) => {
    const c = createCluster(`apiVersion: labnotes.dev/v1alpha1\nkind: Cluster\nmetadata:\n  name: m\nspec:\n  proxyMode: ${mode}\n`);
    const kp = c.list({ group: "", resource: "pods" }, { namespace: "kube-system", labelSelector: "k8s-app=kube-proxy" });
    const first = kp.ok ? kp.value[0]! : undefined;
    const r = c.logs("kube-system", first?.metadata.name ?? "");
    const text = r.ok ? r.value : "";
    for (const p of present) expect(text).toContain(p);
    for (const a of absent) expect(text).not.toContain(a);
    const hostIP = (first?.status as { hostIP: string }).hostIP;
    expect(text).toContain(`"Successfully retrieved node IP(s)" IPs=["${hostIP}"]`);
    expect(text).toMatch(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 /);
  });
});
