// The ServiceAccount admission plugin's token mount (k/k plugin/pkg/admission/serviceaccount):
// every pod that does not opt out gets a projected `kube-api-access-xxxxx` volume (a bound
// token, the cluster CA from kube-root-ca.crt and the namespace) mounted read-only at
// /var/run/secrets/kubernetes.io/serviceaccount in each container. It shows in
// `describe pod` (Mounts, Volumes) and `get pod -o yaml`, and the kubelet fills the files.
import { fnv32a } from "../controllers/hash.ts";
import { SAFE_ALPHANUMS } from "../random.ts";

export const SERVICE_ACCOUNT_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
/** The bound token's requested lifetime: one hour plus the 7 s the plugin adds. */
export const TOKEN_EXPIRATION_SECONDS = 3607;

type Obj = Record<string, any>;

/**
 * The projected volume's name. Upstream draws `utilrand.String(5)`; we derive the suffix from
 * the pod's identity and the clock instead, so adding the volume does not shift the seeded
 * stream that names pods and allocates addresses.
 */
function volumeName(namespace: string, name: string, now: number): string {
  // 27^5 < 2^32: five base-27 digits of one FNV hash.
  let h = fnv32a(`${namespace}/${name}/${now}`);
  let suffix = "";
  for (let i = 0; i < 5; i++) {
    suffix += SAFE_ALPHANUMS[h % SAFE_ALPHANUMS.length];
    h = Math.floor(h / SAFE_ALPHANUMS.length);
  }
  return `kube-api-access-${suffix}`;
}

function tokenVolume(name: string): Obj {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: "token" } },
        { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
      ],
    },
  };
}

/** Adds the token volume and mounts to a pod being created (spec already defaulted). */
export function mountServiceAccountToken(spec: Obj, namespace: string, name: string, now: number): void {
  if (spec.automountServiceAccountToken === false) return;
  const containers = [...((spec.initContainers as Obj[]) ?? []), ...((spec.containers as Obj[]) ?? [])].filter((c) => c && typeof c === "object");
  // A pod that already mounts something at the path keeps its own volume (the plugin skips it).
  if (containers.some((c) => ((c.volumeMounts as Obj[]) ?? []).some((m) => m?.mountPath === SERVICE_ACCOUNT_MOUNT_PATH))) return;
  const volume = volumeName(namespace, name, now);
  spec.volumes = [...((spec.volumes as Obj[]) ?? []), tokenVolume(volume)];
  for (const c of containers) {
    c.volumeMounts = [...((c.volumeMounts as Obj[]) ?? []), { mountPath: SERVICE_ACCOUNT_MOUNT_PATH, name: volume, readOnly: true }];
  }
}
