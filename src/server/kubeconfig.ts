// The kubeconfig `labnotes serve` writes: one cluster, one user, one context, plain http.
import { stringify } from "yaml";

export function kubeconfigYaml(opts: { server: string; name: string; namespace?: string }): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ cluster: { server: opts.server }, name: opts.name }],
    contexts: [{ context: { cluster: opts.name, namespace: opts.namespace ?? "default", user: opts.name }, name: opts.name }],
    "current-context": opts.name,
    preferences: {},
    users: [{ name: opts.name, user: {} }],
  });
}
