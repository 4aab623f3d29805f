// Describers by resource: each builds the text kubectl describe prints for one object.
import type { KObject } from "../../cluster/index.ts";
import type { DescribeContext } from "./context.ts";
import { describeConfigMap, describeGeneric, describeNamespace, describeNode, describeSecret, describeServiceAccount } from "./core.ts";
import { describeEndpointSlice, describeEndpoints, describeIngress, describeIngressClass, describeNetworkPolicy, describeService } from "./network.ts";
import { describePod } from "./pod.ts";
import { describeLimitRange, describeQuota } from "./quota.ts";
import { describeDaemonSet, describeDeployment, describeReplicaSet, describeStatefulSet } from "./workloads.ts";

export type { DescribeContext } from "./context.ts";

type Describer = (o: KObject, ctx: DescribeContext) => string;

const DESCRIBERS: Record<string, Describer> = {
  pods: describePod,
  services: describeService,
  endpoints: describeEndpoints,
  endpointslices: describeEndpointSlice,
  ingresses: describeIngress,
  ingressclasses: describeIngressClass,
  networkpolicies: describeNetworkPolicy,
  deployments: describeDeployment,
  replicasets: describeReplicaSet,
  statefulsets: describeStatefulSet,
  daemonsets: describeDaemonSet,
  configmaps: describeConfigMap,
  secrets: describeSecret,
  namespaces: describeNamespace,
  nodes: describeNode,
  serviceaccounts: describeServiceAccount,
  resourcequotas: describeQuota,
  limitranges: describeLimitRange,
};

export function describeObject(resource: string, o: KObject, ctx: DescribeContext): string {
  return (DESCRIBERS[resource] ?? describeGeneric)(o, ctx);
}
