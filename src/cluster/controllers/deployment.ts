// Deployment: one ReplicaSet per pod template (named by pod-template-hash), the
// newest scaled up and the older ones scaled down as new pods become ready, with
// revision annotations and the conditions `kubectl rollout status` reads.
import type { KObject } from "../api/types.ts";
import { OwnerController } from "./workqueue.ts";
import type { ControllerContext } from "./context.ts";
import { clone, timestamp } from "../api/objects.ts";
import { ownerRef, revise } from "./owners.ts";
import { computeHash } from "./hash.ts";
import { recordEvent } from "./events.ts";
import { compact } from "./replicaset.ts";

const REVISION = "deployment.kubernetes.io/revision";

interface RsStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
}

function replicasOf(o: KObject): number {
  return ((o.spec as { replicas?: number }).replicas ?? 1) as number;
}

/** maxSurge as a count: "25%" of 3 rounds up to 1. */
type Strategy = { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };

/** An int-or-percent of the desired replicas: surge rounds up, unavailable rounds down (intstr.GetScaledValueFromIntOrPercent). */
function scaled(v: number | string | undefined, n: number, roundUp: boolean): number {
  if (typeof v === "number") return v;
  const pct = parseInt(String(v ?? "25%"), 10) / 100;
  return roundUp ? Math.ceil(pct * n) : Math.floor(pct * n);
}

/** maxSurge and maxUnavailable; both zero would stall, so unavailable becomes 1 (deploymentutil.ResolveFenceposts). */
function fenceposts(d: KObject): { surge: number; unavailable: number } {
  const st = (d.spec as { strategy?: Strategy }).strategy;
  const n = replicasOf(d);
  if (st?.type === "Recreate") return { surge: 0, unavailable: n };
  const surge = scaled(st?.rollingUpdate?.maxSurge, n, true);
  let unavailable = scaled(st?.rollingUpdate?.maxUnavailable, n, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

function surge(d: KObject): number {
  return fenceposts(d).surge;
}

const oldestFirst = (a: KObject, b: KObject) =>
  String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || a.metadata.name!.localeCompare(b.metadata.name!);

const available = (rs: KObject) => ((rs.status as RsStatus | undefined)?.availableReplicas ?? 0);

export class DeploymentController extends OwnerController {
  readonly watches = ["deployments.apps", "replicasets.apps"];
  constructor(ctx: ControllerContext) {
    super(ctx, "deployments.apps", "replicasets.apps");
  }

  private scale(d: KObject, rs: KObject, to: number): KObject {
    const from = replicasOf(rs);
    if (from === to) return rs;
    const next = clone(rs);
    (next.spec as { replicas: number }).replicas = to;
    next.metadata.annotations = {
      ...next.metadata.annotations,
      "deployment.kubernetes.io/desired-replicas": String(replicasOf(d)),
      "deployment.kubernetes.io/max-replicas": String(replicasOf(d) + surge(d)),
    };
    next.metadata.generation = (next.metadata.generation ?? 1) + 1;
    const written = this.ctx.api.writeInternal(next);
    recordEvent(this.ctx, d, "Normal", "ScalingReplicaSet", `Scaled ${to > from ? "up" : "down"} replica set ${rs.metadata.name} from ${from} to ${to}`, { component: "deployment-controller" });
    return written;
  }

  /**
   * The rolling update as the deployment controller steps it: scale the new ReplicaSet
   * up within maxSurge, then the old ones down while at least replicas-maxUnavailable
   * pods stay available. Each ReplicaSet status change runs another step.
   */
  private rollingUpdate(d: KObject, current: KObject, olds: KObject[]): KObject {
    const want = replicasOf(d);
    const live = () => olds.map((rs) => this.ctx.store.get("replicasets.apps", rs.metadata.namespace!, rs.metadata.name!) ?? rs);
    if (live().every((rs) => replicasOf(rs) === 0)) return this.scale(d, current, want);
    const { surge: maxSurge, unavailable } = fenceposts(d);
    const total = () => live().reduce((n, rs) => n + replicasOf(rs), 0) + replicasOf(current);
    // Scale up the new ReplicaSet as far as the surge allows.
    const room = want + maxSurge - total();
    if (room > 0 && replicasOf(current) < want) current = this.scale(d, current, Math.min(want, replicasOf(current) + room));
    // Scale down old ReplicaSets while enough pods stay available.
    const minAvailable = want - unavailable;
    const newUnavailable = replicasOf(current) - available(current);
    let cleanup = total() - minAvailable - newUnavailable;
    if (cleanup <= 0) return current;
    // Old pods that are not available go first (within that budget): removing them costs no availability.
    for (const rs of live().sort(oldestFirst)) {
      const unhealthy = Math.min(replicasOf(rs) - available(rs), cleanup);
      if (unhealthy > 0) {
        this.scale(d, rs, replicasOf(rs) - unhealthy);
        cleanup -= unhealthy;
      }
    }
    let excess = live().reduce((n, rs) => n + available(rs), 0) + available(current) - minAvailable;
    for (const rs of live().sort(oldestFirst)) {
      if (excess <= 0) break;
      const down = Math.min(replicasOf(rs), excess);
      if (down > 0) this.scale(d, rs, replicasOf(rs) - down);
      excess -= down;
    }
    return current;
  }

  protected reconcile(d: KObject): void {
    const spec = d.spec as { replicas?: number; template?: { metadata?: KObject["metadata"]; spec?: unknown }; selector?: { matchLabels?: Record<string, string> } };
    const want = replicasOf(d);
    const hash = computeHash(spec.template);
    const owned = this.owned.owned(d.metadata.uid!);
    const revOf = (rs: KObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0);
    const maxRev = owned.reduce((m, rs) => Math.max(m, revOf(rs)), 0);
    let current = owned.find((rs) => rs.metadata.labels?.["pod-template-hash"] === hash);
    if (!current) {
      const tpl = clone(spec.template ?? {});
      tpl.metadata = { ...tpl.metadata, labels: { ...tpl.metadata?.labels, "pod-template-hash": hash } };
      const r = this.ctx.api.create({
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          namespace: d.metadata.namespace,
          labels: { ...spec.template?.metadata?.labels, "pod-template-hash": hash },
          annotations: {
            "deployment.kubernetes.io/desired-replicas": String(want),
            "deployment.kubernetes.io/max-replicas": String(want + surge(d)),
            [REVISION]: String(maxRev + 1),
          },
          ownerReferences: [ownerRef(d)],
        },
        spec: {
          replicas: 0,
          selector: { ...spec.selector, matchLabels: { ...spec.selector?.matchLabels, "pod-template-hash": hash } },
          template: tpl,
        },
      });
      if (!r.ok) return;
      current = this.ctx.store.get("replicasets.apps", d.metadata.namespace!, r.value.metadata.name!)!;
    } else if (revOf(current) < maxRev) {
      // Rolling back to an older template makes its ReplicaSet the newest revision again.
      const next = clone(current);
      next.metadata.annotations = { ...next.metadata.annotations, [REVISION]: String(maxRev + 1) };
      current = this.ctx.api.writeInternal(next);
    }
    const olds = owned.filter((rs) => rs.metadata.uid !== current!.metadata.uid);
    current = this.rollingUpdate(d, current, olds);
    this.writeStatus(d, current, olds);
  }

  private writeStatus(d: KObject, current: KObject, olds: KObject[]): void {
    const want = replicasOf(d);
    const all = [current, ...olds].map((rs) => this.ctx.store.get("replicasets.apps", rs.metadata.namespace!, rs.metadata.name!) ?? rs);
    const sum = (f: keyof RsStatus) => all.reduce((n, rs) => n + (((rs.status as RsStatus | undefined)?.[f] as number) ?? 0), 0);
    const cur = all[0].status as RsStatus | undefined;
    const replicas = sum("replicas");
    const available = sum("availableReplicas");
    const updated = cur?.replicas ?? 0;
    const now = timestamp(this.ctx.clock.now());
    const prev = (d.status as { conditions?: Record<string, unknown>[] } | undefined)?.conditions ?? [];
    const cond = (type: string, status: string, reason: string, message: string) => {
      const old = prev.find((c) => c.type === type);
      const same = old && old.status === status;
      return {
        lastTransitionTime: same ? old.lastTransitionTime : now,
        lastUpdateTime: same && old.reason === reason ? old.lastUpdateTime : now,
        message,
        reason,
        status,
        type,
      };
    };
    const minAvailable = want - Math.floor(want * 0.25);
    const complete = updated === want && replicas === want && (cur?.availableReplicas ?? 0) === want;
    const conditions = [
      available >= minAvailable
        ? cond("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
        : cond("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."),
      complete
        ? cond("Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "${current.metadata.name}" has successfully progressed.`)
        : cond("Progressing", "True", "ReplicaSetUpdated", `ReplicaSet "${current.metadata.name}" is progressing.`),
    ];
    const status = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas,
      updatedReplicas: updated,
      readyReplicas: sum("readyReplicas"),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, replicas - available),
      conditions,
    };
    const next = revise(d, { status: compact(status) });
    const rev = current.metadata.annotations?.[REVISION];
    if (rev) next.metadata.annotations = { ...next.metadata.annotations, [REVISION]: rev };
    this.ctx.api.writeInternal(next);
  }
}
