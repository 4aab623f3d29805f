// coordination.k8s.io/v1 Lease: validation (k/k pkg/apis/coordination/validation
// ValidateLeaseSpec) and the leases a kubeadm cluster keeps renewing: one per node in
// kube-node-lease (the kubelet: holder = node name, 40 s, renewed every 10 s, owned by
// the Node) and the leader-election leases of kube-controller-manager and kube-scheduler
// in kube-system (15 s, renewed every 2 s).
import type { KObject } from "./types.ts";
import type { Strategy } from "./strategy.ts";
import type { FieldError } from "./errors.ts";
import { stableUid } from "./objects.ts";

export const NODE_LEASE_NAMESPACE = "kube-node-lease";
export const NODE_LEASE_SECONDS = 40;
// kubelet: renewInterval = leaseDuration * 0.25.
const NODE_RENEW_MS = NODE_LEASE_SECONDS * 250;
// kube-controller-manager / kube-scheduler: leaseDuration 15s, retryPeriod 2s.
const LEADER_LEASE_SECONDS = 15;
const LEADER_RENEW_MS = 2000;
export const LEADER_LEASES = ["kube-controller-manager", "kube-scheduler"];

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export const leaseStrategy: Strategy = {
  validate(obj) {
    const errs: FieldError[] = [];
    const spec = (obj.spec ?? {}) as LeaseSpec;
    if (typeof spec.leaseDurationSeconds === "number" && spec.leaseDurationSeconds <= 0)
      errs.push({ type: "Invalid", field: "spec.leaseDurationSeconds", value: spec.leaseDurationSeconds, detail: "must be greater than 0" });
    if (typeof spec.leaseTransitions === "number" && spec.leaseTransitions < 0)
      errs.push({ type: "Invalid", field: "spec.leaseTransitions", value: spec.leaseTransitions, detail: "must be greater than or equal to 0" });
    return errs;
  },
  present: (obj, now) => renewedLease(obj, now),
};

/** metav1.MicroTime: RFC 3339 with microseconds. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** The Lease the kubelet creates for its node (kubelet nodelease controller). */
export function nodeLease(node: KObject): KObject {
  const name = node.metadata.name!;
  const created = node.metadata.creationTimestamp ?? undefined;
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: {
      name,
      namespace: NODE_LEASE_NAMESPACE,
      uid: stableUid(`lease/${NODE_LEASE_NAMESPACE}/${name}`),
      creationTimestamp: created,
      ownerReferences: [{ apiVersion: "v1", kind: "Node", name, uid: node.metadata.uid ?? "" }],
    },
    spec: {
      holderIdentity: name,
      leaseDurationSeconds: NODE_LEASE_SECONDS,
      renewTime: microTime(created ? Date.parse(created) : 0),
    },
  };
}

/** kube-controller-manager's and kube-scheduler's leader-election Lease, held by the control-plane node. */
export function leaderLease(component: string, node: string, created: string): KObject {
  const at = microTime(Date.parse(created));
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name: component, namespace: "kube-system", uid: stableUid(`lease/kube-system/${component}`), creationTimestamp: created },
    spec: {
      // client-go leaderelection: "<hostname>_<uuid>".
      holderIdentity: `${node}_${stableUid(`holder/${component}/${node}`)}`,
      leaseDurationSeconds: LEADER_LEASE_SECONDS,
      acquireTime: at,
      renewTime: at,
      leaseTransitions: 0,
    },
  };
}

/** How often the lease's holder renews it, when the cluster itself holds it. */
function renewPeriod(lease: KObject): number | undefined {
  const spec = (lease.spec ?? {}) as LeaseSpec;
  const m = lease.metadata;
  if (m.namespace === NODE_LEASE_NAMESPACE && spec.holderIdentity === m.name && m.ownerReferences?.some((r) => r.kind === "Node" && r.name === m.name))
    return NODE_RENEW_MS;
  if (m.namespace === "kube-system" && LEADER_LEASES.includes(m.name ?? "") && spec.holderIdentity) return LEADER_RENEW_MS;
  return undefined;
}

/**
 * The lease as its holder has last renewed it by `now`. Renewals are computed when the
 * lease is read rather than written every few seconds: a write per node every 10 s
 * would wake every watcher and cache of the cluster for a change nobody looks at.
 */
export function renewedLease(lease: KObject, now: number): KObject {
  const period = renewPeriod(lease);
  const spec = lease.spec as LeaseSpec | undefined;
  const last = spec?.renewTime ? Date.parse(spec.renewTime) : NaN;
  if (!period || Number.isNaN(last) || now < last + period) return lease;
  const renewed = last + Math.floor((now - last) / period) * period;
  return { ...lease, spec: { ...spec, renewTime: microTime(renewed) } };
}
