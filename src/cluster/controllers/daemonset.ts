// DaemonSet: one pod per node the template fits (nodeSelector, taints vs.
// tolerations), pinned through required node affinity on metadata.name as the real
// controller does; outdated pods are replaced one node at a time.
import type { KObject, WatchEventType } from "../api/types.ts";
import { OwnerController } from "./workqueue.ts";
import type { ControllerContext } from "./context.ts";
import type { PodSpec } from "../api/workloads.ts";
import { clone } from "../api/objects.ts";
import { isActive, isReady, revise } from "./owners.ts";
import { computeHash } from "./hash.ts";
import { recordEvent } from "./events.ts";
import { compact, podFromTemplate } from "./replicaset.ts";
import { nodeFits } from "./scheduler.ts";

// The DaemonSet controller adds these tolerations to every pod it makes.
const DS_TOLERATIONS = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];

export class DaemonSetController extends OwnerController {
  constructor(ctx: ControllerContext) {
    super(ctx, "daemonsets.apps", "pods");
  }

  override observe(type: WatchEventType, key: string, obj: KObject, old: KObject | undefined): void {
    // A node joining or changing its labels or taints can change where the pods belong.
    if (key === "nodes") {
      for (const d of this.ctx.store.list("daemonsets.apps")) this.queue.add(d.metadata.namespace, d.metadata.name);
      return;
    }
    super.observe(type, key, obj, old);
  }

  protected reconcile(ds: KObject): void {
    const spec = ds.spec as { template?: { metadata?: KObject["metadata"]; spec?: PodSpec } };
    const tplSpec = clone(spec.template?.spec ?? {}) as PodSpec;
    const tols = [...(tplSpec.tolerations ?? [])];
    for (const t of DS_TOLERATIONS) if (!tols.some((x) => x.key === t.key && x.effect === t.effect)) tols.push(t);
    tplSpec.tolerations = tols;
    const hash = computeHash(spec.template);
    const gen = String(ds.metadata.generation ?? 1);
    const src = { component: "daemonset-controller" };
    const pods = this.owned.owned(ds.metadata.uid!).filter((p) => !p.metadata.deletionTimestamp);
    const onNode = new Map<string, KObject>();
    for (const p of pods) {
      const n = pinnedNode(p);
      if (n) onNode.set(n, p);
    }
    const nodes = this.ctx.store.list("nodes");
    let desired = 0;
    let replacedOne = false;
    for (const node of nodes) {
      const name = node.metadata.name!;
      if (nodeFits(tplSpec, node) !== "ok") {
        const stray = onNode.get(name);
        if (stray) this.ctx.api.delete({ group: "", resource: "pods", namespace: stray.metadata.namespace, name: stray.metadata.name! });
        continue;
      }
      desired++;
      const existing = onNode.get(name);
      if (existing) {
        // One outdated pod at a time (maxUnavailable 1), and only while the rest are ready.
        if (!replacedOne && existing.metadata.labels?.["controller-revision-hash"] !== hash && pods.every(isReady)) {
          this.ctx.api.delete({ group: "", resource: "pods", namespace: existing.metadata.namespace, name: existing.metadata.name! });
          replacedOne = true;
        }
        continue;
      }
      const pod = podFromTemplate(ds, { metadata: spec.template?.metadata, spec: tplSpec }, {
        generateName: `${ds.metadata.name}-`,
        labels: { "controller-revision-hash": hash, "pod-template-generation": gen },
      });
      (pod.spec as PodSpec).affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [name] }] }],
          },
        },
      };
      const r = this.ctx.api.create(pod, {}, true);
      if (r.ok) recordEvent(this.ctx, ds, "Normal", "SuccessfulCreate", `Created pod: ${r.value.metadata.name}`, src);
    }
    const now = this.owned.owned(ds.metadata.uid!).filter(isActive);
    const ready = now.filter(isReady).length;
    const status = compact({
      currentNumberScheduled: now.length,
      desiredNumberScheduled: desired,
      numberAvailable: ready,
      numberMisscheduled: 0,
      numberReady: ready,
      observedGeneration: ds.metadata.generation ?? 1,
      updatedNumberScheduled: now.filter((p) => p.metadata.labels?.["controller-revision-hash"] === hash).length,
    });
    status.currentNumberScheduled = now.length;
    status.desiredNumberScheduled = desired;
    status.numberMisscheduled = 0;
    status.numberReady = ready;
    if (ready < desired) status.numberUnavailable = desired - ready;
    if (JSON.stringify(status) !== JSON.stringify(ds.status)) this.ctx.api.writeInternal(revise(ds, { status }));
  }
}

function pinnedNode(p: KObject): string | undefined {
  const spec = p.spec as PodSpec;
  if (spec.nodeName) return spec.nodeName;
  const a = spec.affinity as
    | { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: { values?: string[] }[] }[] } } }
    | undefined;
  return a?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
}
