// Table responses (meta.k8s.io Table) built with the one server-side printer that the
// simulated kubectl also renders from (src/cluster/printers).
import type { KObject, ResourceInfo } from "../cluster/index.ts";
import { printerFor } from "../cluster/index.ts";

export type IncludeObject = "None" | "Metadata" | "Object";

export function parseIncludeObject(v: string | null): IncludeObject {
  return v === "None" || v === "Object" ? v : "Metadata";
}

function partialMetadata(o: KObject): object {
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata };
}

export interface TableOptions {
  now: number;
  version: string;
  include: IncludeObject;
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  /** Watch events after the first carry no column definitions, as the real server sends them. */
  noHeaders?: boolean;
}

export function toTable(info: ResourceInfo, objects: readonly KObject[], opts: TableOptions): object {
  const printer = printerFor(info.resource);
  const rows = objects.map((o) => {
    const object = opts.include === "None" ? undefined : opts.include === "Object" ? o : partialMetadata(o);
    return { cells: printer.row(o, opts.now), ...(object ? { object } : {}) };
  });
  const metadata: Record<string, unknown> = {};
  if (opts.resourceVersion !== undefined) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  return {
    kind: "Table",
    apiVersion: `meta.k8s.io/${opts.version}`,
    metadata,
    columnDefinitions: opts.noHeaders ? null : printer.columns,
    rows,
  };
}
