// A pod's effective requests and limits, as kubectl's resource helper (PodRequestsAndLimits)
// and the quota evaluator (component-helpers PodRequests/PodLimits) compute them: the app
// containers add up; sidecars (init containers with restartPolicy Always) add up too and
// stay running while later init containers run; each plain init container runs alone with
// the sidecars started before it, and the pod needs the largest of those moments if that
// is more than the app containers' sum. spec.overhead adds to every request and to the
// non-zero limits. (In-place resize, where status.containerStatuses[].resources counts,
// is not emulated: the kubelet here never reports container resources.)
import type { KObject } from "./types.ts";
import { addQuantities, compareQuantities, parseQuantity, type Quantity } from "./quantity.ts";

export type ResourceList = Map<string, Quantity>;

type Container = { restartPolicy?: unknown; resources?: { requests?: unknown; limits?: unknown } };
type PodSpec = { containers?: unknown; initContainers?: unknown; overhead?: unknown };

function list(raw: unknown): ResourceList {
  const out: ResourceList = new Map();
  if (raw === null || typeof raw !== "object") return out;
  for (const [name, value] of Object.entries(raw)) {
    const q = parseQuantity(value);
    if (q) out.set(name, q);
  }
  return out;
}

function addInto(into: ResourceList, add: ResourceList): void {
  for (const [name, q] of add) {
    const have = into.get(name);
    into.set(name, have ? addQuantities(have, q) : q);
  }
}

function maxInto(into: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const have = into.get(name);
    if (!have || compareQuantities(q, have) > 0) into.set(name, q);
  }
}

const containers = (raw: unknown): Container[] => (Array.isArray(raw) ? raw.filter((c): c is Container => c !== null && typeof c === "object") : []);

function effective(spec: PodSpec, kind: "requests" | "limits"): ResourceList {
  const total: ResourceList = new Map();
  for (const c of containers(spec.containers)) addInto(total, list(c.resources?.[kind]));
  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  for (const c of containers(spec.initContainers)) {
    const own = list(c.resources?.[kind]);
    let moment: ResourceList;
    if (c.restartPolicy === "Always") {
      addInto(total, own);
      addInto(sidecars, own);
      moment = sidecars;
    } else {
      moment = new Map();
      addInto(moment, own);
      addInto(moment, sidecars);
    }
    maxInto(initPeak, moment);
  }
  maxInto(total, initPeak);
  for (const [name, q] of list(spec.overhead)) {
    const have = total.get(name);
    if (kind === "requests") total.set(name, have ? addQuantities(have, q) : q);
    else if (have && have.nano !== 0n) total.set(name, addQuantities(have, q));
  }
  return total;
}

/** The pod's effective requests and limits per resource name. */
export function podRequestsAndLimits(pod: KObject): { requests: ResourceList; limits: ResourceList } {
  const spec = (pod.spec !== null && typeof pod.spec === "object" ? pod.spec : {}) as PodSpec;
  return { requests: effective(spec, "requests"), limits: effective(spec, "limits") };
}

/** Sum of several pods' lists (describe node's Allocated resources, the quota's usage). */
export function sumResourceLists(lists: Iterable<ResourceList>): ResourceList {
  const out: ResourceList = new Map();
  for (const l of lists) addInto(out, l);
  return out;
}
