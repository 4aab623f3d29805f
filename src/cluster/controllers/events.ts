// Event objects as the scheduler and the kubelet record them: one Event per
// (object, reason, message), counted up when it repeats.
import type { KObject } from "../api/types.ts";
import type { ControllerContext } from "./context.ts";
import { timestamp } from "../api/objects.ts";

export interface EventSource {
  component: string;
  host?: string;
}

/** ms * 1e6 + extra, in hex, without BigInt: the milliseconds are split at 2^32 so nothing exceeds 2^53. */
export function unixNanosHex(ms: number, extraNanos: number): string {
  const hi = Math.floor(ms / 4294967296);
  const lo = ms - hi * 4294967296;
  const loN = lo * 1e6 + extraNanos;
  const carry = Math.floor(loN / 4294967296);
  const low32 = loN - carry * 4294967296;
  const high = hi * 1e6 + carry;
  return high ? high.toString(16) + low32.toString(16).padStart(8, "0") : low32.toString(16);
}

interface Recorded {
  reason: string;
  message: string;
  fieldPath: string;
  name: string;
}

/**
 * The recorder's dedup index: same object, reason, message and fieldPath means the
 * recorder bumps the count of the existing event. Kept per involved object, because
 * an object has a handful of events: a short scan beats hashing a long joined key
 * for each of the tens of thousands of events a big apply records.
 */
export class EventIndex {
  private byUid = new Map<string, Recorded[]>();

  /** Built from stored events (after a restore). */
  static of(events: Iterable<KObject>): EventIndex {
    const ix = new EventIndex();
    for (const e of events) {
      const io = (e.involvedObject ?? {}) as { uid?: string; fieldPath?: string };
      ix.add(io.uid, String(e.reason), String(e.message), io.fieldPath, e.metadata.name!);
    }
    return ix;
  }

  find(uid: string | undefined, reason: string, message: string, fieldPath: string | undefined): string | undefined {
    const fp = fieldPath ?? "";
    for (const r of this.byUid.get(uid ?? "") ?? []) if (r.reason === reason && r.message === message && r.fieldPath === fp) return r.name;
    return undefined;
  }

  add(uid: string | undefined, reason: string, message: string, fieldPath: string | undefined, name: string): void {
    const fp = fieldPath ?? "";
    const list = this.byUid.get(uid ?? "");
    const entry = { reason, message, fieldPath: fp, name };
    if (!list) {
      this.byUid.set(uid ?? "", [entry]);
      return;
    }
    const i = list.findIndex((r) => r.reason === reason && r.message === message && r.fieldPath === fp);
    if (i < 0) list.push(entry);
    else list[i] = entry;
  }
}

export function recordEvent(
  ctx: ControllerContext,
  obj: KObject,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
  source: EventSource,
  fieldPath?: string,
): void {
  const ns = obj.metadata.namespace ?? "default";
  const now = timestamp(ctx.clock.now());
  const existing = ctx.eventIndex.find(obj.metadata.uid, reason, message, fieldPath);
  const e = existing && ctx.store.get("events", ns, existing);
  if (e) {
    ctx.api.writeInternal({ ...e, metadata: { ...e.metadata }, count: ((e.count as number) ?? 1) + 1, lastTimestamp: now });
    return;
  }
  // Real names are `<object>.<unix nanos in hex>`; the virtual clock plus a draw keeps them unique.
  const nanosHex = unixNanosHex(ctx.clock.now(), ctx.random.int(1000000));
  const involved: Record<string, unknown> = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name,
    namespace: ns,
    resourceVersion: obj.metadata.resourceVersion,
    uid: obj.metadata.uid,
  };
  if (fieldPath) involved.fieldPath = fieldPath;
  const name = `${obj.metadata.name}.${nanosHex}`;
  ctx.eventIndex.add(obj.metadata.uid, reason, message, fieldPath, name);
  ctx.api.writeInternal({
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace: ns, creationTimestamp: now, uid: `${obj.metadata.uid ?? ""}-${nanosHex}`.slice(-36) },
    involvedObject: involved,
    reason,
    message,
    source: { ...source },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type,
    eventTime: null,
    reportingComponent: source.component,
    reportingInstance: source.host ?? "",
  });
}
