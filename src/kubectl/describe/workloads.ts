// Deployment, ReplicaSet, StatefulSet and DaemonSet (describe.go).
import type { KObject } from "../../cluster/index.ts";
import { formatLabelSelector, formatLabels } from "../../cluster/index.ts";
import { arr, controllerOf, num, obj, podsStatus, str, type DescribeContext } from "./context.ts";
import { describePodTemplate } from "./pod.ts";
import { DescribeWriter, finish, printAnnotations, printLabels, rfc1123z } from "./writer.ts";

function replicaSetsOf(ctx: DescribeContext, d: KObject): KObject[] {
  return ctx.list("replicasets", d.metadata.namespace).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
}

function rsSummary(list: KObject[]): string {
  if (list.length === 0) return "<none>";
  return list.map((rs) => `${rs.metadata.name} (${num(obj(rs.status).replicas)}/${num(obj(rs.spec).replicas)} replicas created)`).join(", ");
}

function revision(rs: KObject): number {
  return Number(rs.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? "0");
}

export function describeDeployment(d: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = obj(d.spec);
  const status = obj(d.status);
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabels(w, "Labels", d.metadata.labels);
  printAnnotations(w, "Annotations", d.metadata.annotations);
  w.write(0, `Selector:\t${formatLabelSelector(obj(spec.selector)).replace(/^<none>$/, "")}\n`);
  w.write(0, `Replicas:\t${num(spec.replicas)} desired | ${num(status.updatedReplicas)} updated | ${num(status.replicas)} total | ${num(status.availableReplicas)} available | ${num(status.unavailableReplicas)} unavailable\n`);
  const strategy = obj(spec.strategy);
  w.write(0, `StrategyType:\t${str(strategy.type)}\n`);
  w.write(0, `MinReadySeconds:\t${num(spec.minReadySeconds)}\n`);
  if (strategy.rollingUpdate) {
    const ru = obj(strategy.rollingUpdate);
    w.write(0, `RollingUpdateStrategy:\t${str(ru.maxUnavailable)} max unavailable, ${str(ru.maxSurge)} max surge\n`);
  }
  describePodTemplate(w, obj(spec.template));
  const conds = arr(status.conditions);
  if (conds.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of conds) w.write(1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
  }
  const rss = replicaSetsOf(ctx, d).sort((a, b) => revision(b) - revision(a));
  const newest = rss[0];
  const old = rss.slice(1).filter((rs) => num(obj(rs.spec).replicas) > 0);
  w.write(0, `OldReplicaSets:\t${rsSummary(old)}\n`);
  w.write(0, `NewReplicaSet:\t${rsSummary(newest ? [newest] : [])}\n`);
  return finish(w, d, ctx);
}

export function describeReplicaSet(rs: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = obj(rs.spec);
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(obj(spec.selector))}\n`);
  printLabels(w, "Labels", rs.metadata.labels);
  printAnnotations(w, "Annotations", rs.metadata.annotations);
  const owner = controllerOf(rs);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  w.write(0, `Replicas:\t${num(obj(rs.status).replicas)} current / ${num(spec.replicas)} desired\n`);
  w.write(0, `Pods Status:\t${podsStatus(ctx, rs)}\n`);
  describePodTemplate(w, obj(spec.template));
  return finish(w, rs, ctx);
}

export function describeStatefulSet(ss: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = obj(ss.spec);
  w.write(0, `Name:\t${ss.metadata.name}\n`);
  w.write(0, `Namespace:\t${ss.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(ss.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(obj(spec.selector))}\n`);
  printLabels(w, "Labels", ss.metadata.labels);
  printAnnotations(w, "Annotations", ss.metadata.annotations);
  w.write(0, `Replicas:\t${num(spec.replicas)} desired | ${num(obj(ss.status).replicas)} total\n`);
  const us = obj(spec.updateStrategy);
  w.write(0, `Update Strategy:\t${str(us.type)}\n`);
  const ru = obj(us.rollingUpdate);
  if (typeof ru.partition === "number") w.write(1, `Partition:\t${ru.partition}\n`);
  w.write(0, `Pods Status:\t${podsStatus(ctx, ss)}\n`);
  describePodTemplate(w, obj(spec.template));
  const claims = arr(spec.volumeClaimTemplates);
  if (claims.length === 0) w.write(0, "Volume Claims:\t<none>\n");
  else {
    w.write(0, "Volume Claims:\n");
    for (const c of claims) {
      const cs = obj(c.spec);
      w.write(1, `Name:\t${str(obj(c.metadata).name)}\n`);
      w.write(1, `StorageClass:\t${str(cs.storageClassName)}\n`);
      printLabels(w, "  Labels", obj(c.metadata).labels as Record<string, string> | undefined);
      printAnnotations(w, "  Annotations", obj(c.metadata).annotations as Record<string, string> | undefined);
      w.write(1, `Capacity:\t${str(obj(obj(cs.resources).requests).storage) || "<default>"}\n`);
      w.write(1, `Access Modes:\t${((cs.accessModes as string[] | undefined) ?? []).join(",")}\n`);
    }
  }
  return finish(w, ss, ctx);
}

export function describeDaemonSet(ds: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = obj(ds.spec);
  const status = obj(ds.status);
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(obj(spec.selector))}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(obj(obj(obj(spec.template).spec).nodeSelector) as Record<string, string>)}\n`);
  printLabels(w, "Labels", ds.metadata.labels);
  printAnnotations(w, "Annotations", ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${num(status.desiredNumberScheduled)}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${num(status.currentNumberScheduled)}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${num(status.updatedNumberScheduled)}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${num(status.numberAvailable)}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${num(status.numberMisscheduled)}\n`);
  w.write(0, `Pods Status:\t${podsStatus(ctx, ds)}\n`);
  describePodTemplate(w, obj(spec.template));
  return finish(w, ds, ctx);
}
