// The kubelet, in virtual time: a bound pod goes ContainerCreating (image pulls),
// then Running with an IP from the CNI's IPAM, then Ready; a deleted pod stops its
// containers and goes away after they exit. Each step records the kubelet's events.
import type { KObject, WatchEventType } from "../api/types.ts";
import type { Task } from "../clock.ts";
import type { Controller } from "./manager.ts";
import type { ControllerContext } from "./context.ts";
import { qosClass, type PodSpec } from "../api/workloads.ts";
import { clone, timestamp } from "../api/objects.ts";
import { revise } from "./owners.ts";
import { infoForKind } from "../api/resources.ts";
import { recordEvent } from "./events.ts";
import { fnv32a } from "./hash.ts";
import { currentProxyModeOf } from "./proxy-mode.ts";
import { startupLog } from "./startup-logs.ts";
import { ContainerProcesses, fieldPathOf, hex, source } from "./containers.ts";
import type { ContainerStatusLike } from "./container-lifecycle.ts";
import { fullImageName, goDuration, imageSize } from "./images.ts";

export { fullImageName, goDuration };

type Container = NonNullable<PodSpec["containers"]>[number];


export class Kubelet implements Controller {
  readonly tasks = ["pod-running", "pod-ready", "pod-remove", "container-exit", "container-backoff", "container-restart"];
  private toStart = new Set<string>();
  private toStop = new Set<string>();
  /** Pods whose init container just completed: the next one, or the app containers, start. */
  private toAdvance = new Set<string>();
  /** Digests are pure functions of the image name; computing one is not free, so they are kept. */
  private digests = new Map<string, string>();
  /** Images each node already has (pulled once, or preloaded). */
  private images = new Map<string, Set<string>>();
  private readonly containers: ContainerProcesses;

  constructor(private readonly ctx: ControllerContext) {
    this.containers = new ContainerProcesses(ctx);
    for (const p of ctx.store.list("pods")) {
      const node = (p.spec as PodSpec).nodeName;
      if (node && (p.status as { phase?: string })?.phase === "Running")
        for (const c of (p.spec as PodSpec).containers ?? []) this.nodeImages(node).add(fullImageName(c.image ?? ""));
    }
  }

  private nodeImages(node: string): Set<string> {
    let s = this.images.get(node);
    if (!s) {
      s = new Set();
      this.images.set(node, s);
    }
    return s;
  }

  observe(type: WatchEventType, key: string, obj: KObject, old: KObject | undefined): void {
    if (key !== "pods" || type === "DELETED") return;
    const k = `${obj.metadata.namespace}/${obj.metadata.name}`;
    if (obj.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp) this.toStop.add(k);
    else if ((obj.spec as PodSpec)?.nodeName && !(obj.status as { startTime?: string })?.startTime && !obj.metadata.deletionTimestamp) this.toStart.add(k);
    else if (!obj.metadata.deletionTimestamp && nextToStart(obj) !== undefined) this.toAdvance.add(k);
  }

  sync(): boolean {
    if (!this.toStart.size && !this.toStop.size && !this.toAdvance.size) return false;
    const advance = [...this.toAdvance];
    this.toAdvance.clear();
    for (const k of advance) this.advanceInit(k);
    const start = [...this.toStart];
    const stop = [...this.toStop];
    this.toStart.clear();
    this.toStop.clear();
    for (const k of start) this.start(k);
    for (const k of stop) this.stop(k);
    return true;
  }

  private pod(k: string, uid?: string): KObject | undefined {
    const i = k.indexOf("/");
    const p = this.ctx.store.get("pods", k.slice(0, i), k.slice(i + 1));
    return p && (!uid || p.metadata.uid === uid) ? p : undefined;
  }

  /** Sandbox and pulls: the pod is ContainerCreating until the last pull ends. */
  private start(k: string): void {
    const pod = this.pod(k);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const spec = pod.spec as PodSpec;
    if ((pod.status as { startTime?: string })?.startTime) return;
    const node = this.ctx.store.get("nodes", "", spec.nodeName!);
    const hostIP = (node?.status as { addresses?: { type: string; address: string }[] })?.addresses?.find((a) => a.type === "InternalIP")?.address;
    const now = timestamp(this.ctx.clock.now());
    const next = revise(pod);
    const cond = (type: string, status: string, extra: Record<string, string> = {}) => ({ lastProbeTime: null, lastTransitionTime: now, status, type, ...extra });
    const notReady = { message: `containers with unready status: [${(spec.containers ?? []).map((c) => c.name).join(" ")}]`, reason: "ContainersNotReady" };
    const inits = spec.initContainers ?? [];
    next.status = {
      ...(next.status as object),
      phase: "Pending",
      conditions: [
        cond("PodReadyToStartContainers", "False"),
        inits.length ? cond("Initialized", "False", notInitialized(inits.map((c) => c.name!))) : cond("Initialized", "True"),
        cond("Ready", "False", notReady),
        cond("ContainersReady", "False", notReady),
        ...(((pod.status as { conditions?: { type: string }[] })?.conditions ?? []).filter((c) => c.type === "PodScheduled").length
          ? ((pod.status as { conditions: { type: string }[] }).conditions.filter((c) => c.type === "PodScheduled"))
          : [cond("PodScheduled", "True")]),
      ],
      hostIP,
      hostIPs: hostIP ? [{ ip: hostIP }] : undefined,
      startTime: now,
      ...(inits.length ? { initContainerStatuses: inits.map((c) => waitingStatus(c, "PodInitializing")) } : {}),
      containerStatuses: (spec.containers ?? []).map((c) => waitingStatus(c, inits.length ? "PodInitializing" : "ContainerCreating")),
      qosClass: qosClass(spec),
    };
    const written = this.ctx.api.writeInternal(next);
    // Pulls run one after another; the pod runs when the last one is done.
    let delay = 300 + this.ctx.random.int(400);
    // Pull durations travel with the task, so a snapshot taken mid-pull still reports them.
    const pulls: Record<string, number> = {};
    const have = this.nodeImages(spec.nodeName!);
    // Init containers' images first, as the kubelet starts them first.
    for (const [i, c] of [...inits, ...(spec.containers ?? [])].entries()) {
      const full = fullImageName(c.image ?? "");
      const fieldPath = fieldPathOf(spec, c.name!);
      if (c.imagePullPolicy !== "Always" && have.has(full)) {
        recordEvent(this.ctx, written, "Normal", "Pulled", `Container image "${c.image}" already present on machine`, source(pod), fieldPath);
        continue;
      }
      recordEvent(this.ctx, written, "Normal", "Pulling", `Pulling image "${c.image}"`, source(pod), fieldPath);
      const pull = have.has(full) ? 400 + this.ctx.random.int(600) : 1000 + this.ctx.random.int(4000);
      delay += pull;
      have.add(full);
      pulls[`pull${i}`] = pull;
      pulls[`wait${i}`] = delay - 300;
    }
    this.ctx.clock.schedule(delay, { type: "pod-running", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, data: pulls });
  }

  run(task: Task): void {
    const pod = this.pod(`${task.namespace}/${task.name}`, task.uid);
    if (!pod) return;
    if (task.type === "pod-remove") return this.remove(pod);
    if (pod.metadata.deletionTimestamp) return;
    if (task.type === "pod-running") this.running(pod, task.data ?? {});
    else if (task.type === "pod-ready") this.ready(pod);
    else this.containers.containerTask(pod, task.type, task.data ?? {});
  }

  private running(pod: KObject, pulls: Record<string, number | string>): void {
    const spec = pod.spec as PodSpec;
    const node = spec.nodeName!;
    const status = pod.status as { hostIP?: string; podIP?: string; conditions?: { type: string }[] };
    let podIP = status.podIP;
    if (!podIP && !spec.hostNetwork && !this.ctx.ipam.blocksOf(node).length) {
      // host-local CNIs (Flannel and the like) allocate from the node's spec.podCIDR.
      const cidr = (this.ctx.store.get("nodes", "", node)?.spec as { podCIDR?: string } | undefined)?.podCIDR;
      if (cidr) this.ctx.ipam.setNodeBlock(node, cidr);
    }
    if (!podIP) podIP = spec.hostNetwork ? status.hostIP : this.ctx.ipam.allocate(node, this.ctx.random);
    const inits = spec.initContainers ?? [];
    for (const [i, c] of [...inits, ...(spec.containers ?? [])].entries()) {
      const ms = pulls[`pull${i}`];
      if (typeof ms === "number") {
        const full = fullImageName(c.image ?? "");
        const size = imageSize(full);
        recordEvent(this.ctx, pod, "Normal", "Pulled", `Successfully pulled image "${c.image}" in ${goDuration(ms)} (${goDuration(Number(pulls[`wait${i}`]))} including waiting). Image size: ${size} bytes.`, source(pod), fieldPathOf(spec, c.name!));
      }
    }
    if (inits.length) {
      // The sandbox is up with its IP; the init containers run one by one before the app's.
      const next = revise(pod, { status: clone(pod.status) });
      const st = next.status as Record<string, unknown>;
      st.podIP = podIP;
      st.podIPs = podIP ? [{ ip: podIP }] : undefined;
      for (const c of st.conditions as Record<string, unknown>[]) if (c.type === "PodReadyToStartContainers") c.status = "True";
      this.ctx.api.writeInternal(next);
      this.advanceInit(`${pod.metadata.namespace}/${pod.metadata.name}`);
      return;
    }
    this.startApp(pod, podIP);
  }

  /** The next init container starts, or, all of them done, the app containers. */
  private advanceInit(k: string): void {
    const pod = this.pod(k);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const i = nextToStart(pod);
    if (i === undefined) return;
    const spec = pod.spec as PodSpec;
    const inits = spec.initContainers ?? [];
    if (i < inits.length) {
      const c = inits[i]!;
      this.containers.createdAndStarted(pod, c);
      const now = timestamp(this.ctx.clock.now());
      const next = revise(pod, { status: clone(pod.status) });
      const st = next.status as { initContainerStatuses: Record<string, unknown>[] };
      st.initContainerStatuses[i] = { ...this.runningStatus(c, now), ready: false, started: false };
      const written = this.ctx.api.writeInternal(next);
      this.containers.startMainProcess(written, c, 0);
      return;
    }
    this.startApp(pod, (pod.status as { podIP?: string }).podIP);
  }

  private runningStatus(c: Container, now: string): Record<string, unknown> {
    const full = fullImageName(c.image ?? "");
    return {
      containerID: `containerd://${hex(this.ctx, 64)}`,
      image: full,
      // One image, one digest: the id is derived from the name, not drawn.
      imageID: `${full.replace(/:[^:/]*$/, "")}@sha256:${imageDigest(full, this.digests)}`,
      lastState: {},
      name: c.name,
      ready: !c.readinessProbe,
      restartCount: 0,
      started: true,
      state: { running: { startedAt: now } },
    };
  }

  /** The app containers start: Running, Ready unless a readiness probe has to pass first. */
  private startApp(pod: KObject, podIP: string | undefined): void {
    const spec = pod.spec as PodSpec;
    const node = spec.nodeName!;
    const status = pod.status as { hostIP?: string; podIP?: string; conditions?: { type: string }[] };
    const now = timestamp(this.ctx.clock.now());
    const next = revise(pod);
    const withProbe = (spec.containers ?? []).some((c) => c.readinessProbe);
    for (const c of spec.containers ?? []) this.containers.createdAndStarted(pod, c);
    const cond = (type: string, s: string) => ({ lastProbeTime: null, lastTransitionTime: now, status: s, type });
    const readyNow = !withProbe;
    next.status = {
      ...(next.status as object),
      phase: "Running",
      podIP,
      podIPs: podIP ? [{ ip: podIP }] : undefined,
      conditions: [
        cond("PodReadyToStartContainers", "True"),
        // Init containers done: Initialized keeps the time it became true.
        ((status.conditions ?? []) as Record<string, unknown>[]).find((c) => c.type === "Initialized" && c.status === "True") ?? cond("Initialized", "True"),
        readyNow ? cond("Ready", "True") : { ...cond("Ready", "False"), message: `containers with unready status: [${(spec.containers ?? []).map((c) => c.name).join(" ")}]`, reason: "ContainersNotReady" },
        readyNow ? cond("ContainersReady", "True") : { ...cond("ContainersReady", "False"), message: `containers with unready status: [${(spec.containers ?? []).map((c) => c.name).join(" ")}]`, reason: "ContainersNotReady" },
        ...(status.conditions ?? []).filter((c) => c.type === "PodScheduled"),
      ],
      containerStatuses: (spec.containers ?? []).map((c) => this.runningStatus(c, now)),
    };
    const written = this.ctx.api.writeInternal(next);
    if (pod.metadata.labels?.["k8s-app"] === "kube-proxy") this.ctx.proxyModes.set(pod.metadata.uid!, currentProxyModeOf(this.ctx));
    // calico-node claims the node's first block at start-up for its tunl0 address.
    if (pod.metadata.labels?.["k8s-app"] === "calico-node" && this.ctx.config.cni === "calico" && !this.ctx.ipam.blocksOf(node).length) this.ctx.ipam.claimBlock(node, this.ctx.random);
    for (const c of spec.containers ?? []) {
      const lines = startupLog(c, written, this.ctx.clock.now(), this.containers.startupContext(written));
      for (const line of lines) this.ctx.logs.append(pod.metadata.namespace!, pod.metadata.name!, c.name!, line, this.ctx.clock.now());
    }
    for (const c of spec.containers ?? []) this.containers.startMainProcess(written, c, 0);
    if (withProbe) {
      const delays = (spec.containers ?? []).map((c) => {
        const p = c.readinessProbe as { initialDelaySeconds?: number; periodSeconds?: number } | undefined;
        return p ? ((p.initialDelaySeconds ?? 0) + Math.min(p.periodSeconds ?? 10, 2)) * 1000 : 0;
      });
      this.ctx.clock.schedule(Math.max(...delays), { type: "pod-ready", namespace: written.metadata.namespace, name: written.metadata.name, uid: written.metadata.uid });
    }
  }

  private ready(pod: KObject): void {
    const now = timestamp(this.ctx.clock.now());
    const next = revise(pod, { status: clone(pod.status) });
    const st = next.status as { conditions?: Record<string, unknown>[]; containerStatuses?: { ready: boolean }[] };
    for (const c of st.conditions ?? []) {
      if (c.type === "Ready" || c.type === "ContainersReady") {
        c.status = "True";
        c.lastTransitionTime = now;
        delete c.reason;
        delete c.message;
      }
    }
    for (const cs of st.containerStatuses ?? []) cs.ready = true;
    this.ctx.api.writeInternal(next);
  }

  /** SIGTERM: most images exit at once; a container running `sleep` waits out the grace period. */
  private stop(k: string): void {
    const pod = this.pod(k);
    if (!pod) return;
    const spec = pod.spec as PodSpec;
    const grace = pod.metadata.deletionGracePeriodSeconds ?? 30;
    if (!spec.nodeName || !(pod.status as { startTime?: string })?.startTime) {
      this.remove(pod);
      return;
    }
    // Nothing left running (completed, crash-looping): there is nothing to stop, the pod goes at once.
    const statuses = (pod.status as { containerStatuses?: { state?: { running?: unknown } }[] }).containerStatuses ?? [];
    if (statuses.length && !statuses.some((cs) => cs.state?.running)) {
      this.remove(pod);
      return;
    }
    for (const c of spec.containers ?? []) {
      recordEvent(this.ctx, pod, "Normal", "Killing", `Stopping container ${c.name}`, source(pod), `spec.containers{${c.name}}`);
    }
    const ignoresTerm = (spec.containers ?? []).some((c: Container) => [...((c.command as string[]) ?? []), ...((c.args as string[]) ?? [])].some((a) => /\bsleep\b/.test(a)));
    const delay = ignoresTerm ? grace * 1000 : Math.min(grace * 1000, 1000);
    this.ctx.clock.schedule(delay, { type: "pod-remove", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid });
  }

  private remove(pod: KObject): void {
    const spec = pod.spec as PodSpec;
    const ip = (pod.status as { podIP?: string })?.podIP;
    this.ctx.api.remove(infoForKind("v1", "Pod")!, pod);
    if (ip && !spec.hostNetwork) this.ctx.ipam.release(ip);
    this.ctx.logs.dropPod(pod.metadata.namespace!, pod.metadata.name!);
    this.ctx.proxyModes.delete(pod.metadata.uid!);
  }
}

function waitingStatus(c: Container, reason: string): Record<string, unknown> {
  return { image: c.image, imageID: "", lastState: {}, name: c.name, ready: false, restartCount: 0, started: false, state: { waiting: { reason } } };
}

/** Which container starts next: an init container's index, initContainers.length for the app containers, or nothing. */
function nextToStart(pod: KObject): number | undefined {
  const spec = pod.spec as PodSpec;
  const inits = spec.initContainers ?? [];
  if (!inits.length) return undefined;
  const st = pod.status as { podIP?: string; conditions?: unknown[]; initContainerStatuses?: ContainerStatusLike[]; containerStatuses?: ContainerStatusLike[] } | undefined;
  const statuses = st?.initContainerStatuses ?? [];
  if (statuses.length !== inits.length || !st?.conditions) return undefined;
  for (const [i, cs] of statuses.entries()) {
    const t = cs.state?.terminated;
    if (t && (t.exitCode ?? 0) === 0) continue;
    // Running, crashed or backing off: it is the kubelet's restart logic that moves on, not this.
    return cs.state?.waiting?.reason === "PodInitializing" && (i > 0 || (pod.status as { podIP?: string }).podIP) ? i : undefined;
  }
  const app = st.containerStatuses ?? [];
  return app.every((cs) => cs.state?.waiting?.reason === "PodInitializing") ? inits.length : undefined;
}

function notInitialized(names: string[]): Record<string, string> {
  return { message: `containers with incomplete status: [${names.join(" ")}]`, reason: "ContainersNotInitialized" };
}

function imageDigest(image: string, digests: Map<string, string>): string {
  const known = digests.get(image);
  if (known) return known;
  let out = "";
  for (let i = 0; out.length < 64; i++) out += fnv32a(`${i}:${image}`).toString(16).padStart(8, "0");
  digests.set(image, out);
  return out;
}

