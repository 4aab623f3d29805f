// The kubelet's rules for containers that end: the pod phase their states add up to
// (kubelet_pods.go getPhase), the Ready conditions, whether the restart policy restarts
// an exited container, and the crash-loop back-off (flowcontrol.Backoff: 10 s doubling,
// capped at 5 min, forgotten after twice the cap without a failure).

export interface ContainerState {
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; reason?: string; startedAt?: string; finishedAt?: string; containerID?: string; message?: string };
  waiting?: { reason?: string; message?: string };
}

export interface ContainerStatusLike {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
  containerID?: string;
}

export type RestartPolicy = "Always" | "OnFailure" | "Never";

export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

/** The pod phase the container states add up to (getPhase, regular containers only). */
export function podPhase(statuses: ContainerStatusLike[], policy: RestartPolicy): "Pending" | "Running" | "Succeeded" | "Failed" {
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const cs of statuses) {
    const s = cs.state ?? {};
    if (s.running) running++;
    else if (s.terminated) {
      stopped++;
      if ((s.terminated.exitCode ?? 0) === 0) succeeded++;
    } else if (s.waiting) {
      // A container waiting to restart has run before: it counts as stopped, not pending.
      if (cs.lastState?.terminated) stopped++;
      else waiting++;
    }
  }
  if (waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped === 0) return "Pending";
  if (policy === "Always") return "Running";
  if (stopped === succeeded) return "Succeeded";
  if (policy === "Never") return "Failed";
  return "Running";
}

/** Does the restart policy start this exited container again? */
export function restarts(policy: RestartPolicy, exitCode: number): boolean {
  return policy === "Always" || (policy === "OnFailure" && exitCode !== 0);
}

/**
 * How long the kubelet waits before restarting a container that exited at `finishedAt`,
 * given how often it already restarted and when it exited before. The first exit restarts
 * at once (no back-off entry yet); each later one waits the doubled back-off.
 */
export function backoffMs(restartCount: number, finishedAt: number, previousFinishedAt: number | undefined): number {
  if (restartCount === 0 || previousFinishedAt === undefined) return 0;
  // An entry not touched for twice the cap is forgotten: the container starts over.
  if (finishedAt - previousFinishedAt > 2 * BACKOFF_MAX_MS) return 0;
  return Math.min(BACKOFF_INITIAL_MS * 2 ** (restartCount - 1), BACKOFF_MAX_MS);
}

/** Go's time.Duration.String() for whole seconds: 10s, 1m20s, 5m0s. */
export function goSeconds(ms: number): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const h = Math.floor(m / 60);
  if (h) return `${h}h${m % 60}m${total % 60}s`;
  return m ? `${m}m${total % 60}s` : `${total}s`;
}

/** The terminated reason the runtime reports for an exit code. */
export function exitReason(exitCode: number): "Completed" | "Error" {
  return exitCode === 0 ? "Completed" : "Error";
}

/** kubelet's format.Pod: name_namespace(uid). */
export function podDescription(name: string, namespace: string, uid: string): string {
  return `${name}_${namespace}(${uid})`;
}
