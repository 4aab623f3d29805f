// What the shell adds to the pod files the cluster provides (Cluster.podFiles: resolv.conf,
// hosts, Service variables): the node's own resolv.conf, the hostname, and a container's
// own `env:` entries.
import { downwardFieldValue, type Cluster, type KObject } from "../cluster/index.ts";

type Obj = Record<string, any>;

/** A node's own resolv.conf: Ubuntu's systemd-resolved stub. */
export const NODE_RESOLV_CONF = "nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n";

/** The hostname a container sees: spec.hostname when set, else the pod name. */
export function podHostname(pod: KObject): string {
  return ((pod as Obj).spec?.hostname as string | undefined) ?? pod.metadata.name ?? "";
}

/** Literal `env:` values of a container (valueFrom references are resolved when they are plain). */
export function containerEnv(cluster: Cluster, pod: KObject, container: string): Record<string, string> {
  const c = (((pod as Obj).spec?.containers as Obj[]) ?? []).find((x) => x.name === container);
  const env: Record<string, string> = {};
  for (const e of (c?.env as Obj[]) ?? []) {
    if (typeof e.value === "string") env[e.name] = e.value;
    else if (e.valueFrom?.fieldRef?.fieldPath) env[e.name] = downwardFieldValue(pod, e.valueFrom.fieldRef.fieldPath);
    else if (e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.configMapKeyRef;
      const cm = cluster.get({ group: "", resource: "configmaps", namespace: pod.metadata.namespace, name: ref.name });
      if (cm.ok) env[e.name] = ((cm.value as Obj).data ?? {})[ref.key] ?? "";
    }
  }
  return env;
}
