// Services and the networking kinds (k/k printers.go printService, printEndpoints, printIngress, ...).
import type { KObject } from "../api/types.ts";
import { ageSince } from "./duration.ts";
import { formatLabelSelector, formatLabels } from "./labels.ts";
import { AGE_COLUMN, NAME_COLUMN, arr, col, listWithMore, num, obj, str, strs, type Printer } from "./table.ts";

// Load-balancer addresses are clipped to this many characters unless -o wide.
const LOAD_BALANCER_WIDTH = 16;

/** Sorted, de-duplicated ingress IPs/hostnames of a load-balancer status, clipped unless wide. */
export function loadBalancerAddresses(lbStatus: unknown, wide: boolean): string {
  const set = new Set<string>();
  for (const ing of arr(obj(lbStatus).ingress)) {
    if (str(ing.ip)) set.add(str(ing.ip));
    if (str(ing.hostname)) set.add(str(ing.hostname));
  }
  const r = [...set].sort().join(",");
  return !wide && r.length > LOAD_BALANCER_WIDTH ? r.slice(0, LOAD_BALANCER_WIDTH - 3) + "..." : r;
}

/** The EXTERNAL-IP cell of a Service. */
export function serviceExternalIP(svc: KObject, wide: boolean): string {
  const spec = obj(svc.spec);
  const externalIPs = strs(spec.externalIPs);
  switch (str(spec.type) || "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = loadBalancerAddresses(obj(svc.status).loadBalancer, wide);
      if (externalIPs.length > 0) return [...(lb ? lb.split(",") : []), ...externalIPs].join(",");
      return lb || "<pending>";
    }
    case "ExternalName":
      return str(spec.externalName);
  }
  return "<unknown>";
}

/** PORT(S): `80/TCP`, or `80:30080/TCP` with a node port. */
export function servicePorts(svc: KObject): string {
  const ports = arr(obj(svc.spec).ports).map((p) => {
    const proto = str(p.protocol) || "TCP";
    return num(p.nodePort) > 0 ? `${num(p.port)}:${num(p.nodePort)}/${proto}` : `${num(p.port)}/${proto}`;
  });
  return ports.length > 0 ? ports.join(",") : "<none>";
}

export const servicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col("Type", "The type of the service."),
    col("Cluster-IP", "The cluster IP of the service."),
    col("External-IP", "The external IP of the service."),
    col("Port(s)", "The ports of the service."),
    AGE_COLUMN,
    col("Selector", "Route service traffic to pods with label keys and values matching this selector.", { priority: 1 }),
  ],
  row(svc, now) {
    const spec = obj(svc.spec);
    return [
      svc.metadata.name ?? "",
      str(spec.type) || "ClusterIP",
      strs(spec.clusterIPs)[0] ?? "<none>",
      // The API server always generates tables with Wide: true, so addresses are never clipped.
      serviceExternalIP(svc, true),
      servicePorts(svc),
      ageSince(svc.metadata.creationTimestamp, now),
      formatLabels(obj(spec.selector) as Record<string, string>),
    ];
  },
};

/** formatEndpoints: ready `ip:port` pairs (ports outer, addresses inner), at most 3. */
export function formatEndpoints(ep: KObject): string {
  const subsets = arr(ep.subsets);
  if (subsets.length === 0) return "<none>";
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addrs = arr(ss.addresses).map((a) => str(a.ip));
    const ports = arr(ss.ports);
    if (ports.length === 0) {
      count += addrs.length;
      list.push(...addrs);
      continue;
    }
    for (const p of ports) {
      count += addrs.length;
      for (const ip of addrs) list.push(ip.includes(":") ? `[${ip}]:${num(p.port)}` : `${ip}:${num(p.port)}`);
    }
  }
  return listWithMore(list, 3, count);
}

export const endpointsPrinter: Printer = {
  columns: [NAME_COLUMN, col("Endpoints", "Endpoints of the resource."), AGE_COLUMN],
  row(ep, now) {
    return [ep.metadata.name ?? "", formatEndpoints(ep), ageSince(ep.metadata.creationTimestamp, now)];
  },
};

function orUnset(s: string): string {
  return s === "" ? "<unset>" : s;
}

export const endpointSlicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col("AddressType", "The IP protocol for this slice"),
    col("Ports", "Port numbers for this slice"),
    col("Endpoints", "Endpoints for this slice"),
    AGE_COLUMN,
  ],
  row(slice, now) {
    const ports = arr(slice.ports).map((p) => (typeof p.port === "number" ? String(p.port) : typeof p.name === "string" ? p.name : "*"));
    const addrs = arr(slice.endpoints).flatMap((e) => strs(e.addresses));
    return [
      slice.metadata.name ?? "",
      str(slice.addressType),
      orUnset(listWithMore(ports, 3)),
      orUnset(listWithMore(addrs, 3)),
      ageSince(slice.metadata.creationTimestamp, now),
    ];
  },
};

/** HOSTS: up to three rule hosts, `*` when no rule names a host. */
export function ingressHosts(rules: Record<string, unknown>[]): string {
  const list: string[] = [];
  let more = false;
  for (const r of rules) {
    if (list.length === 3) more = true;
    if (!more && str(r.host) !== "") list.push(str(r.host));
  }
  if (list.length === 0) return "*";
  return more ? `${list.join(",")} + ${rules.length - 3} more...` : list.join(",");
}

export const ingressPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col("Class", "The name of the IngressClass resource that should be used for ingress."),
    col("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
    col("Address", "Address is a list containing ingress points for the load-balancer"),
    col("Ports", "Ports of TLS configurations that open"),
    AGE_COLUMN,
  ],
  row(ing, now) {
    const spec = obj(ing.spec);
    return [
      ing.metadata.name ?? "",
      str(spec.ingressClassName) || "<none>",
      ingressHosts(arr(spec.rules)),
      loadBalancerAddresses(obj(ing.status).loadBalancer, true),
      arr(spec.tls).length > 0 ? "80, 443" : "80",
      ageSince(ing.metadata.creationTimestamp, now),
    ];
  },
};

export const ingressClassPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    col("Controller", "Controller that is responsible for handling this class"),
    col("Parameters", "A reference to a resource with additional parameters"),
    AGE_COLUMN,
  ],
  row(ic, now) {
    const spec = obj(ic.spec);
    let params = "<none>";
    if (spec.parameters) {
      const p = obj(spec.parameters);
      params = str(p.kind) + (typeof p.apiGroup === "string" ? `.${p.apiGroup}` : "") + "/" + str(p.name);
    }
    return [ic.metadata.name ?? "", str(spec.controller), params, ageSince(ic.metadata.creationTimestamp, now)];
  },
};

export const networkPolicyPrinter: Printer = {
  columns: [NAME_COLUMN, col("Pod-Selector", "Pod selector used to select the pods that the policy applies to."), AGE_COLUMN],
  row(np, now) {
    return [np.metadata.name ?? "", formatLabelSelector(obj(obj(np.spec).podSelector)), ageSince(np.metadata.creationTimestamp, now)];
  },
};
