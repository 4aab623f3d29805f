// kubectl rollout restart | status | history for deployments, daemonsets and statefulsets.
import type { KObject, ResourceInfo } from "../../cluster/index.ts";
import { CmdError, StatusError } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { describePodTemplate } from "../describe/pod.ts";
import { DescribeWriter } from "../describe/writer.ts";
import { DESCRIBE_TABWRITER, tabwrite } from "../output/tabwriter.ts";
import { getObject, kindPrefix, listObjects, parseResourceArgs, qualified, refFor, resolveType } from "../resources.ts";

const ROLLABLE = ["Deployment", "DaemonSet", "StatefulSet"];

/** Each subcommand words its refusal of a kind it cannot roll out differently. */
function notRollable(inv: Invocation, info: ResourceInfo, name: string): CmdError {
  switch (inv.path) {
    case "rollout status":
      return new CmdError(`no status viewer has been implemented for ${info.kind}`);
    case "rollout history":
      return new CmdError(`error retrieving history for "${info.kind}", no visitor method exists for {${info.group} ${info.kind}}`);
    default:
      return new CmdError(`${qualified(info)} "${name}" restarting is not supported`);
  }
}

/**
 * The objects a rollout subcommand visits: named ones, or every one of the type (matching
 * -l) when only the type is given. Null when that found nothing, which kubectl reports on
 * stderr and is not an error.
 */
function targets(inv: Invocation, anyKind = false, reportNone = true): { info: ResourceInfo; name: string }[] | null {
  if (inv.args.length === 0) throw new CmdError("required resource not specified");
  const out: { info: ResourceInfo; name: string }[] = [];
  for (const { info, names } of parseResourceArgs(inv, inv.args)) {
    const all = names.length > 0 ? names : listObjects(inv, info, { labelSelector: inv.str("selector") }).map((o) => o.metadata.name ?? "");
    for (const name of all) {
      getObject(inv, info, name);
      if (!anyKind && !ROLLABLE.includes(info.kind)) throw notRollable(inv, info, name);
      out.push({ info, name });
    }
  }
  if (out.length > 0) return out;
  // history says nothing at all.
  if (reportNone) inv.err(`No resources found in ${inv.namespace} namespace.\n`);
  return null;
}

export function restart(inv: Invocation): number {
  for (const { info, name } of targets(inv) ?? []) {
    const at = new Date(inv.cluster.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
    const r = inv.cluster.patch(refFor(info, name, inv.namespace), "strategic", {
      spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": at } } } },
    });
    if (!r.ok) throw new StatusError(r.status);
    inv.out(`${kindPrefix(info)}/${name} restarted\n`);
  }
  return 0;
}

type Json = Record<string, number | undefined>;

/** One status message and whether the rollout is done (k/kubectl polymorphichelpers/rollout_status.go). */
export function rolloutStatusMessage(obj: KObject): { message: string; done: boolean } {
  const spec = (obj.spec ?? {}) as Json;
  const status = (obj.status ?? {}) as Json;
  const name = obj.metadata.name ?? "";
  const gen = obj.metadata.generation ?? 0;
  const observed = status.observedGeneration ?? 0;
  if (obj.kind === "Deployment") {
    if (gen > observed) return { message: `Waiting for deployment spec update to be observed...\n`, done: false };
    const want = spec.replicas ?? 1;
    const updated = status.updatedReplicas ?? 0;
    const replicas = status.replicas ?? 0;
    const available = status.availableReplicas ?? 0;
    if (updated < want) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false };
    if (replicas > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...\n`, done: false };
    if (available < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
    return { message: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  if (obj.kind === "DaemonSet") {
    const type = (obj.spec as { updateStrategy?: { type?: string } } | undefined)?.updateStrategy?.type;
    if (type !== "RollingUpdate") throw new CmdError("rollout status is only available for RollingUpdate strategy type");
    if (gen > observed) return { message: `Waiting for daemon set spec update to be observed...\n`, done: false };
    const desired = status.desiredNumberScheduled ?? 0;
    const updated = status.updatedNumberScheduled ?? 0;
    const available = status.numberAvailable ?? 0;
    if (updated < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`, done: false };
    if (available < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...\n`, done: false };
    return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  // StatefulSet (k/kubectl polymorphichelpers StatefulSetStatusViewer).
  const strategy = (obj.spec as { updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } } | undefined)?.updateStrategy;
  if (strategy?.type !== "RollingUpdate") throw new CmdError("rollout status is only available for RollingUpdate strategy type");
  if (observed === 0 || gen > observed) return { message: `Waiting for statefulset spec update to be observed...\n`, done: false };
  const want = spec.replicas;
  const ready = status.readyReplicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  if (want !== undefined && ready < want) return { message: `Waiting for ${want - ready} pods to be ready...\n`, done: false };
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (want !== undefined && partition !== undefined && updated < want - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${want - partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  const revisions = (obj.status ?? {}) as { updateRevision?: string; currentRevision?: string };
  if (revisions.updateRevision !== revisions.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${revisions.updateRevision ?? ""}...\n`, done: false };
  }
  return { message: `statefulset rolling update complete ${status.currentReplicas ?? 0} pods at revision ${revisions.currentRevision ?? ""}...\n`, done: true };
}

/**
 * `rollout status` prints the status of every version of the object its watch sees (so a
 * message repeats when the object changes without the status changing), until done.
 * Waiting is virtual time passing: the cluster advances a second at a time (up to 10 minutes).
 */
export function status(inv: Invocation): number {
  const watch = inv.str("watch") !== "false";
  for (const { info, name } of targets(inv) ?? []) {
    const first = rolloutStatusMessage(getObject(inv, info, name));
    inv.out(first.message);
    if (first.done || !watch) continue;
    let done = false;
    let failure: CmdError | undefined;
    const stop = inv.cluster.watch({ group: info.group, resource: info.resource }, info.namespaced ? { namespace: inv.namespace } : {}, (e) => {
      if (done || failure || e.object.metadata.name !== name) return;
      if (e.type === "DELETED") {
        failure = new CmdError("object has been deleted");
        return;
      }
      try {
        const next = rolloutStatusMessage(e.object);
        inv.out(next.message);
        done = next.done;
      } catch (err) {
        if (err instanceof CmdError) failure = err;
        else throw err;
      }
    });
    try {
      for (let waited = 0; !done && !failure; waited += 1000) {
        if (waited >= 600_000 || inv.ctx.signal?.aborted) throw new CmdError("timed out waiting for the condition");
        inv.cluster.advance(1000);
      }
    } finally {
      stop();
    }
    if (failure) throw failure;
  }
  return 0;
}

export function history(inv: Invocation): number {
  for (const { info, name } of targets(inv, false, false) ?? []) {
    const obj = getObject(inv, info, name);
    const revisions: { rev: number; cause: string }[] = [];
    const templates = new Map<number, Record<string, unknown>>();
    if (info.kind === "Deployment") {
      const rsInfo = resolveType(inv, "replicasets");
      for (const rs of listObjects(inv, rsInfo, {})) {
        if (!rs.metadata.ownerReferences?.some((o) => o.uid === obj.metadata.uid)) continue;
        const rev = Number(rs.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? "0");
        revisions.push({ rev, cause: rs.metadata.annotations?.["kubernetes.io/change-cause"] ?? "<none>" });
        templates.set(rev, ((rs.spec ?? {}) as { template?: Record<string, unknown> }).template ?? {});
      }
    } else {
      const crInfo = inv.cluster.resolveResource("controllerrevisions");
      if (crInfo) {
        for (const cr of listObjects(inv, crInfo, {})) {
          if (!cr.metadata.ownerReferences?.some((o) => o.uid === obj.metadata.uid)) continue;
          revisions.push({ rev: Number((cr as { revision?: number }).revision ?? 0), cause: cr.metadata.annotations?.["kubernetes.io/change-cause"] ?? "<none>" });
        }
      }
      if (revisions.length === 0) revisions.push({ rev: 1, cause: "<none>" });
    }
    revisions.sort((a, b) => a.rev - b.rev);
    const wanted = inv.int("revision");
    if (wanted > 0) {
      const template = templates.get(wanted);
      if (!template) throw new CmdError("unable to find the specified revision");
      // kubectl writes this template through a plain writer: TABs stay unaligned.
      const w = new DescribeWriter();
      describePodTemplate(w, template);
      inv.out(`${kindPrefix(info)}/${name} with revision #${wanted}\n${w.raw()}\n`);
      continue;
    }
    const table = ["REVISION\tCHANGE-CAUSE", ...revisions.map((r) => `${r.rev}\t${r.cause}`)].join("\n") + "\n";
    inv.out(`${kindPrefix(info)}/${name} \n${tabwrite(table, DESCRIBE_TABWRITER)}\n`);
  }
  return 0;
}

/** `rollout pause` / `rollout resume`: flip spec.paused; only Deployments can be paused. */
function setPaused(inv: Invocation, paused: boolean): number {
  const verb = paused ? "paused" : "resumed";
  const failures: string[] = [];
  for (const { info, name } of targets(inv, true) ?? []) {
    if (info.kind !== "Deployment") {
      failures.push(`error: ${qualified(info)} "${name}" ${paused ? "pausing" : "resuming"} is not supported`);
      continue;
    }
    const obj = getObject(inv, info, name);
    if (Boolean((obj.spec as { paused?: boolean } | undefined)?.paused) === paused) {
      failures.push(`error: ${qualified(info)} "${name}" ${paused ? "is already paused" : "is not paused"}`);
      continue;
    }
    const r = inv.cluster.patch(refFor(info, name, inv.namespace), "strategic", { spec: { paused: paused ? true : null } });
    if (!r.ok) throw new StatusError(r.status);
    inv.out(`${kindPrefix(info)}/${name} ${verb}\n`);
  }
  if (failures.length === 0) return 0;
  throw new CmdError(failures.join("\n"), 1, failures.map((f) => f + "\n").join(""));
}

export const pause = (inv: Invocation): number => setPaused(inv, true);
export const resume = (inv: Invocation): number => setPaused(inv, false);

const UNDO_KEEPS = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  "deployment.kubernetes.io/revision",
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

/** The template without the pod-template-hash label, which only the ReplicaSet's copy has. */
function withoutHash(template: unknown): Record<string, unknown> {
  const t = JSON.parse(JSON.stringify(template ?? {})) as { metadata?: { labels?: Record<string, string> } };
  if (t.metadata?.labels) delete t.metadata.labels["pod-template-hash"];
  return t as Record<string, unknown>;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(sortDeep(a)) === JSON.stringify(sortDeep(b));
function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]));
  return v;
}

/** `rollout undo` of a Deployment (polymorphichelpers DeploymentRollbacker): back to the previous or --to-revision template. */
export function undo(inv: Invocation): number {
  const toRevision = inv.int("to-revision");
  for (const { info, name } of targets(inv) ?? []) {
    if (info.kind !== "Deployment") throw new CmdError(`no rollbacker has been implemented for "${info.kind}"`);
    if (toRevision < 0) throw new CmdError(`unable to find specified revision ${toRevision} in history`);
    const deploy = getObject(inv, info, name);
    let latest: { rev: number; rs: KObject } | undefined;
    let previous: { rev: number; rs: KObject } | undefined;
    let chosen: KObject | undefined;
    for (const rs of listObjects(inv, resolveType(inv, "replicasets"), {})) {
      if (!rs.metadata.ownerReferences?.some((o) => o.uid === deploy.metadata.uid)) continue;
      const rev = Number(rs.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? "NaN");
      if (Number.isNaN(rev)) continue;
      if (toRevision > 0) {
        if (rev === toRevision) chosen = rs;
        continue;
      }
      if (!latest || latest.rev < rev) {
        previous = latest;
        latest = { rev, rs };
      } else if (!previous || previous.rev < rev) {
        previous = { rev, rs };
      }
    }
    if (toRevision > 0 && !chosen) throw new CmdError(`unable to find specified revision ${toRevision} in history`);
    if (toRevision === 0) chosen = previous?.rs;
    if (!chosen) throw new CmdError(`no rollout history found for deployment ${JSON.stringify(name)}`);
    if ((deploy.spec as { paused?: boolean } | undefined)?.paused) {
      throw new CmdError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    }
    const template = withoutHash((chosen.spec as { template?: unknown } | undefined)?.template);
    if (sameJson(template, withoutHash((deploy.spec as { template?: unknown } | undefined)?.template))) {
      inv.out(`${kindPrefix(info)}/${name} skipped rollback (current template already matches revision ${toRevision})\n`);
      continue;
    }
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(deploy.metadata.annotations ?? {})) if (UNDO_KEEPS.has(k)) annotations[k] = v;
    for (const [k, v] of Object.entries(chosen.metadata.annotations ?? {})) if (!UNDO_KEEPS.has(k)) annotations[k] = v;
    const r = inv.cluster.patch(refFor(info, name, inv.namespace), "json", [
      { op: "replace", path: "/spec/template", value: template },
      { op: "replace", path: "/metadata/annotations", value: annotations },
    ]);
    if (!r.ok) throw new CmdError(`failed restoring revision ${toRevision}: ${r.status.message}`);
    inv.out(`${kindPrefix(info)}/${name} rolled back\n`);
  }
  return 0;
}
