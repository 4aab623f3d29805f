// ConfigMap, Secret, Namespace, Node and a generic fallback (describe.go).
import type { KObject } from "../../cluster/index.ts";
import { nodeRoles } from "../../cluster/index.ts";
import { toYaml } from "../output/yaml.ts";
import { arr, obj, str, type DescribeContext } from "./context.ts";
import { writeNodeResources } from "./node-resources.ts";
import { writeNamespaceQuotas, writeNodeLease } from "./quota.ts";
import { DescribeWriter, finish, printAnnotations, printHeader, printLabels, rfc1123z } from "./writer.ts";

export function describeConfigMap(cm: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  printHeader(w, cm);
  w.write(0, "\nData\n====\n");
  const data = obj(cm.data);
  for (const k of Object.keys(data).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${str(data[k])}\n`);
    w.write(0, "\n");
  }
  w.write(0, "\nBinaryData\n====\n");
  const bin = obj(cm.binaryData);
  for (const k of Object.keys(bin).sort()) w.write(0, `${k}: ${Math.floor((str(bin[k]).length * 3) / 4)} bytes\n`);
  w.write(0, "\n");
  return finish(w, cm, ctx);
}

function decodedLength(b64: string): number {
  const pad = b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - pad;
}

export function describeSecret(s: KObject): string {
  const w = new DescribeWriter();
  printHeader(w, s);
  w.write(0, `\nType:\t${str(s.type)}\n`);
  w.write(0, "\nData\n====\n");
  const data = obj(s.data);
  for (const k of Object.keys(data).sort()) {
    if (k === "token" && str(s.type) === "kubernetes.io/service-account-token") w.write(0, `${k}:\t${atob(str(data[k]))}\n`);
    else w.write(0, `${k}:\t${decodedLength(str(data[k]))} bytes\n`);
  }
  return w.toString();
}

export function describeNamespace(ns: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  printHeader(w, ns, false);
  w.write(0, `Status:\t${str(obj(ns.status).phase)}\n`);
  writeNamespaceQuotas(w, ns.metadata.name ?? "", ctx);
  return w.toString();
}

export function describeNode(node: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = obj(node.spec);
  const status = obj(node.status);
  w.write(0, `Name:\t${node.metadata.name}\n`);
  const roles = nodeRoles(node);
  w.write(0, `Roles:\t${roles.length > 0 ? roles.join(",") : "<none>"}\n`);
  printLabels(w, "Labels", node.metadata.labels);
  printAnnotations(w, "Annotations", node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  const taints = arr(spec.taints);
  w.write(0, "Taints:\t");
  if (taints.length === 0) w.write(0, "<none>\n");
  taints.forEach((t, i) => w.write(0, `${i === 0 ? "" : "\t"}${str(t.key)}${str(t.value) ? "=" + str(t.value) : ""}:${str(t.effect)}\n`));
  w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  writeNodeLease(w, node.metadata.name ?? "", ctx);
  const conds = arr(status.conditions);
  if (conds.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conds) {
      w.write(1, `${str(c.type)} \t${str(c.status)} \t${rfc1123z(str(c.lastHeartbeatTime))} \t${rfc1123z(str(c.lastTransitionTime))} \t${str(c.reason)} \t${str(c.message)}\n`);
    }
  }
  w.write(0, "Addresses:\n");
  for (const a of arr(status.addresses)) w.write(1, `${str(a.type)}:\t${str(a.address)}\n`);
  for (const [field, title] of [["capacity", "Capacity"], ["allocatable", "Allocatable"]] as const) {
    const r = obj(status[field]);
    if (Object.keys(r).length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(r).sort()) w.write(1, `${k}:\t${str(r[k])}\n`);
  }
  const info = obj(status.nodeInfo);
  w.write(0, "System Info:\n");
  for (const [k, title] of [
    ["machineID", "Machine ID"],
    ["systemUUID", "System UUID"],
    ["bootID", "Boot ID"],
    ["kernelVersion", "Kernel Version"],
    ["osImage", "OS Image"],
    ["operatingSystem", "Operating System"],
    ["architecture", "Architecture"],
    ["containerRuntimeVersion", "Container Runtime Version"],
    ["kubeletVersion", "Kubelet Version"],
    ["kubeProxyVersion", "Kube-Proxy Version"],
  ] as const) {
    w.write(1, `${title}:\t${str(info[k])}\n`);
  }
  if (str(spec.podCIDR)) w.write(0, `PodCIDR:\t${str(spec.podCIDR)}\n`);
  const cidrs = (spec.podCIDRs as string[] | undefined) ?? [];
  if (cidrs.length > 0) w.write(0, `PodCIDRs:\t${cidrs.join(",")}\n`);
  const pods = ctx.list("pods").sort((a, b) => ((a.metadata.namespace ?? "") < (b.metadata.namespace ?? "") ? -1 : (a.metadata.namespace ?? "") > (b.metadata.namespace ?? "") ? 1 : 0)).filter((p) => str(obj(p.spec).nodeName) === node.metadata.name && !["Succeeded", "Failed"].includes(str(obj(p.status).phase)));
  writeNodeResources(w, node, pods, ctx.now);
  return finish(w, node, ctx);
}

/** describeServiceAccount: secrets by name, `<none>` for each empty list. */
export function describeServiceAccount(sa: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  printHeader(w, sa);
  const names = (list: unknown) => arr(list).map((r) => str(r.name));
  const block = (title: string, items: string[]) => {
    w.write(0, `${title}:\t`);
    if (items.length === 0) w.write(0, "<none>\n");
    items.forEach((n, i) => w.write(0, `${i === 0 ? "" : "\t"}${n}\n`));
  };
  block("Image pull secrets", names(sa.imagePullSecrets));
  block("Mountable secrets", names(sa.secrets));
  block("Tokens", []);
  return finish(w, sa, ctx);
}

/** Kinds without a describer: the object's YAML under its name, as kubectl's generic describer does. */
export function describeGeneric(o: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  if (o.metadata.namespace) w.write(0, `Namespace:\t${o.metadata.namespace}\n`);
  printLabels(w, "Labels", o.metadata.labels);
  printAnnotations(w, "Annotations", o.metadata.annotations);
  w.write(0, `API Version:\t${o.apiVersion}\n`);
  w.write(0, `Kind:\t${o.kind}\n`);
  const rest = Object.fromEntries(Object.entries(o).filter(([k]) => !["apiVersion", "kind", "metadata"].includes(k)));
  const text = toYaml(rest);
  if (text.trim() !== "{}") w.write(0, text);
  return finish(w, o, ctx);
}
