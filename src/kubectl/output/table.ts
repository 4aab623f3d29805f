// Client side of `kubectl get`: render a server Table the way cli-runtime's
// tableprinter does (priority filter, NAMESPACE/-L/LABELS decoration, kind prefix).
import type { Table, TableCell } from "../../cluster/index.ts";
import { formatLabels } from "../../cluster/index.ts";
import { GET_TABWRITER, tabwrite } from "./tabwriter.ts";

export interface TableOptions {
  wide?: boolean;
  withNamespace?: boolean;
  /** `service`, `deployment.apps`: prefix NAME cells with `kind/` (several kinds in one get). */
  kindPrefix?: string;
  showLabels?: boolean;
  labelColumns?: string[];
  noHeaders?: boolean;
}

function cellText(cell: TableCell | null | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell !== "string") return String(cell);
  const cut = cell.search(/[\n\r\f]/);
  return cut < 0 ? cell : cell.slice(0, cut) + "...";
}

/** Lines (TAB-separated, not yet aligned) for one table; empty when it has no rows. */
export function tableLines(table: Table, opts: TableOptions): string[] {
  // kubectl prints no header when the table has no rows.
  if (table.rows.length === 0) return [];
  const keep = table.columnDefinitions.map((c) => opts.wide === true || c.priority === 0);
  const headers: string[] = [];
  if (opts.withNamespace) headers.push("NAMESPACE");
  table.columnDefinitions.forEach((c, i) => keep[i] && headers.push(c.name.toUpperCase()));
  for (const l of opts.labelColumns ?? []) headers.push(l.split("/").pop()!.toUpperCase());
  if (opts.showLabels) headers.push("LABELS");
  const lines: string[] = opts.noHeaders ? [] : [headers.join("\t")];
  const nameIndex = table.columnDefinitions.findIndex((c) => c.format === "name");
  for (const row of table.rows) {
    const cells: string[] = [];
    const meta = row.object.metadata;
    if (opts.withNamespace) cells.push(meta.namespace ?? "");
    row.cells.forEach((cell, i) => {
      if (i >= keep.length || !keep[i]) return;
      const text = cellText(cell);
      cells.push(i === nameIndex && opts.kindPrefix ? `${opts.kindPrefix}/${text}` : text);
    });
    for (const l of opts.labelColumns ?? []) cells.push(meta.labels?.[l] ?? "");
    if (opts.showLabels) cells.push(formatLabels(meta.labels));
    lines.push(cells.join("\t"));
  }
  return lines;
}

/** The aligned table text (with the trailing newline), or "" when there are no rows. */
export function renderTable(table: Table, opts: TableOptions = {}): string {
  const lines = tableLines(table, opts);
  return lines.length === 0 ? "" : tabwrite(lines.join("\n") + "\n", GET_TABWRITER);
}
