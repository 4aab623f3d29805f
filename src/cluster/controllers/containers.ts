// Containers as processes: what the kubelet does when a container's main process starts,
// ends, backs off and restarts, and the one-shot commands the shell runs on its behalf.
// Stateless over the controller context, so the Cluster's public API and the kubelet share it.
import type { KObject } from "../api/types.ts";
import type { ControllerContext } from "./context.ts";
import type { PodSpec } from "../api/workloads.ts";
import { clone, timestamp } from "../api/objects.ts";
import { revise } from "./owners.ts";
import { recordEvent } from "./events.ts";
import { randomHex } from "../random.ts";
import { fullImageName, goDuration, imageSize } from "./images.ts";
import type { StartupContext } from "./startup-logs.ts";
import { configuredModeText } from "./proxy-mode.ts";
import type { ContainerRunRef, PendingCommand } from "../types.ts";
import { mainProcess, type MainProcess } from "../apps/main-process.ts";
import { imageProfile } from "../apps/catalog.ts";

/** How long an init container of an unknown image takes to finish. */
const UNKNOWN_INIT_MS = 1000;
import {
  backoffMs,
  exitReason,
  goSeconds,
  podDescription,
  podPhase,
  restarts,
  type ContainerStatusLike,
  type RestartPolicy,
} from "./container-lifecycle.ts";

type Container = NonNullable<PodSpec["containers"]>[number];

export function hex(ctx: ControllerContext, n: number): string {
  return randomHex(ctx.random, n);
}

export function containerStatuses(pod: KObject): ContainerStatusLike[] {
  return (pod.status as { containerStatuses?: ContainerStatusLike[] } | undefined)?.containerStatuses ?? [];
}

function initStatuses(pod: KObject): ContainerStatusLike[] {
  return (pod.status as { initContainerStatuses?: ContainerStatusLike[] } | undefined)?.initContainerStatuses ?? [];
}

/** Init containers' statuses, then the app containers'. */
function allStatuses(pod: KObject): ContainerStatusLike[] {
  return [...initStatuses(pod), ...containerStatuses(pod)];
}

function isInit(spec: PodSpec, name: string): boolean {
  return (spec.initContainers ?? []).some((c) => c.name === name);
}

/** A container of the pod, init or app, by name. */
function specOf(pod: KObject, name: string): Container | undefined {
  const spec = pod.spec as PodSpec;
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].find((c) => c.name === name);
}

/** The event's fieldPath: spec.containers{app} or spec.initContainers{setup}. */
export function fieldPathOf(spec: PodSpec, name: string): string {
  return isInit(spec, name) ? `spec.initContainers{${name}}` : `spec.containers{${name}}`;
}

/** What containerd and runc answer when the command is not in the image. */
export function startError(executable: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${executable}": executable file not found in $PATH: unknown`;
}

export function source(pod: KObject) {
  return { component: "kubelet", host: (pod.spec as PodSpec).nodeName };
}

export class ContainerProcesses {
  constructor(private readonly ctx: ControllerContext) {}

  /** What start-up banners depend on: kube-proxy's mode as it read its ConfigMap, CoreDNS's Corefile. */
  startupContext(pod: KObject): StartupContext {
    const mode = configuredModeText(this.ctx.store);
    const corefile = (this.ctx.store.get("configmaps", pod.metadata.namespace!, "coredns")?.data as Record<string, string> | undefined)?.Corefile;
    return { proxyMode: this.ctx.proxyModes.get(pod.metadata.uid!), config: this.ctx.config, configuredProxyMode: mode, ...(corefile !== undefined ? { corefile } : {}) };
  }

  mainOf(c: Container): MainProcess {
    return mainProcess(c as Parameters<typeof mainProcess>[0], this.ctx.config.images);
  }

  /** Pending commands are looked for every second of a sleep: a container's spec decides once. */
  private readonly decided = new Map<string, MainProcess>();
  private mainOfPod(pod: KObject, c: Container): MainProcess {
    const key = `${pod.metadata.uid}/${c.name}/${c.image}`;
    let mp = this.decided.get(key);
    if (!mp) {
      if (this.decided.size > 4096) this.decided.clear();
      mp = this.mainOf(c);
      this.decided.set(key, mp);
    }
    return mp;
  }

  /** Created, then Started, or the runtime's error when it cannot exec the command. */
  createdAndStarted(pod: KObject, c: Container): void {
    const fieldPath = fieldPathOf(pod.spec as PodSpec, c.name!);
    recordEvent(this.ctx, pod, "Normal", "Created", `Created container: ${c.name}`, source(pod), fieldPath);
    const mp = this.mainOf(c);
    if (mp.kind === "not-found") recordEvent(this.ctx, pod, "Warning", "Failed", `Error: ${startError(mp.executable)}`, source(pod), fieldPath);
    else recordEvent(this.ctx, pod, "Normal", "Started", `Started container ${c.name}`, source(pod), fieldPath);
  }

  /** What the container's process does next: exit later, fail to start, or wait for the shell to run its command. */
  startMainProcess(pod: KObject, c: Container, instance: number): void {
    const mp = this.mainOf(c);
    const at = (delay: number, type: string, data: Record<string, number | string> = {}) =>
      this.ctx.clock.schedule(delay, { type, namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, data: { container: c.name!, instance, ...data } });
    // An init container of an image we cannot emulate is taken to do its job and end, not to hold the pod forever.
    const unknownInit = mp.kind === "serve" && isInit(pod.spec as PodSpec, c.name!) && !imageProfile(c.image ?? "", this.ctx.config.images).tools.length;
    if (unknownInit) at(UNKNOWN_INIT_MS, "container-exit", { exitCode: 0 });
    else if (mp.kind === "exit") at(mp.afterMs, "container-exit", { exitCode: mp.exitCode });
    else if (mp.kind === "not-found") at(0, "container-exit", { exitCode: 128, startError: mp.executable });
  }

  containerTask(pod: KObject, type: string, data: Record<string, number | string>): void {
    const name = String(data.container);
    const cs = allStatuses(pod).find((s) => s.name === name);
    // A task for an earlier run of the container (it restarted, or was completed meanwhile) is stale.
    if (!cs || (cs.restartCount ?? 0) !== Number(data.instance)) return;
    if (type === "container-exit" && cs.state?.running) this.terminate(pod, name, Number(data.exitCode), data.startError === undefined ? undefined : String(data.startError));
    else if (type === "container-backoff" && cs.state?.terminated) this.backOff(pod, name, Number(data.waitMs));
    else if (type === "container-restart" && !cs.state?.running) this.restart(pod, name);
  }

  /**
   * A one-shot command's process ended (run by the shell through Cluster.completeCommand),
   * or the shell the learner was attached to exited: log its output, then the container exits.
   */
  private completeProcess(pod: KObject, name: string, instance: number, output: string, exitCode: number, exitAfterMs?: number): boolean {
    const cs = allStatuses(pod).find((s) => s.name === name);
    if (!cs?.state?.running || (cs.restartCount ?? 0) !== instance || pod.metadata.deletionTimestamp) return false;
    // Two runners raced for the same command: the first result stands.
    if (cs.containerID && this.ctx.logs.hasRun(cs.containerID)) return false;
    const now = this.ctx.clock.now();
    this.ctx.logs.appendOutput(pod.metadata.namespace!, pod.metadata.name!, name, output, now);
    if (cs.containerID) this.ctx.logs.markRan(cs.containerID);
    if (exitAfterMs !== undefined) {
      this.ctx.clock.schedule(exitAfterMs, { type: "container-exit", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, data: { container: name, instance, exitCode } });
      return true;
    }
    this.terminate(pod, name, exitCode);
    return true;
  }

  /** One turn of a `while true` loop: its output is logged, the loop sleeps and goes on. */
  private loopRan(pod: KObject, name: string, instance: number, output: string, elapsedMs: number): boolean {
    const cs = allStatuses(pod).find((s) => s.name === name);
    if (!cs?.state?.running || !cs.containerID || (cs.restartCount ?? 0) !== instance || pod.metadata.deletionTimestamp) return false;
    const now = this.ctx.clock.now();
    this.ctx.logs.appendOutput(pod.metadata.namespace!, pod.metadata.name!, name, output, now);
    // The next turn starts after the body's own wait (a timeout) and the sleep; a body's few
    // milliseconds are dropped, so a `sleep 2` loop keeps to the whole seconds the session polls at.
    this.ctx.logs.markLoopRan(cs.containerID, now + Math.floor(Math.max(0, elapsedMs) / 1000) * 1000);
    return true;
  }

  /** The container's process ended: Terminated, then the restart policy decides. */
  private terminate(pod: KObject, name: string, exitCode: number, missing?: string): void {
    const spec = pod.spec as PodSpec;
    const policy = ((spec.restartPolicy as string) ?? "Always") as RestartPolicy;
    const now = this.ctx.clock.now();
    const written = this.rewrite(pod, (cs) => {
      if (cs.name !== name) return;
      const started = cs.state?.running?.startedAt;
      cs.state = {
        terminated: {
          containerID: cs.containerID,
          exitCode,
          finishedAt: timestamp(now),
          ...(missing ? { message: startError(missing) } : {}),
          reason: missing ? "StartError" : exitReason(exitCode),
          // A process that never started reports Go's zero time, as the runtime does.
          startedAt: missing ? "1970-01-01T00:00:00Z" : started,
        },
      };
      cs.ready = false;
      cs.started = false;
    });
    // An init container that succeeded is done for good; one that failed follows the policy like any other.
    if (isInit(spec, name) ? exitCode === 0 || policy === "Never" : !restarts(policy, exitCode)) return;
    const cs = allStatuses(written).find((s) => s.name === name)!;
    const instance = cs.restartCount ?? 0;
    const prevFinished = cs.lastState?.terminated?.finishedAt;
    const wait = backoffMs(instance, now, prevFinished ? Date.parse(prevFinished) : undefined);
    const task = (delay: number, type: string, data: Record<string, number | string> = {}) =>
      this.ctx.clock.schedule(delay, { type, namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, data: { container: name, instance, ...data } });
    // The kubelet notices the exit on its next relist (about a second); then it restarts, or backs off.
    if (wait === 0) task(1000, "container-restart");
    else {
      task(1000, "container-backoff", { waitMs: wait });
      task(wait, "container-restart");
    }
  }

  private backOff(pod: KObject, name: string, waitMs: number): void {
    const desc = podDescription(pod.metadata.name!, pod.metadata.namespace!, pod.metadata.uid!);
    this.rewrite(pod, (cs) => {
      if (cs.name !== name) return;
      cs.lastState = { terminated: cs.state!.terminated };
      cs.state = { waiting: { message: `back-off ${goSeconds(waitMs)} restarting failed container=${name} pod=${desc}`, reason: "CrashLoopBackOff" } };
    });
    recordEvent(this.ctx, pod, "Warning", "BackOff", `Back-off restarting failed container ${name} in pod ${desc}`, source(pod), fieldPathOf(pod.spec as PodSpec, name));
  }

  /** A new container replaces the exited one: its log starts afresh, the old one is kept as previous. */
  private restart(pod: KObject, name: string): void {
    const c = specOf(pod, name);
    if (!c) return;
    const fieldPath = fieldPathOf(pod.spec as PodSpec, name);
    if (c.imagePullPolicy === "Always") {
      // The image is on the node already: the registry only confirms the digest.
      const ms = 400 + this.ctx.random.int(600);
      const full = fullImageName(c.image ?? "");
      const size = imageSize(full);
      recordEvent(this.ctx, pod, "Normal", "Pulling", `Pulling image "${c.image}"`, source(pod), fieldPath);
      recordEvent(this.ctx, pod, "Normal", "Pulled", `Successfully pulled image "${c.image}" in ${goDuration(ms)} (${goDuration(ms)} including waiting). Image size: ${size} bytes.`, source(pod), fieldPath);
    } else recordEvent(this.ctx, pod, "Normal", "Pulled", `Container image "${c.image}" already present on machine`, source(pod), fieldPath);
    this.createdAndStarted(pod, c);
    this.ctx.logs.rotate(pod.metadata.namespace!, pod.metadata.name!, name);
    const now = timestamp(this.ctx.clock.now());
    const written = this.rewrite(pod, (cs) => {
      if (cs.name !== name) return;
      const last = cs.state?.terminated ?? cs.lastState?.terminated;
      cs.lastState = last ? { terminated: last } : {};
      cs.restartCount = (cs.restartCount ?? 0) + 1;
      cs.containerID = `containerd://${hex(this.ctx, 64)}`;
      cs.state = { running: { startedAt: now } };
      cs.started = true;
      cs.ready = !c.readinessProbe;
    });
    this.startMainProcess(written, c, allStatuses(written).find((s) => s.name === name)!.restartCount ?? 0);
    if (c.readinessProbe) {
      const p = c.readinessProbe as { initialDelaySeconds?: number; periodSeconds?: number };
      this.ctx.clock.schedule(((p.initialDelaySeconds ?? 0) + Math.min(p.periodSeconds ?? 10, 2)) * 1000, { type: "pod-ready", namespace: written.metadata.namespace, name: written.metadata.name, uid: written.metadata.uid });
    }
  }

  /** Change container statuses, then the phase and Ready conditions they add up to. */
  private rewrite(pod: KObject, change: (cs: ContainerStatusLike) => void): KObject {
    const next = revise(pod, { status: clone(pod.status) });
    const spec = pod.spec as PodSpec;
    const st = next.status as { phase?: string; conditions?: Record<string, unknown>[]; containerStatuses?: ContainerStatusLike[]; initContainerStatuses?: ContainerStatusLike[] };
    for (const cs of [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])]) change(cs);
    const statuses = st.containerStatuses ?? [];
    const policy = ((spec.restartPolicy as string) ?? "Always") as RestartPolicy;
    // Until every init container has succeeded the pod is Pending; one that failed for good fails it.
    const initsLeft = (st.initContainerStatuses ?? []).filter((cs) => !(cs.state?.terminated && (cs.state.terminated.exitCode ?? 0) === 0));
    const initFailed = policy === "Never" && initsLeft.some((cs) => cs.state?.terminated);
    st.phase = initFailed ? "Failed" : initsLeft.length ? "Pending" : podPhase(statuses, policy);
    const terminal = st.phase === "Succeeded" || st.phase === "Failed";
    const unready = statuses.filter((cs) => !(cs.ready && cs.state?.running)).map((cs) => cs.name);
    const now = timestamp(this.ctx.clock.now());
    for (const cond of st.conditions ?? []) {
      let status: string | undefined;
      let reason: string | undefined;
      let message: string | undefined;
      if (cond.type === "Ready" || cond.type === "ContainersReady") {
        status = unready.length ? "False" : "True";
        if (terminal) reason = "PodCompleted";
        else if (unready.length) {
          reason = "ContainersNotReady";
          message = `containers with unready status: [${unready.join(" ")}]`;
        }
      } else if (cond.type === "PodReadyToStartContainers") status = terminal ? "False" : "True";
      else if (cond.type === "Initialized") {
        status = initsLeft.length ? "False" : "True";
        if (initsLeft.length) {
          reason = "ContainersNotInitialized";
          message = `containers with incomplete status: [${initsLeft.map((cs) => cs.name).join(" ")}]`;
        }
      } else continue;
      if (cond.status !== status) cond.lastTransitionTime = now;
      cond.status = status;
      delete cond.reason;
      delete cond.message;
      if (message) cond.message = message;
      if (reason) cond.reason = reason;
    }
    return this.ctx.api.writeInternal(next);
  }

  /** One-shot commands started and not yet run, oldest pods first. */
  pending(): PendingCommand[] {
    const out: PendingCommand[] = [];
    for (const pod of this.ctx.store.list("pods")) {
      if (pod.metadata.deletionTimestamp) continue;
      for (const cs of allStatuses(pod)) {
        if (!cs.state?.running || (cs.containerID && this.ctx.logs.hasRun(cs.containerID))) continue;
        const c = specOf(pod, cs.name);
        const mp = c && this.mainOfPod(pod, c);
        if (mp?.kind === "loop") {
          // The loop body is due again `everyMs` after its last run (at once when it never ran).
          const last = cs.containerID ? this.ctx.logs.loopRanAt(cs.containerID) : undefined;
          if (last !== undefined && this.ctx.clock.now() < last + mp.everyMs) continue;
        } else if (mp?.kind !== "command") continue;
        out.push({ namespace: pod.metadata.namespace!, pod: pod.metadata.name!, uid: pod.metadata.uid!, container: cs.name, instance: cs.restartCount ?? 0, line: mp.line });
      }
    }
    return out;
  }

  /** The result of a pending command, or of the attached shell that was the main process. */
  complete(ref: ContainerRunRef, output: string, exitCode: number, elapsedMs = 0): boolean {
    const pod = this.ctx.store.get("pods", ref.namespace, ref.pod);
    if (!pod || (ref.uid && pod.metadata.uid !== ref.uid)) return false;
    const cs = allStatuses(pod).find((s) => s.name === ref.container);
    const c = specOf(pod, ref.container);
    if (!cs || !c) return false;
    const mp = this.mainOf(c);
    if (mp.kind === "loop") {
      const ran = this.loopRan(pod, ref.container, ref.instance ?? cs.restartCount ?? 0, output, elapsedMs);
      // `until` got its success: the script ends, and the container with it.
      if (ran && mp.untilSuccess && exitCode === 0) this.terminate(this.ctx.store.get("pods", ref.namespace, ref.pod)!, ref.container, 0);
      return ran;
    }
    if (mp.kind !== "command" && mp.kind !== "interactive") return false;
    const instance = ref.instance ?? cs.restartCount ?? 0;
    const sleep = mp.kind === "command" && mp.thenSleepMs !== undefined && (!mp.sleepsOnlyOnSuccess || exitCode === 0) ? mp.thenSleepMs : 0;
    const runFor = Math.max(0, Math.round(elapsedMs)) + sleep;
    // A trailing sleep that ran is the script's last command: its status (0) is the exit code.
    return this.completeProcess(pod, ref.container, instance, output, sleep > 0 ? 0 : exitCode, runFor > 0 ? runFor : undefined);
  }
}
