// kubectl patch -p '<patch>' [--type strategic|merge|json].
import { parse as parseYaml } from "yaml";
import type { PatchType } from "../../cluster/index.ts";
import { CmdError, StatusError } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { NO_RESOURCES } from "./delete.ts";
import { objectOutputFormat, printObjects } from "../printing.ts";
import { kindPrefix, parseResourceArgs, refFor } from "../resources.ts";
import { dryRunOf } from "../writes.ts";

export async function patch(inv: Invocation): Promise<number> {
  let text = inv.str("patch");
  if (!text && inv.str("patch-file")) {
    const t = await inv.ctx.fs.readFile(inv.str("patch-file"));
    if (t === undefined) throw new CmdError(`unable to read patch file: open ${inv.str("patch-file")}: no such file or directory`);
    text = t;
  }
  if (!text) throw new CmdError("must specify --patch or --patch-file containing the contents of the patch");
  const type = (inv.str("type") || "strategic") as PatchType;
  if (!["strategic", "merge", "json"].includes(type)) throw new CmdError(`--type must be one of [json merge strategic], not "${type}"`);
  let body: unknown;
  try {
    body = parseYaml(text);
  } catch {
    throw new CmdError(`unable to parse "${text}": yaml: did not find expected node content`);
  }
  if (inv.args.length === 0) throw new CmdError("no resources", 1, NO_RESOURCES);
  const dry = dryRunOf(inv);
  const fmt = await objectOutputFormat(inv);
  for (const { info, names } of parseResourceArgs(inv, inv.args)) {
    if (names.length === 0) throw new CmdError("resource(s) were provided, but no name was specified");
    for (const name of names) {
      const ref = refFor(info, name, inv.namespace);
      const before = inv.cluster.get(ref);
      if (!before.ok) throw new StatusError(before.status);
      const r = inv.cluster.patch(ref, type, body, dry === "none" ? {} : { dryRun: true });
      if (!r.ok) throw new StatusError(r.status);
      const strip = (o: unknown) => JSON.stringify(o, (k, v) => (k === "resourceVersion" || k === "managedFields" || k === "generation" ? undefined : v));
      const changed = strip(before.value) !== strip(r.value);
      if (fmt) inv.out(printObjects([r.value], fmt, { single: true, serverObjects: true }));
      else inv.out(`${kindPrefix(info)}/${name} patched${changed ? "" : " (no change)"}${dry === "client" ? " (dry run)" : dry === "server" ? " (server dry run)" : ""}\n`);
    }
  }
  return 0;
}
