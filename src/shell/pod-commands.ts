// Containers whose main process is a one-shot command (`kubectl run t --image=busybox
// --restart=Never -- nslookup kubernetes`): the cluster marks them pending, and the session
// runs each through that pod's own tool set, as its process would, handing the output and
// exit code back so the container terminates with them. The cluster never imports the shell.
import type { Cluster, KObject, PendingCommand } from "../cluster/index.ts";
import type { LineResult } from "./process.ts";
import { containerImage, podMachine, type Machine, type MachineDeps } from "./machines.ts";
import { BUFFERED } from "./output.ts";

/** Runs a command line in a fresh shell of the pod's container (not the learner's exec shell). */
export type PodCommandRunner = (pod: KObject, container: string, line: string) => Promise<LineResult & { elapsedMs?: number }>;

/** More would mean a container restarts faster than the shell can answer it: leave the rest for later. */
const MAX_ROUNDS = 8;
/** Container shells kept for their next turn (loops); the oldest goes first. */
const MAX_SHELLS = 32;
/** While virtual time passes (sleep), pending commands are looked for this often. */
export const COMMAND_POLL_MS = 1000;

/** What the container's log holds: both streams, stdout first (the tools write one or the other). */
function logText(r: LineResult): string {
  return r.stdout + r.stderr;
}

async function runOne(cluster: Cluster, p: PendingCommand, run: PodCommandRunner): Promise<void> {
  const got = cluster.get({ group: "", resource: "pods", namespace: p.namespace, name: p.pod });
  if (!got.ok || got.value.metadata.uid !== p.uid) return;
  let r: LineResult & { elapsedMs?: number };
  try {
    r = await run(got.value, p.container, p.line);
  } catch (e) {
    // A tool that throws still ends the process; the shell would report it on stderr.
    r = { stdout: "", stderr: `${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 } as LineResult;
  }
  cluster.completeCommand?.(p, { output: logText(r), exitCode: r.exitCode, elapsedMs: r.elapsedMs ?? 0 });
}

/** Run every command that is pending now (and any that running them made pending). */
export async function runPendingCommands(cluster: Cluster, run: PodCommandRunner): Promise<number> {
  if (!cluster.pendingCommands) return 0;
  const tried = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // A run the cluster refused to complete is not tried twice.
    const pending = cluster.pendingCommands().filter((p) => !tried.has(`${p.uid}/${p.container}/${p.instance}`));
    if (!pending.length) break;
    for (const p of pending) {
      tried.add(`${p.uid}/${p.container}/${p.instance}`);
      await runOne(cluster, p, run);
    }
  }
  return tried.size;
}

/**
 * Let `ms` of virtual time pass with the containers' commands running as they start, so a
 * crash-looping one-shot pod restarts on time during a long `sleep`, not only after it.
 */
export async function advanceWithCommands(cluster: Cluster, ms: number, run: PodCommandRunner): Promise<void> {
  if (!cluster.pendingCommands) {
    cluster.advance(ms);
    return;
  }
  let left = Math.max(0, ms);
  do {
    const step = Math.min(COMMAND_POLL_MS, left);
    cluster.advance(step);
    left -= step;
    await runPendingCommands(cluster, run);
  } while (left > 0);
}

/** Is an attach to `container` an attach to its main process (so its end is the process's end)? */
export function attachesMainProcess(pod: KObject, container: string, command: string[], imageShell: string | null): boolean {
  const c = ((pod.spec as { containers?: { name: string; command?: string[]; args?: string[] }[] } | undefined)?.containers ?? []).find((x) => x.name === container);
  if (!c) return false;
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (command.length === 0) return true;
  if (argv.length === 0) return command.length === 1 && (command[0] === imageShell || command[0]!.split("/").pop() === imageShell);
  return argv.length === command.length && argv.every((a, i) => a === command[i]);
}

/**
 * The runner a session uses: a new shell of the container for each command (the process does
 * not share the learner's exec shell), whose `sleep` lets no time pass: the command's own
 * trailing sleep is the cluster's to time, and time may not move inside another line's step.
 */
export function containerRunner(deps: () => MachineDeps, buffered: <T>(run: () => Promise<T>) => Promise<T>): PodCommandRunner {
  // One shell per run of a container: a `while true` loop's turns share it, as they share one process.
  const shells = new Map<string, { machine: Machine; clock: ReturnType<typeof timeKeeping> }>();
  return async (podObj, container, line) => {
    const pod = asAppContainer(podObj, container);
    const d = deps();
    const restarts = (pod.status as { containerStatuses?: { name: string; restartCount?: number }[] } | undefined)?.containerStatuses?.find((s) => s.name === container)?.restartCount ?? 0;
    const key = `${pod.metadata.uid}/${container}/${restarts}`;
    let entry = shells.get(key);
    if (!entry) {
      const shell = d.cluster.image(containerImage(pod, container)).shell ?? "sh";
      const clock = timeKeeping(d.cluster);
      entry = { machine: podMachine({ ...d, cluster: clock.cluster, sleep: async (ms) => clock.spend(ms) }, pod, container, shell), clock };
      if (shells.size >= MAX_SHELLS) shells.delete(shells.keys().next().value!);
      shells.set(key, entry);
    }
    const before = entry.clock.spent();
    const machine = entry.machine;
    const r = await buffered(() => machine.proc.run(line));
    return { ...r, elapsedMs: entry.clock.spent() - before };
  };
}

/** The pod shells know app containers only: an init container is shown to them as one. */
function asAppContainer(pod: KObject, container: string): KObject {
  const spec = pod.spec as { containers?: { name: string }[]; initContainers?: { name: string }[] } | undefined;
  const init = spec?.initContainers?.find((c) => c.name === container);
  if (!init || spec?.containers?.some((c) => c.name === container)) return pod;
  return { ...pod, spec: { ...spec, containers: [init, ...(spec?.containers ?? [])] } };
}

/**
 * The cluster as a container's process sees it, except that the time its tools wait
 * (timeouts, ping intervals) is counted, not spent: the process ends that much later
 * while the learner's clock goes on.
 */
function timeKeeping(cluster: Cluster): { cluster: Cluster; spend(ms: number): void; spent(): number } {
  let elapsed = 0;
  const spend = (ms: number) => {
    elapsed += Math.max(0, ms);
  };
  // Everything but advance() is the cluster's own (a Proxy is refused inside just-bash scripts).
  const view = Object.create(cluster, { advance: { value: spend } }) as Cluster;
  return { cluster: view, spend, spent: () => elapsed };
}

/** After an attach ends: if it was attached to the container's main process, that process ended with it. */
export function endAttachedProcess(cluster: Cluster, pod: KObject, target: { container: string; command: string[] }, output: string, exitCode: number): void {
  const shell = cluster.image(containerImage(pod, target.container)).shell ?? null;
  if (!attachesMainProcess(pod, target.container, target.command, shell)) return;
  cluster.completeCommand?.({ namespace: pod.metadata.namespace ?? "default", pod: pod.metadata.name ?? "", container: target.container, uid: pod.metadata.uid ?? "" }, { output, exitCode });
}

/** A runner without a learner's session (the API server): nothing is printed, no workstation commands. */
export function detachedRunner(cluster: Cluster): PodCommandRunner {
  return containerRunner(() => ({ cluster, sleep: async () => {}, workstationCommands: [], sink: () => BUFFERED }), (run) => run());
}

/** Is the container's process running now (not exited, not waiting to restart)? Unknown containers count as running. */
export function containerRunning(pod: KObject, container: string): boolean {
  const statuses = (pod.status as { containerStatuses?: { name: string; state?: { running?: unknown } }[] } | undefined)?.containerStatuses;
  const cs = statuses?.find((s) => s.name === container);
  return !cs || cs.state?.running !== undefined;
}
