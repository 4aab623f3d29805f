// kubectl get: tables from the server printers, or -o yaml|json|name|jsonpath|custom-columns; -w.
import type { KObject, ResourceInfo, Status } from "../../cluster/index.ts";
import { printTable } from "../../cluster/index.ts";
import { CmdError, StatusError, statusText } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { tableLines, type TableOptions } from "../output/table.ts";
import { GET_TABWRITER, tabwrite } from "../output/tabwriter.ts";
import { goSort } from "../output/gosort.ts";
import { jsonPathValues, relaxedJsonPath } from "../output/jsonpath.ts";
import { outputFormat, printObjects } from "../printing.ts";
import { getRaw } from "./raw.ts";
import { watchGet } from "./watch.ts";
import { kindPrefix, listObjects, parseResourceArgs, refFor, type ResourceRequest } from "../resources.ts";

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

interface Fetched {
  info: ResourceInfo;
  objects: KObject[];
  /** Its list request failed (the error is reported with the others). */
  failed?: boolean;
}

function fetch(inv: Invocation, reqs: ResourceRequest[], errors: Status[]): Fetched[] {
  const allNamespaces = inv.bool("all-namespaces");
  const out: Fetched[] = [];
  for (const { info, names } of reqs) {
    if (names.length === 0) {
      // kubectl continues on error: a type whose list fails is reported, the others still print.
      try {
        out.push({ info, objects: listObjects(inv, info, { allNamespaces, labelSelector: inv.str("selector"), fieldSelector: inv.str("field-selector") }) });
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        errors.push(e.status);
        out.push({ info, objects: [], failed: true });
      }
      continue;
    }
    const objects: KObject[] = [];
    for (const name of names) {
      const r = inv.cluster.get(refFor(info, name, inv.namespace));
      if (r.ok) objects.push(r.value);
      else if (!(inv.bool("ignore-not-found") && r.status.reason === "NotFound")) errors.push(r.status);
    }
    out.push({ info, objects });
  }
  return out;
}

/**
 * --sort-by (kubectl's TableSorter): Go's unstable sort.Sort over the server's order,
 * where an object without the field counts as smaller than anything. Null when no object
 * has the field, which kubectl treats as an error that leaves nothing printed.
 */
function sortBy(objs: KObject[], expr: string): KObject[] | null {
  const path = relaxedJsonPath(expr);
  const keyed = objs.map((o) => ({ o, key: jsonPathValues(path, o)[0] }));
  if (keyed.length > 0 && keyed.every((k) => k.key === undefined)) return null;
  goSort({
    len: keyed.length,
    less: (i, j) => {
      const a = keyed[i]!.key;
      const b = keyed[j]!.key;
      if (a === undefined) return true;
      if (b === undefined) return false;
      if (typeof a === "number" && typeof b === "number") return a < b;
      return String(a) < String(b);
    },
    swap: (i, j) => ([keyed[i], keyed[j]] = [keyed[j]!, keyed[i]!]),
  });
  return keyed.map((k) => k.o);
}

function noResourcesMessage(inv: Invocation, fetched: Fetched[]): string {
  const namespaced = fetched.some((f) => f.info.namespaced);
  if (inv.bool("all-namespaces") || !namespaced) return "No resources found\n";
  return `No resources found in ${inv.namespace} namespace.\n`;
}

export async function get(inv: Invocation): Promise<number> {
  if (inv.has("raw")) return getRaw(inv);
  if (inv.args.length === 0) throw new CmdError("Required resource not specified.", 1, NO_TYPE);
  const reqs = parseResourceArgs(inv, inv.args);
  const errors: Status[] = [];
  const fetched = fetch(inv, reqs, errors);
  // kubectl builds the printer for every list it got back and every object found, not for a name that was not found.
  const found = fetched.some((f, i) => f.objects.length > 0 || (reqs[i]!.names.length === 0 && !f.failed));
  const fmt = found ? (await outputFormat(inv, true))! : await outputFormat(inv, true).catch(() => ({ kind: "table" as const, wide: false }));
  if (!fmt) throw new CmdError("no output format");
  if (inv.str("sort-by")) {
    for (const f of fetched) {
      const sorted = sortBy(f.objects, inv.str("sort-by"));
      if (sorted === null) {
        // The table printer swallows the sorter's error (and prints nothing); the others report it.
        if (fmt.kind !== "table") throw new CmdError(`couldn't find any field with path ${JSON.stringify(relaxedJsonPath(inv.str("sort-by")))} in the list of objects`);
        inv.err(noResourcesMessage(inv, fetched));
        return 0;
      }
      f.objects = sorted;
    }
  }
  if (inv.bool("watch") || inv.bool("watch-only")) {
    if (inv.str("sort-by")) inv.err(`warning: --${inv.bool("watch-only") ? "watch-only requested, --sort-by will be ignored" : "watch requested, --sort-by will be ignored for watch events received"}\n`);
    for (const s of errors) inv.err(statusText(s));
    if (errors.length > 0) return 1;
    return watchGet(inv, [...new Set(reqs.map((r) => r.info))], reqs[0]?.names ?? [], fetched.flatMap((f) => f.objects), fmt);
  }
  const now = inv.cluster.now();

  if (fmt.kind !== "table") {
    const single = reqs.length === 1 && reqs[0]!.names.length === 1;
    const objs = fetched.flatMap((f) => f.objects);
    if (!(single && objs.length === 0)) inv.out(printObjects(objs, fmt, { single, serverObjects: true, noHeaders: inv.bool("no-headers") }));
    for (const s of errors) inv.err(statusText(s));
    return errors.length > 0 ? 1 : 0;
  }

  const nonEmpty = fetched.filter((f) => f.objects.length > 0);
  // With server-side tables every listed type is one result even when empty, so
  // `get svc,deploy` prefixes names although only Services exist.
  const results = fetched.filter((f, i) => (reqs[i]!.names.length === 0 && !f.failed) || f.objects.length > 0);
  const multiKind = new Set(results.map((f) => `${f.info.group}/${f.info.kind}`)).size > 1;
  let written = "";
  for (const f of nonEmpty) {
    const opts: TableOptions = {
      wide: fmt.wide,
      withNamespace: inv.bool("all-namespaces") && f.info.namespaced,
      showLabels: inv.bool("show-labels"),
      labelColumns: inv.list("label-columns"),
      noHeaders: inv.bool("no-headers"),
    };
    if (multiKind || inv.bool("show-kind")) opts.kindPrefix = kindPrefix(f.info);
    const lines = tableLines(printTable(f.info.resource, f.objects, now), opts);
    // Each kind is its own table: widths reset, one blank line between kinds.
    if (written !== "") written += "\n";
    written += tabwrite(lines.join("\n") + "\n", GET_TABWRITER);
  }
  if (written !== "") inv.out(written);
  for (const s of errors) inv.err(statusText(s));
  if (written === "" && errors.length === 0 && !inv.bool("ignore-not-found")) inv.err(noResourcesMessage(inv, fetched));
  return errors.length > 0 ? 1 : 0;
}
