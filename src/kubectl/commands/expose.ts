// kubectl expose: a Service selecting what a pod, service or workload selects.
import type { KObject } from "../../cluster/index.ts";
import { CmdError } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { NO_RESOURCES } from "./delete.ts";
import { meta } from "./generators.ts";
import { objectOutputFormat, printObjects } from "../printing.ts";
import { getObject, parseResourceArgs, resolveType } from "../resources.ts";
import { createGenerated, dryRunOf, successLine } from "../writes.ts";

type Json = Record<string, unknown>;

function selectorOf(obj: KObject): Record<string, string> | undefined {
  const spec = (obj.spec ?? {}) as Json;
  if (obj.kind === "Pod") return obj.metadata.labels;
  if (obj.kind === "Service") return spec.selector as Record<string, string> | undefined;
  const sel = spec.selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
  if (sel?.matchExpressions?.length) throw new CmdError(`couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map`);
  return sel?.matchLabels;
}

function portsOf(obj: KObject): { port: number; protocol: string; name?: string }[] {
  const spec = (obj.spec ?? {}) as Json;
  if (obj.kind === "Service") return ((spec.ports as Json[]) ?? []).map((p) => ({ port: p.port as number, protocol: (p.protocol as string) ?? "TCP", name: p.name as string | undefined }));
  const podSpec = obj.kind === "Pod" ? spec : ((spec.template as Json | undefined)?.spec as Json | undefined) ?? {};
  return ((podSpec.containers as Json[]) ?? []).flatMap((c) => ((c.ports as Json[]) ?? []).map((p) => ({ port: p.containerPort as number, protocol: (p.protocol as string) ?? "TCP", name: p.name as string | undefined })));
}

export async function expose(inv: Invocation): Promise<number> {
  if (inv.args.length === 0 && inv.list("filename").length === 0) throw new CmdError("no resources", 1, NO_RESOURCES);
  const [req] = parseResourceArgs(inv, inv.args);
  if (!req) throw new CmdError("no resources", 1, NO_RESOURCES);
  if (req.names.length === 0) throw new CmdError("resource(s) were provided, but no name was specified");
  const source = getObject(inv, req.info, req.names[0]!);
  if (!["Pod", "Service", "Deployment", "ReplicaSet", "ReplicationController", "StatefulSet"].includes(source.kind)) {
    throw new CmdError(`cannot expose a ${source.kind}.${req.info.group ? req.info.group : ""}`);
  }
  const selector = inv.str("selector") ? Object.fromEntries(inv.str("selector").split(",").map((kv) => kv.split("="))) : selectorOf(source);
  if (!selector || Object.keys(selector).length === 0) {
    const why = source.kind === "Service" ? "the service has no pod selector set" : source.kind === "Pod" ? "the pod has no labels" : `the ${source.kind.toLowerCase()} has no selector`;
    throw new CmdError(`couldn't retrieve selectors via --selector flag or introspection: ${why}`);
  }
  // The generator works on distinct port numbers, each with the protocols the source uses on it.
  const sourcePorts = portsOf(source);
  const protocols = new Map<number, string[]>();
  for (const p of sourcePorts) {
    const list = protocols.get(p.port) ?? [];
    if (!list.includes(p.protocol)) list.push(p.protocol);
    protocols.set(p.port, list);
  }
  const numbers = inv.str("port") ? [Number(inv.str("port"))] : [...protocols.keys()];
  if (numbers.length === 0) throw new CmdError(`couldn't find port via --port flag or introspection`);
  const target = inv.str("target-port");
  const svcPorts: Record<string, unknown>[] = [];
  numbers.forEach((port, i) => {
    const protos = inv.str("protocol") ? [inv.str("protocol")] : protocols.get(port) ?? ["TCP"];
    for (const protocol of protos) {
      const out: Record<string, unknown> = {};
      if (protos.length > 1) out.name = `port-${i + 1}-${protocol.toLowerCase()}`;
      else if (numbers.length > 1) out.name = `port-${i + 1}`;
      else if (inv.str("port-name")) out.name = inv.str("port-name");
      out.port = port;
      out.protocol = protocol;
      out.targetPort = target ? (/^\d+$/.test(target) ? Number(target) : target) : port;
      svcPorts.push(out);
    }
  });
  const name = inv.str("name") || source.metadata.name || "";
  const spec: Json = { ports: svcPorts, selector };
  if (inv.str("type")) spec.type = inv.str("type");
  if (inv.str("cluster-ip")) spec.clusterIP = inv.str("cluster-ip");
  if (inv.str("external-ip")) spec.externalIPs = inv.str("external-ip").split(",");
  const labels = inv.str("labels") ? Object.fromEntries(inv.str("labels").split(",").map((kv) => kv.split("="))) : source.metadata.labels;
  const svc: KObject = { kind: "Service", apiVersion: "v1", metadata: meta(name, inv.explicitNamespace ? inv.namespace : undefined, labels), spec, status: { loadBalancer: {} } };
  const dry = dryRunOf(inv);
  const fmt = await objectOutputFormat(inv);
  const svcInfo = resolveType(inv, "services");
  const result = createGenerated(inv, svc, dry);
  inv.out(fmt ? printObjects([result], fmt, { single: true, serverObjects: dry !== "client" }) : successLine(svcInfo, name, "exposed", dry));
  return 0;
}
