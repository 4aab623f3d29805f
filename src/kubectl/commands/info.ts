// Commands that describe the cluster rather than objects: version, cluster-info, api-resources, top.
import { versionInfo } from "../../cluster/index.ts";
import { CmdError } from "../cli/errors.ts";
import type { Invocation } from "../cli/invocation.ts";
import { GET_TABWRITER, tabwrite } from "../output/tabwriter.ts";
import { toYaml } from "../output/yaml.ts";

export const CLIENT_VERSION = "v1.32.4";
const KUSTOMIZE_VERSION = "v5.5.0";

/** The API server address kubeadm writes into the kubeconfig: the control plane's first IP. */
export function serverURL(inv: Invocation): string {
  return `https://${inv.cluster.config.nodes[0]?.ip ?? "127.0.0.1"}:6443`;
}

export function version(inv: Invocation): number {
  const clientOnly = inv.bool("client");
  const server = versionInfo(inv.cluster.config.kubernetesVersion).gitVersion;
  const o = inv.str("output");
  if (o === "json" || o === "yaml") {
    const doc: Record<string, unknown> = {
      clientVersion: versionInfo(CLIENT_VERSION),
      kustomizeVersion: KUSTOMIZE_VERSION,
    };
    if (!clientOnly) doc.serverVersion = versionInfo(server);
    // version -o json indents by two spaces, unlike the object printers.
    inv.out(o === "json" ? JSON.stringify(doc, null, 2) + "\n" : toYaml(doc));
    return 0;
  }
  if (o !== "") throw new CmdError(`--output must be 'yaml' or 'json'`);
  let text = `Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
  if (!clientOnly) text += `Server Version: ${server}\n`;
  inv.out(text);
  return 0;
}

const GREEN = "\x1b[0;32m";
const YELLOW = "\x1b[0;33m";
const RESET = "\x1b[0m";

export function clusterInfo(inv: Invocation): number {
  const url = serverURL(inv);
  let text = `${GREEN}Kubernetes control plane${RESET} is running at ${YELLOW}${url}${RESET}\n`;
  const svcs = inv.cluster.list({ group: "", resource: "services" }, { namespace: "kube-system", labelSelector: "kubernetes.io/cluster-service=true" });
  if (svcs.ok) {
    for (const svc of [...svcs.value].sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1))) {
      const name = svc.metadata.labels?.["kubernetes.io/name"] ?? svc.metadata.name ?? "";
      const ports = (svc.spec as { ports?: { name?: string; port?: number }[] } | undefined)?.ports ?? [];
      const port = ports[0]?.name ? `:${ports[0].name}` : "";
      text += `${GREEN}${name}${RESET} is running at ${YELLOW}${url}/api/v1/namespaces/kube-system/services/${svc.metadata.name}${port}/proxy${RESET}\n`;
    }
  }
  text += `\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`;
  inv.out(text);
  return 0;
}

export function apiResources(inv: Invocation): number {
  const wide = inv.str("output") === "wide";
  const o = inv.str("output");
  if (o !== "" && o !== "wide" && o !== "name") throw new CmdError(`--output ${o} is not available`);
  let resources = inv.cluster.resources().filter((r) => !r.resource.includes("/"));
  if (inv.has("namespaced")) resources = resources.filter((r) => String(r.namespaced) === inv.str("namespaced"));
  if (inv.has("api-group")) resources = resources.filter((r) => r.group === inv.str("api-group"));
  const verbs = inv.list("verbs");
  if (verbs.length > 0) resources = resources.filter((r) => verbs.every((v) => r.verbs.includes(v)));
  const sortBy = inv.str("sort-by");
  resources = [...resources].sort((a, b) => {
    const ka = sortBy === "name" ? a.resource : sortBy === "kind" ? a.kind : a.group;
    const kb = sortBy === "name" ? b.resource : sortBy === "kind" ? b.kind : b.group;
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0;
  });
  if (o === "name") {
    inv.out(resources.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource) + "\n").join(""));
    return 0;
  }
  const lines: string[] = [];
  if (!inv.bool("no-headers")) lines.push(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", ...(wide ? ["VERBS", "CATEGORIES"] : [])].join("\t"));
  for (const r of resources) {
    const cells = [r.resource, r.shortNames.join(","), r.group ? `${r.group}/${r.version}` : r.version, String(r.namespaced), r.kind];
    if (wide) cells.push(r.verbs.join(","), r.categories.join(","));
    lines.push(cells.join("\t"));
  }
  inv.out(tabwrite(lines.join("\n") + "\n", GET_TABWRITER));
  return 0;
}

export function top(): number {
  throw new CmdError("Metrics API not available");
}
