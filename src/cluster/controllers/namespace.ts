// Namespace lifecycle: every new namespace gets the kube-root-ca.crt ConfigMap and a
// `default` ServiceAccount; a terminating namespace has its contents deleted and
// disappears once its grace period is over.
import type { KObject, WatchEventType } from "../api/types.ts";
import type { Task } from "../clock.ts";
import type { Controller } from "./manager.ts";
import type { ControllerContext } from "./context.ts";
import { RESOURCES } from "../api/resources.ts";
import { keyOf } from "../api/server.ts";
import { timestamp } from "../api/objects.ts";
import { ROOT_CA_PEM } from "../defaults/certs.ts";

export class NamespaceController implements Controller {
  readonly tasks = ["namespace-finalize"];
  private added: string[] = [];
  private terminating: string[] = [];

  constructor(private readonly ctx: ControllerContext) {}

  observe(type: WatchEventType, key: string, obj: KObject, old: KObject | undefined): void {
    if (key !== "namespaces") return;
    if (type === "ADDED") this.added.push(obj.metadata.name!);
    if (type === "MODIFIED" && obj.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp) this.terminating.push(obj.metadata.name!);
  }

  sync(): boolean {
    if (!this.added.length && !this.terminating.length) return false;
    for (const ns of this.added.splice(0)) this.populate(ns);
    for (const ns of this.terminating.splice(0)) this.drain(ns);
    return true;
  }

  private populate(ns: string): void {
    const created = this.ctx.store.get("namespaces", "", ns)?.metadata.creationTimestamp ?? timestamp(this.ctx.clock.now());
    this.ctx.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "kube-root-ca.crt", namespace: ns, creationTimestamp: created, annotations: { "kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters." } },
      data: { "ca.crt": ROOT_CA_PEM },
    });
    this.ctx.api.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: ns } });
  }

  private drain(ns: string): void {
    for (const info of RESOURCES) {
      if (!info.namespaced) continue;
      for (const o of [...this.ctx.store.list(keyOf(info), ns)]) {
        this.ctx.api.delete({ group: info.group, resource: info.resource, namespace: ns, name: o.metadata.name! }, { gracePeriodSeconds: 0 });
      }
    }
    this.ctx.clock.schedule(5000, { type: "namespace-finalize", name: ns });
  }

  run(task: Task): void {
    const nsObj = this.ctx.store.get("namespaces", "", task.name!);
    if (!nsObj?.metadata.deletionTimestamp) return;
    // Anything created meanwhile goes too; then the namespace itself.
    for (const info of RESOURCES) {
      if (!info.namespaced) continue;
      for (const o of [...this.ctx.store.list(keyOf(info), task.name!)]) this.ctx.api.remove(info, o);
    }
    this.ctx.api.remove(RESOURCES.find((r) => r.kind === "Namespace")!, nsObj);
  }
}
