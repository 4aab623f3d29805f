// kubectl set image (k/kubectl pkg/cmd/set/set_image.go): change container images in the
// pod template (or a pod's spec); an object already at those images is left alone, silently.
import type { KObject } from "../../cluster/index.ts";
import { CmdError, StatusError } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { objectOutputFormat, printObjects } from "../printing.ts";
import { kindPrefix, listObjects, parseResourceArgs, refFor } from "../resources.ts";
import { dryRunOf } from "../writes.ts";
import { NO_RESOURCES } from "./delete.ts";

type Container = { name?: string; image?: string };
type PodSpec = { containers?: Container[]; initContainers?: Container[] };

/** Where each kind keeps its pod spec (polymorphichelpers.UpdatePodSpecForObject). */
function podSpecOf(obj: KObject): PodSpec | undefined {
  const spec = obj.spec as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  if (obj.kind === "Pod") return spec as PodSpec;
  if (obj.kind === "CronJob") return ((spec.jobTemplate as { spec?: { template?: { spec?: PodSpec } } } | undefined)?.spec?.template?.spec);
  return (spec.template as { spec?: PodSpec } | undefined)?.spec;
}

export async function setImage(inv: Invocation): Promise<number> {
  const pairs = inv.args.filter((a) => a.includes("="));
  const resources = inv.args.filter((a) => !a.includes("="));
  const fmt = await objectOutputFormat(inv);
  const dry = dryRunOf(inv);
  if (resources.length === 0 && inv.list("filename").length === 0) throw new CmdError("no resources", 1, NO_RESOURCES);
  const objects: KObject[] = [];
  for (const { info, names } of parseResourceArgs(inv, resources)) {
    if (names.length > 0) {
      for (const name of names) {
        const r = inv.cluster.get(refFor(info, name, inv.namespace));
        if (!r.ok) throw new StatusError(r.status);
        objects.push(r.value);
      }
    } else if (inv.bool("all") || inv.str("selector")) {
      objects.push(...listObjects(inv, info, { labelSelector: inv.str("selector") }));
    } else {
      throw new CmdError("resource(s) were provided, but no name was specified");
    }
  }
  if (pairs.length === 0) throw new CmdError("at least one image update is required");
  const images = pairs.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)] as const);
  const errors: string[] = [];
  for (const obj of objects) {
    const info = inv.cluster.resources().find((r) => r.kind === obj.kind && obj.apiVersion === (r.group ? `${r.group}/${r.version}` : r.version))!;
    const spec = podSpecOf(obj);
    const changed = JSON.parse(JSON.stringify(obj)) as KObject;
    const target = podSpecOf(changed);
    if (!spec || !target) continue;
    for (const [name, image] of images) {
      let found = false;
      for (const c of [...(target.initContainers ?? []), ...(target.containers ?? [])]) {
        if (name === "*" || c.name === name) {
          c.image = image;
          found = true;
        }
      }
      if (!found) errors.push(`error: unable to find container named ${JSON.stringify(name)}`);
    }
    if (JSON.stringify(target) === JSON.stringify(spec)) continue;
    const line = () => inv.out(fmt ? printObjects([shownObject], fmt, { single: true, serverObjects: dry !== "client" }) : `${kindPrefix(info)}/${obj.metadata.name ?? ""} image updated${dry === "client" ? " (dry run)" : dry === "server" ? " (server dry run)" : ""}\n`);
    let shownObject = changed;
    if (dry !== "client") {
      // A strategic merge of the containers, keyed by name, as kubectl's computed patch is.
      const patch = obj.kind === "Pod" ? { spec: { containers: target.containers } } : obj.kind === "CronJob" ? { spec: { jobTemplate: { spec: { template: { spec: { containers: target.containers } } } } } } : { spec: { template: { spec: { containers: target.containers } } } };
      const r = inv.cluster.patch(refFor(info, obj.metadata.name ?? "", obj.metadata.namespace ?? inv.namespace), "strategic", patch, dry === "server" ? { dryRun: true } : {});
      if (!r.ok) {
        errors.push(`error: failed to patch image update to pod template: ${r.status.message}`);
        continue;
      }
      shownObject = r.value;
    }
    line();
  }
  if (errors.length === 0) return 0;
  throw new CmdError(errors.join("\n"), 1, errors.map((e) => e + "\n").join(""));
}
