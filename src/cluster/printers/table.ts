// metav1.Table as the API server returns it for `Accept: application/json;as=Table`.
// One printer builds it; the API server serves it and our kubectl renders it.
import type { KObject } from "../api/types.ts";

export interface TableColumnDefinition {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format: string;
  description: string;
  /** 0 = always shown; 1 = only with `-o wide`. */
  priority: number;
}

export type TableCell = string | number | boolean;

export interface TableRow {
  cells: TableCell[];
  object: KObject;
}

export interface Table {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata: { resourceVersion?: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** Columns plus how to turn one object into its cells (always the wide set: the client filters by priority). */
export interface Printer {
  columns: TableColumnDefinition[];
  row(obj: KObject, now: number): TableCell[];
}

export function col(
  name: string,
  description: string,
  opts: { type?: TableColumnDefinition["type"]; format?: string; priority?: number } = {},
): TableColumnDefinition {
  return { name, type: opts.type ?? "string", format: opts.format ?? "", description, priority: opts.priority ?? 0 };
}

export const NAME_COLUMN = col(
  "Name",
  "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
  { format: "name" },
);
export const AGE_COLUMN = col(
  "Age",
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
);

// Small typed readers over the loosely typed object JSON.
export type Json = Record<string, unknown>;
export function obj(v: unknown): Json {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};
}
export function arr(v: unknown): Json[] {
  return Array.isArray(v) ? (v as unknown[]).map(obj) : [];
}
export function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
export function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}
export function num(v: unknown): number {
  return typeof v === "number" ? v : 0;
}

/** Container names and images, comma-joined (the wide CONTAINERS/IMAGES columns). */
export function containerColumns(podSpec: unknown): [string, string] {
  const cs = arr(obj(podSpec).containers);
  return [cs.map((c) => str(c.name)).join(","), cs.map((c) => str(c.image)).join(",")];
}

/** `a,b,c + N more...` with at most `max` items listed. */
export function listWithMore(items: string[], max: number, total = items.length): string {
  const shown = items.slice(0, max).join(",");
  return total > max ? `${shown} + ${total - max} more...` : shown;
}
