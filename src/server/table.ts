// Table responses (meta.k8s.io/v1 Table) built with the shared server-side printer;
// kinds the printer does not know get the generic Name / Created At table, as the
// real server's default table convertor does.
import type { KObject, ResourceInfo } from "../cluster/index.ts";
import type { PrintedTable, TableColumn, TablePrinter } from "./types.ts";

const NAME_DESCRIPTION =
  "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
const CREATED_DESCRIPTION =
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

export function defaultTable(objects: readonly KObject[]): PrintedTable {
  const columns: TableColumn[] = [
    { name: "Name", type: "string", format: "name", description: NAME_DESCRIPTION, priority: 0 },
    { name: "Created At", type: "date", format: "", description: CREATED_DESCRIPTION, priority: 0 },
  ];
  return {
    columns,
    rows: objects.map((o) => ({ cells: [o.metadata.name ?? "", o.metadata.creationTimestamp ?? null] })),
  };
}

export type IncludeObject = "None" | "Metadata" | "Object";

export function parseIncludeObject(v: string | null): IncludeObject {
  return v === "None" || v === "Object" ? v : "Metadata";
}

function partialMetadata(o: KObject): object {
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata };
}

export function toTable(
  printer: TablePrinter | undefined,
  info: ResourceInfo,
  objects: readonly KObject[],
  opts: { now: number; version: string; include: IncludeObject; resourceVersion?: string; continue?: string; remainingItemCount?: number; noHeaders?: boolean },
): object {
  const printed = printer?.(info, objects, { now: opts.now, wide: true }) ?? defaultTable(objects);
  const rows = printed.rows.map((row, i) => {
    const o = objects[i];
    const object = opts.include === "None" ? undefined : opts.include === "Object" ? o : partialMetadata(o);
    return { cells: row.cells, ...(object ? { object } : {}) };
  });
  const metadata: Record<string, unknown> = {};
  if (opts.resourceVersion !== undefined) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  return {
    kind: "Table",
    apiVersion: `meta.k8s.io/${opts.version}`,
    metadata,
    columnDefinitions: opts.noHeaders ? null : printed.columns,
    rows,
  };
}
