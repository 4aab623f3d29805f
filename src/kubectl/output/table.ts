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

const LINE_BREAK = /[\n\r\f]/;

function cellText(cell: TableCell | null | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell !== "string") return String(cell);
  const cut = cell.search(LINE_BREAK);
  return cut < 0 ? cell : cell.slice(0, cut) + "...";
}

/** Lines (TAB-separated, not yet aligned) for one table; empty when it has no rows. */
export function tableLines(table: Table, opts: TableOptions): string[] {
  // kubectl prints no header when the table has no rows.
  if (table.rows.length === 0) return [];
  const columns = table.columnDefinitions;
  // The indexes of the cells printed, in order (wide shows every priority).
  const shown: number[] = [];
  columns.forEach((c, i) => (opts.wide === true || c.priority === 0) && shown.push(i));
  const headers: string[] = [];
  if (opts.withNamespace) headers.push("NAMESPACE");
  for (const i of shown) headers.push(columns[i]!.name.toUpperCase());
  const labelColumns = opts.labelColumns ?? [];
  for (const l of labelColumns) headers.push(l.split("/").pop()!.toUpperCase());
  if (opts.showLabels) headers.push("LABELS");
  const lines: string[] = opts.noHeaders ? [] : [headers.join("\t")];
  const nameIndex = columns.findIndex((c) => c.format === "name");
  const prefix = opts.kindPrefix ? `${opts.kindPrefix}/` : "";
  // One string per row, built directly: a get over thousands of pods formats every cell.
  for (const row of table.rows) {
    const meta = row.object.metadata;
    let line = opts.withNamespace ? (meta.namespace ?? "") : undefined;
    for (const i of shown) {
      if (i >= row.cells.length) continue;
      const text = i === nameIndex ? prefix + cellText(row.cells[i]) : cellText(row.cells[i]);
      line = line === undefined ? text : `${line}\t${text}`;
    }
    for (const l of labelColumns) line = line === undefined ? (meta.labels?.[l] ?? "") : `${line}\t${meta.labels?.[l] ?? ""}`;
    if (opts.showLabels) line = line === undefined ? formatLabels(meta.labels) : `${line}\t${formatLabels(meta.labels)}`;
    lines.push(line ?? "");
  }
  return lines;
}

/** The aligned table text (with the trailing newline), or "" when there are no rows. */
export function renderTable(table: Table, opts: TableOptions = {}): string {
  const lines = tableLines(table, opts);
  return lines.length === 0 ? "" : tabwrite(lines.join("\n") + "\n", GET_TABWRITER);
}
