// kubectl get -w / --watch-only / --output-watch-events (k/kubectl get.go watch): the
// current objects, then one line (or object) per change.
//
// How long it runs depends on who can stop it:
// - in the browser terminal (an AbortSignal: Ctrl-C), virtual time follows real time,
//   a second at a time, until the learner interrupts;
// - headless (labnotes exec, tests: no signal), the cluster runs until it has nothing left
//   to do (settle), every change is printed, and the watch ends as if interrupted then.
import type { KObject, ResourceInfo, WatchEvent } from "../../cluster/index.ts";
import { printTable } from "../../cluster/index.ts";
import { CmdError } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { tableLines, type TableOptions } from "../output/table.ts";
import { GET_TABWRITER } from "../output/tabwriter.ts";
import { printObjects, type OutputFormat } from "../printing.ts";

/**
 * A tabwriter whose column widths survive between flushes and only grow (liggitt/tabwriter
 * RememberWidths), so later rows line up with the first table.
 */
class RememberingTable {
  private widths: number[] = [];
  render(lines: string[]): string {
    for (const line of lines) {
      line.split("\t").forEach((c, i, cells) => {
        if (i < cells.length - 1) this.widths[i] = Math.max(this.widths[i] ?? GET_TABWRITER.minwidth, [...c].length + GET_TABWRITER.padding);
      });
    }
    return lines.map((l) => l.split("\t").map((c, i, cells) => (i < cells.length - 1 ? c.padEnd(this.widths[i]!) : c)).join("") + "\n").join("");
  }
}

/** cli-runtime pads the event type to the width of MODIFIED. */
function eventColumn(type: string): string {
  return type.padEnd(8);
}

/** Wait on the learner: a second of virtual time per real second until Ctrl-C, calling `tick` after each. */
export async function everySecondUntilInterrupted(inv: Invocation, signal: AbortSignal, tick: () => void = () => {}): Promise<void> {
  while (!signal.aborted) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });
    if (signal.aborted) return;
    inv.cluster.advance(1000);
    tick();
  }
}

export async function watchGet(inv: Invocation, infos: ResourceInfo[], names: string[], objects: KObject[], fmt: OutputFormat): Promise<number> {
  if (infos.length !== 1) throw new CmdError("you may only specify a single resource type");
  const info = infos[0]!;
  const events = inv.bool("output-watch-events");
  const table = new RememberingTable();
  let headerShown = false;
  let printed = 0;
  const opts: TableOptions = {
    wide: fmt.kind === "table" && fmt.wide,
    withNamespace: inv.bool("all-namespaces") && info.namespaced,
    showLabels: inv.bool("show-labels"),
    labelColumns: inv.list("label-columns"),
  };
  /** Rows of one flush: the initial list is one batch, so it aligns as a whole. */
  const print = (batch: WatchEvent[]) => {
    if (batch.length === 0) return;
    if (fmt.kind !== "table") {
      for (const e of batch) {
        const shown: unknown = events ? { type: e.type, object: e.object } : e.object;
        // cli-runtime's YAML printer separates every object after the first with ---.
        if (fmt.kind === "yaml" && printed++ > 0) inv.out("---\n");
        inv.out(printObjects([shown as KObject], fmt, { single: true, serverObjects: true }));
      }
      return;
    }
    const withHeader = !headerShown && !inv.bool("no-headers");
    const lines = tableLines(printTable(info.resource, batch.map((e) => e.object), inv.cluster.now()), { ...opts, noHeaders: !withHeader });
    const rows = events ? lines.map((l, i) => `${withHeader && i === 0 ? "EVENT" : eventColumn(batch[i - (withHeader ? 1 : 0)]!.type)}\t${l}`) : lines;
    headerShown = true;
    inv.out(table.render(rows));
  };
  if (!inv.bool("watch-only")) print(objects.map((object) => ({ type: "ADDED", object })));

  const listOpts: { namespace?: string; labelSelector?: string; fieldSelector?: string } = {};
  if (info.namespaced && !inv.bool("all-namespaces")) listOpts.namespace = inv.namespace;
  if (inv.str("selector")) listOpts.labelSelector = inv.str("selector");
  if (inv.str("field-selector")) listOpts.fieldSelector = inv.str("field-selector");
  const wanted = new Set(names);
  const stop = inv.cluster.watch({ group: info.group, resource: info.resource }, listOpts, (e) => {
    if (wanted.size === 0 || wanted.has(e.object.metadata.name ?? "")) print([e]);
  });
  try {
    const signal = inv.ctx.signal;
    if (signal) await everySecondUntilInterrupted(inv, signal);
    else inv.cluster.settle();
  } finally {
    stop();
  }
  return 0;
}
