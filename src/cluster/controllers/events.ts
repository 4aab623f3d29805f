// Event objects as the scheduler and the kubelet record them: one Event per
// (object, reason, message), counted up when it repeats.
import type { KObject } from "../api/types.ts";
import type { ControllerContext } from "./context.ts";
import { timestamp } from "../api/objects.ts";

export interface EventSource {
  component: string;
  host?: string;
}

/** Same object, reason and message: the recorder bumps the count of the existing event. */
export function eventKey(uid: string | undefined, reason: string, message: string, fieldPath: string | undefined): string {
  return `${uid}\u0000${reason}\u0000${message}\u0000${fieldPath ?? ""}`;
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
  const key = eventKey(obj.metadata.uid, reason, message, fieldPath);
  const existing = ctx.eventIndex.get(key);
  const e = existing && ctx.store.get("events", ns, existing);
  if (e) {
    ctx.api.writeInternal({ ...e, metadata: { ...e.metadata }, count: ((e.count as number) ?? 1) + 1, lastTimestamp: now });
    return;
  }
  // Real names are `<object>.<unix nanos in hex>`; the virtual clock plus a draw keeps them unique.
  const nanos = BigInt(ctx.clock.now()) * 1000000n + BigInt(ctx.random.int(1000000));
  const involved: Record<string, unknown> = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name,
    namespace: ns,
    resourceVersion: obj.metadata.resourceVersion,
    uid: obj.metadata.uid,
  };
  if (fieldPath) involved.fieldPath = fieldPath;
  const name = `${obj.metadata.name}.${nanos.toString(16)}`;
  ctx.eventIndex.set(key, name);
  ctx.api.writeInternal({
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace: ns, creationTimestamp: now, uid: `${obj.metadata.uid ?? ""}-${nanos.toString(16)}`.slice(-36) },
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
