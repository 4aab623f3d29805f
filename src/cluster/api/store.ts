// The object store: one table per resource, keyed by namespace then name, with
// lists kept in etcd key order (namespace, then name) because that is the order the
// API server returns and kubectl prints. Sorted views are cached and dropped on change.
//
// Stored objects are never changed in place: a writer builds a new object (sharing
// the unchanged parts) and puts it. So readers share them without copying. Each one
// is deep-frozen when it is first handed out (a list, a write's result, a watch
// event), and a reader that tries to change it gets a TypeError instead of silently
// changing the cluster. Freezing on hand-out rather than on write skips the many
// versions only controllers ever see (a pod's start-up steps, Events).
import type { KObject, WatchEventType } from "./types.ts";

/**
 * Freeze `v` and everything below it, dropping undefined members (and turning
 * undefined array items into null) as the JSON a real API server stores would.
 * Frozen subtrees are shared with older versions and already done, so the walk stops there.
 */
export function freezeDeep<T>(v: T): T {
  if (v === null || typeof v !== "object" || Object.isFrozen(v)) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (v[i] === undefined) v[i] = null;
      else freezeDeep(v[i]);
    }
  } else {
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (x === undefined || typeof x === "function") delete o[k];
      else freezeDeep(x);
    }
  }
  return Object.freeze(v);
}

export type ChangeListener = (type: WatchEventType, resourceKey: string, obj: KObject, old: KObject | undefined) => void;

interface Table {
  byNs: Map<string, Map<string, KObject>>;
  // Key order only changes on add/remove, so it is cached; objects are looked up fresh.
  sortedNamespaces?: string[];
  sortedNames: Map<string, string[]>;
  // Materialised lists, dropped on any change to the table (the network layers list often, writes are rarer).
  cacheAll?: KObject[];
  cacheNs: Map<string, KObject[]>;
}

export class ObjectStore {
  private tables = new Map<string, Table>();
  private listeners: ChangeListener[] = [];
  private rv = 0;

  constructor(startRv = 0) {
    this.rv = startRv;
  }

  onChange(l: ChangeListener): () => void {
    this.listeners.push(l);
    return () => {
      this.listeners = this.listeners.filter((x) => x !== l);
    };
  }

  resourceVersion(): number {
    return this.rv;
  }

  nextResourceVersion(): string {
    this.rv += 1;
    return String(this.rv);
  }

  setResourceVersion(rv: number): void {
    this.rv = rv;
  }

  get(resourceKey: string, namespace: string, name: string): KObject | undefined {
    return this.tables.get(resourceKey)?.byNs.get(namespace)?.get(name);
  }

  /** The stored (frozen) objects in key order. */
  list(resourceKey: string, namespace?: string): readonly KObject[] {
    const t = this.tables.get(resourceKey);
    if (!t) return [];
    if (namespace === undefined) {
      if (!t.cacheAll) {
        t.sortedNamespaces ??= [...t.byNs.keys()].sort();
        const all: KObject[] = [];
        for (const ns of t.sortedNamespaces) for (const o of this.sortedNs(t, ns)) all.push(o);
        t.cacheAll = all;
      }
      return t.cacheAll;
    }
    if (!t.byNs.has(namespace)) return [];
    let l = t.cacheNs.get(namespace);
    if (!l) {
      l = this.sortedNs(t, namespace);
      t.cacheNs.set(namespace, l);
    }
    return l;
  }

  count(resourceKey: string): number {
    let n = 0;
    for (const m of this.tables.get(resourceKey)?.byNs.values() ?? []) n += m.size;
    return n;
  }

  private sortedNs(t: Table, ns: string): KObject[] {
    const m = t.byNs.get(ns)!;
    let names = t.sortedNames.get(ns);
    if (!names) {
      names = [...m.keys()].sort();
      t.sortedNames.set(ns, names);
    }
    return names.map((k) => freezeDeep(m.get(k)!));
  }

  /** Store (add or replace) and notify. The object must already carry its final resourceVersion. */
  put(resourceKey: string, obj: KObject): void {
    const ns = obj.metadata.namespace ?? "";
    const name = obj.metadata.name!;
    let t = this.tables.get(resourceKey);
    if (!t) {
      t = { byNs: new Map(), sortedNames: new Map(), cacheNs: new Map() };
      this.tables.set(resourceKey, t);
    }
    let m = t.byNs.get(ns);
    if (!m) {
      m = new Map();
      t.byNs.set(ns, m);
    }
    const old = m.get(name);
    m.set(name, obj);
    t.cacheAll = undefined;
    t.cacheNs.delete(ns);
    if (!old) {
      t.sortedNamespaces = undefined;
      t.sortedNames.delete(ns);
    }
    for (const l of this.listeners) l(old ? "MODIFIED" : "ADDED", resourceKey, obj, old);
  }

  remove(resourceKey: string, namespace: string, name: string): KObject | undefined {
    const t = this.tables.get(resourceKey);
    const m = t?.byNs.get(namespace);
    const old = m?.get(name);
    if (!t || !m || !old) return undefined;
    m.delete(name);
    if (m.size === 0) t.byNs.delete(namespace);
    t.cacheAll = undefined;
    t.cacheNs.delete(namespace);
    t.sortedNamespaces = undefined;
    t.sortedNames.delete(namespace);
    for (const l of this.listeners) l("DELETED", resourceKey, old, old);
    return old;
  }

  /** Every object of every resource, for snapshots. */
  dump(): Record<string, KObject[]> {
    const out: Record<string, KObject[]> = {};
    for (const key of [...this.tables.keys()].sort()) {
      const list = this.list(key);
      if (list.length) out[key] = [...list];
    }
    return out;
  }
}
