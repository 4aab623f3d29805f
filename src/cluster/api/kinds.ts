// Per-kind write strategies, looked up by Kind.
import type { Strategy } from "./strategy.ts";
import { dns1123Label } from "./names.ts";
import { serviceStrategy } from "./service.ts";
import { configMapStrategy, endpointSliceStrategy, ingressStrategy, networkPolicyStrategy, secretStrategy } from "./networking.ts";
import { limitRangeStrategy, resourceQuotaStrategy } from "./quota.ts";
import { leaseStrategy } from "./lease.ts";
import { daemonSetStrategy, deploymentStrategy, podStrategy, replicaSetStrategy, statefulSetStrategy } from "./workloads.ts";

const STRATEGIES: Record<string, Strategy> = {
  Namespace: {
    nameRule: dns1123Label,
    defaults(obj) {
      // The API server labels every namespace with its own name (NamespaceDefaultLabelName).
      obj.metadata.labels = { ...obj.metadata.labels, "kubernetes.io/metadata.name": obj.metadata.name ?? "" };
      obj.spec = { finalizers: ["kubernetes"], ...(obj.spec as object) };
      if (!obj.metadata.deletionTimestamp) obj.status = { phase: "Active" };
    },
  },
  Service: serviceStrategy,
  Pod: podStrategy,
  Deployment: deploymentStrategy,
  ReplicaSet: replicaSetStrategy,
  StatefulSet: statefulSetStrategy,
  DaemonSet: daemonSetStrategy,
  Ingress: ingressStrategy,
  IngressClass: { generation: true },
  NetworkPolicy: networkPolicyStrategy,
  EndpointSlice: endpointSliceStrategy,
  ConfigMap: configMapStrategy,
  Secret: secretStrategy,
  ResourceQuota: resourceQuotaStrategy,
  LimitRange: limitRangeStrategy,
  Lease: leaseStrategy,
};

export function strategyFor(kind: string): Strategy {
  return STRATEGIES[kind] ?? {};
}
