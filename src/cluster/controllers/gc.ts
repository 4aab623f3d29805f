// The garbage collector: when an owner goes, its dependents go too (background
// propagation), found through an index of ownerReferences by owner uid.
import type { KObject, WatchEventType } from "../api/types.ts";
import type { Controller } from "./manager.ts";
import type { ControllerContext } from "./context.ts";
import { infoForKind } from "../api/resources.ts";

const id = (o: KObject) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;

export class GarbageCollector implements Controller {
  private dependents = new Map<string, Map<string, { kind: string; apiVersion: string; ns: string; name: string }>>();
  private orphaned: string[] = [];

  constructor(private readonly ctx: ControllerContext) {
    for (const objs of Object.values(ctx.store.dump())) for (const o of objs) this.index(o, undefined);
  }

  private index(obj: KObject | undefined, old: KObject | undefined): void {
    if (!obj?.metadata.ownerReferences && !old?.metadata.ownerReferences) return;
    // A new version shares its references with the old one unless they changed (status writes, slice updates).
    if (obj && old && obj.metadata.ownerReferences === old.metadata.ownerReferences) return;
    for (const r of old?.metadata.ownerReferences ?? []) this.dependents.get(r.uid)?.delete(id(old!));
    for (const r of obj?.metadata.ownerReferences ?? []) {
      let m = this.dependents.get(r.uid);
      if (!m) {
        m = new Map();
        this.dependents.set(r.uid, m);
      }
      m.set(id(obj!), { kind: obj!.kind, apiVersion: obj!.apiVersion, ns: obj!.metadata.namespace ?? "", name: obj!.metadata.name! });
    }
  }

  observe(type: WatchEventType, _key: string, obj: KObject, old: KObject | undefined): void {
    if (type === "DELETED") {
      this.index(undefined, obj);
      if (obj.metadata.uid && this.dependents.has(obj.metadata.uid)) this.orphaned.push(obj.metadata.uid);
    } else this.index(obj, old);
  }

  sync(): boolean {
    if (!this.orphaned.length) return false;
    const uids = this.orphaned.splice(0);
    for (const uid of uids) {
      const deps = this.dependents.get(uid);
      this.dependents.delete(uid);
      for (const d of deps?.values() ?? []) {
        const info = infoForKind(d.apiVersion, d.kind);
        if (!info) continue;
        const cur = this.ctx.store.get(`${info.group ? `${info.resource}.${info.group}` : info.resource}`, d.ns, d.name);
        // Only if it still names this owner: an adopted-away object stays.
        if (!cur || !cur.metadata.ownerReferences?.some((r) => r.uid === uid)) continue;
        this.ctx.api.delete({ group: info.group, resource: info.resource, namespace: d.ns || undefined, name: d.name });
      }
    }
    return true;
  }
}
