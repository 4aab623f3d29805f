// The resource quota controller: status.hard mirrors spec.hard and status.used counts
// what the namespace holds of each limited resource (k/k pkg/controller/resourcequota
// with the evaluators of pkg/quota/v1/evaluator/core): object counts, NodePorts and
// LoadBalancers of Services, and the cpu/memory requests and limits of live pods.
import type { KObject, WatchEventType } from "../api/types.ts";
import type { Controller } from "./manager.ts";
import type { ControllerContext } from "./context.ts";
import { clone, deepEqual } from "../api/objects.ts";
import { infoForResource, resourceKey } from "../api/resources.ts";
import { quotaHard } from "../api/quota.ts";
import { addQuantities, formatQuantity, parseQuantity, ZERO, type Quantity } from "../api/quantity.ts";

const QUOTAS = "resourcequotas";
// Plain names that count objects (and the store key they count).
const COUNTED: Record<string, string> = {
  pods: "pods",
  services: "services",
  configmaps: "configmaps",
  secrets: "secrets",
  resourcequotas: "resourcequotas",
  replicationcontrollers: "replicationcontrollers",
  persistentvolumeclaims: "persistentvolumeclaims",
};

type Container = { resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } };
type PodSpec = { containers?: Container[]; initContainers?: Container[] };

export class ResourceQuotaController implements Controller {
  private namespaces = new Set<string>();

  constructor(private readonly ctx: ControllerContext) {}

  observe(_type: WatchEventType, key: string, obj: KObject): void {
    // Events come and go all the time and no quota we compute counts them.
    if (key === "events" || !obj.metadata.namespace) return;
    if (key === QUOTAS || this.ctx.store.list(QUOTAS, obj.metadata.namespace).length) this.namespaces.add(obj.metadata.namespace);
  }

  sync(): boolean {
    if (!this.namespaces.size) return false;
    const namespaces = [...this.namespaces];
    this.namespaces.clear();
    for (const ns of namespaces) for (const q of this.ctx.store.list(QUOTAS, ns)) this.reconcile(q);
    return true;
  }

  private reconcile(q: KObject): void {
    const hard = quotaHard(q);
    const ns = q.metadata.namespace!;
    const used: Record<string, string> = {};
    for (const k of Object.keys(hard)) used[k] = formatQuantity(this.usage(ns, k));
    const status = { hard, used };
    if (deepEqual(q.status, status)) return;
    this.ctx.api.writeInternal({ ...clone(q), status });
  }

  private count(key: string, ns: string): Quantity {
    return { nano: BigInt(this.ctx.store.list(key, ns).length) * 10n ** 9n, format: "DecimalSI" };
  }

  /** What the namespace uses of one quota resource name. */
  private usage(ns: string, name: string): Quantity {
    if (name in COUNTED) {
      if (name === "pods") return { nano: BigInt(this.livePods(ns).length) * 10n ** 9n, format: "DecimalSI" };
      return this.count(COUNTED[name], ns);
    }
    if (name.startsWith("count/")) {
      const [resource, ...group] = name.slice("count/".length).split(".");
      const info = infoForResource(group.join("."), resource);
      return info ? this.count(resourceKey(info.group, info.resource), ns) : ZERO;
    }
    if (name === "services.nodeports" || name === "services.loadbalancers") {
      let n = 0;
      for (const s of this.ctx.store.list("services", ns)) {
        const spec = (s.spec ?? {}) as { type?: string; ports?: { nodePort?: number }[] };
        if (name === "services.loadbalancers") n += spec.type === "LoadBalancer" ? 1 : 0;
        else if (spec.type === "NodePort" || spec.type === "LoadBalancer") n += (spec.ports ?? []).filter((p) => p.nodePort).length;
      }
      return { nano: BigInt(n) * 10n ** 9n, format: "DecimalSI" };
    }
    // cpu, memory, requests.*, limits.*: summed over the pods' containers.
    const [kind, resource] = name.includes(".") ? [name.slice(0, name.indexOf(".")), name.slice(name.indexOf(".") + 1)] : ["requests", name];
    if (kind !== "requests" && kind !== "limits") return ZERO;
    let total: Quantity | undefined;
    for (const pod of this.livePods(ns)) {
      const q = podResource(pod.spec as PodSpec | undefined, kind, resource);
      if (q) total = total ? addQuantities(total, q) : q;
    }
    return total ?? ZERO;
  }

  /** Pods the quota still charges: not finished. */
  private livePods(ns: string): KObject[] {
    return this.ctx.store.list("pods", ns).filter((p) => !["Succeeded", "Failed"].includes((p.status as { phase?: string } | undefined)?.phase ?? ""));
  }
}

/** A pod's effective request or limit: its containers' sum, or the largest init container's if that is more. */
function podResource(spec: PodSpec | undefined, kind: "requests" | "limits", resource: string): Quantity | undefined {
  const of = (c: Container) => parseQuantity(c.resources?.[kind]?.[resource]);
  let sum: Quantity | undefined;
  for (const c of spec?.containers ?? []) {
    const q = of(c);
    if (q) sum = sum ? addQuantities(sum, q) : q;
  }
  for (const c of spec?.initContainers ?? []) {
    const q = of(c);
    if (q && (!sum || q.nano > sum.nano)) sum = q;
  }
  return sum;
}
