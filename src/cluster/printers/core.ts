// Core kinds without a network or workload role (k/k printers.go printNode, printEvent, ...).
import type { KObject } from "../api/types.ts";
import { ageSince } from "./duration.ts";
import { AGE_COLUMN, NAME_COLUMN, arr, col, num, obj, str, type Printer } from "./table.ts";

export const configMapPrinter: Printer = {
  columns: [NAME_COLUMN, col("Data", "Data contains the configuration data.", { type: "integer" }), AGE_COLUMN],
  row(cm, now) {
    return [cm.metadata.name ?? "", Object.keys(obj(cm.data)).length + Object.keys(obj(cm.binaryData)).length, ageSince(cm.metadata.creationTimestamp, now)];
  },
};

export const secretPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col("Type", "The type of the secret"),
    col("Data", "The number of data items in the secret", { type: "integer" }),
    AGE_COLUMN,
  ],
  row(s, now) {
    return [s.metadata.name ?? "", str(s.type), Object.keys(obj(s.data)).length, ageSince(s.metadata.creationTimestamp, now)];
  },
};

export const namespacePrinter: Printer = {
  columns: [NAME_COLUMN, col("Status", "The status of the namespace"), AGE_COLUMN],
  row(ns, now) {
    return [ns.metadata.name ?? "", str(obj(ns.status).phase), ageSince(ns.metadata.creationTimestamp, now)];
  },
};

export const serviceAccountPrinter: Printer = {
  columns: [NAME_COLUMN, col("Secrets", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.", { type: "integer" }), AGE_COLUMN],
  row(sa, now) {
    return [sa.metadata.name ?? "", arr(sa.secrets).length, ageSince(sa.metadata.creationTimestamp, now)];
  },
};

/** Roles from `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels, sorted. */
export function nodeRoles(node: KObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/")) {
      const role = k.slice("node-role.kubernetes.io/".length);
      if (role) roles.add(role);
    } else if (k === "kubernetes.io/role" && v) roles.add(v);
  }
  return [...roles].sort();
}

/** Ready / NotReady / Unknown, plus SchedulingDisabled when cordoned. */
export function nodeStatus(node: KObject): string {
  const status: string[] = [];
  const ready = arr(obj(node.status).conditions).find((c) => str(c.type) === "Ready");
  if (ready) status.push(str(ready.status) === "True" ? "Ready" : "NotReady");
  if (status.length === 0) status.push("Unknown");
  if (obj(node.spec).unschedulable === true) status.push("SchedulingDisabled");
  return status.join(",");
}

function nodeAddress(node: KObject, type: string): string {
  return str(arr(obj(node.status).addresses).find((a) => str(a.type) === type)?.address) || "<none>";
}

export const nodePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col("Status", "The status of the node"),
    col("Roles", "The roles of the node"),
    AGE_COLUMN,
    col("Version", "Kubelet Version reported by the node."),
    col("Internal-IP", "List of addresses reachable to the node. Queried from cloud provider, if available.", { priority: 1 }),
    col("External-IP", "List of addresses reachable to the node. Queried from cloud provider, if available.", { priority: 1 }),
    col("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", { priority: 1 }),
    col("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", { priority: 1 }),
    col("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", { priority: 1 }),
  ],
  row(node, now) {
    const info = obj(obj(node.status).nodeInfo);
    return [
      node.metadata.name ?? "",
      nodeStatus(node),
      nodeRoles(node).join(",") || "<none>",
      ageSince(node.metadata.creationTimestamp, now),
      str(info.kubeletVersion),
      nodeAddress(node, "InternalIP"),
      nodeAddress(node, "ExternalIP"),
      str(info.osImage) || "<unknown>",
      str(info.kernelVersion) || "<unknown>",
      str(info.containerRuntimeVersion) || "<unknown>",
    ];
  },
};

function eventSource(e: KObject): string {
  const src = obj(e.source);
  const component = str(src.component) || str(e.reportingComponent);
  const host = str(src.host) || str(e.reportingInstance);
  return host ? `${component}, ${host}` : component;
}

export const eventPrinter: Printer = {
  columns: [
    col("Last Seen", "Time when this Event was last observed."),
    col("Type", "Type of this event (Normal, Warning), new types could be added in the future."),
    col("Reason", "Reason is why the action was taken. It is human-readable. This field cannot be empty for new Events and it can have at most 128 characters."),
    col("Object", "The object that this event is about."),
    col("Subobject", "The subobject that this event is about.", { priority: 1 }),
    col("Source", "The component reporting this event. Should be a short machine understandable string.", { priority: 1 }),
    col("Message", "A human-readable description of the status of this operation."),
    col("First Seen", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", { priority: 1 }),
    col("Count", "The number of times this event has occurred.", { priority: 1 }),
    col("Name", "Name must be unique within a namespace.", { priority: 1 }),
  ],
  row(e, now) {
    const first = str(e.firstTimestamp) ? ageSince(str(e.firstTimestamp), now) : ageSince(str(e.eventTime), now);
    let last = str(e.lastTimestamp) ? ageSince(str(e.lastTimestamp), now) : first;
    let count = num(e.count);
    const series = obj(e.series);
    if (e.series) {
      last = ageSince(str(series.lastObservedTime), now);
      count = num(series.count);
    } else if (count === 0) count = 1;
    const involved = obj(e.involvedObject);
    const kind = str(involved.kind).toLowerCase();
    const target = str(involved.name) ? `${kind}/${str(involved.name)}` : kind;
    return [last, str(e.type), str(e.reason), target, str(involved.fieldPath), eventSource(e), str(e.message).trim(), first, count, e.metadata.name ?? ""];
  },
};

/** Kinds without a dedicated printer get the API server's default: Name and Created At. */
export const defaultPrinter: Printer = {
  columns: [NAME_COLUMN, col("Created At", "CreationTimestamp is a timestamp representing the server time when this object was created.", { type: "date" })],
  row(o) {
    return [o.metadata.name ?? "", o.metadata.creationTimestamp ?? ""];
  },
};

/** printResourceQuota: "<resource>: <used>/<hard>" pairs, limits.* in LIMIT and the rest in REQUEST. */
export const resourceQuotaPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    AGE_COLUMN,
    col("Request", "Request represents a minimum amount of cpu/memory that a container may consume."),
    col("Limit", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
  ],
  row(q, now) {
    const status = obj(q.status);
    const hard = obj(status.hard);
    const used = obj(status.used);
    const request: string[] = [];
    const limit: string[] = [];
    for (const k of Object.keys(hard).sort()) {
      const parts = k.split(".");
      // An absent used quantity prints as the zero Quantity.
      (parts.length > 1 && parts[0] === "limits" ? limit : request).push(`${k}: ${str(used[k]) || "0"}/${str(hard[k])}`);
    }
    return [q.metadata.name ?? "", ageSince(q.metadata.creationTimestamp, now), request.join(", "), limit.join(", ")];
  },
};

export const leasePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col("Holder", "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field."),
    AGE_COLUMN,
  ],
  row(l, now) {
    return [l.metadata.name ?? "", str(obj(l.spec).holderIdentity), ageSince(l.metadata.creationTimestamp, now)];
  },
};
