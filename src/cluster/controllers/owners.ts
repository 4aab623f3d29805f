// Which objects a controller owns: an index of one resource's objects by the uid
// of their controlling ownerReference, kept current from store changes.
import type { KObject, WatchEventType } from "../api/types.ts";
import type { ObjectStore } from "../api/store.ts";

export function controllerUid(o: KObject): string | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller)?.uid;
}

const NONE: readonly string[] = [];

export class OwnerIndex {
  private byOwner = new Map<string, Map<string, KObject>>();

  constructor(
    private readonly resourceKey: string,
    store: ObjectStore,
  ) {
    for (const o of store.list(resourceKey)) this.observe("ADDED", resourceKey, o, undefined);
  }

  /** Returns the owner uids touched by the change (old and new owner). */
  observe(type: WatchEventType, key: string, obj: KObject, old: KObject | undefined): readonly string[] {
    if (key !== this.resourceKey) return NONE;
    const before = old && controllerUid(old);
    const after = type === "DELETED" ? undefined : controllerUid(obj);
    // Most pods have no owner (or are status writes of one): nothing to index, nothing to build.
    if (!before && !after) return NONE;
    const id = `${obj.metadata.namespace}/${obj.metadata.name}`;
    const touched: string[] = [];
    if (before) {
      this.byOwner.get(before)?.delete(id);
      touched.push(before);
    }
    if (after) {
      let m = this.byOwner.get(after);
      if (!m) {
        m = new Map();
        this.byOwner.set(after, m);
      }
      m.set(id, obj);
      if (after !== before) touched.push(after);
    }
    return touched;
  }

  owned(uid: string): KObject[] {
    return [...(this.byOwner.get(uid)?.values() ?? [])];
  }
}

export function ownerRef(owner: KObject): NonNullable<KObject["metadata"]["ownerReferences"]>[number] {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Owner uid -> "ns/name" of the owner, so a change to an owned object requeues its owner. */
export class UidMap {
  private m = new Map<string, string>();
  observe(type: WatchEventType, obj: KObject): void {
    if (type === "DELETED") this.m.delete(obj.metadata.uid!);
    else this.m.set(obj.metadata.uid!, `${obj.metadata.namespace}/${obj.metadata.name}`);
  }
  key(uid: string): string | undefined {
    return this.m.get(uid);
  }
}

/** A new version of a stored object: top level and metadata copied, everything else shared (stored objects are never mutated). */
export function revise(o: KObject, changes: Partial<KObject> = {}): KObject {
  return { ...o, ...changes, metadata: { ...o.metadata, ...changes.metadata } };
}

export function isActive(pod: KObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return !pod.metadata.deletionTimestamp && phase !== "Succeeded" && phase !== "Failed";
}

export function isReady(pod: KObject): boolean {
  const conds = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conds.some((c) => c.type === "Ready" && c.status === "True");
}

/** A new EndpointSlice `<owner>-<random>` owned by a Service (endpointslice controller) or Endpoints (mirroring). */
export function sliceFor(
  owner: KObject,
  labels: Record<string, string>,
  annotations: Record<string, string> | undefined,
  endpoints: unknown,
  ports: unknown,
): KObject {
  const metadata: KObject["metadata"] = {
    generateName: `${owner.metadata.name}-`,
    namespace: owner.metadata.namespace,
    labels,
    ownerReferences: [{ apiVersion: "v1", kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }],
  };
  if (annotations) metadata.annotations = annotations;
  return { apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", metadata, addressType: "IPv4", endpoints, ports };
}
