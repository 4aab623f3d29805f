// LoadBalancer Services. Without an address pool EXTERNAL-IP stays <pending>, as on
// bare metal. With one (the cluster file's `loadBalancerPool`, or a MetalLB
// `IPAddressPool` object created at runtime, e.g. in metallb-system) each
// LoadBalancer Service gets the lowest free address, MetalLB-style.
import type { KObject, WatchEventType } from "../api/types.ts";
import type { Controller } from "./manager.ts";
import type { ControllerContext } from "./context.ts";
import type { ServiceSpec } from "../api/service.ts";
import { clone } from "../api/objects.ts";
import { intToIp, ipToInt } from "../api/allocators.ts";
import { parsePoolEntry } from "../defaults/cluster-file.ts";
import { recordEvent } from "./events.ts";
import { KeyQueue } from "./workqueue.ts";

type LbStatus = { loadBalancer?: { ingress?: { ip?: string; ipMode?: string }[] } };

export class LoadBalancerController implements Controller {
  private queue = new KeyQueue();

  constructor(private readonly ctx: ControllerContext) {}

  observe(type: WatchEventType, key: string, obj: KObject): void {
    if (key === "services" && type !== "DELETED") this.queue.add(obj.metadata.namespace, obj.metadata.name);
    if (key === "ipaddresspools.metallb.io") {
      // A new pool can serve every Service still pending.
      for (const s of this.ctx.store.list("services")) if ((s.spec as ServiceSpec).type === "LoadBalancer") this.queue.add(s.metadata.namespace, s.metadata.name);
    }
  }

  private ranges(): { first: number; last: number }[] {
    // The cluster file's pool is materialised as IPAddressPool metallb-system/default-pool.
    const out: { first: number; last: number }[] = [];
    for (const pool of this.ctx.store.list("ipaddresspools.metallb.io")) {
      for (const e of ((pool.spec as { addresses?: string[] } | undefined)?.addresses ?? [])) {
        const r = parsePoolEntry(e);
        if (r) out.push(r);
      }
    }
    return out;
  }

  sync(): boolean {
    return this.queue.drain((ns, name) => {
      const svc = this.ctx.store.get("services", ns, name);
      if (svc) this.reconcile(svc);
    });
  }

  private reconcile(svc: KObject): void {
    const spec = svc.spec as ServiceSpec;
    const status = (svc.status ?? {}) as LbStatus;
    const current = status.loadBalancer?.ingress?.map((i) => i.ip).filter((x): x is string => !!x) ?? [];
    const lbIPs = this.ctx.api.allocators.lbIPs;
    if (spec.type !== "LoadBalancer") {
      if (current.length) {
        for (const ip of current) lbIPs.delete(ip);
        this.ctx.api.writeInternal({ ...clone(svc), status: { loadBalancer: {} } });
      }
      return;
    }
    if (current.length || spec.loadBalancerClass) return;
    const ranges = this.ranges();
    if (!ranges.length) return;
    const wantedText = spec.loadBalancerIP || svc.metadata.annotations?.["metallb.universe.tf/loadBalancerIPs"];
    let ip: string | undefined;
    if (wantedText) {
      const n = ipToInt(wantedText);
      if (!Number.isNaN(n) && !lbIPs.has(wantedText) && ranges.some((r) => n >= r.first && n <= r.last)) ip = wantedText;
    } else {
      outer: for (const r of ranges) {
        for (let n = r.first; n <= r.last; n++) {
          const cand = intToIp(n);
          // MetalLB skips the network and broadcast addresses of CIDR pools (.0 and .255).
          if ((n & 255) === 0 || (n & 255) === 255) continue;
          if (!lbIPs.has(cand)) {
            ip = cand;
            break outer;
          }
        }
      }
    }
    if (!ip) {
      recordEvent(this.ctx, svc, "Warning", "AllocationFailed", wantedText ? `Failed to allocate IP for "${svc.metadata.namespace}/${svc.metadata.name}": "${wantedText}" is not allowed in config` : `Failed to allocate IP for "${svc.metadata.namespace}/${svc.metadata.name}": no available IPs`, { component: "metallb-controller" });
      return;
    }
    lbIPs.add(ip);
    this.ctx.api.writeInternal({ ...clone(svc), status: { loadBalancer: { ingress: [{ ip, ipMode: "VIP" }] } } });
    recordEvent(this.ctx, svc, "Normal", "IPAllocated", `Assigned IP ["${ip}"]`, { component: "metallb-controller" });
  }
}
