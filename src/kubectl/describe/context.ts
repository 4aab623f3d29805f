// What describers may read besides the object: related objects, events and the time.
import type { KObject } from "../../cluster/index.ts";

export interface DescribeContext {
  now: number;
  /** Objects of a resource (plural), optionally in a namespace and matching a label selector. */
  list(resource: string, namespace?: string, labelSelector?: string): KObject[];
  get(resource: string, namespace: string | undefined, name: string): KObject | undefined;
  /** Events whose involvedObject is `obj`; null when events are not shown (--show-events=false). */
  events(obj: KObject): KObject[] | null;
}

export type Json = Record<string, unknown>;
export const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
export const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
export const str = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
export const num = (v: unknown): number => (typeof v === "number" ? v : 0);

/** `Kind/name` of the controlling owner, or "". */
export function controllerOf(o: KObject): string {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : "";
}

/** Pods matched by a workload's selector, counted by phase. */
export function podsStatus(ctx: DescribeContext, o: KObject): string {
  const sel = obj(obj(o.spec).selector);
  const match = obj(sel.matchLabels);
  const selector = Object.entries(match).map(([k, v]) => `${k}=${str(v)}`).join(",");
  const pods = ctx.list("pods", o.metadata.namespace, selector).filter((p) => !p.metadata.ownerReferences || p.metadata.ownerReferences.some((r) => r.uid === o.metadata.uid));
  const count = (phase: string) => pods.filter((p) => str(obj(p.status).phase) === phase).length;
  return `${count("Running")} Running / ${count("Pending")} Waiting / ${count("Succeeded")} Succeeded / ${count("Failed")} Failed`;
}
