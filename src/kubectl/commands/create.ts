// kubectl create -f and the generators (service, deployment, ingress, configmap, secret generic, namespace).
import type { KObject } from "../../cluster/index.ts";
import { CmdError, requiredFlagError, statusText, usageError } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { readManifests } from "../manifests.ts";
import { objectOutputFormat, printObjects } from "../printing.ts";
import { infoForObject, mappingError } from "../resources.ts";
import { applyNamespace, dryRunOf, successLine, writeOptions } from "../writes.ts";
import * as gen from "./generators.ts";
import { quotaObject } from "./quota-generator.ts";

/** Create (or dry-run) one object and print the success line or the object. */
async function createObject(inv: Invocation, obj: KObject, source?: string, failurePrefix?: string): Promise<boolean> {
  // Objects read from files are maps (keys print sorted); generated ones keep Go struct order.
  const fromFile = source !== undefined;
  const dry = dryRunOf(inv);
  const fmt = await objectOutputFormat(inv);
  const info = infoForObject(inv, obj);
  if (!info) {
    inv.err(mappingError(obj, source ?? ""));
    return false;
  }
  let result = obj;
  if (dry !== "client") {
    const toSend = JSON.parse(JSON.stringify(obj)) as KObject;
    applyNamespace(inv, info, toSend);
    if (toSend.metadata.creationTimestamp === null) delete toSend.metadata.creationTimestamp;
    const r = inv.cluster.create(toSend, writeOptions(dry, "kubectl-create"));
    if (!r.ok) {
      // Generators wrap the server's message in their own error ("failed to create deployment: …").
      inv.err(failurePrefix !== undefined ? `error: ${failurePrefix}${r.status.message}\n` : statusText(r.status, source ? `creating "${source}"` : undefined));
      return false;
    }
    result = r.value;
  }
  if (fmt) inv.out(printObjects([result], fmt, { single: true, serverObjects: dry !== "client" || fromFile }));
  else inv.out(successLine(info, obj.metadata.name ?? "", "created", dry));
  return true;
}

export async function createFromFiles(inv: Invocation): Promise<number> {
  if (inv.args.length > 0) throw usageError("create", `Unexpected args: [${inv.args.join(" ")}]`);
  if (inv.list("filename").length === 0) throw new CmdError("must specify one of -f and -k");
  let ok = true;
  const items = await readManifests(inv);
  if (items.length === 0) throw new CmdError("no objects passed to create");
  for (const item of items) {
    if (item.error) {
      inv.err(`error: ${item.error}\n`);
      ok = false;
      continue;
    }
    if (dryRunOf(inv) === "client") {
      const info = infoForObject(inv, item.obj!);
      if (info) applyNamespace(inv, info, item.obj!);
    }
    ok = (await createObject(inv, item.obj!, item.source)) && ok;
  }
  return ok ? 0 : 1;
}

function oneName(inv: Invocation): string {
  if (inv.args.length !== 1) throw usageError(inv.path, `exactly one NAME is required, got ${inv.args.length}`);
  return inv.args[0]!;
}

/** The namespace a generator writes into its object: only when -n was given. */
function genNamespace(inv: Invocation): string | undefined {
  return inv.explicitNamespace ? inv.namespace : undefined;
}

function serviceGenerator(type: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName") {
  return async (inv: Invocation): Promise<number> => {
    const name = oneName(inv);
    if (type === "ExternalName" && !inv.str("external-name")) throw requiredFlagError(inv.cluster.now(), ["external-name"]);
    const tcp = inv.list("tcp");
    const clusterIP = inv.str("clusterip");
    if (type !== "ExternalName" && tcp.length === 0 && clusterIP !== "None") throw new CmdError("at least one tcp port specifier must be provided");
    const obj = gen.serviceObject(type, name, genNamespace(inv), {
      tcp,
      clusterIP: inv.has("clusterip") ? clusterIP : undefined,
      nodePort: type === "NodePort" && inv.int("node-port") > 0 ? inv.int("node-port") : undefined,
      externalName: inv.str("external-name"),
    });
    return (await createObject(inv, obj, undefined, `failed to create ${type} service: `)) ? 0 : 1;
  };
}

async function deployment(inv: Invocation): Promise<number> {
  // cobra checks the required --image before the command looks at its arguments.
  const images = inv.list("image");
  if (images.length === 0) throw requiredFlagError(inv.cluster.now(), ["image"]);
  const name = oneName(inv);
  if (images.length > 1 && inv.dashArgs.length > 0) throw new CmdError("cannot specify multiple --image options and command");
  const obj = gen.deploymentObject(name, genNamespace(inv), images, { replicas: inv.int("replicas"), port: inv.int("port"), command: inv.dashArgs });
  return (await createObject(inv, obj, undefined, "failed to create deployment: ")) ? 0 : 1;
}

async function ingress(inv: Invocation): Promise<number> {
  const name = oneName(inv);
  const rules = inv.all("rule");
  if (rules.length === 0 && !inv.str("default-backend")) throw new CmdError("not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)");
  const obj = gen.ingressObject(name, genNamespace(inv), { className: inv.str("class"), rules, defaultBackend: inv.str("default-backend"), annotations: inv.all("annotation") });
  return (await createObject(inv, obj, undefined, "failed to create ingress: ")) ? 0 : 1;
}

async function fileSources(inv: Invocation): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const spec of inv.all("from-file")) {
    const eq = spec.indexOf("=");
    const key = eq < 0 ? spec.split("/").pop()! : spec.slice(0, eq);
    const path = eq < 0 ? spec : spec.slice(eq + 1);
    const text = await inv.ctx.fs.readFile(path);
    if (text === undefined) throw new CmdError(`error reading ${path}: no such file or directory`);
    out.push([key, text]);
  }
  return out;
}

function sortedPairs(pairs: [string, string][]): [string, string][] {
  // Later values win, then Go's map marshalling sorts the keys.
  return Object.entries(Object.fromEntries(pairs)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function configmap(inv: Invocation): Promise<number> {
  const name = oneName(inv);
  const pairs = sortedPairs([...gen.literalPairs(inv.all("from-literal")), ...(await fileSources(inv))]);
  return (await createObject(inv, gen.configMapObject(name, genNamespace(inv), pairs), undefined, "failed to create configmap: ")) ? 0 : 1;
}

async function secretGeneric(inv: Invocation): Promise<number> {
  const name = oneName(inv);
  const pairs = sortedPairs([...gen.literalPairs(inv.all("from-literal")), ...(await fileSources(inv))]);
  // kubectl's secret generator has no colon in its prefix.
  return (await createObject(inv, gen.secretObject(name, genNamespace(inv), inv.str("type"), pairs), undefined, "failed to create secret ")) ? 0 : 1;
}

async function namespace(inv: Invocation): Promise<number> {
  return (await createObject(inv, gen.namespaceObject(oneName(inv)))) ? 0 : 1;
}

async function quota(inv: Invocation): Promise<number> {
  const obj = quotaObject(oneName(inv), genNamespace(inv), inv.str("hard"), inv.str("scopes"));
  return (await createObject(inv, obj, undefined, "failed to create quota: ")) ? 0 : 1;
}

export const CREATE_HANDLERS = {
  create: createFromFiles,
  "create service clusterip": serviceGenerator("ClusterIP"),
  "create service nodeport": serviceGenerator("NodePort"),
  "create service loadbalancer": serviceGenerator("LoadBalancer"),
  "create service externalname": serviceGenerator("ExternalName"),
  "create deployment": deployment,
  "create ingress": ingress,
  "create configmap": configmap,
  "create secret generic": secretGeneric,
  "create namespace": namespace,
  "create quota": quota,
};
