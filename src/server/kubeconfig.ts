// The kubeconfig `labnotes serve` writes: one cluster, one user, one context, plain http.
// Names follow kubeadm's admin.conf, as the simulated kubectl's kubeconfig does.
// insecure-skip-tls-verify: client libraries (@kubernetes/client-node) refuse plain
// http without it; kubectl ignores it for an http server.
import { stringify } from "yaml";

export const KUBECONFIG_NAMES = { cluster: "kubernetes", user: "kubernetes-admin", context: "kubernetes-admin@kubernetes" } as const;

export function kubeconfigYaml(opts: { server: string; namespace?: string }): string {
  const n = KUBECONFIG_NAMES;
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ cluster: { "insecure-skip-tls-verify": true, server: opts.server }, name: n.cluster }],
    contexts: [{ context: { cluster: n.cluster, ...(opts.namespace ? { namespace: opts.namespace } : {}), user: n.user }, name: n.context }],
    "current-context": n.context,
    preferences: {},
    users: [{ name: n.user, user: {} }],
  });
}
