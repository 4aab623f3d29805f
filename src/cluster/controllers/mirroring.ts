// EndpointSlice mirroring: a Service without a selector plus an Endpoints object a
// user wrote by hand gets matching EndpointSlices, because kube-proxy and CoreDNS
// read slices only (k/k pkg/controller/endpointslicemirroring). Endpoints labelled
// endpointslice.kubernetes.io/skip-mirror=true (like `kubernetes`) are left alone.
import type { KObject, WatchEventType } from "../api/types.ts";
import type { Controller } from "./manager.ts";
import type { ControllerContext } from "./context.ts";
import { deepEqual } from "../api/objects.ts";
import { infoForKind } from "../api/resources.ts";
import { revise, sliceFor } from "./owners.ts";
import { KeyQueue } from "./workqueue.ts";

const MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
const MIRROR = "endpointslicemirroring-controller.k8s.io";
const SERVICE_NAME = "kubernetes.io/service-name";

interface Address {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: unknown;
}
interface Subset {
  addresses?: Address[];
  notReadyAddresses?: Address[];
  ports?: { name?: string; port: number; protocol?: string; appProtocol?: string }[];
}

export class MirroringController implements Controller {
  readonly watches = ["endpoints", "services", "endpointslices.discovery.k8s.io"];
  private queue = new KeyQueue();
  /** "ns/service" -> names of the mirrored slices, so reconciling never scans all slices. */
  private mirrored = new Map<string, Set<string>>();

  constructor(private readonly ctx: ControllerContext) {
    for (const s of ctx.store.list("endpointslices.discovery.k8s.io")) this.index("ADDED", s);
  }

  private index(type: WatchEventType, s: KObject): void {
    if (s.metadata.labels?.[MANAGED_BY] !== MIRROR) return;
    const k = `${s.metadata.namespace}/${s.metadata.labels[SERVICE_NAME]}`;
    let set = this.mirrored.get(k);
    if (!set) this.mirrored.set(k, (set = new Set()));
    if (type === "DELETED") set.delete(s.metadata.name!);
    else set.add(s.metadata.name!);
  }

  observe(type: WatchEventType, key: string, obj: KObject): void {
    if (key === "endpoints" || key === "services") {
      // Only a Service without a selector is mirrored, and only slices we made can need removing:
      // the endpoints controller's own writes (every pod start) need no sync here.
      const ns = obj.metadata.namespace;
      const svc = key === "services" ? (type === "DELETED" ? undefined : obj) : this.ctx.store.get("services", ns ?? "", obj.metadata.name ?? "");
      if (svc && !hasSelector(svc)) this.queue.add(ns, obj.metadata.name);
      else if (this.mirrored.get(`${ns}/${obj.metadata.name}`)?.size) this.queue.add(ns, obj.metadata.name);
    }
    else if (key === "endpointslices.discovery.k8s.io" && obj.metadata.labels?.[MANAGED_BY] === MIRROR) {
      this.index(type, obj);
      if (type === "DELETED") this.queue.add(obj.metadata.namespace, obj.metadata.labels[SERVICE_NAME]);
    }
  }

  sync(): boolean {
    return this.queue.drain((ns, name) => this.reconcile(ns, name));
  }

  private reconcile(ns: string, name: string): void {
    const svc = this.ctx.store.get("services", ns, name);
    const ep = this.ctx.store.get("endpoints", ns, name);
    const mirror = svc && ep && !hasSelector(svc) && ep.metadata.labels?.["endpointslice.kubernetes.io/skip-mirror"] !== "true";
    const sliceInfo = infoForKind("discovery.k8s.io/v1", "EndpointSlice")!;
    const existing = [...(this.mirrored.get(`${ns}/${name}`) ?? [])]
      .sort()
      .map((n) => this.ctx.store.get("endpointslices.discovery.k8s.io", ns, n))
      .filter((s): s is KObject => !!s);
    if (!mirror) {
      for (const s of existing) this.ctx.api.remove(sliceInfo, s);
      return;
    }
    const labels: Record<string, string> = { ...ep.metadata.labels, [SERVICE_NAME]: name, [MANAGED_BY]: MIRROR };
    const wanted = ((ep.subsets as Subset[] | undefined) ?? []).map((s) => ({
      endpoints: [
        ...(s.addresses ?? []).map((a) => endpoint(a, true)),
        ...(s.notReadyAddresses ?? []).map((a) => endpoint(a, false)),
      ],
      ports: (s.ports ?? []).map((p) => ({ name: p.name ?? "", port: p.port, protocol: p.protocol ?? "TCP", ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) })),
    })).filter((w) => w.endpoints.length);
    const reuse = [...existing];
    for (const w of wanted) {
      const cur = reuse.shift();
      if (cur) {
        if (deepEqual(cur.endpoints, w.endpoints) && deepEqual(cur.ports, w.ports) && deepEqual(cur.metadata.labels, labels)) continue;
        this.ctx.api.writeInternal(revise(cur, { endpoints: w.endpoints, ports: w.ports, metadata: { ...cur.metadata, labels } }));
      } else {
        this.ctx.api.create(sliceFor(ep, labels, undefined, w.endpoints, w.ports), {}, true);
      }
    }
    for (const extra of reuse) this.ctx.api.remove(sliceInfo, extra);
  }
}

function hasSelector(svc: KObject): boolean {
  const sel = (svc.spec as { selector?: Record<string, string> } | undefined)?.selector;
  return !!sel && Object.keys(sel).length > 0;
}

function endpoint(a: Address, ready: boolean): Record<string, unknown> {
  const e: Record<string, unknown> = { addresses: [a.ip], conditions: { ready } };
  if (a.hostname) e.hostname = a.hostname;
  if (a.nodeName) e.nodeName = a.nodeName;
  if (a.targetRef) e.targetRef = a.targetRef;
  return e;
}
