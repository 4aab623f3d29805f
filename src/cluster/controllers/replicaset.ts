// ReplicaSet: keep `replicas` pods that match, creating from the template and
// deleting the least useful extras first (unscheduled, then not ready, then newest).
import type { KObject } from "../api/types.ts";
import { OwnerController } from "./workqueue.ts";
import type { ControllerContext } from "./context.ts";
import { clone } from "../api/objects.ts";
import { isActive, isReady, ownerRef, revise } from "./owners.ts";
import { recordEvent } from "./events.ts";

export function podFromTemplate(owner: KObject, template: { metadata?: KObject["metadata"]; spec?: unknown }, meta: Partial<KObject["metadata"]>): KObject {
  const tm = clone(template.metadata ?? {});
  delete tm.creationTimestamp;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...tm,
      ...meta,
      namespace: owner.metadata.namespace,
      labels: { ...tm.labels, ...meta.labels },
      ownerReferences: [ownerRef(owner)],
    },
    spec: clone(template.spec ?? {}),
  };
}

/** Status fields the API omits when zero (omitempty). */
export function compact(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== 0 && v !== undefined) out[k] = v;
  return out;
}

export class ReplicaSetController extends OwnerController {
  readonly watches = ["replicasets.apps", "pods"];
  constructor(ctx: ControllerContext) {
    super(ctx, "replicasets.apps", "pods");
  }

  protected reconcile(rs: KObject): void {
    const spec = rs.spec as { replicas?: number; template?: { metadata?: KObject["metadata"]; spec?: unknown } };
    const want = spec.replicas ?? 1;
    const active = this.owned.owned(rs.metadata.uid!).filter(isActive);
    const src = { component: "replicaset-controller" };
    if (active.length < want) {
      for (let i = active.length; i < want; i++) {
        const r = this.ctx.api.create(podFromTemplate(rs, spec.template ?? {}, { generateName: `${rs.metadata.name}-` }), {}, true);
        if (r.ok) recordEvent(this.ctx, rs, "Normal", "SuccessfulCreate", `Created pod: ${r.value.metadata.name}`, src);
        else recordEvent(this.ctx, rs, "Warning", "FailedCreate", `Error creating: ${r.status.message}`, src);
      }
    } else if (active.length > want) {
      const rank = (p: KObject) => ((p.spec as { nodeName?: string }).nodeName ? 0 : 2) + (isReady(p) ? 0 : 1);
      const victims = [...active]
        .sort((a, b) => rank(b) - rank(a) || String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)) || b.metadata.name!.localeCompare(a.metadata.name!))
        .slice(0, active.length - want);
      for (const p of victims) {
        this.ctx.api.delete({ group: "", resource: "pods", namespace: p.metadata.namespace, name: p.metadata.name! });
        recordEvent(this.ctx, rs, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, src);
      }
    }
    const now = this.owned.owned(rs.metadata.uid!).filter(isActive);
    const ready = now.filter(isReady).length;
    const status = {
      replicas: now.length,
      fullyLabeledReplicas: now.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    const next = compact(status);
    if (JSON.stringify(next) !== JSON.stringify(rs.status)) this.ctx.api.writeInternal(revise(rs, { status: next }));
  }
}
