// Pods and the controllers that own them (k/k printers.go printPod, printDeployment, ...).
import type { KObject } from "../api/types.ts";
import { ageSince } from "./duration.ts";
import { formatLabelSelector, formatLabels } from "./labels.ts";
import { AGE_COLUMN, NAME_COLUMN, arr, col, containerColumns, num, obj, str, type Printer, type TableCell } from "./table.ts";

const CONTAINERS = col("Containers", "Names of each container in the template.", { priority: 1 });
const IMAGES = col("Images", "Images referenced by each container in the template.", { priority: 1 });
const SELECTOR = col("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", { priority: 1 });

/** The STATUS/READY/RESTARTS cells of a pod, following printPod's precedence of reasons. */
export function podStatus(pod: KObject, now: number): { reason: string; ready: number; total: number; restarts: string } {
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const total = arr(spec.containers).length + arr(spec.initContainers).filter((c) => str(c.restartPolicy) === "Always").length;
  let reason = str(status.phase);
  if (str(status.reason) !== "") reason = str(status.reason);
  for (const c of arr(status.conditions)) {
    if (str(c.type) === "PodScheduled" && str(c.reason) === "SchedulingGated") reason = "SchedulingGated";
  }
  let restarts = 0;
  let lastRestart = 0;
  let ready = 0;
  const noteRestart = (cs: Record<string, unknown>) => {
    restarts += num(cs.restartCount);
    const finished = str(obj(obj(cs.lastState).terminated).finishedAt);
    if (finished) lastRestart = Math.max(lastRestart, Date.parse(finished));
  };

  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses);
  const initCount = arr(spec.initContainers).length;
  initStatuses.forEach((cs, i) => {
    noteRestart(cs);
    const state = obj(cs.state);
    const term = obj(state.terminated);
    const waiting = obj(state.waiting);
    if (state.terminated && num(term.exitCode) === 0) return;
    if (state.running && cs.started === true && str(arr(spec.initContainers)[i]?.restartPolicy) === "Always") {
      if (cs.ready === true) ready++;
      return;
    }
    if (initializing) return;
    if (state.terminated) {
      reason = str(term.reason) !== "" ? `Init:${str(term.reason)}` : term.signal ? `Init:Signal:${num(term.signal)}` : `Init:ExitCode:${num(term.exitCode)}`;
    } else if (state.waiting && str(waiting.reason) !== "" && str(waiting.reason) !== "PodInitializing") {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
  });

  if (!initializing) {
    restarts = 0;
    lastRestart = 0;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      noteRestart(cs);
      const state = obj(cs.state);
      const term = obj(state.terminated);
      const waiting = obj(state.waiting);
      if (state.waiting && str(waiting.reason) !== "") reason = str(waiting.reason);
      else if (state.terminated && str(term.reason) !== "") reason = str(term.reason);
      else if (state.terminated) reason = term.signal ? `Signal:${num(term.signal)}` : `ExitCode:${num(term.exitCode)}`;
      else if (cs.ready === true && state.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      const readyCond = arr(status.conditions).some((c) => str(c.type) === "Ready" && str(c.status) === "True");
      reason = readyCond ? "Running" : "NotReady";
    }
  }
  if (pod.metadata.deletionTimestamp) reason = str(status.reason) === "NodeLost" ? "Unknown" : "Terminating";
  const restartsText = lastRestart > 0 ? `${restarts} (${ageSince(new Date(lastRestart).toISOString(), now)} ago)` : String(restarts);
  return { reason, ready, total, restarts: restartsText };
}

export const podPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col("Ready", "The aggregate readiness state of this pod for accepting traffic."),
    col("Status", "The aggregate status of the containers in this pod."),
    col("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
    AGE_COLUMN,
    col("IP", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", { priority: 1 }),
    col("Node", "NodeName is a request to schedule this pod onto a specific node. If it is non-empty, the scheduler simply schedules this pod onto that node, assuming that it fits resource requirements.", { priority: 1 }),
    col("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.", { priority: 1 }),
    col("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.", { priority: 1 }),
  ],
  row(pod, now) {
    const s = podStatus(pod, now);
    const spec = obj(pod.spec);
    const status = obj(pod.status);
    const ip = str(arr(status.podIPs)[0]?.ip) || "<none>";
    const gates = arr(spec.readinessGates);
    let gatesText = "<none>";
    if (gates.length > 0) {
      const trueConds = gates.filter((g) => arr(status.conditions).some((c) => str(c.type) === str(g.conditionType) && str(c.status) === "True")).length;
      gatesText = `${trueConds}/${gates.length}`;
    }
    return [
      pod.metadata.name ?? "",
      `${s.ready}/${s.total}`,
      s.reason,
      s.restarts,
      ageSince(pod.metadata.creationTimestamp, now),
      ip,
      str(spec.nodeName) || "<none>",
      str(status.nominatedNodeName) || "<none>",
      gatesText,
    ];
  },
};

function templateSpec(o: KObject): unknown {
  return obj(obj(obj(o.spec).template).spec);
}

/** AGE and the wide CONTAINERS, IMAGES, SELECTOR cells every pod controller ends with. */
function ageAndTemplateCells(o: KObject, now: number): TableCell[] {
  const [names, images] = containerColumns(templateSpec(o));
  return [ageSince(o.metadata.creationTimestamp, now), names, images, formatLabelSelector(obj(obj(o.spec).selector))];
}

export const deploymentPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col("Ready", "Number of the pod with ready state"),
    col("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec.", { type: "integer" }),
    col("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.", { type: "integer" }),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(d, now) {
    const spec = obj(d.spec);
    const status = obj(d.status);
    return [d.metadata.name ?? "", `${num(status.readyReplicas)}/${num(spec.replicas)}`, num(status.updatedReplicas), num(status.availableReplicas), ...ageAndTemplateCells(d, now)];
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col("Desired", "Number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1.", { type: "integer" }),
    col("Current", "Replicas is the most recently observed number of replicas.", { type: "integer" }),
    col("Ready", "The number of ready replicas for this replica set.", { type: "integer" }),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(rs, now) {
    const spec = obj(rs.spec);
    const status = obj(rs.status);
    return [rs.metadata.name ?? "", num(spec.replicas), num(status.replicas), num(status.readyReplicas), ...ageAndTemplateCells(rs, now)];
  },
};

export const statefulSetPrinter: Printer = {
  columns: [NAME_COLUMN, col("Ready", "Number of the pod with ready state"), AGE_COLUMN, CONTAINERS, IMAGES],
  row(ss, now) {
    const [names, images] = containerColumns(templateSpec(ss));
    return [
      ss.metadata.name ?? "",
      `${num(obj(ss.status).readyReplicas)}/${num(obj(ss.spec).replicas)}`,
      ageSince(ss.metadata.creationTimestamp, now),
      names,
      images,
    ];
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col("Desired", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).", { type: "integer" }),
    col("Current", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.", { type: "integer" }),
    col("Ready", "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.", { type: "integer" }),
    col("Up-to-date", "The total number of nodes that are running updated daemon pod", { type: "integer" }),
    col("Available", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)", { type: "integer" }),
    col("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(ds, now) {
    const status = obj(ds.status);
    const tmpl = obj(templateSpec(ds));
    const [names, images] = containerColumns(tmpl);
    return [
      ds.metadata.name ?? "",
      num(status.desiredNumberScheduled),
      num(status.currentNumberScheduled),
      num(status.numberReady),
      num(status.updatedNumberScheduled),
      num(status.numberAvailable),
      formatLabels(obj(tmpl.nodeSelector) as Record<string, string>),
      ageSince(ds.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(obj(obj(ds.spec).selector)),
    ];
  },
};

export const jobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col("Status", "Status of the job."),
    col("Completions", "The desired number of successfully finished pods the job should be run with."),
    col("Duration", "Time required to complete the job."),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(job, now) {
    const spec = obj(job.spec);
    const status = obj(job.status);
    const completions = spec.completions === undefined ? `${num(status.succeeded)}/1 of ${spec.parallelism ?? 1}` : `${num(status.succeeded)}/${num(spec.completions)}`;
    const conds = arr(status.conditions);
    const has = (t: string) => conds.some((c) => str(c.type) === t && str(c.status) === "True");
    const state = has("Complete") ? "Complete" : has("Failed") ? "Failed" : job.metadata.deletionTimestamp ? "Terminating" : has("Suspended") ? "Suspended" : "Running";
    const start = str(status.startTime);
    const end = str(status.completionTime);
    const duration = start ? ageSince(start, end ? Date.parse(end) : now) : "";
    const [names, images] = containerColumns(templateSpec(job));
    const row: TableCell[] = [job.metadata.name ?? "", state, completions, duration, ageSince(job.metadata.creationTimestamp, now), names, images, formatLabelSelector(obj(spec.selector))];
    return row;
  },
};
