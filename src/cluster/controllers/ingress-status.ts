// ingress-nginx publishes where its Ingresses are reachable in their status: the
// controller Service's LoadBalancer address, or (NodePort, bare metal) the address
// of the node its pod runs on. That is the ADDRESS column of `kubectl get ingress`.
import type { KObject, WatchEventType } from "../api/types.ts";
import type { Controller } from "./manager.ts";
import type { ControllerContext } from "./context.ts";
import { clone, deepEqual } from "../api/objects.ts";

const NS = "ingress-nginx";
const NAME = "ingress-nginx-controller";

export class IngressStatusController implements Controller {
  private dirty = false;

  constructor(private readonly ctx: ControllerContext) {}

  observe(_type: WatchEventType, key: string, obj: KObject): void {
    if (key === "ingresses.networking.k8s.io" || key === "ingressclasses.networking.k8s.io") this.dirty = true;
    else if ((key === "services" || key === "pods") && obj.metadata.namespace === NS) this.dirty = true;
  }

  private addresses(): string[] {
    const svc = this.ctx.store.get("services", NS, NAME);
    if (!svc) return [];
    const lb = (svc.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress ?? [];
    const ips = lb.map((i) => i.ip).filter((x): x is string => !!x);
    if (ips.length || (svc.spec as { type?: string }).type === "LoadBalancer") return ips;
    const out = new Set<string>();
    for (const p of this.ctx.store.list("pods", NS)) {
      if (p.metadata.labels?.["app.kubernetes.io/component"] !== "controller") continue;
      const st = p.status as { phase?: string; hostIP?: string } | undefined;
      if (st?.phase === "Running" && st.hostIP && !p.metadata.deletionTimestamp) out.add(st.hostIP);
    }
    return [...out].sort();
  }

  private isNginx(ing: KObject, defaultClass: string | undefined): boolean {
    const cls = (ing.spec as { ingressClassName?: string } | undefined)?.ingressClassName ?? ing.metadata.annotations?.["kubernetes.io/ingress.class"] ?? defaultClass;
    if (!cls) return false;
    const ic = this.ctx.store.get("ingressclasses.networking.k8s.io", "", cls);
    return (ic?.spec as { controller?: string } | undefined)?.controller === "k8s.io/ingress-nginx";
  }

  sync(): boolean {
    if (!this.dirty) return false;
    this.dirty = false;
    const ips = this.addresses();
    const defaultClass = this.ctx.store
      .list("ingressclasses.networking.k8s.io")
      .find((c) => c.metadata.annotations?.["ingressclass.kubernetes.io/is-default-class"] === "true")?.metadata.name;
    for (const ing of this.ctx.store.list("ingresses.networking.k8s.io")) {
      if (!this.isNginx(ing, defaultClass)) continue;
      const status = { loadBalancer: ips.length ? { ingress: ips.map((ip) => ({ ip })) } : {} };
      if (deepEqual(ing.status ?? { loadBalancer: {} }, status)) continue;
      this.ctx.api.writeInternal({ ...clone(ing), status });
    }
    return true;
  }
}
