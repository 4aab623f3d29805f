// The controllers a kubeadm cluster runs, in the order they react to a change.
import type { ControllerContext } from "./context.ts";
import type { ControllerManager } from "./manager.ts";
import { GarbageCollector } from "./gc.ts";
import { NamespaceController } from "./namespace.ts";
import { ipToInt } from "../api/allocators.ts";
import { DeploymentController } from "./deployment.ts";
import { ReplicaSetController } from "./replicaset.ts";
import { StatefulSetController } from "./statefulset.ts";
import { DaemonSetController } from "./daemonset.ts";
import { Scheduler } from "./scheduler.ts";
import { Kubelet } from "./kubelet.ts";
import { EndpointsController } from "./endpoints.ts";
import { MirroringController } from "./mirroring.ts";
import { LoadBalancerController } from "./loadbalancer.ts";
import { IngressStatusController } from "./ingress-status.ts";
import { NodeLeaseController } from "./node-lease.ts";
import { ResourceQuotaController } from "./quota.ts";

export function installControllers(m: ControllerManager, ctx: ControllerContext): void {
  m.add(new NamespaceController(ctx));
  m.add(new DeploymentController(ctx));
  m.add(new ReplicaSetController(ctx));
  m.add(new StatefulSetController(ctx));
  m.add(new DaemonSetController(ctx));
  m.add(new Scheduler(ctx));
  m.add(new Kubelet(ctx));
  m.add(new EndpointsController(ctx));
  m.add(new MirroringController(ctx));
  m.add(new LoadBalancerController(ctx));
  m.add(new IngressStatusController(ctx));
  m.add(new NodeLeaseController(ctx));
  m.add(new ResourceQuotaController(ctx));
  m.add(new GarbageCollector(ctx));
}

/** Mark what stored objects already hold (after a restore, or raw manifests) as taken. */
export function reserveExisting(ctx: ControllerContext): void {
  for (const svc of ctx.store.list("services")) {
    const spec = (svc.spec ?? {}) as { clusterIPs?: string[]; clusterIP?: string; ports?: { nodePort?: number }[] };
    for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) {
      const n = ipToInt(ip);
      if (!Number.isNaN(n)) ctx.api.allocators.clusterIPs.take(n);
    }
    for (const p of spec.ports ?? []) if (p.nodePort) ctx.api.allocators.nodePorts.take(p.nodePort);
    const hc = (svc.spec as { healthCheckNodePort?: number } | undefined)?.healthCheckNodePort;
    if (hc) ctx.api.allocators.nodePorts.take(hc);
    const ingress = (svc.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress ?? [];
    for (const i of ingress) if (i.ip) ctx.api.allocators.lbIPs.add(i.ip);
  }
  for (const node of ctx.store.list("nodes")) {
    const cidr = (node.spec as { podCIDR?: string } | undefined)?.podCIDR;
    if (cidr) ctx.ipam.setNodeBlock(node.metadata.name!, cidr);
  }
  for (const pod of ctx.store.list("pods")) {
    const spec = pod.spec as { hostNetwork?: boolean } | undefined;
    const ip = (pod.status as { podIP?: string } | undefined)?.podIP;
    if (ip && !spec?.hostNetwork) ctx.ipam.reserve(ip);
  }
}
