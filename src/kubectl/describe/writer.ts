// describe's PrefixWriter: lines at indent levels with TAB-separated cells, aligned
// at the end by one Go tabwriter (minwidth 0, padding 2), exactly as tabbedString does.
import type { KObject } from "../../cluster/index.ts";
import { humanDuration } from "../../cluster/index.ts";
import { DESCRIBE_TABWRITER, tabwrite } from "../output/tabwriter.ts";

export class DescribeWriter {
  private text = "";
  /** Write at level 0..3 (0, 2, 4 or 6 spaces of indent). */
  write(level: number, s: string): void {
    this.text += "  ".repeat(level) + s;
  }
  line(level: number, s: string): void {
    this.write(level, s + "\n");
  }
  toString(): string {
    return tabwrite(this.text, DESCRIBE_TABWRITER);
  }
  /** The text with its TABs left in, as `rollout history --revision` prints it. */
  raw(): string {
    return this.text;
  }
}

/** Go time.RFC1123Z in UTC: `Thu, 01 Jan 2026 00:00:00 +0000`. */
export function rfc1123z(ts: string | undefined | null): string {
  if (!ts) return "Mon, 01 Jan 0001 00:00:00 +0000";
  const d = new Date(ts);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Go time.Time.String() in UTC: `2026-01-01 00:00:00 +0000 UTC`. */
export function goTimeString(ts: string | undefined | null): string {
  const d = new Date(ts ?? 0);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 UTC`;
}

/** `Labels:\tk=v` with further labels on their own lines under the value column. */
export function printLabels(w: DescribeWriter, title: string, labels: Record<string, string> | undefined, initialIndent = "", innerIndent = "\t"): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const HIDDEN_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);
const MAX_ANNOTATION_LEN = 140;

export function printAnnotations(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !HIDDEN_ANNOTATIONS.has(k)).sort();
  if (keys.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, "\t");
    const value = annotations![k]!.replace(/\n$/, "");
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(0, `${k}:\n`);
      for (const s of value.split("\n")) w.write(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + "..." : s}\n`);
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

/** The Events section: `Events:\t<none>`, or a table sorted by last timestamp. */
export function printEvents(w: DescribeWriter, events: KObject[], now: number): void {
  if (events.length === 0) {
    w.write(0, "Events:\t<none>\n");
    return;
  }
  const at = (e: KObject) => Date.parse(String(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? 0));
  const sorted = [...events].sort((a, b) => at(a) - at(b));
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    const first = String(e.eventTime ?? e.firstTimestamp ?? "");
    const firstAge = first ? humanDuration(now - Date.parse(first)) : "<unknown>";
    const count = typeof e.count === "number" ? e.count : 1;
    const series = e.series as { count?: number; lastObservedTime?: string } | undefined;
    let interval = firstAge;
    if (series) interval = `${humanDuration(now - Date.parse(series.lastObservedTime ?? first))} (x${series.count ?? 1} over ${firstAge})`;
    else if (count > 1) interval = `${humanDuration(now - Date.parse(String(e.lastTimestamp ?? first)))} (x${count} over ${firstAge})`;
    const source = (e.source as { component?: string } | undefined)?.component || String(e.reportingComponent ?? "");
    w.write(1, `${String(e.type ?? "")}\t${String(e.reason ?? "")}\t${interval}\t${source}\t${String(e.message ?? "").trim()}\n`);
  }
}

/** The opening every describer shares: Name, [Namespace], Labels, Annotations. */
export function printHeader(w: DescribeWriter, o: KObject, withNamespace = true): void {
  w.write(0, `Name:\t${o.metadata.name}\n`);
  if (withNamespace) w.write(0, `Namespace:\t${o.metadata.namespace}\n`);
  printLabels(w, "Labels", o.metadata.labels);
  printAnnotations(w, "Annotations", o.metadata.annotations);
}

/** The closing Events section, unless --show-events=false; returns the finished text. */
export function finish(w: DescribeWriter, o: KObject, ctx: { now: number; events(o: KObject): KObject[] | null }): string {
  const events = ctx.events(o);
  if (events) printEvents(w, events, ctx.now);
  return w.toString();
}
