// The default scheduler, reduced to what labs can observe: nodeSelector, required
// node affinity, taints and tolerations, and spreading (fewest pods wins, ties
// broken at random as the real scheduler samples among equal scores).
import type { KObject, WatchEventType } from "../api/types.ts";
import type { Controller } from "./manager.ts";
import type { ControllerContext } from "./context.ts";
import type { PodSpec } from "../api/workloads.ts";
import { timestamp } from "../api/objects.ts";
import { revise } from "./owners.ts";
import { expressionRequirement, matchesMap, matchesRequirements } from "../api/selectors.ts";
import { recordEvent } from "./events.ts";
import { KeyQueue } from "./workqueue.ts";

interface Taint {
  key: string;
  value?: string;
  effect: string;
}
type Toleration = NonNullable<PodSpec["tolerations"]>[number];

export function tolerates(tols: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tols ?? []).some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === "Exists") return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
  });
}

function nodeTaints(node: KObject): Taint[] {
  return ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter((t) => t.effect === "NoSchedule" || t.effect === "NoExecute");
}

interface Term {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
  matchFields?: { key: string; operator: string; values?: string[] }[];
}

function requiredTerms(spec: PodSpec): Term[] | undefined {
  const a = spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: Term[] } } } | undefined;
  return a?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
}

function termMatches(term: Term, node: KObject): boolean {
  // matchFields can only name metadata.name: treat it as a label of that name.
  const fields = { "metadata.name": node.metadata.name ?? "" };
  for (const e of term.matchExpressions ?? []) {
    const r = expressionRequirement(e);
    if (!r || !matchesRequirements([r], node.metadata.labels)) return false;
  }
  for (const f of term.matchFields ?? []) {
    const r = expressionRequirement(f);
    if (!r || !matchesRequirements([r], fields)) return false;
  }
  return true;
}

/** "ok", or the reason the node was filtered out, as the scheduler words it. */
export type Fit = "ok" | string;

/** The first failing filter, in the default profile's order (TaintToleration before NodeAffinity). */
export function nodeFits(spec: PodSpec, node: KObject): Fit {
  // NodeUnschedulable runs first: a cordoned node takes only pods that tolerate it.
  if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable && !tolerates(spec.tolerations, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }))
    return "node(s) were unschedulable";
  for (const t of nodeTaints(node)) if (!tolerates(spec.tolerations, t)) return `node(s) had untolerated taint {${t.key}: ${t.value ?? ""}}`;
  const selector = "node(s) didn't match Pod's node affinity/selector";
  if (spec.nodeSelector && !matchesMap(spec.nodeSelector, node.metadata.labels)) return selector;
  const terms = requiredTerms(spec);
  if (terms && terms.length && !terms.some((t) => termMatches(t, node))) return selector;
  return "ok";
}

export class Scheduler implements Controller {
  readonly watches = ["nodes", "pods"];
  private queue = new KeyQueue();
  private podsPerNode = new Map<string, number>();
  /** Pods still waiting for a node. */
  private unscheduled = new Set<string>();

  constructor(private readonly ctx: ControllerContext) {
    for (const p of ctx.store.list("pods")) {
      this.count(p, 1);
      if (!(p.spec as PodSpec | undefined)?.nodeName) this.unscheduled.add(`${p.metadata.namespace}/${p.metadata.name}`);
    }
  }

  private count(pod: KObject, d: number): void {
    const n = (pod.spec as PodSpec | undefined)?.nodeName;
    if (n) this.podsPerNode.set(n, (this.podsPerNode.get(n) ?? 0) + d);
  }

  observe(type: WatchEventType, key: string, obj: KObject, old: KObject | undefined): void {
    // A node that changes (labels, taints, a new node) may fit pods that waited: try them again.
    if (key === "nodes") {
      for (const k of this.unscheduled) {
        const i = k.indexOf("/");
        this.queue.add(k.slice(0, i), k.slice(i + 1));
      }
      return;
    }
    if (key !== "pods") return;
    const id = `${obj.metadata.namespace}/${obj.metadata.name}`;
    if (type === "DELETED" || (obj.spec as PodSpec | undefined)?.nodeName) this.unscheduled.delete(id);
    else this.unscheduled.add(id);
    if (old && type !== "ADDED") this.count(old, -1);
    if (type !== "DELETED") this.count(obj, 1);
    const spec = obj.spec as PodSpec | undefined;
    if (type !== "DELETED" && !spec?.nodeName && !obj.metadata.deletionTimestamp) this.queue.add(obj.metadata.namespace, obj.metadata.name);
  }

  sync(): boolean {
    return this.queue.drain((ns, name) => {
      const pod = this.ctx.store.get("pods", ns, name);
      if (pod && !(pod.spec as PodSpec).nodeName && !pod.metadata.deletionTimestamp) this.schedule(pod);
    });
  }

  private schedule(pod: KObject): void {
    const spec = pod.spec as PodSpec;
    const nodes = this.ctx.store.list("nodes");
    const reasons = new Map<string, number>();
    const fit: KObject[] = [];
    for (const n of nodes) {
      const f = nodeFits(spec, n);
      if (f === "ok") fit.push(n);
      else reasons.set(f, (reasons.get(f) ?? 0) + 1);
    }
    const now = timestamp(this.ctx.clock.now());
    if (!fit.length) {
      // FitError sorts "<count> <reason>" strings.
      const parts = [...reasons].map(([r, n]) => `${n} ${r}`).sort();
      const msg = `0/${nodes.length} nodes are available: ${parts.join(", ")}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`;
      const conds = [{ lastProbeTime: null, lastTransitionTime: now, message: msg, reason: "Unschedulable", status: "False", type: "PodScheduled" }];
      const st = pod.status as Record<string, unknown> | undefined;
      if (JSON.stringify(st?.conditions) !== JSON.stringify(conds)) {
        const next = revise(pod);
        next.status = { ...(next.status as object), conditions: conds, phase: "Pending" };
        this.ctx.api.writeInternal(next);
        recordEvent(this.ctx, next, "Warning", "FailedScheduling", msg, { component: "default-scheduler" });
      }
      return;
    }
    let best = Infinity;
    let ties: KObject[] = [];
    for (const n of fit) {
      const c = this.podsPerNode.get(n.metadata.name!) ?? 0;
      if (c < best) {
        best = c;
        ties = [n];
      } else if (c === best) ties.push(n);
    }
    const chosen = ties.length === 1 ? ties[0] : ties[this.ctx.random.int(ties.length)];
    const next = revise(pod, { spec: { ...(pod.spec as PodSpec), nodeName: chosen.metadata.name } });
    next.status = {
      ...(next.status as object),
      phase: "Pending",
      conditions: [{ lastProbeTime: null, lastTransitionTime: now, status: "True", type: "PodScheduled" }],
    };
    this.ctx.api.writeInternal(next);
    recordEvent(this.ctx, next, "Normal", "Scheduled", `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${chosen.metadata.name}`, {
      component: "default-scheduler",
    });
  }
}
