// Server-side Table printers: one table per resource, served to the real kubectl
// (as=Table) and rendered by our kubectl. Pure: objects and the time in, Table out.
import type { KObject } from "../api/types.ts";
import * as core from "./core.ts";
import * as net from "./network.ts";
import type { Printer, Table } from "./table.ts";
import * as work from "./workloads.ts";

export type * from "./table.ts";
export { ageSince, humanDuration } from "./duration.ts";
export { formatLabelSelector, formatLabels, selectorString } from "./labels.ts";
export { formatEndpoints, loadBalancerAddresses, serviceExternalIP, servicePorts } from "./network.ts";
export { podStatus } from "./workloads.ts";
export { nodeRoles, nodeStatus } from "./core.ts";

const PRINTERS: Record<string, Printer> = {
  pods: work.podPrinter,
  deployments: work.deploymentPrinter,
  replicasets: work.replicaSetPrinter,
  statefulsets: work.statefulSetPrinter,
  daemonsets: work.daemonSetPrinter,
  jobs: work.jobPrinter,
  services: net.servicePrinter,
  endpoints: net.endpointsPrinter,
  endpointslices: net.endpointSlicePrinter,
  ingresses: net.ingressPrinter,
  ingressclasses: net.ingressClassPrinter,
  networkpolicies: net.networkPolicyPrinter,
  configmaps: core.configMapPrinter,
  secrets: core.secretPrinter,
  namespaces: core.namespacePrinter,
  serviceaccounts: core.serviceAccountPrinter,
  nodes: core.nodePrinter,
  events: core.eventPrinter,
  resourcequotas: core.resourceQuotaPrinter,
  leases: core.leasePrinter,
};

/** The printer for a resource (plural, lower case); the default Name/Created At one otherwise. */
export function printerFor(resource: string): Printer {
  return PRINTERS[resource] ?? core.defaultPrinter;
}

/** Build the metav1.Table for `objects` of one resource, ages computed at `now` (ms). */
export function printTable(resource: string, objects: readonly KObject[], now: number, resourceVersion?: string): Table {
  const printer = printerFor(resource);
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: resourceVersion === undefined ? {} : { resourceVersion },
    columnDefinitions: printer.columns,
    rows: objects.map((o) => ({ cells: printer.row(o, now), object: o })),
  };
}
