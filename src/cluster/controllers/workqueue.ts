// The shape every owner-driven controller shares: a set of "ns/name" keys to
// reconcile, fed by changes to the owner kind and to the objects it owns.
import type { KObject, WatchEventType } from "../api/types.ts";
import type { Controller } from "./manager.ts";
import type { ControllerContext } from "./context.ts";
import { OwnerIndex, UidMap } from "./owners.ts";

/** Deduplicated "ns/name" keys; draining hands each one over once. */
export class KeyQueue {
  // The parts are kept beside the key, so draining need not split it again.
  private keys = new Map<string, [string, string]>();

  add(namespace: string | undefined, name: string | undefined): void {
    const ns = namespace ?? "";
    const n = name ?? "";
    const k = `${ns}/${n}`;
    if (!this.keys.has(k)) this.keys.set(k, [ns, n]);
  }

  get size(): number {
    return this.keys.size;
  }

  /** Run `fn` for every queued key (keys added meanwhile wait for the next drain). */
  drain(fn: (namespace: string, name: string) => void): boolean {
    if (!this.keys.size) return false;
    const batch = this.keys;
    this.keys = new Map();
    for (const [ns, name] of batch.values()) fn(ns, name);
    return true;
  }
}

/** A controller of `ownerKey` objects that own `ownedKey` objects (Deployment -> ReplicaSets, ReplicaSet -> Pods). */
export abstract class OwnerController implements Controller {
  protected readonly queue = new KeyQueue();
  protected readonly owned: OwnerIndex;
  private readonly uids = new UidMap();

  constructor(
    protected readonly ctx: ControllerContext,
    private readonly ownerKey: string,
    ownedKey: string,
  ) {
    this.owned = new OwnerIndex(ownedKey, ctx.store);
    for (const o of ctx.store.list(ownerKey)) this.uids.observe("ADDED", o);
  }

  observe(type: WatchEventType, key: string, obj: KObject, old: KObject | undefined): void {
    if (key === this.ownerKey) {
      this.uids.observe(type, obj);
      if (type !== "DELETED") this.queue.add(obj.metadata.namespace, obj.metadata.name);
      return;
    }
    for (const uid of this.owned.observe(type, key, obj, old)) {
      const k = this.uids.key(uid);
      if (k) {
        const i = k.indexOf("/");
        this.queue.add(k.slice(0, i), k.slice(i + 1));
      }
    }
  }

  sync(): boolean {
    return this.queue.drain((ns, name) => {
      const o = this.ctx.store.get(this.ownerKey, ns, name);
      if (o && !o.metadata.deletionTimestamp) this.reconcile(o);
    });
  }

  protected abstract reconcile(owner: KObject): void;
}
