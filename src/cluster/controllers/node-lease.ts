// The Leases a kubeadm cluster keeps: every kubelet creates its node's Lease in
// kube-node-lease once the Node is registered, and kube-controller-manager and
// kube-scheduler each hold a leader-election Lease in kube-system. Renewal is computed
// on read (api/lease.ts), so this controller only creates what is missing.
import type { KObject, WatchEventType } from "../api/types.ts";
import type { Controller } from "./manager.ts";
import type { ControllerContext } from "./context.ts";
import { LEADER_LEASES, NODE_LEASE_NAMESPACE, leaderLease, nodeLease } from "../api/lease.ts";

const LEASES = "leases.coordination.k8s.io";

export class NodeLeaseController implements Controller {
  private nodes: string[] = [];

  constructor(private readonly ctx: ControllerContext) {}

  observe(type: WatchEventType, key: string, obj: KObject): void {
    if (key === "nodes" && type === "ADDED") this.nodes.push(obj.metadata.name!);
  }

  sync(): boolean {
    if (!this.nodes.length) return false;
    for (const name of this.nodes.splice(0)) {
      const node = this.ctx.store.get("nodes", "", name);
      if (!node) continue;
      if (!this.ctx.store.get(LEASES, NODE_LEASE_NAMESPACE, name)) this.ctx.api.writeInternal(nodeLease(node));
      if (!Object.keys(node.metadata.labels ?? {}).includes("node-role.kubernetes.io/control-plane")) continue;
      for (const component of LEADER_LEASES) {
        if (!this.ctx.store.get(LEASES, "kube-system", component))
          this.ctx.api.writeInternal(leaderLease(component, name, node.metadata.creationTimestamp ?? ""));
      }
    }
    return true;
  }
}
