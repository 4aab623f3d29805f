// Where the network layers keep what they remember between connections (ClientIP
// affinity, IPVS round-robin positions, the conntrack table). The cluster offers a
// storage object it snapshots (ClusterView.netState); a view without one (test fakes)
// gets a per-view object that simply is not persisted.
import type { ClusterView } from "../view.ts";

const unpersisted = new WeakMap<ClusterView, Record<string, unknown>>();

function memoryOf(view: ClusterView): Record<string, unknown> {
  const stored = view.netState?.();
  if (stored) return stored;
  let m = unpersisted.get(view);
  if (!m) unpersisted.set(view, (m = {}));
  return m;
}

/** A JSON-safe record slot: created empty, and replaced if a restored snapshot held something else. */
export function recordSlot<T>(view: ClusterView, key: string): Record<string, T> {
  const mem = memoryOf(view);
  const v = mem[key];
  if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, T>;
  const fresh: Record<string, T> = {};
  mem[key] = fresh;
  return fresh;
}

/** A JSON-safe list slot, with the same recovery from junk. */
export function listSlot<T>(view: ClusterView, key: string): T[] {
  const mem = memoryOf(view);
  const v = mem[key];
  if (Array.isArray(v)) return v as T[];
  const fresh: T[] = [];
  mem[key] = fresh;
  return fresh;
}
