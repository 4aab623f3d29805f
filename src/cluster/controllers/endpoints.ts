// EndpointSlices and Endpoints for every Service with a selector: one endpoint per
// matching pod that has an IP, with ready/serving/terminating conditions, named
// targetPorts resolved against each pod's container ports, and hostname for pods
// whose subdomain is the Service. Services without a selector are left alone, so
// hand-made EndpointSlices are what they get.
//
// Cost: pods and Services are indexed by label pair, so a pod change touches only
// the Services whose selector could match it, and a Service sync only the pods
// carrying its rarest label pair.
import type { KObject, WatchEventType } from "../api/types.ts";
import type { Controller } from "./manager.ts";
import type { ControllerContext } from "./context.ts";
import type { PodSpec } from "../api/workloads.ts";
import type { ServicePort, ServiceSpec } from "../api/service.ts";
import { clone, deepEqual, timestamp } from "../api/objects.ts";
import { matchesMap } from "../api/selectors.ts";
import { infoForKind } from "../api/resources.ts";
import { isReady, revise, sliceFor } from "./owners.ts";
import { KeyQueue } from "./workqueue.ts";

const MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
const CONTROLLER = "endpointslice-controller.k8s.io";
const SERVICE_NAME = "kubernetes.io/service-name";
const MAX_PER_SLICE = 100;

type Index = Map<string, Map<string, Set<string>>>; // namespace -> "k=v" -> names

function addTo(ix: Index, ns: string, pair: string, name: string): void {
  let m = ix.get(ns);
  if (!m) {
    m = new Map();
    ix.set(ns, m);
  }
  let s = m.get(pair);
  if (!s) {
    s = new Set();
    m.set(pair, s);
  }
  s.add(name);
}
function removeFrom(ix: Index, ns: string, pair: string, name: string): void {
  ix.get(ns)?.get(pair)?.delete(name);
}
const pairs = (labels: Record<string, string> | undefined) => Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`);

function selectorOf(svc: KObject): Record<string, string> | undefined {
  const s = svc.spec as ServiceSpec | undefined;
  if (!s || s.type === "ExternalName" || !s.selector || Object.keys(s.selector).length === 0) return undefined;
  return s.selector;
}

interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export class EndpointsController implements Controller {
  readonly watches = ["services", "pods", "endpointslices.discovery.k8s.io"];
  private queue = new KeyQueue();
  private pods: Index = new Map();
  private anchors: Index = new Map();
  /** "ns/service" -> names of the slices this controller manages for it. */
  private slices = new Map<string, Set<string>>();

  constructor(private readonly ctx: ControllerContext) {
    for (const sl of ctx.store.list("endpointslices.discovery.k8s.io")) this.indexSlice(sl, true);
    for (const p of ctx.store.list("pods")) for (const pr of pairs(p.metadata.labels)) addTo(this.pods, p.metadata.namespace!, pr, p.metadata.name!);
    for (const s of ctx.store.list("services")) this.anchor(s, true);
  }

  private indexSlice(sl: KObject, add: boolean): void {
    if (sl.metadata.labels?.[MANAGED_BY] !== CONTROLLER) return;
    const svc = sl.metadata.labels?.[SERVICE_NAME];
    if (!svc) return;
    const k = `${sl.metadata.namespace}/${svc}`;
    let set = this.slices.get(k);
    if (!set) {
      if (!add) return;
      set = new Set();
      this.slices.set(k, set);
    }
    if (add) set.add(sl.metadata.name!);
    else set.delete(sl.metadata.name!);
  }

  private anchor(svc: KObject, add: boolean): void {
    const sel = selectorOf(svc);
    if (!sel) return;
    const first = Object.keys(sel).sort()[0];
    const pair = `${first}=${sel[first]}`;
    if (add) addTo(this.anchors, svc.metadata.namespace!, pair, svc.metadata.name!);
    else removeFrom(this.anchors, svc.metadata.namespace!, pair, svc.metadata.name!);
  }

  observe(type: WatchEventType, key: string, obj: KObject, old: KObject | undefined): void {
    const ns = obj.metadata.namespace!;
    if (key === "services") {
      if (old) this.anchor(old, false);
      if (type !== "DELETED") {
        this.anchor(obj, true);
        this.queue.add(ns, obj.metadata.name);
      } else this.queue.add(ns, obj.metadata.name);
      return;
    }
    if (key === "pods") {
      // Scheduling and image pulls do not change what a Service sees: skip them.
      if (type === "MODIFIED" && old && !endpointRelevantChange(old, obj)) return;
      // A status write shares the labels of the version before: the index stays as it is.
      const relabelled = type !== "MODIFIED" || old?.metadata.labels !== obj.metadata.labels;
      if (relabelled && old && type !== "ADDED") for (const pr of pairs(old.metadata.labels)) removeFrom(this.pods, ns, pr, old.metadata.name!);
      if (relabelled && type !== "DELETED") for (const pr of pairs(obj.metadata.labels)) addTo(this.pods, ns, pr, obj.metadata.name!);
      // A pod without an IP is no endpoint, before or after: no Service needs a sync
      // (a new pod gets its IP later, and that change requeues).
      if (!podIP(obj) && !(old && podIP(old))) return;
      // Only Services anchored on a label this pod has (or had) can select it.
      const anchors = this.anchors.get(ns);
      if (!anchors) return;
      for (const labels of relabelled ? [obj.metadata.labels, old?.metadata.labels] : [obj.metadata.labels]) {
        for (const pr of pairs(labels)) {
          for (const svcName of anchors.get(pr) ?? []) {
            const svc = this.ctx.store.get("services", ns, svcName);
            const sel = svc && selectorOf(svc);
            if (sel && (matchesMap(sel, obj.metadata.labels) || (old && matchesMap(sel, old.metadata.labels)))) this.queue.add(ns, svcName);
          }
        }
      }
      return;
    }
    if (key === "endpointslices.discovery.k8s.io") {
      // An update of one of our slices keeps its Service: the index stays as it is.
      if (type === "MODIFIED" && old && sliceOwner(old) === sliceOwner(obj)) return;
      if (old) this.indexSlice(old, false);
      if (type !== "DELETED") this.indexSlice(obj, true);
      // Someone deleted one of our slices: put it back.
      else if (obj.metadata.labels?.[MANAGED_BY] === CONTROLLER && obj.metadata.labels?.[SERVICE_NAME]) this.queue.add(ns, obj.metadata.labels[SERVICE_NAME]);
    }
  }

  sync(): boolean {
    return this.queue.drain((ns, name) => this.reconcile(ns, name));
  }

  private matchingPods(ns: string, sel: Record<string, string>): KObject[] {
    const idx = this.pods.get(ns);
    if (!idx) return [];
    let smallest: Set<string> | undefined;
    for (const k in sel) {
      const s = idx.get(`${k}=${sel[k]}`);
      if (!s) return [];
      if (!smallest || s.size < smallest.size) smallest = s;
    }
    const out: KObject[] = [];
    for (const name of [...(smallest ?? [])].sort()) {
      const p = this.ctx.store.get("pods", ns, name);
      if (p && matchesMap(sel, p.metadata.labels)) out.push(p);
    }
    return out;
  }

  private reconcile(ns: string, name: string): void {
    const svc = this.ctx.store.get("services", ns, name);
    const managed: KObject[] = [];
    const sliceNames = this.slices.get(`${ns}/${name}`);
    for (const n of sliceNames && sliceNames.size > 1 ? [...sliceNames].sort() : (sliceNames ?? [])) {
      const s = this.ctx.store.get("endpointslices.discovery.k8s.io", ns, n);
      if (s) managed.push(s);
    }
    const sel = svc && selectorOf(svc);
    if (!svc || !sel) {
      // No selector (or no Service): nothing of ours should remain.
      const sliceInfo = infoForKind("discovery.k8s.io/v1", "EndpointSlice")!;
      for (const s of managed) this.ctx.api.remove(sliceInfo, s);
      // Endpoints we wrote carry our trigger-time annotation; hand-made ones stay.
      const ep = this.ctx.store.get("endpoints", ns, name);
      if (ep?.metadata.annotations?.[TRIGGER_TIME] !== undefined) this.ctx.api.remove(infoForKind("v1", "Endpoints")!, ep);
      return;
    }
    const spec = svc.spec as ServiceSpec;
    const headless = spec.clusterIP === "None";
    const groups = new Map<string, { ports: SlicePort[]; endpoints: Record<string, unknown>[]; pods: KObject[] }>();
    // Without a named targetPort every pod serves the same ports: one group, resolved once.
    const named = (spec.ports ?? []).some((p) => typeof p.targetPort === "string");
    const shared = named ? undefined : resolvePorts(spec.ports ?? [], undefined);
    for (const pod of this.matchingPods(ns, sel)) {
      const ip = podIP(pod);
      // A pod that has finished (Succeeded/Failed) is no endpoint at all (ShouldPodBeInEndpoints).
      if (!ip || terminal(pod)) continue;
      const ports = shared ?? resolvePorts(spec.ports ?? [], pod);
      const gk = shared ? "" : JSON.stringify(ports);
      let g = groups.get(gk);
      if (!g) {
        g = { ports, endpoints: [], pods: [] };
        groups.set(gk, g);
      }
      const terminating = !!pod.metadata.deletionTimestamp;
      const ready = isReady(pod) && !terminating;
      const ps = pod.spec as PodSpec;
      const ep: Record<string, unknown> = {
        addresses: [ip],
        conditions: { ready: ready || (spec.publishNotReadyAddresses ?? false), serving: isReady(pod), terminating },
      };
      if (ps.hostname && ps.subdomain === name) ep.hostname = ps.hostname;
      ep.nodeName = ps.nodeName;
      ep.targetRef = { kind: "Pod", name: pod.metadata.name, namespace: ns, uid: pod.metadata.uid };
      g.endpoints.push(ep);
      g.pods.push(pod);
    }
    const labels: Record<string, string> = { ...svc.metadata.labels, [MANAGED_BY]: CONTROLLER, [SERVICE_NAME]: name };
    if (headless) labels["service.kubernetes.io/headless"] = "";
    const now = timestamp(this.ctx.clock.now());
    const wanted: { ports: SlicePort[] | null; endpoints: Record<string, unknown>[] | null }[] = [];
    for (const g of groups.values()) {
      for (let i = 0; i < g.endpoints.length; i += MAX_PER_SLICE) wanted.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_PER_SLICE) });
    }
    // A Service that selects nothing still gets one empty placeholder slice.
    if (!wanted.length) wanted.push({ ports: null, endpoints: null });
    const sliceInfo = infoForKind("discovery.k8s.io/v1", "EndpointSlice")!;
    const reuse = [...managed];
    for (const w of wanted) {
      const existing = reuse.shift();
      const body: Record<string, unknown> = { addressType: "IPv4", endpoints: w.endpoints, ports: w.ports };
      if (existing) {
        const same = deepEqual(existing.endpoints ?? null, body.endpoints) && deepEqual(existing.ports ?? null, body.ports) && deepEqual(existing.metadata.labels, labels);
        if (same) continue;
        const next = revise(existing);
        next.metadata.labels = labels;
        next.metadata.annotations = { ...next.metadata.annotations, "endpoints.kubernetes.io/last-change-trigger-time": now };
        next.endpoints = body.endpoints;
        next.ports = body.ports;
        next.metadata.generation = (next.metadata.generation ?? 1) + 1;
        this.ctx.api.writeInternal(next);
      } else {
        this.ctx.api.create(sliceFor(svc, labels, { "endpoints.kubernetes.io/last-change-trigger-time": now }, body.endpoints, body.ports), {}, true);
      }
    }
    for (const extra of reuse) this.ctx.api.remove(sliceInfo, extra);
    this.writeEndpoints(svc, groups, now);
  }

  private writeEndpoints(svc: KObject, groups: Map<string, { ports: SlicePort[]; endpoints: Record<string, unknown>[]; pods: KObject[] }>, now: string): void {
    const ns = svc.metadata.namespace!;
    const name = svc.metadata.name!;
    const spec = svc.spec as ServiceSpec;
    const subsets: Record<string, unknown>[] = [];
    for (const g of groups.values()) {
      const addresses: Record<string, unknown>[] = [];
      const notReady: Record<string, unknown>[] = [];
      for (const ep of g.endpoints) {
        const c = ep.conditions as { ready: boolean; terminating: boolean };
        if (c.terminating && !spec.publishNotReadyAddresses) continue;
        const a: Record<string, unknown> = { ip: (ep.addresses as string[])[0] };
        if (ep.hostname) a.hostname = ep.hostname;
        a.nodeName = ep.nodeName;
        a.targetRef = ep.targetRef;
        (c.ready ? addresses : notReady).push(a);
      }
      if (!addresses.length && !notReady.length) continue;
      const subset: Record<string, unknown> = {};
      if (addresses.length) subset.addresses = sortByIp(addresses);
      if (notReady.length) subset.notReadyAddresses = sortByIp(notReady);
      if (g.ports.length) subset.ports = g.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol }));
      subsets.push(subset);
    }
    const labels: Record<string, string> = { ...svc.metadata.labels };
    if (spec.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
    const existing = this.ctx.store.get("endpoints", ns, name);
    const body: KObject = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name, namespace: ns, labels, annotations: { "endpoints.kubernetes.io/last-change-trigger-time": now } },
    };
    if (subsets.length) body.subsets = subsets;
    if (existing) {
      if (deepEqual(existing.subsets ?? null, body.subsets ?? null) && deepEqual(existing.metadata.labels ?? {}, labels)) return;
      const next = revise(existing);
      next.metadata.labels = labels;
      next.metadata.annotations = { ...next.metadata.annotations, ...body.metadata.annotations };
      if (body.subsets) next.subsets = body.subsets;
      else delete next.subsets;
      this.ctx.api.writeInternal(next);
    } else {
      this.ctx.api.create(body, {}, true);
    }
  }
}

const TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";

/** The Service a slice of ours belongs to ("" for any other slice). */
const sliceOwner = (sl: KObject) => (sl.metadata.labels?.[MANAGED_BY] === CONTROLLER ? (sl.metadata.labels[SERVICE_NAME] ?? "") : "");

const podIP = (pod: KObject) => (pod.status as { podIP?: string } | undefined)?.podIP;
const terminal = (pod: KObject) => {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === "Succeeded" || phase === "Failed";
};

function endpointRelevantChange(a: KObject, b: KObject): boolean {
  // Parts a new version shares with the old one are unchanged: compare only the rest.
  if (a.metadata.labels !== b.metadata.labels && !deepEqual(a.metadata.labels ?? {}, b.metadata.labels ?? {})) return true;
  if (!!a.metadata.deletionTimestamp !== !!b.metadata.deletionTimestamp) return true;
  const pa = a.spec as PodSpec;
  const pb = b.spec as PodSpec;
  if (pa !== pb && (pa.hostname !== pb.hostname || pa.subdomain !== pb.subdomain || pa.containers !== pb.containers)) return true;
  if (a.status === b.status) return false;
  const sa = a.status as { podIP?: string } | undefined;
  const sb = b.status as { podIP?: string } | undefined;
  return sa?.podIP !== sb?.podIP || isReady(a) !== isReady(b) || terminal(a) !== terminal(b);
}

/** Endpoints list addresses in IP order. */
function sortByIp(list: Record<string, unknown>[]): Record<string, unknown>[] {
  if (list.length < 2) return list;
  return list
    .map((a) => [ipKey(a.ip as string), a] as const)
    .sort((x, y) => x[0] - y[0])
    .map(([, a]) => a);
}

function ipKey(ip: string): number {
  // Dotted decimal read in place (every endpoint of every sync is keyed); anything else as split would.
  let n = 0;
  let part = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      n = n * 256 + part;
      part = 0;
    } else if (c >= 48 && c <= 57) part = part * 10 + (c - 48);
    else return ip.split(".").reduce((m, p) => m * 256 + Number(p), 0);
  }
  return n * 256 + part;
}

/** Service ports as a pod serves them: a named targetPort becomes that pod's containerPort. */
function resolvePorts(ports: ServicePort[], pod: KObject | undefined): SlicePort[] {
  const out: SlicePort[] = [];
  for (const p of ports) {
    let port: number | undefined;
    if (typeof p.targetPort === "number") port = p.targetPort;
    else if (typeof p.targetPort === "string") {
      for (const c of (pod?.spec as PodSpec | undefined)?.containers ?? []) {
        const cp = c.ports?.find((x) => x.name === p.targetPort && (x.protocol ?? "TCP") === (p.protocol ?? "TCP"));
        if (cp) {
          port = cp.containerPort;
          break;
        }
      }
    } else port = p.port;
    if (port === undefined) continue;
    const sp: SlicePort = { name: p.name ?? "", port, protocol: p.protocol ?? "TCP" };
    if (p.appProtocol) sp.appProtocol = p.appProtocol;
    out.push(sp);
  }
  return out;
}
