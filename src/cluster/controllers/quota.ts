// The resource quota controller: status.hard mirrors spec.hard and status.used counts
// what the namespace holds of each limited resource (k/k pkg/controller/resourcequota
// with the evaluators of pkg/quota/v1/evaluator/core): object counts, NodePorts and
// LoadBalancers of Services, and the cpu/memory requests and limits of live pods.
import type { KObject, WatchEventType } from "../api/types.ts";
import type { Controller } from "./manager.ts";
import type { ControllerContext } from "./context.ts";
import { clone, deepEqual } from "../api/objects.ts";
import { quotaHard } from "../api/quota.ts";
import { quotaUsage } from "../api/quota-usage.ts";
import { formatQuantity } from "../api/quantity.ts";

const QUOTAS = "resourcequotas";

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
    for (const k of Object.keys(hard)) used[k] = formatQuantity(quotaUsage(this.ctx.store, ns, k));
    const status = { hard, used };
    if (deepEqual(q.status, status)) return;
    this.ctx.api.writeInternal({ ...clone(q), status });
  }
}
