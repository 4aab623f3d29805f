// StatefulSet: pods with stable ordinal names (web-0, web-1, ...), created in order,
// each only once the one before is Running and Ready (OrderedReady), removed from
// the highest ordinal down, with hostname/subdomain for per-pod DNS names.
import type { KObject } from "../api/types.ts";
import { OwnerController } from "./workqueue.ts";
import type { ControllerContext } from "./context.ts";
import { clone } from "../api/objects.ts";
import { isActive, isReady, revise } from "./owners.ts";
import { computeHash } from "./hash.ts";
import { recordEvent } from "./events.ts";
import { compact, podFromTemplate } from "./replicaset.ts";

interface StsSpec {
  replicas?: number;
  serviceName?: string;
  podManagementPolicy?: string;
  template?: { metadata?: KObject["metadata"]; spec?: Record<string, unknown> };
}

export class StatefulSetController extends OwnerController {
  constructor(ctx: ControllerContext) {
    super(ctx, "statefulsets.apps", "pods");
  }

  protected reconcile(sts: KObject): void {
    const spec = sts.spec as StsSpec;
    const want = spec.replicas ?? 1;
    const name = sts.metadata.name!;
    const revision = `${name}-${computeHash(spec.template)}`;
    const ordered = spec.podManagementPolicy !== "Parallel";
    const src = { component: "statefulset-controller" };
    const pods = this.owned.owned(sts.metadata.uid!);
    const byOrdinal = new Map<number, KObject>();
    for (const p of pods) {
      const m = /-(\d+)$/.exec(p.metadata.name!);
      if (m) byOrdinal.set(Number(m[1]), p);
    }
    // Scale up, in order.
    for (let i = 0; i < want; i++) {
      const p = byOrdinal.get(i);
      if (p) {
        if (ordered && (!isActive(p) || !isReady(p))) break;
        continue;
      }
      const podName = `${name}-${i}`;
      const pod = podFromTemplate(sts, spec.template ?? {}, {
        name: podName,
        labels: {
          "apps.kubernetes.io/pod-index": String(i),
          "controller-revision-hash": revision,
          "statefulset.kubernetes.io/pod-name": podName,
        },
      });
      const ps = pod.spec as Record<string, unknown>;
      ps.hostname = podName;
      if (spec.serviceName) ps.subdomain = spec.serviceName;
      const r = this.ctx.api.create(pod, {}, true);
      if (r.ok) recordEvent(this.ctx, sts, "Normal", "SuccessfulCreate", `create Pod ${podName} in StatefulSet ${name} successful`, src);
      else recordEvent(this.ctx, sts, "Warning", "FailedCreate", `create Pod ${podName} in StatefulSet ${name} failed error: ${r.status.message}`, src);
      if (ordered) break;
    }
    // Scale down from the top, one at a time when ordered.
    const extra = [...byOrdinal.keys()].filter((i) => i >= want).sort((a, b) => b - a);
    for (const i of extra) {
      const p = byOrdinal.get(i)!;
      if (p.metadata.deletionTimestamp) {
        if (ordered) break;
        continue;
      }
      this.ctx.api.delete({ group: "", resource: "pods", namespace: p.metadata.namespace, name: p.metadata.name! });
      recordEvent(this.ctx, sts, "Normal", "SuccessfulDelete", `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`, src);
      if (ordered) break;
    }
    // Rolling update: replace outdated pods from the highest ordinal, one at a time, when all are ready.
    const live = [...byOrdinal.entries()].filter(([i]) => i < want);
    const allReady = live.length === want && live.every(([, p]) => isActive(p) && isReady(p));
    if (allReady) {
      const outdated = live.filter(([, p]) => p.metadata.labels?.["controller-revision-hash"] !== revision).sort((a, b) => b[0] - a[0]);
      if (outdated.length) this.ctx.api.delete({ group: "", resource: "pods", namespace: sts.metadata.namespace, name: outdated[0][1].metadata.name! });
    }
    const now = this.owned.owned(sts.metadata.uid!).filter(isActive);
    const ready = now.filter(isReady).length;
    const updated = now.filter((p) => p.metadata.labels?.["controller-revision-hash"] === revision).length;
    const status = compact({
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: now.length,
      readyReplicas: ready,
      currentReplicas: updated,
      updatedReplicas: updated,
      currentRevision: revision,
      updateRevision: revision,
      collisionCount: 0,
      availableReplicas: ready,
    });
    status.collisionCount = 0;
    if (JSON.stringify(status) !== JSON.stringify(sts.status)) this.ctx.api.writeInternal(revise(sts, { status }));
  }
}
