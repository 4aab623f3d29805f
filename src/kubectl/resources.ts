// Turning what the user typed (`svc`, `svc/web`, `svc,ep`, `all`) into resources and objects.
import type { KObject, ObjectRef, ResourceInfo, Status } from "../cluster/index.ts";
import { CmdError, StatusError } from "./cli/errors.ts";
import { goQuote } from "./output/gofmt.ts";
import type { Invocation } from "./cli/invocation.ts";

export interface ResourceRequest {
  info: ResourceInfo;
  /** Empty: every object of the type. */
  names: string[];
}

export function resolveType(inv: Invocation, name: string): ResourceInfo {
  const info = inv.cluster.resolveResource(name);
  if (!info) throw new CmdError(`the server doesn't have a resource type "${name}"`);
  return info;
}

/** Types that `kubectl get all` expands to (the "all" category). */
export function allCategory(inv: Invocation): ResourceInfo[] {
  return inv.cluster.resources().filter((r) => r.categories.includes("all"));
}

function expandTypes(inv: Invocation, typed: string): ResourceInfo[] {
  return typed.split(",").flatMap((t) => (t === "all" ? allCategory(inv) : [resolveType(inv, t)]));
}

/** `TYPE [NAME...]`, `TYPE/NAME...`, `TYPE1,TYPE2 [NAME...]`, in the order given. */
export function parseResourceArgs(inv: Invocation, args: string[]): ResourceRequest[] {
  if (args.length === 0) return [];
  if (args.some((a) => a.includes("/"))) {
    if (!args.every((a) => a.includes("/"))) {
      throw new CmdError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    const out: ResourceRequest[] = [];
    for (const a of args) {
      const [type, ...rest] = a.split("/");
      const name = rest.join("/");
      if (!name) throw new CmdError(`arguments in resource/name form must have a single resource and name`);
      const info = resolveType(inv, type!);
      const last = out[out.length - 1];
      if (last && last.info === info) last.names.push(name);
      else out.push({ info, names: [name] });
    }
    return out;
  }
  const [typed, ...names] = args;
  const infos = expandTypes(inv, typed!);
  return infos.map((info) => ({ info, names: [...names] }));
}

/** `service`, `deployment.apps`: the prefix of `-o name` and multi-kind tables. */
export function kindPrefix(info: Pick<ResourceInfo, "kind" | "group">): string {
  return info.kind.toLowerCase() + (info.group ? `.${info.group}` : "");
}

/** `services`, `deployments.apps`: how API errors name a resource. */
export function qualified(info: Pick<ResourceInfo, "resource" | "group">): string {
  return info.resource + (info.group ? `.${info.group}` : "");
}

export function refFor(info: ResourceInfo, name: string, namespace: string): ObjectRef {
  const ref: ObjectRef = { group: info.group, resource: info.resource, name };
  if (info.namespaced) ref.namespace = namespace;
  return ref;
}

export function getObject(inv: Invocation, info: ResourceInfo, name: string, namespace = inv.namespace): KObject {
  const r = inv.cluster.get(refFor(info, name, namespace));
  if (!r.ok) throw new StatusError(r.status);
  return r.value;
}

function byNamespaceThenName(a: KObject, b: KObject): number {
  const na = a.metadata.namespace ?? "";
  const nb = b.metadata.namespace ?? "";
  if (na !== nb) return na < nb ? -1 : 1;
  const ma = a.metadata.name ?? "";
  const mb = b.metadata.name ?? "";
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

/** List objects of a type, sorted as etcd returns them (namespace, then name). */
export function listObjects(
  inv: Invocation,
  info: ResourceInfo,
  opts: { allNamespaces?: boolean; labelSelector?: string; fieldSelector?: string; namespace?: string },
): KObject[] {
  const listOpts: { namespace?: string; labelSelector?: string; fieldSelector?: string } = {};
  if (info.namespaced && !opts.allNamespaces) listOpts.namespace = opts.namespace ?? inv.namespace;
  if (opts.labelSelector) listOpts.labelSelector = opts.labelSelector;
  if (opts.fieldSelector) listOpts.fieldSelector = opts.fieldSelector;
  const r = inv.cluster.list({ group: info.group, resource: info.resource }, listOpts);
  if (!r.ok) throw new StatusError(enhanceListError(r.status, info, listOpts));
  return [...r.value].sort(byNamespaceThenName);
}

/** cli-runtime EnhanceListError: kubectl, not the API server, names the list it asked for in front of a BadRequest or NotFound answer. */
function enhanceListError(status: Status, info: ResourceInfo, opts: { labelSelector?: string; fieldSelector?: string }): Status {
  if (status.reason !== "BadRequest" && status.reason !== "NotFound") return status;
  const subject = goQuote(`${info.group}/${info.version}, Resource=${info.resource}`);
  const label = opts.labelSelector ?? "";
  const field = opts.fieldSelector ?? "";
  const message = label || field ? `Unable to find ${subject} that match label selector ${goQuote(label)}, field selector ${goQuote(field)}: ${status.message}` : `Unable to list ${subject}: ${status.message}`;
  return { ...status, message };
}

/** The ResourceInfo for an object read from a manifest (by apiVersion and kind). */
export function infoForObject(inv: Invocation, obj: KObject): ResourceInfo | undefined {
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
  return inv.cluster.resources().find((r) => r.kind === obj.kind && r.group === group && r.version === version);
}

/** The RESTMapper's complaint about a manifest whose kind the server does not serve. */
export function mappingError(obj: KObject, source: string): string {
  return `error: resource mapping not found for name: "${obj.metadata.name ?? ""}" namespace: "${obj.metadata.namespace ?? ""}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first\n`;
}
