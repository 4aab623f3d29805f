// A lab page saves the session after every line and may be reloaded inside a pod
// shell that `kubectl run -it --rm` opened: `exit` must still finish that kubectl
// line (delete the pod, print what kubectl prints), exactly as without the reload.
import { describe, expect, it } from "vitest";
import { createCluster, restoreCluster } from "../../src/cluster/index.ts";
import { createSession } from "../../src/shell/session.ts";
import type { SessionState } from "../../src/shell/types.ts";

function started(state?: SessionState) {
  let screen = "";
  const cluster = state ? restoreCluster(state.cluster) : createCluster(undefined, { seed: 1 });
  const session = createSession({ cluster, host: { write: (t) => void (screen += t) }, ...(state ? { state } : {}) });
  return {
    session,
    cluster,
    async line(text: string) {
      screen = "";
      const code = await session.run(text);
      return { screen, code };
    },
  };
}

/** The pod is there and not being deleted (a deleted pod terminates gracefully for a while). */
function podLives(s: ReturnType<typeof started>, name: string): boolean {
  const got = s.cluster.get({ group: "", resource: "pods", namespace: "default", name });
  return got.ok && !got.value.metadata.deletionTimestamp;
}

function podStatus(s: ReturnType<typeof started>): unknown {
  const got = s.cluster.get({ group: "", resource: "pods", namespace: "default", name: "tmp" });
  if (!got.ok) return null;
  const status = got.value.status as { phase?: string; containerStatuses?: { state?: Record<string, { exitCode?: number; reason?: string }> }[] };
  const state = status.containerStatuses?.[0]?.state ?? {};
  return { phase: status.phase, state: Object.fromEntries(Object.entries(state).map(([k, v]) => [k, { exitCode: v.exitCode, reason: v.reason }])) };
}

describe("a pod shell restored from saved state", () => {
  it.each([
    ["kubectl run tmp -it --rm --restart=Never --image=busybox -- sh", "exit"],
    ["kubectl run tmp -it --rm --restart=Never --image=busybox -- sh", "exit 3"],
    ["kubectl run tmp -it --rm --image=nicolaka/netshoot -- bash", "exit"],
    ["kubectl run tmp -it --restart=Never --image=busybox -- sh", "exit"],
    ["kubectl run tmp --image=busybox --restart=Never -- sleep 3600", "kubectl exec -it tmp -- sh", "exit 2"],
  ])("%s … %s: the same epilogue and status with a reload in between as without", async (...lines) => {
    const last = lines.pop()!;
    const straight = started();
    for (const l of lines) await straight.line(l);
    expect(straight.session.depth()).toBe(1);
    const expected = await straight.line(last);

    const before = started();
    for (const l of lines) await before.line(l);
    const saved = JSON.parse(JSON.stringify(before.session.state())) as SessionState;
    const reloaded = started(saved);
    await reloaded.session.ready();
    expect(reloaded.session.depth()).toBe(1);
    const got = await reloaded.line(last);
    expect(got).toEqual(expected);
    expect(reloaded.session.depth()).toBe(0);
    expect(podLives(reloaded, "tmp")).toBe(podLives(straight, "tmp"));
    // the container's main process ended the same way (phase, container state) with or without the reload
    expect(podStatus(reloaded)).toEqual(podStatus(straight));
  });

  it("kubectl run --rm deletes the pod after exit", async () => {
    const s = started();
    await s.line("kubectl run tmp -it --rm --restart=Never --image=busybox -- sh");
    expect(podLives(s, "tmp")).toBe(true);
    const reloaded = started(JSON.parse(JSON.stringify(s.session.state())));
    await reloaded.session.ready();
    expect((await reloaded.line("exit")).screen).toBe('pod "tmp" deleted\n');
    expect(podLives(reloaded, "tmp")).toBe(false);
  });
});
