// Service, Endpoints, EndpointSlice, Ingress, IngressClass and NetworkPolicy (describe.go).
import type { KObject } from "../../cluster/index.ts";
import { formatLabelSelector, formatLabels } from "../../cluster/index.ts";
import { arr, num, obj, str, type DescribeContext, type Json } from "./context.ts";
import { DescribeWriter, finish, goTimeString, printAnnotations, printHeader, printLabels } from "./writer.ts";

/** formatEndpointSlices: ready `ip:port` for the named port, max 3; `<none>` without slices. */
export function formatEndpointSlices(slices: KObject[], portName: string | null): string {
  if (slices.length === 0) return "<none>";
  const list: string[] = [];
  let more = false;
  let count = 0;
  const add = (s: string) => {
    if (list.length === 3) more = true;
    if (!more) list.push(s);
    count++;
  };
  for (const slice of slices) {
    const endpoints = arr(slice.endpoints).filter((e) => obj(e.conditions).ready !== false);
    const ports = arr(slice.ports);
    if (ports.length === 0) {
      for (const e of endpoints) add(str((e.addresses as string[] | undefined)?.[0]));
      continue;
    }
    for (const p of ports) {
      if (portName !== null && str(p.name) !== portName) continue;
      for (const e of endpoints) {
        const ip = str((e.addresses as string[] | undefined)?.[0]);
        add(ip.includes(":") ? `[${ip}]:${num(p.port)}` : `${ip}:${num(p.port)}`);
      }
    }
  }
  return more ? `${list.join(",")} + ${count - 3} more...` : list.join(",");
}

function slicesFor(ctx: DescribeContext, svc: KObject): KObject[] {
  return ctx.list("endpointslices", svc.metadata.namespace, `kubernetes.io/service-name=${svc.metadata.name}`);
}

function lbIngressString(lb: unknown): string {
  return arr(obj(lb).ingress)
    .map((i) => {
      const addr = str(i.ip) || str(i.hostname);
      return str(i.ipMode) ? `${addr} (${str(i.ipMode)})` : addr;
    })
    .join(", ");
}

export function describeService(svc: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = obj(svc.spec);
  printHeader(w, svc);
  w.write(0, `Selector:\t${formatLabels(spec.selector as Record<string, string> | undefined)}\n`);
  w.write(0, `Type:\t${str(spec.type)}\n`);
  if (str(spec.ipFamilyPolicy)) w.write(0, `IP Family Policy:\t${str(spec.ipFamilyPolicy)}\n`);
  const families = (spec.ipFamilies as string[] | undefined) ?? [];
  w.write(0, `IP Families:\t${families.length > 0 ? families.join(",") : "<none>"}\n`);
  w.write(0, `IP:\t${str(spec.clusterIP)}\n`);
  const ips = (spec.clusterIPs as string[] | undefined) ?? [];
  w.write(0, `IPs:\t${ips.length > 0 ? ips.join(",") : "<none>"}\n`);
  const ext = (spec.externalIPs as string[] | undefined) ?? [];
  if (ext.length > 0) w.write(0, `External IPs:\t${ext.join(",")}\n`);
  if (str(spec.loadBalancerIP)) w.write(0, `Desired LoadBalancer IP:\t${str(spec.loadBalancerIP)}\n`);
  if (str(spec.externalName)) w.write(0, `External Name:\t${str(spec.externalName)}\n`);
  const lb = lbIngressString(obj(svc.status).loadBalancer);
  if (lb) w.write(0, `LoadBalancer Ingress:\t${lb}\n`);
  const slices = slicesFor(ctx, svc);
  for (const p of arr(spec.ports)) {
    const name = str(p.name) || "<unset>";
    const proto = str(p.protocol) || "TCP";
    w.write(0, `Port:\t${name}\t${num(p.port)}/${proto}\n`);
    w.write(0, `TargetPort:\t${str(p.targetPort)}/${proto}\n`);
    if (num(p.nodePort) !== 0) w.write(0, `NodePort:\t${name}\t${num(p.nodePort)}/${proto}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, str(p.name))}\n`);
  }
  w.write(0, `Session Affinity:\t${str(spec.sessionAffinity)}\n`);
  if (str(spec.externalTrafficPolicy)) w.write(0, `External Traffic Policy:\t${str(spec.externalTrafficPolicy)}\n`);
  if (str(spec.internalTrafficPolicy)) w.write(0, `Internal Traffic Policy:\t${str(spec.internalTrafficPolicy)}\n`);
  if (num(spec.healthCheckNodePort) !== 0) w.write(0, `HealthCheck NodePort:\t${num(spec.healthCheckNodePort)}\n`);
  const ranges = (spec.loadBalancerSourceRanges as string[] | undefined) ?? [];
  if (ranges.length > 0) w.write(0, `LoadBalancer Source Ranges:\t${ranges.join(",")}\n`);
  return finish(w, svc, ctx);
}

export function describeEndpoints(ep: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  printHeader(w, ep);
  w.write(0, "Subsets:\n");
  for (const ss of arr(ep.subsets)) {
    const ready = arr(ss.addresses).map((a) => str(a.ip));
    const notReady = arr(ss.notReadyAddresses).map((a) => str(a.ip));
    w.write(1, `Addresses:\t${ready.length > 0 ? ready.join(",") : "<none>"}\n`);
    w.write(1, `NotReadyAddresses:\t${notReady.length > 0 ? notReady.join(",") : "<none>"}\n`);
    const ports = arr(ss.ports);
    if (ports.length > 0) {
      w.write(1, "Ports:\n");
      w.write(2, "Name\tPort\tProtocol\n");
      w.write(2, "----\t----\t--------\n");
      for (const p of ports) w.write(2, `${str(p.name) || "<unset>"}\t${num(p.port)}\t${str(p.protocol) || "TCP"}\n`);
    }
    w.write(0, "\n");
  }
  return finish(w, ep, ctx);
}

export function describeEndpointSlice(eps: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  printHeader(w, eps);
  w.write(0, `AddressType:\t${str(eps.addressType)}\n`);
  const ports = arr(eps.ports);
  if (ports.length === 0) w.write(0, "Ports: <unset>\n");
  else {
    w.write(0, "Ports:\n");
    w.write(1, "Name\tPort\tProtocol\n");
    w.write(1, "----\t----\t--------\n");
    for (const p of ports) w.write(1, `${str(p.name) || "<unset>"}\t${typeof p.port === "number" ? p.port : "<unset>"}\t${str(p.protocol) || "TCP"}\n`);
  }
  const endpoints = arr(eps.endpoints);
  if (endpoints.length === 0) w.write(0, "Endpoints: <none>\n");
  else {
    w.write(0, "Endpoints:\n");
    for (const e of endpoints) {
      const addrs = ((e.addresses as string[] | undefined) ?? []).join(", ");
      w.write(1, `- Addresses:\t${addrs || "<none>"}\n`);
      w.write(2, "Conditions:\n");
      const ready = obj(e.conditions).ready;
      w.write(3, `Ready:\t${typeof ready === "boolean" ? String(ready) : "<unset>"}\n`);
      w.write(2, `Hostname:\t${typeof e.hostname === "string" ? e.hostname : "<unset>"}\n`);
      if (e.targetRef) w.write(2, `TargetRef:\t${str(obj(e.targetRef).kind)}/${str(obj(e.targetRef).name)}\n`);
      w.write(2, `NodeName:\t${typeof e.nodeName === "string" ? e.nodeName : "<unset>"}\n`);
      w.write(2, `Zone:\t${typeof e.zone === "string" ? e.zone : "<unset>"}\n`);
    }
  }
  return finish(w, eps, ctx);
}

/** `svc:port (endpoints)` for an Ingress backend, or its resource form. */
function backendString(ctx: DescribeContext, ns: string | undefined, backend: Json): string {
  if (backend.resource) {
    const r = obj(backend.resource);
    return `APIGroup: ${str(r.apiGroup) || "<none>"}, Kind: ${str(r.kind)}, Name: ${str(r.name)}`;
  }
  const svc = obj(backend.service);
  const port = obj(svc.port);
  const portText = typeof port.number === "number" && port.number !== 0 ? String(port.number) : str(port.name);
  const svcObj = ctx.get("services", ns, str(svc.name));
  if (!svcObj) return `${str(svc.name)}:${portText} (<error: services "${str(svc.name)}" not found>)`;
  const svcPort = arr(obj(svcObj.spec).ports).find((p) => (typeof port.number === "number" && port.number !== 0 ? num(p.port) === port.number : str(p.name) === str(port.name)));
  const eps = svcPort ? formatEndpointSlices(slicesFor(ctx, svcObj), str(svcPort.name)) : "<none>";
  return `${str(svc.name)}:${portText} (${eps})`;
}

export function describeIngress(ing: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = obj(ing.spec);
  const ns = ing.metadata.namespace;
  w.write(0, `Name:\t${ing.metadata.name}\n`);
  printLabels(w, "Labels", ing.metadata.labels);
  w.write(0, `Namespace:\t${ns}\n`);
  w.write(0, `Address:\t${lbIngressString(obj(ing.status).loadBalancer).replace(/ /g, "")}\n`);
  w.write(0, `Ingress Class:\t${str(spec.ingressClassName) || "<none>"}\n`);
  const def = spec.defaultBackend ? backendString(ctx, ns, obj(spec.defaultBackend)) : "<default>";
  w.write(0, `Default backend:\t${def}\n`);
  const tls = arr(spec.tls);
  if (tls.length > 0) {
    w.write(0, "TLS:\n");
    for (const t of tls) {
      const hosts = ((t.hosts as string[] | undefined) ?? []).join(",");
      w.write(1, str(t.secretName) ? `${str(t.secretName)} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
    }
  }
  w.write(0, "Rules:\n  Host\tPath\tBackends\n");
  w.write(1, "----\t----\t--------\n");
  const rules = arr(spec.rules);
  let anyHttp = false;
  for (const r of rules) {
    if (!r.http) continue;
    anyHttp = true;
    w.write(1, `${str(r.host) || "*"}\t\n`);
    for (const p of arr(obj(r.http).paths)) w.write(2, `\t${str(p.path)} \t${backendString(ctx, ns, obj(p.backend))}\n`);
  }
  if (!anyHttp) w.write(1, `*\t*\t${def}\n`);
  printAnnotations(w, "Annotations", ing.metadata.annotations);
  return finish(w, ing, ctx);
}

export function describeIngressClass(ic: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = obj(ic.spec);
  printHeader(w, ic, false);
  w.write(0, `Controller:\t${str(spec.controller)}\n`);
  if (spec.parameters) {
    const p = obj(spec.parameters);
    w.write(0, "Parameters:\n");
    if (str(p.kind)) w.write(1, `Kind:\t${str(p.kind)}\n`);
    if (str(p.name)) w.write(1, `Name:\t${str(p.name)}\n`);
  }
  return finish(w, ic, ctx);
}

function printPorts(w: DescribeWriter, ports: Json[]): void {
  if (ports.length === 0) {
    w.write(2, "To Port: <any> (traffic allowed to all ports)\n");
    return;
  }
  for (const p of ports) {
    const proto = str(p.protocol) || "TCP";
    const port = p.port === undefined ? "<any>" : str(p.port);
    if (typeof p.endPort === "number") w.write(2, `To Port Range: ${port}-${p.endPort}/${proto}\n`);
    else w.write(2, `To Port: ${port}/${proto}\n`);
  }
}

function printPeers(w: DescribeWriter, peers: Json[], word: "From" | "To"): void {
  if (peers.length === 0) {
    w.write(2, word === "From" ? "From: <any> (traffic not restricted by source)\n" : "To: <any> (traffic not restricted by destination)\n");
    return;
  }
  for (const peer of peers) {
    w.write(2, `${word}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(3, `NamespaceSelector: ${formatLabelSelector(obj(peer.namespaceSelector))}\n`);
      w.write(3, `PodSelector: ${formatLabelSelector(obj(peer.podSelector))}\n`);
    } else if (peer.podSelector) w.write(3, `PodSelector: ${formatLabelSelector(obj(peer.podSelector))}\n`);
    else if (peer.namespaceSelector) w.write(3, `NamespaceSelector: ${formatLabelSelector(obj(peer.namespaceSelector))}\n`);
    else if (peer.ipBlock) {
      const b = obj(peer.ipBlock);
      w.write(3, "IPBlock:\n");
      w.write(4, `CIDR: ${str(b.cidr)}\n`);
      w.write(4, `Except: ${((b.except as string[] | undefined) ?? []).join(", ")}\n`);
    }
  }
}

export function describeNetworkPolicy(np: KObject): string {
  const w = new DescribeWriter();
  const spec = obj(np.spec);
  w.write(0, `Name:\t${np.metadata.name}\n`);
  w.write(0, `Namespace:\t${np.metadata.namespace}\n`);
  w.write(0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
  printLabels(w, "Labels", np.metadata.labels);
  printAnnotations(w, "Annotations", np.metadata.annotations);
  w.write(0, "Spec:\n");
  const sel = formatLabelSelector(obj(spec.podSelector));
  w.write(1, "PodSelector: ");
  w.write(2, sel === "<none>" ? "<none> (Allowing the specific traffic to all pods in this namespace)\n" : `${sel}\n`);
  const types = (spec.policyTypes as string[] | undefined) ?? [];
  for (const [kind, field, word] of [["Ingress", "ingress", "From"], ["Egress", "egress", "To"]] as const) {
    const lower = kind.toLowerCase();
    if (!types.includes(kind)) {
      w.write(1, `Not affecting ${lower} traffic\n`);
      continue;
    }
    w.write(1, `Allowing ${lower} traffic:\n`);
    const rules = arr(spec[field]);
    if (rules.length === 0) {
      w.write(2, `<none> (Selected pods are isolated for ${lower} connectivity)\n`);
      continue;
    }
    rules.forEach((rule, i) => {
      printPorts(w, arr(rule.ports));
      printPeers(w, arr(rule[word === "From" ? "from" : "to"]), word);
      if (i !== rules.length - 1) w.write(2, "----------\n");
    });
  }
  w.write(1, `Policy Types: ${types.length > 0 ? types.join(", ") : "<none>"}\n`);
  return w.toString();
}
